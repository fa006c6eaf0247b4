// What a command line runs with, whichever reader read it (start-up's or commander): notes on stderr,
// settings, the configured glossary (read again from the pages when an index is damaged), and output through
// the pager when it is taller than the terminal.

import path from "node:path";
import { ExitCode, NotFoundError } from "../errors.js";
import { cacheRoot } from "../app/cache-root.js";
import { pagerCommand, pagerEnvironment, tallerThanScreen } from "../output/pager.js";
import { progressBar } from "../output/progress.js";
import { stripControls } from "../text/sanitize.js";
import type { ProcessLike } from "../output/stream.js";
import type { Glossary } from "../query/glossary.js";
import { bundledPaths, openGlossary, queryWithRebuild, type Refresh } from "../app/open.js";
import type { ProgramContext } from "./program.js";
import { settingsFrom } from "./settings.js";
import { type CommandOutput, DEFAULT_MAX_PAGE_BYTES, type FetchedSource, type GlossaryConfig, type Settings, WATCH_COMMAND } from "../types.js";
import { showCommand } from "../app/lookup-command.js";
import { dataRoot } from "../app/data-home.js";
import { readUserSetup } from "../app/user-setup.js";

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
  /**
   * Looks a term up and prints its entry (the lookup of `glossary <term>` and `glossary show <term>`).
   * `firstOnLine`: the words came first on the command line, where a mistyped command may be meant.
   */
  lookUp(words: readonly string[], settings: Settings, firstOnLine?: boolean): Promise<void>;
  /**
   * Reads the config file and the record of fetched sources (one failed open each when there is none),
   * before settings are made: an invalid config file is an error.
   */
  configure(): Promise<void>;
}

/**
 * The session of one command line run against `proc`.
 * @example const session = createSession(proc, { packageRoot, version }); session.note("hello") // "glossary: hello" on stderr
 */
