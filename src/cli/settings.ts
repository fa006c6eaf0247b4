// Turns parsed options and the environment into the typed settings every command runs with.

import { UsageError } from "../errors.js";
import { type ColorChoice, autoWatchPages, colorLevel, defaultFormat, hyperlinkChoice, maxPageBytes, outputWidth } from "./environment.js";
import { checkLangVariable, configuredLocale, userSources } from "../app/user-setup.js";
import { COLOR_CHOICES, type CommonOptions } from "./options.js";
import { type Env, type FetchedSource, type Format, FORMATS, type GlossaryConfig, type Settings } from "../types.js";
import { isLocaleTag, preferredLocale } from "../sources/locale.js";

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
    ...userSources(options.source ?? [], env, config, fetched),
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
    autoWatch: autoWatchPages(env, config?.autoWatch?.value),
  };
}

/** True when the environment decides about colour (NO_COLOR set and not empty, or FORCE_COLOR set). */
export function colorFromEnvironment(env: Env): boolean {
  return (env["NO_COLOR"] !== undefined && env["NO_COLOR"] !== "") || env["FORCE_COLOR"] !== undefined;
}

/**
 * Refuses values that cannot be right: a `--lang` or a GLOSSARY_LANG (when set and not empty) that is not a
 * locale tag, and an empty `--source`.
 */
function checkValues(options: CommonOptions, env: Env): void {
  if (options.lang !== undefined && !isLocaleTag(options.lang)) {
    throw new UsageError(`--lang takes a locale such as en-US, fr or pt-BR, not "${options.lang}"`);
  }
  checkLangVariable(env);
  if (options.source?.some((folder) => folder.trim() === "")) throw new UsageError("--source takes a folder, not an empty value");
}
