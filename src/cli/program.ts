// The command line: commander definitions of the commands and options, wired to the command functions.

import path from "node:path";
import { Argument, Command, CommanderError, Option } from "commander";
import { ExitCode, UsageError } from "../errors.js";
import { stripControls } from "../text/sanitize.js";
import type { Glossary } from "../query/glossary.js";
import { GRAPH_MAX, langsCommand, listCommand, relatedCommand, searchCommand } from "../app/commands.js";
import type { TypedLine } from "./completion.js";
import { parseCount } from "./environment.js";
import { type CommonOptions, GLOBAL_OPTIONS, type OptionDefinition, optionFlags, HIDDEN_COMMANDS, SEARCH_OPTIONS } from "./options.js";
import { COMPLETE_COMMAND, ENVIRONMENT, EXAMPLES, EXIT_STATUS, SHELLS, SHORT_USAGE, type Shell, helpSection } from "./reference.js";
import { type CommandOutput, type Env, type FetchedSource, type GlossaryConfig, type Settings, WATCH_COMMAND } from "../types.js";

/** What the program needs from its caller to run a command. */
export interface ProgramContext {
  /** Settles settings from the options of the command being run. */
  settings(options: CommonOptions): Settings;
  /** Opens the glossary the settings describe. */
  open(settings: Settings): Promise<Glossary>;
  /** Runs a command against the glossary the settings describe (reopening it if its index is damaged). */
  withGlossary(settings: Settings, run: (glossary: Glossary) => Promise<CommandOutput> | CommandOutput): Promise<void>;
  /** Looks a term up and prints its entry. */
  lookUp(words: readonly string[], settings: Settings, firstOnLine?: boolean): Promise<void>;
  /** Prints a command's output, and sets the exit status when it is not 0. */
  emit(output: CommandOutput, exitCode?: number): void;
  /** The bundled entries' folder and the working directory (for paths in messages). */
  paths: { bundledData: string; cwd: string; worker: string; home: string | undefined };
  /** The cache folder for source indexes (null: no cache). */
  cache: string | null;
  /** Writes progress text on stderr when it is a terminal; null when it is not. */
  progressText(): ((text: string) => void) | null;
  /** A progress display for long work, when stderr is a terminal. */
  progress(label: string): ((done: number, total: number) => void) | undefined;
  /** A signal aborted when the user stops the program (Ctrl-C), for commands that run until then. */
  untilStopped(): AbortSignal;
  /** The config file, when there is one. */
  config: GlossaryConfig | null;
  /** The sources `glossary update` fetched, as the data folder records them. */
  fetched: FetchedSource[];
  /** The data folder (`$XDG_DATA_HOME/glossary`; null: none can be named). */
  data: string | null;
  /** The environment. */
  env: Env;
  /** Where commander writes help and its own errors. */
  writeOut(text: string): void;
  writeErr(text: string): void;
  /** Writes the short usage on stderr as it is (a few lines of our own, not a message to prefix). */
  writeUsage(text: string): void;
}

const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

/** A commander option from its definition. */
function commanderOption(definition: OptionDefinition): Option {
  const option = new Option(optionFlags(definition), definition.description);
  if (definition.choices) option.choices(definition.choices);
  if (definition.default !== undefined) option.default(definition.default);
  if (definition.parse) option.argParser(definition.parse);
  if (definition.repeatable) option.argParser(collect);
  return option;
}