export function createSession(proc: ProcessLike, options: MainOptions): Session {
  const note = (message: string): void => writeNote(proc.stderr, message);
  let exitCode: number = ExitCode.Found;
  let config: GlossaryConfig | null = null;
  let fetched: FetchedSource[] = [];
  let data: string | null | undefined;
  const dataFolder = (): string | null => (data === undefined ? (data = dataRoot(proc.env)) : data);
  const emit = (output: CommandOutput, code = output.exitCode ?? 0): void => {
    for (const line of output.notes) note(line);
    proc.stdout.write(output.stdout);
    for (const line of output.after ?? []) note(line);
    if (code !== 0) exitCode = code;
  };
  /** Prints a command's output, through the pager when it is taller than the terminal. */
  const emitPaged = async (output: CommandOutput, settings: Settings): Promise<void> => {
    const pager = settings.pager && settings.terminal && proc.page && tallerThanScreen(output.stdout, proc.stdout.rows) ? pagerCommand(proc.env, settings.pagerCommand) : null;
    if (pager !== null) {
      for (const line of output.notes) note(line);
      if (output.exitCode) exitCode = output.exitCode;
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
  const open = (settings: Settings, refresh: Refresh | null): Promise<Glossary> =>
    openGlossary({
      sources: settings.sources,
      bundled: settings.bundled,
      packageRoot: options.packageRoot,
      verbose: settings.verbose ? note : () => {},
      ...(refresh ? { refresh } : {}),
      ...(settings.fetched ? { fetched: settings.fetched } : {}),
      cache: settings.sources.length > 0 || settings.fetched ? cacheFolder() : null,
      ...(settings.maxPageBytes !== undefined ? { maxPageBytes: settings.maxPageBytes } : {}),
      progress: (label) => progress(`indexing ${label}`),
    });
  /**
   * Starts a watch in the background of each source of at least `settings.autoWatch` pages that none keeps
   * fresh (see app/background-watch.ts), once the command's output is written; marks running ones used.
   */
  const watchLargeSources = async (glossary: Glossary, settings: Settings): Promise<void> => {
    const pages = settings.autoWatch ?? 0;
    const cache = cacheFolder();
    if (pages <= 0 || cache === null || !proc.startInBackground || !glossary.layers.some((layer) => layer.label !== "bundled" && layer.index.size >= pages)) return;
    // Through the cache's bundle, which reading a source loaded already.
    const { claimForWatch, sourceCacheFolder, sourcesToWatch } = await import("../app/cache.js");
    for (const { folder, home } of sourcesToWatch(glossary.layers, (real) => sourceCacheFolder(cache, real), pages)) {
      // Absolute: the watch runs from the root folder, holding no other open.
      const spec = { folder: path.resolve(folder), sources: settings.sources.map((source) => path.resolve(source)), bundled: settings.bundled, maxPageBytes: settings.maxPageBytes ?? DEFAULT_MAX_PAGE_BYTES };
      const pid = await proc.startInBackground([WATCH_COMMAND, JSON.stringify(spec)]);
      // Its record claimed for it at once: the next command finds it, and one that ends before it claims it itself is not started again soon.
      if (pid !== null) claimForWatch(home, pid);
      if (settings.verbose) note(`${folder}: watching it in the background, to keep its index fresh (GLOSSARY_AUTO_WATCH=0: never)`);
    }
  };
  const withGlossary: Session["withGlossary"] = async (settings, run) => {
    let opened: Glossary | null = null;
    const output = await queryWithRebuild(async (refresh) => (opened = await open(settings, refresh)), run, settings.verbose ? note : () => {});
    await emitPaged(output, settings);
    if (opened !== null) await watchLargeSources(opened, settings);
  };
  return {
    note,
    exitCode: () => exitCode,
    async configure() {
      const setup = await readUserSetup(proc.env);
      config = setup.config;
      data = setup.data;
      fetched = setup.fetched;
      if (setup.damaged !== null) note(setup.damaged);
    },
    get config() {
      return config;
    },
    get fetched() {
      return fetched;
    },
    get data() {
      return dataFolder();
    },
    env: proc.env,
    async lookUp(words, settings, firstOnLine = false) {
      // Whether the terminal shows hyperlinks is asked only when an entry is drawn in colour for it.
      if (settings.format === "ansi" && !settings.short && settings.colorLevel > 0 && settings.hyperlinks === null) {
        settings = { ...settings, hyperlinks: (await import("./terminal.js")).supportsHyperlinks(settings.terminal) };
      }
      try {
        await withGlossary(settings, (glossary) => showCommand(words, settings, glossary));
      } catch (error) {
        // A miss whose first word is a command mistyped (`glossary serach closure`) names that command.
        if (!firstOnLine || !(error instanceof NotFoundError)) throw error;
        const command = (await import("./command-suggestion.js")).commandNear(words[0] ?? "");
        // The command is what was meant: neither spellings of the words nor a search of them would help.
        throw command === null ? error : new NotFoundError(error.message, `did you mean "${command}"?`);
      }
    },
    settings: (commandOptions) => settingsFrom(commandOptions, proc.env, { isTTY: proc.stdout.isTTY === true, columns: proc.stdout.columns }, config, fetched),
    open: (settings) => open(settings, null),
    withGlossary,
    emit,
    get cache() {
      return cacheFolder();
    },
    progress,
    // Without a way to be stopped, a command that runs until stopped runs until the process ends.
    untilStopped: () => proc.untilStopped?.() ?? new AbortController().signal,
    progressText: () => (proc.stderr.isTTY ? (text: string) => void proc.stderr.write(text) : null),
    get paths() {
      const bundled = bundledPaths(options.packageRoot);
      return { ...bundled, bundledData: bundled.data, cwd: proc.cwd ?? path.resolve(), home: proc.env["HOME"] || proc.env["USERPROFILE"] };
    },
    writeOut: (text) => {
      proc.stdout.write(text);
    },
    // Commander's errors: every line of them a note (the first already says `glossary:`).
    writeErr: (text) => {
      for (const line of text.replace(/\n$/, "").split("\n")) note(line.replace(/^glossary: /, ""));
    },
    writeUsage: (text) => {
      proc.stderr.write(text);
    },
  };
}

/**
 * Writes `glossary: <message>`, as every note and error is written: without control characters, and each
 * line of a message (there is rarely more than one) starting with `glossary:`.
 */
export function writeNote(stream: { write(text: string): unknown }, message: string): void {
  stream.write(stripControls(message).split("\n").map((line) => `glossary: ${line}\n`).join(""));
}
