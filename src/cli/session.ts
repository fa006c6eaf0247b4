// What a command line runs with, whichever reader read it (quick.ts or commander in main.ts): notes on
// stderr, settings, the configured glossary (read again from the pages when an index is damaged), output
// through the pager when it is taller than the terminal, and the one report of an error.

import path from "node:path";
import { ExitCode, GlossaryError } from "../errors.js";
import { cacheRoot } from "../index/cache-root.js";
import { pagerCommand, pagerEnvironment, tallerThanScreen } from "../output/pager.js";
import { progressBar } from "../output/progress.js";
import { stripControls } from "../output/sanitize.js";
import type { ProcessLike } from "../output/stream.js";
import type { Glossary } from "../query/glossary.js";
import type { CommandOutput } from "./show.js";
import { bundledPaths, openGlossary, queryWithRebuild } from "./open.js";
import type { ProgramContext } from "./program.js";
import { type Settings, settingsFrom } from "./settings.js";

/** Exit status for a failure that is a bug in this program (sysexits' EX_SOFTWARE). */
export const INTERNAL_ERROR = 70;

export interface MainOptions {
  /** The package folder, holding `data/` and `dist/`. */
  packageRoot: string;
  version: string;
}

/** A run of one command line: what the commands need, and the exit status they set. */
export interface Session extends ProgramContext {
  /** Prints `glossary: <message>` on stderr. */
  note(message: string): void;
  /** The exit status so far: 0 unless a command output said otherwise. */
  exitCode(): number;
}

/**
 * The session of one command line run against `proc`.
 * @example const session = createSession(proc, { packageRoot, version }); session.note("hello") // "glossary: hello" on stderr
 */
export function createSession(proc: ProcessLike, options: MainOptions): Session {
  const note = (message: string): void => writeNote(proc.stderr, message);
  let exitCode: number = ExitCode.Found;
  const emit = (output: CommandOutput, code = 0): void => {
    for (const line of output.notes) note(line);
    proc.stdout.write(output.stdout);
    if (code !== 0) exitCode = code;
  };
  /** Prints a command's output, through the pager when it is taller than the terminal. */
  const emitPaged = async (output: CommandOutput, settings: Settings): Promise<void> => {
    const pager = settings.pager && settings.terminal && proc.page && tallerThanScreen(output.stdout, proc.stdout.rows) ? pagerCommand(proc.env) : null;
    if (pager !== null) {
      for (const line of output.notes) note(line);
      if (await proc.page!(pager, output.stdout, pagerEnvironment(proc.env))) return;
      note(`cannot run the pager "${pager}"; set GLOSSARY_PAGER or PAGER, or use --no-pager`);
      proc.stdout.write(output.stdout);
      return;
    }
    emit(output);
  };
  // Worked out when first needed: a lookup in the bundled entries needs neither.
  let cache: string | null | undefined;
  const cacheFolder = (): string | null => (cache === undefined ? (cache = cacheRoot(proc.env)) : cache);
  // Whether stderr is a terminal is asked at the first progress made, not before: only builds make any.
  const progress = (label: string) => {
    let bar: ((done: number, total: number) => void) | null | undefined;
    return (done: number, total: number): void => {
      bar ??= proc.stderr.isTTY ? progressBar(proc.stderr, label) : null;
      bar?.(done, total);
    };
  };
  const open = (settings: Settings, rebuild: boolean): Promise<Glossary> =>
    openGlossary({
      sources: settings.sources,
      bundled: settings.bundled,
      packageRoot: options.packageRoot,
      verbose: settings.verbose ? note : () => {},
      rebuild,
      cache: settings.sources.length > 0 ? cacheFolder() : null,
      progress: (label) => progress(`indexing ${label}`),
    });
  return {
    note,
    exitCode: () => exitCode,
    settings: (commandOptions) => settingsFrom(commandOptions, proc.env, { isTTY: proc.stdout.isTTY === true, columns: proc.stdout.columns }),
    open: (settings) => open(settings, false),
    async withGlossary(settings, run) {
      const output = await queryWithRebuild((rebuild) => open(settings, rebuild), run, settings.verbose ? note : () => {});
      await emitPaged(output, settings);
    },
    emit,
    get cache() {
      return cacheFolder();
    },
    progress,
    get paths() {
      const bundled = bundledPaths(options.packageRoot);
      return { ...bundled, bundledData: bundled.data, cwd: proc.cwd ?? path.resolve(), home: proc.env["HOME"] || proc.env["USERPROFILE"] };
    },
    writeOut: (text) => {
      proc.stdout.write(text);
    },
    writeErr: (text) => {
      proc.stderr.write(text);
    },
  };
}

/** Writes `glossary: <message>` as one line, as every note and error is written. */
export function writeNote(stream: { write(text: string): unknown }, message: string): void {
  stream.write(`glossary: ${stripControls(message)}\n`);
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
