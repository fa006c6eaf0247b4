// Runs the program in this Node.js process: the only place of the command line that touches the real
// process object. Start-up calls it with its shortcuts; called without them, it is the plain program.

import path from "node:path";
import process from "node:process";
import { fdStream } from "../output/fd-stream.js";
import { PROGRAM_VERSION } from "../version.js";
import { type EverydayReader, main } from "./main.js";

/** The package version. */
export const version = PROGRAM_VERSION;

/** What start-up may hand over to make a start cheaper; the program is the same without them. */
export interface Shortcuts {
  /** Tells whether a descriptor is a terminal (default: Node's tty module). */
  isTerminal?: (fd: number) => Promise<boolean>;
  /** Reads lookups and searches apart without commander (default: commander reads every command line). */
  readEveryday?: EverydayReader;
}

/**
 * Runs `glossary` with this process's arguments and streams, and exits with its status.
 * @example await run(packageRoot) // the plain program: what start-up does, without its shortcuts
 */
export async function run(packageRoot: string, shortcuts: Shortcuts = {}): Promise<void> {
  const isTerminal = shortcuts.isTerminal ?? (async (fd: number) => (await import("node:tty")).isatty(fd));
  // A reader that stops early (`glossary list | head -1`) closes the pipe: that is not an error.
  const stdout = fdStream(1, { name: "standard output", isTTY: await isTerminal(1), size: () => process.stdout, onClosed: () => process.exit(0) });
  // Only progress bars ask whether stderr is a terminal.
  const stderr = fdStream(2, { name: "standard error", quiet: true, isTTY: () => process.stderr.isTTY === true, size: () => process.stderr, onClosed: () => {} });
  const code = await main(
    {
      argv: process.argv.slice(2),
      env: process.env,
      stdout,
      stderr,
      cwd: process.cwd(),
      page: async (command, text, env) => (await import("./pager-process.js")).runPager(command, text, env),
      startInBackground: async (args) => {
        // Detached, with no streams of this one: it outlives this process, and never writes to its terminal.
        // Node's child processes are loaded only then (they cost a start that needs none).
        const { spawn } = await import("node:child_process");
        try {
          const cwd = path.parse(process.cwd()).root;
          const child = spawn(process.execPath, [path.join(packageRoot, "bin", "glossary.cjs"), ...args], { detached: true, stdio: "ignore", env: process.env, cwd });
          child.on("error", () => {});
          child.unref();
          return child.pid ?? null;
        } catch {
          // No process could be made (a limit reached): the next command tries again.
          return null;
        }
      },
      untilStopped: () => {
        const controller = new AbortController();
        // The first signal ends the command once the work under way is done; a second one ends it at once:
        // no longer listened to, it does what the system does by default (Ctrl-C: status 130), even while
        // the work holds this thread.
        const signals = ["SIGINT", "SIGTERM", "SIGHUP"] as const;
        const first = (): void => {
          for (const signal of signals) process.off(signal, first);
          controller.abort();
        };
        for (const signal of signals) process.on(signal, first);
        return controller.signal;
      },
    },
    { packageRoot, version },
    shortcuts.readEveryday,
  );
  // Everything is written (synchronously) and nothing else is pending: exit now rather than after Node's
  // teardown of the heap, which takes longer than a lookup.
  process.exit(code);
}
