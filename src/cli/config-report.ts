// `glossary config`: the settings a command would run with, each with where it came from (a flag, an
// environment variable, the config file and its line, the terminal, or the default).

import { toJson } from "../text/sanitize.js";
import { posixLocaleTag } from "../sources/locale.js";
import { DEFAULT_PAGER } from "../output/pager.js";
import type { CommandOutput, Env, FetchedSource, GlossaryConfig, Settings } from "../types.js";
import { colorFromEnvironment } from "./settings.js";
import { configuredLocale } from "../app/user-setup.js";
import type { CommonOptions } from "./options.js";
import { defaultLocales } from "../app/fetch-commands.js";

/** One setting of `config --json`. */
export interface SettingJson {
  setting: string;
  value: string | number | boolean | string[] | null;
  /** Where it came from: `--lang`, `environment GLOSSARY_LANG`, `config file <file>:<line>`, `terminal`, `default`. */
  from: string;
}

/** What `config` reports on, besides the settings themselves. */
export interface ConfigInputs {
  options: CommonOptions;
  env: Env;
  config: GlossaryConfig | null;
  /** Where the config file is looked for (null: nowhere can be named). */
  configFile: string | null;
  data: string | null;
  fetched: readonly FetchedSource[];
}

/** The effective settings with their origins, as text (`setting  value  (from)`) or JSON. */
export function configCommand(settings: Settings, inputs: ConfigInputs): CommandOutput {
  const rows = settingRows(settings, inputs);
  if (settings.format === "json") return { stdout: `${toJson(rows)}\n`, notes: [] };
  const shown = (value: SettingJson["value"]): string => (Array.isArray(value) ? value.join(", ") || "none" : value === null ? "none" : String(value));
  const width = Math.max(...rows.map((row) => row.setting.length));
  return { stdout: rows.map((row) => `${row.setting.padEnd(width)}  ${shown(row.value)}  (${row.from})\n`).join(""), notes: [] };
}

/** Each setting, its value and where it came from, in the order flags > environment > config file > defaults. */
export function settingRows(settings: Settings, { options, env, config, configFile, data, fetched }: ConfigInputs): SettingJson[] {
  const fromConfig = (entry: { line: number } | undefined): string | null => (entry && config ? `config file ${config.file}:${entry.line}` : null);
  const set = (name: string): boolean => (env[name] ?? "").trim() !== "";
  const rows: SettingJson[] = [];
  rows.push({ setting: "config file", value: configFile, from: config ? "found" : configFile ? "not found: defaults apply" : "no HOME or XDG_CONFIG_HOME" });
  rows.push({ setting: "data folder", value: data, from: fetched.length > 0 ? `${fetched.length} fetched source${fetched.length === 1 ? "" : "s"}` : "nothing fetched yet: glossary update" });
  const systemLocale = ["LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"].filter((name) => (env[name] ?? "").split(":").some((value) => posixLocaleTag(value) !== null));
  const langFrom =
    options.lang !== undefined && options.lang.trim() !== ""
      ? "--lang"
      : set("GLOSSARY_LANG")
        ? "environment GLOSSARY_LANG"
        : configuredLocale(options.lang, env, config)
          ? fromConfig(config?.lang)!
          : systemLocale.length > 0
            ? `environment ${systemLocale.join(", ")}`
            : "default";
  rows.push({ setting: "lang", value: [settings.locale.locale, ...(settings.locale.alternatives ?? [])], from: langFrom });
  const flagged = new Set(options.source ?? []);
  const fromPath = new Set((env["GLOSSARY_PATH"] ?? "").split(/[:;]/));
  for (const source of settings.sources) {
    const configured = config?.sources.find((each) => each.path === source || fetched.some((f) => f.path === source && f.remote === each.git));
    const record = fetched.find((f) => f.path === source);
    const from = flagged.has(source) ? "--source" : fromPath.has(source) ? "environment GLOSSARY_PATH" : configured ? fromConfig(configured)! : "";
    rows.push({ setting: "source", value: record ? `${source} (Git: ${record.remote})` : source, from });
  }
  for (const source of settings.fetched ?? []) {
    rows.push({ setting: "source", value: `${source.path} (MDN: ${source.locales.join(", ")})`, from: `glossary update, ${source.updated}` });
  }
  rows.push({ setting: "bundled", value: settings.bundled, from: options.bundled === false ? "--no-bundled" : (fromConfig(config?.bundled) ?? "default") });
  rows.push({
    setting: "mdn locales",
    value: defaultLocales(config, settings.locale.locale),
    from: fromConfig(config?.mdnLocales) ?? "default: the preferred locale and en-US",
  });
  const colorFrom = options.color !== undefined ? "--color" : colorFromEnvironment(env) ? `environment ${["NO_COLOR", "FORCE_COLOR"].filter((name) => env[name] !== undefined).join(", ")}` : (fromConfig(config?.color) ?? "default");
  rows.push({ setting: "color", value: options.color ?? (colorFromEnvironment(env) ? "auto" : (config?.color?.value ?? "auto")), from: colorFrom });
  rows.push({ setting: "width", value: settings.width, from: options.width !== undefined ? "--width" : (fromConfig(config?.width) ?? (settings.terminal ? "terminal" : "default")) });
  const pagerVariable = ["GLOSSARY_PAGER", "PAGER"].find((name) => env[name] !== undefined);
  const pagerValue = !settings.pager ? false : pagerVariable ? env[pagerVariable]! : (settings.pagerCommand ?? DEFAULT_PAGER);
  const pagerFrom = options.pager === false ? "--no-pager" : pagerVariable && settings.pager ? `environment ${pagerVariable}` : (fromConfig(config?.pager) ?? "default");
  rows.push({ setting: "pager", value: pagerValue, from: pagerFrom });
  rows.push({
    setting: "auto watch",
    value: settings.autoWatch ?? 0,
    from: set("GLOSSARY_AUTO_WATCH") ? "environment GLOSSARY_AUTO_WATCH" : (fromConfig(config?.autoWatch) ?? "default: pages from which a source is watched in the background"),
  });
  return rows;
}
