// The program's front door. A plain lookup (`glossary [options] <term...>`, the command typed most) is
// answered here, by the same session, query and render code as the full program, without loading commander
// and the other commands; every other command line goes to main.ts, loaded only then.

import type { ProcessLike } from "../output/stream.js";
import { readLookupLine } from "./arguments.js";
import { type MainOptions, createSession, reportError } from "./session.js";
import { showCommand } from "./show.js";

/**
 * Runs a plain lookup; null when the command line is anything else (nothing has been printed then).
 * @example await quickLookup({ argv: ["asynchrone"], env: {}, stdout, stderr }, options) // 0, the entry on stdout
 * @example await quickLookup({ argv: ["--help"], env: {}, stdout, stderr }, options)     // null
 */
export async function quickLookup(proc: ProcessLike, options: MainOptions): Promise<number | null> {
  const line = readLookupLine(proc.argv);
  if (line === null) return null;
  const session = createSession(proc, options);
  try {
    const settings = session.settings(line.options);
    await session.withGlossary(settings, (glossary) => showCommand(line.words, settings, glossary));
    return session.exitCode();
  } catch (error) {
    return reportError(error, session.note);
  }
}

/** Runs any command line: a plain lookup here, anything else through the full program. */
export async function start(proc: ProcessLike, options: MainOptions): Promise<number> {
  const answered = await quickLookup(proc, options);
  if (answered !== null) return answered;
  const { main } = await import("./main.js");
  return main(proc, options);
}
