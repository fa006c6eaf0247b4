// Start-up's fast reader of the everyday command lines, `glossary [options] <term...>` and `glossary search
// [options] <words...>`, without loading commander: their words and options, or null for anything else (another
// command, help, an unknown option, a value that is not valid...), which the full program then reads and
// reports as commander does.

import { COMMAND_NAMES, type CommonOptions, type EverydayLine, GLOBAL_OPTIONS, optionAttribute, type OptionDefinition, SEARCH_OPTIONS } from "../cli/options.js";

interface KnownOption {
  definition: OptionDefinition;
  attribute: string;
  negated: boolean;
  takesValue: boolean;
}

function known(definitions: readonly OptionDefinition[]): Map<string, KnownOption> {
  const byFlag = new Map<string, KnownOption>();
  for (const definition of definitions) {
    const option = { definition, attribute: optionAttribute(definition), negated: definition.long.startsWith("no-"), takesValue: definition.value !== undefined };
    byFlag.set(`--${definition.long}`, option);
    if (definition.short !== undefined) byFlag.set(`-${definition.short}`, option);
  }
  return byFlag;
}

const GLOBAL = known(GLOBAL_OPTIONS);
const COMMANDS: ReadonlyMap<string, Map<string, KnownOption>> = new Map([["search", known(SEARCH_OPTIONS)]]);

/**
 * The command, words and options of a lookup or a search, read as commander reads them; null when the
 * command line is anything else or anything less usual (`--`, grouped short options, a value starting with
 * `-`, a command's option before the command).
 * @example readEverydayLine(["--lang", "fr", "closure"]) // { command: "show", words: ["closure"], options: { lang: "fr", bundled: true, ... }, ... }
 * @example readEverydayLine(["search", "-n", "5", "closure"]) // { command: "search", words: ["closure"], commandOptions: { limit: 5 }, ... }
 * @example readEverydayLine(["list"]) // null
 */
export function readEverydayLine(argv: readonly string[]): EverydayLine | null {
  const options = defaults(GLOBAL);
  let command: EverydayLine["command"] = "show";
  let own: Map<string, KnownOption> | undefined;
  let commandOptions: Map<string, unknown> = new Map();
  const words: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg.length < 2 || arg[0] !== "-") {
      if (arg === "-") return null;
      if (words.length === 0 && own === undefined && COMMANDS.has(arg)) {
        command = arg as EverydayLine["command"];
        own = COMMANDS.get(arg)!;
        commandOptions = defaults(own);
        continue;
      }
      words.push(arg);
      continue;
    }
    const equals = arg.startsWith("--") ? arg.indexOf("=") : -1;
    const flag = equals > 0 ? arg.slice(0, equals) : arg;
    const ownOption = own?.get(flag);
    const option = ownOption ?? GLOBAL.get(flag);
    if (!option) return null;
    const values = ownOption ? commandOptions : options;
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
  if (words.length === 0 || (command === "show" && COMMAND_NAMES.has(words[0]!))) return null;
  return { command, words, options: Object.fromEntries(options) as CommonOptions, commandOptions: Object.fromEntries(commandOptions) };
}

/** The values commander starts with: negations true, and the defaults given. */
function defaults(options: ReadonlyMap<string, KnownOption>): Map<string, unknown> {
  const values = new Map<string, unknown>();
  for (const option of options.values()) {
    if (option.negated) values.set(option.attribute, true);
    else if (option.definition.default !== undefined) values.set(option.attribute, option.definition.default);
  }
  return values;
}

const INVALID = Symbol("invalid");

function parseValue(definition: OptionDefinition, value: string): unknown {
  if (definition.choices && !definition.choices.includes(value)) return INVALID;
  if (!definition.parse) return value;
  try {
    return definition.parse(value);
  } catch {
    return INVALID;
  }
}
