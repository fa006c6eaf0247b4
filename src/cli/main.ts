// The program's one entry: runs a command line against a process-like object and returns the exit code.

import path from "node:path";
import { CommanderError } from "commander";
import { ExitCode, GlossaryError } from "../errors.js";
import { stripControls } from "../output/sanitize.js";
import type { ProcessLike } from "../output/stream.js";
import type { Glossary } from "../query/glossary.js";
import type { CommandOutput } from "./commands.js";
import { cacheRoot } from "../index/cache.js";
import { pagerCommand, pagerEnvironment, tallerThanScreen } from "../output/pager.js";
import { progressBar } from "../output/progress.js";
import { bundledPaths, openGlossary, queryWithRebuild } from "./open.js";
import { buildProgram } from "./program.js";
import { type Settings, settingsFrom } from "./settings.js";

/** Exit status for a failure that is a bug in this program (sysexits' EX_SOFTWARE). */
export const INTERNAL_ERROR = 70;

export interface MainOptions {
  /** The package folder, holding `data/` and `dist/`. */
  packageRoot: string;
  version: string;
}

/**
 * Runs one command line. Everything the program prints goes through `proc`; the exit code is returned,
 * never passed to `process.exit`.
 * @example await main({ argv: ["asynchrone"], env: {}, stdout, stderr }, { packageRoot, version }) // 0
 */
export async function main(proc: ProcessLike, options: MainOptions): Promise<number> {
  const note = (message: string): void => {
    proc.stderr.write(`glossary: ${stripControls(message)}\n`);
  };
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
  const bundled = bundledPaths(options.packageRoot);
  const cache = cacheRoot(proc.env);
  const progress = (label: string) => (proc.stderr.isTTY ? progressBar(proc.stderr, label) : undefined);
  const open = (settings: Settings, rebuild: boolean): Promise<Glossary> =>
    openGlossary({
      sources: settings.sources,
      bundled: settings.bundled,
      packageRoot: options.packageRoot,
      verbose: settings.verbose ? note : () => {},
      rebuild,
      cache,
      progress: (label) => progress(`indexing ${label}`),
    });
  const context = {
    settings: (commandOptions: Parameters<typeof settingsFrom>[0]) =>
      settingsFrom(commandOptions, proc.env, { isTTY: proc.stdout.isTTY === true, columns: proc.stdout.columns }),
    open: (settings: Settings) => open(settings, false),
    async withGlossary(settings: Settings, run: (glossary: Glossary) => Promise<CommandOutput> | CommandOutput): Promise<void> {
      const output = await queryWithRebuild((rebuild) => open(settings, rebuild), run, settings.verbose ? note : () => {});
      await emitPaged(output, settings);
    },
    emit,
    cache,
    progress,
    paths: { ...bundled, bundledData: bundled.data, cwd: proc.cwd ?? path.resolve(), home: proc.env["HOME"] || proc.env["USERPROFILE"] },
    writeOut: (text: string) => {
      proc.stdout.write(text);
    },
    writeErr: (text: string) => {
      proc.stderr.write(text);
    },
  };

  try {
    await buildProgram(context, options.version).parseAsync([...proc.argv], { from: "user" });
    return exitCode;
  } catch (error) {
    return reportError(error, note);
  }
}

/** Prints an error once, as one line plus a hint, and picks the exit code. */
export function reportError(error: unknown, note: (message: string) => void): number {
  if (error instanceof CommanderError) {
    // Commander has printed its message already; help and version are not errors.
    if (error.code === "commander.helpDisplayed" || error.code === "commander.version") return ExitCode.Found;
    return ExitCode.Usage;
  }
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
