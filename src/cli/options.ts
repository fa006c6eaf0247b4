// The options of the command line and the names of the commands, as data: commander's definitions are
// built from it (program.ts), and so is start-up's fast reading of lookups and searches.

import { parseCount, parsePageBytes, parseWidth } from "./environment.js";
import { FORMATS, WATCH_COMMAND } from "../types.js";

/** The choices of `--color`. */
export const COLOR_CHOICES = ["auto", "always", "never"] as const;

/** One option: of the root command (which every subcommand inherits), or of a subcommand. */
export interface OptionDefinition {
  /** The long name, without dashes: `lang`, `no-bundled` (a negation: sets `bundled` to false). */
  long: string;
  /** The one-letter short name, if any. */
  short?: string;
  /** The value the option takes, as help shows it (`locale`); absent for a flag. */
  value?: string;
  description: string;
  /** The values the option accepts (others are usage errors). */
  choices?: readonly string[];
  /** The value when the option is not given. */
  default?: string | number;
  /** Converts the value given; throws a usage error when it is not valid. */
  parse?: (value: string) => unknown;
  /** The option may be repeated: its values are collected in order. */
  repeatable?: boolean;
}

export const GLOBAL_OPTIONS: readonly OptionDefinition[] = [
  { long: "lang", short: "l", value: "locale", description: "preferred locale (en-US, fr, pt-BR...); default from GLOSSARY_LANG or LANG" },
  { long: "source", short: "s", value: "folder", description: "read entries from this folder too (repeatable; before GLOSSARY_PATH)", repeatable: true },
  { long: "no-bundled", description: "leave out the entries bundled with glossary" },
  { long: "format", short: "f", value: "format", description: "output format (default: ansi on a terminal, text otherwise)", choices: FORMATS },
  { long: "json", short: "j", description: "same as --format json" },
  { long: "short", description: "print only the summary (the first paragraph)" },
  { long: "width", short: "w", value: "columns", description: "wrap to this many columns (default: the terminal's up to 100, else 80)", parse: parseWidth },
  { long: "color", value: "when", description: "use colours (always: also on a pipe, in the ansi format; default: auto, or the config file's color)", choices: COLOR_CHOICES },
  { long: "no-pager", description: "never page long output" },
  { long: "verbose", short: "v", description: "report problems in pages and other notes on stderr" },
  { long: "max-page-bytes", value: "bytes", description: "pages larger than this are indexed by title only and shown cut short (default 1000000)", parse: (value) => parsePageBytes(value) },
];

/** The options of `search` (besides the global ones). */
export const SEARCH_OPTIONS: readonly OptionDefinition[] = [
  { long: "limit", short: "n", value: "count", description: "show at most this many results", parse: (value) => parseCount(value, "--limit"), default: 20 },
];

/**
 * An option's flags in commander's syntax.
 * @example optionFlags({ long: "lang", short: "l", value: "locale", description: "" }) // "-l, --lang <locale>"
 */
export function optionFlags(option: OptionDefinition): string {
  return `${option.short ? `-${option.short}, ` : ""}--${option.long}${option.value ? ` <${option.value}>` : ""}`;
}

/**
 * The key of an option in the parsed options, as commander names it: `--no-bundled` sets `bundled`.
 * @example optionAttribute({ long: "no-pager", description: "" }) // "pager"
 */
export function optionAttribute(option: OptionDefinition): string {
  const name = option.long.startsWith("no-") ? option.long.slice(3) : option.long;
  return name.split("-").map((word, n) => (n === 0 ? word : word.charAt(0).toUpperCase() + word.slice(1))).join("");
}

/** The name of the hidden command the completion scripts call: `glossary __complete -- <words>`. */
export const COMPLETE_COMMAND = "__complete";

/** The commands the program runs for itself: neither help nor suggestions name them. */
export const HIDDEN_COMMANDS: ReadonlySet<string> = new Set([COMPLETE_COMMAND, WATCH_COMMAND]);

/**
 * Every word that, first on the command line, names a command rather than a term (commander adds `help`).
 * A test checks it against the commands program.ts defines.
 */
export const COMMAND_NAMES: ReadonlySet<string> = new Set(["show", "list", "search", "related", "langs", "index", "lint", "completion", "update", "sources", "config", COMPLETE_COMMAND, WATCH_COMMAND, "help"]);

/** An everyday command line read apart. */
export interface EverydayLine {
  /** `show` for a lookup. */
  command: "show" | "search";
  words: string[];
  /** The global options as commander gives them (`optsWithGlobals()`), defaults included. */
  options: CommonOptions;
  /** The command's own options (`search`: `limit`), defaults included. */
  commandOptions: Record<string, unknown>;
}

/** Options common to every command, as commander gives them. */
export interface CommonOptions {
  lang?: string;
  source?: string[];
  bundled?: boolean;
  format?: string;
  json?: boolean;
  short?: boolean;
  width?: number;
  color?: string;
  verbose?: boolean;
  pager?: boolean;
  maxPageBytes?: number;
}
