// The program: runs one command line against a process-like object and returns its exit code. The one
// place where any error becomes `glossary: <message>` (with its hint) and an exit code.

import { GlossaryError } from "../errors.js";
import type { ProcessLike } from "../output/stream.js";
import type { EverydayLine } from "./options.js";
import { type MainOptions, type Session, createSession } from "./session.js";

/** Exit status for a failure that is a bug in this program (sysexits' EX_SOFTWARE). */
export const INTERNAL_ERROR = 70;

/**
 * Reads a lookup or a search apart without commander, or returns null for anything else (start-up's fast
 * reader; without one, commander reads every command line).
 */
export type EverydayReader = (argv: readonly string[]) => EverydayLine | null;

/**
 * Runs one command line. Everything the program prints goes through `proc`; the exit code is returned,
 * never passed to `process.exit`.
 * @example await main({ argv: ["asynchrone"], env: {}, stdout, stderr }, { packageRoot, version }) // 0
 */
export async function main(proc: ProcessLike, options: MainOptions, readEveryday?: EverydayReader): Promise<number> {
  const session = createSession(proc, options);
  try {
    await session.configure();
    const line = readEveryday?.(proc.argv) ?? null;
    if (line !== null) await runEveryday(line, session);
    else await (await import("./program.js")).runProgram(session, options.version, proc.argv);
    return session.exitCode();
  } catch (error) {
    return reportError(error, session.note);
  }
}

/** Runs a lookup or a search read apart by start-up, as commander would have run it. */
async function runEveryday(line: EverydayLine, session: Session): Promise<void> {
  const settings = session.settings(line.options);
  if (line.command === "search") {
    const { searchCommand } = await import("../app/commands.js");
    await session.withGlossary(settings, (glossary) => searchCommand(line.words, line.commandOptions["limit"] as number, settings, glossary));
  } else {
    await session.lookUp(line.words, settings, true);
  }
}

/** Prints an error once, as one line plus a hint, and picks the exit code. */
export function reportError(error: unknown, note: (message: string) => void): number {
  if (error instanceof GlossaryError) {
    note(error.message);
    if (error.hint) note(error.hint);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  note(`internal error: ${message.split("\n")[0]}`);
  note("this is a bug in glossary; please report it with the command that caused it");
  return INTERNAL_ERROR;
}

