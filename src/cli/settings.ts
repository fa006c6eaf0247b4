// Turns parsed options and the environment into the typed settings every command runs with.

import { UsageError } from "../errors.js";
import { type ColorChoice, colorLevel, defaultFormat, hyperlinkChoice, maxPageBytes, outputWidth, sourceFolders } from "./environment.js";
import { COLOR_CHOICES, type CommonOptions } from "./options.js";
import { type ColorLevel, type Env, type FetchedSource, type Format, FORMATS, type GlossaryConfig, type LocalePreference, type Settings } from "../types.js";
import { canonicalLocale, isLocaleTag, preferredLocale } from "../sources/locale.js";

export interface Terminal {
  isTTY: boolean;
  columns: number | undefined;
}

/**
 * Settles the settings of a run from its options, environment and terminal.
 * @example settingsFrom({ json: true }, {}, { isTTY: true, columns: 100 }).format // "json"
 */
export function settingsFrom(options: CommonOptions, env: Env, terminal: Terminal, config: GlossaryConfig | null = null, fetched: readonly FetchedSource[] = []): Settings {
  const color = (options.color ?? (colorFromEnvironment(env) ? undefined : config?.color?.value) ?? "auto") as ColorChoice;
  if (!(COLOR_CHOICES as readonly string[]).includes(color)) throw new UsageError(`--color takes auto, always or never, not "${color}"`);
  if (options.json && options.format !== undefined && options.format !== "json") {
    throw new UsageError(`--json and --format ${options.format} ask for two formats`, "give one of them");
  }
  const level = colorLevel(color, env, terminal.isTTY);
  let format: Format;
  if (options.json) format = "json";
  else if (options.format !== undefined) {
    if (!(FORMATS as readonly string[]).includes(options.format)) {
      throw new UsageError(`unknown format "${options.format}"`, `use one of: ${FORMATS.join(", ")}`);
    }
    format = options.format as Format;
  } else format = defaultFormat(terminal.isTTY, level);
  checkValues(options, env);
  const pager = options.pager === false ? false : (config?.pager?.value ?? true);
  return {
    locale: configuredLocale(options.lang, env, config) ?? preferredLocale(options.lang, env),
    sources: withConfiguredSources(sourceFolders(options.source ?? [], env), config, fetched),
    ...(fetched.some((source) => source.kind === "mdn") ? { fetched: fetched.filter((source) => source.kind === "mdn") } : {}),
    bundled: options.bundled === false ? false : (config?.bundled?.value ?? true),
    format,
    short: options.short === true,
    width: outputWidth(options.width ?? config?.width?.value, terminal.isTTY, terminal.columns, env),
    colorLevel: level,
    verbose: options.verbose === true,
    pager: pager !== false,
    ...(typeof pager === "string" ? { pagerCommand: pager } : {}),
    terminal: terminal.isTTY,
    hyperlinks: hyperlinkChoice(env, terminal.isTTY),
    maxPageBytes: maxPageBytes(options.maxPageBytes, env),
  };
}

/** True when the environment decides about colour (NO_COLOR set and not empty, or FORCE_COLOR set). */
export function colorFromEnvironment(env: Env): boolean {
  return (env["NO_COLOR"] !== undefined && env["NO_COLOR"] !== "") || env["FORCE_COLOR"] !== undefined;
}

/**
 * The config file's locales, when neither --lang nor GLOSSARY_LANG names one (they beat it; the config
 * beats the system's locale, LANG and the like). Null: the config does not decide.
 */
export function configuredLocale(flag: string | undefined, env: Env, config: GlossaryConfig | null): LocalePreference | null {
  const locales = config?.lang?.value;
  if (!locales || (flag !== undefined && flag.trim() !== "") || (env["GLOSSARY_LANG"] ?? "").trim() !== "") return null;
  const [first, ...others] = locales.map(canonicalLocale);
  return others.length > 0 ? { locale: first!, explicit: true, alternatives: others } : { locale: first!, explicit: true };
}

/**
 * The source folders with those of the config file after them: its folders, and its Git sources where
 * `glossary update` has fetched them (in the order the file lists them; one not fetched yet is left out).
 */
export function withConfiguredSources(folders: string[], config: GlossaryConfig | null, fetched: readonly FetchedSource[]): string[] {
  if (!config || config.sources.length === 0) return folders;
  const all = [...folders];
  for (const source of config.sources) {
    const served = source.path ?? fetched.find((each) => each.kind === "git" && each.remote === source.git && each.branch === source.branch && each.folder === source.folder)?.path;
    if (served !== undefined && !all.includes(served)) all.push(served);
  }
  return all;
}

/**
 * Refuses values that cannot be right: a `--lang` or a GLOSSARY_LANG (when set and not empty) that is not a
 * locale tag, and an empty `--source`.
 */
function checkValues(options: CommonOptions, env: Env): void {
  if (options.lang !== undefined && !isLocaleTag(options.lang)) {
    throw new UsageError(`--lang takes a locale such as en-US, fr or pt-BR, not "${options.lang}"`);
  }
  const chosen = env["GLOSSARY_LANG"];
  if (chosen !== undefined && chosen !== "" && !isLocaleTag(chosen)) {
    throw new UsageError(`GLOSSARY_LANG takes a locale such as en-US, fr or pt-BR, not "${chosen}"`);
  }
  if (options.source?.some((folder) => folder.trim() === "")) throw new UsageError("--source takes a folder, not an empty value");
}
