// Runs the program in this Node.js process: the only place that touches the real process object.

import fs from "node:fs";
import process from "node:process";
import { fdStream } from "../output/fd-stream.js";
import { PROGRAM_VERSION } from "../version.js";
import { start } from "./quick.js";

export { start };

/** The package version. */
export const version = PROGRAM_VERSION;

/**
 * True when the descriptor is a terminal. Node's tty module loads the whole stream machinery, so it is asked
 * only about a descriptor that may be one (see {@link mayBeTerminal}).
 */
async function isTerminal(fd: number): Promise<boolean> {
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

/** Runs `glossary` with this process's arguments and streams, and exits with its status. */
export async function run(packageRoot: string): Promise<void> {
  // A reader that stops early (`glossary list | head -1`) closes the pipe: that is not an error.
  const stdout = fdStream(1, { name: "standard output", isTTY: await isTerminal(1), size: () => process.stdout, onClosed: () => process.exit(0) });
  // Only progress bars ask whether stderr is a terminal.
  const stderr = fdStream(2, { name: "standard error", quiet: true, isTTY: () => process.stderr.isTTY === true, size: () => process.stderr, onClosed: () => {} });
  const code = await start(
    { argv: process.argv.slice(2), env: process.env, stdout, stderr, cwd: process.cwd(), page: async (...args) => (await import("./pager-process.js")).runPager(...args) },
    { packageRoot, version },
  );
  // Everything is written (synchronously) and nothing else is pending: exit now rather than after Node's
  // teardown of the heap, which takes longer than a lookup.
  process.exit(code);
}
