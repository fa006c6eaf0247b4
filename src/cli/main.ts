// The full program: reads any command line with commander and runs it against a process-like object,
// returning the exit code. Lookups and searches are answered before it loads (quick.ts).

import { CommanderError } from "commander";
import { ExitCode } from "../errors.js";
import type { ProcessLike } from "../output/stream.js";
import { buildProgram } from "./program.js";
import { type MainOptions, createSession, reportError as reportSessionError } from "./session.js";

/**
 * Runs one command line. Everything the program prints goes through `proc`; the exit code is returned,
 * never passed to `process.exit`.
 * @example await main({ argv: ["asynchrone"], env: {}, stdout, stderr }, { packageRoot, version }) // 0
 */
export async function main(proc: ProcessLike, options: MainOptions): Promise<number> {
  const session = createSession(proc, options);
  try {
    await buildProgram(session, options.version).parseAsync([...proc.argv], { from: "user" });
    return session.exitCode();
  } catch (error) {
    return reportError(error, session.note);
  }
}

/** Prints an error once, as one line plus a hint, and picks the exit code. */
export function reportError(error: unknown, note: (message: string) => void): number {
  if (error instanceof CommanderError) {
    // Commander has printed its message already; help and version are not errors.
    if (error.code === "commander.helpDisplayed" || error.code === "commander.version") return ExitCode.Found;
    return ExitCode.Usage;
  }
  return reportSessionError(error, note);
}