/** Builds the program; `version` is the package version for `--version`. */
export function buildProgram(context: ProgramContext, version: string): Command {
  const program = new Command("glossary");
  program
    .description("Look up web development terms offline, in MDN Web Docs' glossary format, in any language it has.")
    .version(version, "-V, --version", "print the version")
    .helpOption("-h, --help", "show help (with a command: that command's help)")
    .argument("[term...]", "the term to look up (words are joined by one space)");
  for (const definition of GLOBAL_OPTIONS) program.addOption(commanderOption(definition));
  program
    .configureHelp({ showGlobalOptions: true, sortSubcommands: false })
    .addHelpText("after", `\n${[helpSection("Examples", EXAMPLES), helpSection("Environment", ENVIRONMENT), helpSection("Exit status", EXIT_STATUS)].join("\n\n")}\n`)
    .showSuggestionAfterError(true)
    .helpCommand(false)
    .configureOutput({
      writeOut: (text) => context.writeOut(text),
      writeErr: (text) => context.writeErr(text),
      outputError: (text, write) => write(`glossary: ${commanderMessage(text)}\n`),
    })
    .exitOverride()
    .action(async (words: string[], _options: unknown, command: Command) => {
      if (words.length === 0) {
        context.writeUsage(SHORT_USAGE);
        throw new CommanderError(ExitCode.Usage, "glossary.usage", "no term given");
      }
      await runShow(context, words, command, true);
    });

  program
    .command("show")
    .description("look up a term, even one named like a command (glossary show search engine)")
    .argument("<term...>", "the term to look up")
    .action(async (words: string[], _options: unknown, command: Command) => runShow(context, words, command));

  program
    .command("list")
    .description("list every title in a locale, sorted")
    .action(async (_options: unknown, command: Command) => {
      const settings = context.settings(command.optsWithGlobals<CommonOptions>());
      await context.withGlossary(settings, (glossary) => listCommand(settings, glossary));
    });

  const search = program
    .command("search")
    .description("search titles, summaries and texts: title<TAB>summary per result, best first")
    .argument("<query...>", "words to search for (typos and word starts are fine)");
  for (const definition of SEARCH_OPTIONS) search.addOption(commanderOption(definition));
  search.action(async (words: string[], options: { limit: number }, command: Command) => {
    const settings = context.settings(command.optsWithGlobals<CommonOptions>());
    await context.withGlossary(settings, (glossary) => searchCommand(words, options.limit, settings, glossary));
  });

  program
    .command("related")
    .description("terms related to an entry: its see-also list, the terms it links to, and the entries linking to it")
    .argument("<term...>", "the entry")
    .option("-d, --depth <steps>", "with --format dot: how many steps of links to draw", (v) => parseCount(v, "--depth"), 1)
    .option("-m, --max <count>", "with --format dot: draw at most this many entries, the nearest (a note says how many are left out)", (v) => parseCount(v, "--max"), GRAPH_MAX)
    .action(async (words: string[], options: { depth: number; max: number }, command: Command) => {
      const settings = context.settings(command.optsWithGlobals<CommonOptions>());
      await context.withGlossary(settings, (glossary) => relatedCommand(words, options.depth, settings, glossary, options.max));
    });

  program
    .command("langs")
    .description("each locale with its entry count; with a term, the term in every locale that has it")
    .argument("[term...]", "a term to show in every locale")
    .action(async (words: string[], _options: unknown, command: Command) => {
      const settings = context.settings(command.optsWithGlobals<CommonOptions>());
      await context.withGlossary(settings, (glossary) => langsCommand(words, settings, glossary));
    });

  program
    .command("index")
    .description("walk each configured source (--source, GLOSSARY_PATH), find every page added, changed or removed since it was indexed, and index what changed, or build its cached index")
    .option("--rebuild", "read every page again, even when the cached index is up to date")
    .option("--status", "show each cached source: its folder, whether it still exists, the size of its index, its age, and the process watching it in the background if any")
    .option("--prune", "remove the cached indexes of sources that no longer exist")
    .option("--watch", "index, then keep watching each source and index every change as it is made, until stopped (Ctrl-C)")
    .action(async (options: { rebuild?: boolean; status?: boolean; prune?: boolean; watch?: boolean }, command: Command) => {
      const asked = (["rebuild", "status", "prune", "watch"] as const).filter((name) => options[name] === true);
      if (asked.length > 1) throw new UsageError(`--${asked[0]} and --${asked[1]} ask for two things`, "give one of them");
      const settings = context.settings(command.optsWithGlobals<CommonOptions>());
      const maintenance = await import("../app/maintenance.js");
      if (options.watch) {
        const code = await maintenance.watchCommand(settings, context.cache, context.progress, context.paths.worker, context.untilStopped(), (output) => context.emit(output));
        if (code !== 0) context.emit({ stdout: "", notes: [] }, code);
      } else if (options.status) context.emit(await maintenance.cacheStatusCommand(settings, context.cache));
      else if (options.prune) context.emit(await maintenance.cachePruneCommand(settings, context.cache));
      else context.emit(await maintenance.indexCommand(settings, options.rebuild === true, context.cache, context.progress, context.paths.worker));
    });

  program
    .command("lint")
    .description("check glossary folders (default: the configured sources, else the bundled entries)")
    .argument("[folder...]", "folders to check")
    .action(async (folders: string[], _options: unknown, command: Command) => {
      const settings = context.settings(command.optsWithGlobals<CommonOptions>());
      const { lintCommand } = await import("../app/maintenance.js");
      const result = await lintCommand(folders, settings, context.paths.bundledData, context.paths.cwd, (open) => context.open(open));
      context.emit(result, result.exitCode);
    });

  program
    .command("update")
    .description("fetch MDN's glossary pages for these locales (default: the config's, else yours and en-US) and the config's Git glossaries, with Git")
    .argument("[locale...]", "MDN locales to fetch: en-US, fr, ja, pt-BR, zh-CN...")
    .action(async (locales: string[], _options: unknown, command: Command) => {
      const settings = context.settings(command.optsWithGlobals<CommonOptions>());
      const { updateCommand } = await import("../app/fetch-commands.js");
      const output = await updateCommand(locales, settings, {
        env: context.env,
        data: context.data,
        config: context.config,
        cache: context.cache,
        workerScript: context.paths.worker,
        progress: context.progressText(),
        verbose: settings.verbose ? (message) => context.emit({ stdout: "", notes: [message] }) : () => {},
      });
      context.emit(output);
      if (output.failure) throw output.failure;
    });

  program
    .command("sources")
    .description("every source in precedence order: kind, folder, locales with entry counts, last update, licence")
    .action(async (_options: unknown, command: Command) => {
      const settings = context.settings(command.optsWithGlobals<CommonOptions>());
      const { sourcesCommand } = await import("../app/fetch-commands.js");
      await context.withGlossary(settings, (glossary) => sourcesCommand(settings, glossary, context.fetched, context.paths.bundledData));
    });

  program
    .command("config")
    .description("the settings in effect, and where each came from (flag, environment, config file, default)")
    .action(async (_options: unknown, command: Command) => {
      const options = command.optsWithGlobals<CommonOptions>();
      const settings = context.settings(options);
      const [{ configCommand }, { configPath }] = await Promise.all([import("./config-report.js"), import("../app/config.js")]);
      context.emit(configCommand(settings, { options, env: context.env, config: context.config, configFile: configPath(context.env), data: context.data, fetched: context.fetched }));
    });

  program
    .command("completion")
    .description("print the shell completion script for bash, zsh or fish (see the script's first line to install it)")
    .addArgument(new Argument("<shell>", "the shell").choices(SHELLS))
    .action(async (shell: Shell) => {
      const { completionScript } = await import("./completion.js");
      context.emit({ stdout: completionScript(shell), notes: [] });
    });

  program
    .command(COMPLETE_COMMAND, { hidden: true })
    .description("print completion candidates for the words typed (used by the completion scripts)")
    .argument("[words...]", "the words after `glossary`, the one being typed last")
    .allowUnknownOption()
    .action(async (words: string[]) => {
      const home = (folder: string) => (context.paths.home && /^~(\/|$)/.test(folder) ? path.join(context.paths.home, folder.slice(1)) : folder);
      const settingsOf = (line: TypedLine) => context.settings({ lang: line.lang, source: line.sources.map(home), bundled: line.bundled });
      const { completionCandidates } = await import("./completion.js");
      let candidates: string[];
      try {
        candidates = await completionCandidates(words, {
          program,
          glossary: (line) => context.open(settingsOf(line)),
          locale: (line) => settingsOf(line).locale.locale,
        });
      } catch {
        candidates = []; // A source that cannot be read offers nothing to complete; the lookup will say why.
      }
      context.emit({ stdout: candidates.map((candidate) => `${candidate}\n`).join(""), notes: [] });
    });

  program
    .command(WATCH_COMMAND, { hidden: true })
    .description("watch a large source in the background, as a command that read it starts (see GLOSSARY_AUTO_WATCH)")
    .argument("<spec>", "the watch's spec, as JSON")
    .action(async (text: string, _options: unknown, command: Command) => {
      const { backgroundWatch, parseWatchSpec } = await import("../app/background-watch.js");
      const spec = parseWatchSpec(text);
      const cache = context.cache;
      if (cache === null) throw new UsageError("a background watch keeps an index in the cache, and there is no cache folder", "set XDG_CACHE_HOME or HOME");
      const settings = context.settings(command.optsWithGlobals<CommonOptions>());
      await backgroundWatch(spec, settings, { cache, workerScript: context.paths.worker, stop: context.untilStopped(), open: (each) => context.open(each) });
    });

  program
    .command("help")
    .description("show help; with a command, that command's help (as git help does)")
    .argument("[command]", "the command to describe")
    .action((name: string | undefined) => {
      if (name === undefined) return program.outputHelp();
      const command = program.commands.find((each) => each.name() === name && !HIDDEN_COMMANDS.has(name));
      if (!command) {
        const names = program.commands.map((each) => each.name()).filter((each) => !HIDDEN_COMMANDS.has(each));
        throw new UsageError(`no command "${stripControls(name)}"`, `commands: ${names.join(", ")}`);
      }
      command.outputHelp();
    });

  for (const command of program.commands) {
    command.configureOutput(program.configureOutput()).exitOverride().showSuggestionAfterError(true);
  }
  return program;
}

/**
 * One of commander's error messages as one line: without its `error: ` prefix, its "(Did you mean --lang?)"
 * line joined to the message.
 * @example commanderMessage("error: unknown option '--langg'\n(Did you mean --lang?)\n") // "unknown option '--langg' (did you mean --lang?)"
 */
export function commanderMessage(text: string): string {
  return text
    .replace(/^error: /, "")
    .replace(/\n\(Did you mean/, " (did you mean")
    .trim()
    .split(/\s*\n\s*/)
    .join("; ");
}

async function runShow(context: ProgramContext, words: string[], command: Command, firstOnLine = false): Promise<void> {
  await context.lookUp(words, context.settings(command.optsWithGlobals<CommonOptions>()), firstOnLine);
}

/**
 * Reads a command line with commander and runs its command. Commander prints its own usage errors, which
 * then only set the exit status; help and the version are not errors.
 */
export async function runProgram(context: ProgramContext, version: string, argv: readonly string[]): Promise<void> {
  try {
    await buildProgram(context, version).parseAsync([...argv], { from: "user" });
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    if (error.exitCode !== 0) context.emit({ stdout: "", notes: [] }, ExitCode.Usage);
  }
}
