// Start-up's cheaper question "may this descriptor be a terminal?": on Linux, /proc names what a descriptor
// is, which costs less than its status or Node's tty module.

import fs from "node:fs";
import process from "node:process";

/**
 * True when the descriptor is a terminal. Node's tty module loads the whole stream machinery, so it is asked
 * only about a descriptor that may be one (see {@link mayBeTerminal}).
 */
export async function isTerminal(fd: number): Promise<boolean> {
  return mayBeTerminal(fd) && (await import("node:tty")).isatty(fd);
}

/**
 * False for a descriptor that is certainly no terminal: a pipe, a socket, a file, or /dev/null (where
 * benchmarks and scripts often send output). On Linux, /proc names what the descriptor is, a cheaper
 * question than its status: a pipe, a socket or /dev/null is none, a device in /dev may be one; anything
 * else (a file, or a terminal device somewhere else) is asked like everywhere else: only a character
 * device other than /dev/null may be a terminal.
 */
export function mayBeTerminal(fd: number): boolean {
  if (process.platform === "linux") {
    try {
      const target = fs.readlinkSync(`/proc/self/fd/${fd}`);
      if (target === "/dev/null" || target.startsWith("pipe:") || target.startsWith("socket:") || target.startsWith("anon_inode:")) return false;
      if (target.startsWith("/dev/")) return true;
    } catch {
      // No /proc: ask the descriptor itself.
    }
  }
  try {
    const stat = fs.fstatSync(fd);
    return stat.isCharacterDevice() && (process.platform === "win32" || stat.rdev !== fs.statSync("/dev/null").rdev);
  } catch {
    return false;
  }
}
