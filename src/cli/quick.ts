// The program's front door. The everyday command lines, a lookup (`glossary [options] <term...>`, the
// command typed most) and a search, are answered here, by the same session, query and render code as the
// full program, without loading commander; every other command line goes to main.ts, loaded only then.

import type { ProcessLike } from "../output/stream.js";
import { readEverydayLine } from "./arguments.js";
import { type MainOptions, createSession, reportError } from "./session.js";
import { showCommand } from "./show.js";

/**
 * Runs a lookup or a search; null when the command line is anything else (nothing has been printed then).
 * @example await quickLookup({ argv: ["asynchrone"], env: {}, stdout, stderr }, options) // 0, the entry on stdout
 * @example await quickLookup({ argv: ["--help"], env: {}, stdout, stderr }, options)     // null
 */
export async function quickLookup(proc: ProcessLike, options: MainOptions): Promise<number | null> {
  const line = readEverydayLine(proc.argv);
  if (line === null) return null;
  const session = createSession(proc, options);
  try {
    const settings = session.settings(line.options);
    if (line.command === "search") {
      const { searchCommand } = await import("./commands.js");
      await session.withGlossary(settings, (glossary) => searchCommand(line.words, line.commandOptions["limit"] as number, settings, glossary));
    } else {
      await session.withGlossary(settings, (glossary) => showCommand(line.words, settings, glossary));
    }
    return session.exitCode();
  } catch (error) {
    return reportError(error, session.note);
  }
}

/** Runs any command line: a lookup or a search here, anything else through the full program. */
export async function start(proc: ProcessLike, options: MainOptions): Promise<number> {
  const answered = await quickLookup(proc, options);
  if (answered !== null) return answered;
  const { main } = await import("./main.js");
  return main(proc, options);
}
