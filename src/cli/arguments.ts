// Reads the everyday command line, `glossary [options] <term...>`, without loading commander: the words and
// global options of a lookup, or null for anything else (a command, help, an unknown option, a value that is
// not valid...), which the full program then reads and reports as commander does.

import { COMMAND_NAMES, GLOBAL_OPTIONS, type GlobalOption, optionAttribute } from "./options.js";
import type { CommonOptions } from "./settings.js";

/** A lookup's command line read apart. */
export interface LookupLine {
  words: string[];
  /** The options as commander gives them (`optsWithGlobals()`), defaults included. */
  options: CommonOptions;
}

interface KnownOption {
  definition: GlobalOption;
  attribute: string;
  negated: boolean;
  takesValue: boolean;
}

const KNOWN: readonly KnownOption[] = GLOBAL_OPTIONS.map((definition) => ({
  definition,
  attribute: optionAttribute(definition),
  negated: definition.long.startsWith("no-"),
  takesValue: definition.value !== undefined,
}));
const BY_LONG = new Map(KNOWN.map((option) => [`--${option.definition.long}`, option]));
const BY_SHORT = new Map(KNOWN.filter((option) => option.definition.short !== undefined).map((option) => [`-${option.definition.short}`, option]));

/**
 * The words and options of a plain lookup, read as commander reads them; null when the command line is
 * anything else or anything less usual (`--`, grouped short options, a value starting with `-`).
 * @example readLookupLine(["--lang", "fr", "closure"]) // { words: ["closure"], options: { lang: "fr", bundled: true, ... } }
 * @example readLookupLine(["search", "closure"]) // null
 */
export function readLookupLine(argv: readonly string[]): LookupLine | null {
  const values = new Map<string, unknown>();
  for (const option of KNOWN) {
    if (option.negated) values.set(option.attribute, true);
    else if (option.definition.default !== undefined) values.set(option.attribute, option.definition.default);
  }
  const words: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg.length < 2 || arg[0] !== "-") {
      if (arg === "-") return null;
      words.push(arg);
      continue;
    }
    const equals = arg.startsWith("--") ? arg.indexOf("=") : -1;
    const option = equals > 0 ? BY_LONG.get(arg.slice(0, equals)) : (BY_LONG.get(arg) ?? BY_SHORT.get(arg));
    if (!option) return null;
    if (!option.takesValue) {
      if (equals > 0) return null;
      values.set(option.attribute, !option.negated);
      continue;
    }
    const value = equals > 0 ? arg.slice(equals + 1) : argv[++i];
    if (value === undefined || (equals < 0 && value.startsWith("-"))) return null;
    const parsed = parseValue(option.definition, value);
    if (parsed === INVALID) return null;
    values.set(option.attribute, option.definition.repeatable ? [...((values.get(option.attribute) as string[] | undefined) ?? []), parsed] : parsed);
  }
  if (words.length === 0 || COMMAND_NAMES.has(words[0]!)) return null;
  return { words, options: Object.fromEntries(values) as CommonOptions };
}

const INVALID = Symbol("invalid");

function parseValue(definition: GlobalOption, value: string): unknown {
  if (definition.choices && !definition.choices.includes(value)) return INVALID;
  if (!definition.parse) return value;
  try {
    return definition.parse(value);
  } catch {
    return INVALID;
  }
}
