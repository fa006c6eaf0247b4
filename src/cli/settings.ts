// Turns parsed options and the environment into the typed settings every command runs with.

import { UsageError } from "../errors.js";
import { type ColorChoice, colorLevel, hyperlinkChoice, maxPageBytes, outputWidth, sourceFolders } from "./environment.js";
import { COLOR_CHOICES, type CommonOptions } from "./options.js";
import { type ColorLevel, type Env, type Format, FORMATS, type Settings } from "../types.js";
import { preferredLocale } from "../sources/locale.js";

export interface Terminal {
  isTTY: boolean;
  columns: number | undefined;
}

/**
 * Settles the settings of a run from its options, environment and terminal.
 * @example settingsFrom({ json: true }, {}, { isTTY: true, columns: 100 }).format // "json"
 */
export function settingsFrom(options: CommonOptions, env: Env, terminal: Terminal): Settings {
  const color = (options.color ?? "auto") as ColorChoice;
  if (!(COLOR_CHOICES as readonly string[]).includes(color)) throw new UsageError(`--color takes auto, always or never, not "${color}"`);
  let format: Format;
  if (options.json) format = "json";
  else if (options.format !== undefined) {
    if (!(FORMATS as readonly string[]).includes(options.format)) {
      throw new UsageError(`unknown format "${options.format}"`, `use one of: ${FORMATS.join(", ")}`);
    }
    format = options.format as Format;
  } else format = terminal.isTTY ? "ansi" : "text";
  return {
    locale: preferredLocale(options.lang, env),
    sources: sourceFolders(options.source ?? [], env),
    bundled: options.bundled !== false,
    format,
    short: options.short === true,
    width: outputWidth(options.width, terminal.isTTY, terminal.columns),
    colorLevel: colorLevel(color, env, terminal.isTTY),
    verbose: options.verbose === true,
    pager: options.pager !== false,
    terminal: terminal.isTTY,
    hyperlinks: hyperlinkChoice(env, terminal.isTTY),
    maxPageBytes: maxPageBytes(options.maxPageBytes, env),
  };
}
