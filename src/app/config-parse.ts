// Reads the config file's text: TOML (smol-toml) checked key by key into a GlossaryConfig. Any error names
// the file, the line and the key.

import path from "node:path";
import { parse, TomlError } from "smol-toml";
import { UsageError } from "../errors.js";
import { canonicalLocale } from "../sources/locale.js";
import type { ConfigValue, ConfiguredSource, GlossaryConfig } from "../types.js";

/** The keys a config file may have at its top level, in `[mdn]`, and in each `[[sources]]`. */
export const CONFIG_KEYS = {
  top: ["lang", "bundled", "color", "width", "pager", "auto-watch", "mdn", "sources"],
  mdn: ["locales"],
  source: ["path", "git", "branch", "folder"],
} as const;

type Table = Record<string, unknown>;

/**
 * The config in `text` (read from `file`), checked; `home` expands a leading `~` in source paths.
 * @example parseConfig('lang = "fr"\nwidth = 100\n', "/c.toml").width // { value: 100, line: 2 }
 */
export function parseConfig(text: string, file: string, home?: string): GlossaryConfig {
  const lines = keyLines(text);
  const fail = (key: string, message: string, hint?: string): never => {
    throw new UsageError(`${file}:${lines.get(key) ?? 1}: ${key}: ${message}`, hint);
  };
  let document: Table;
  try {
    document = parse(text) as Table;
  } catch (error) {
    if (!(error instanceof TomlError)) throw error;
    const line = error.line;
    const key = /^\s*([\w.-]+|"[^"]*")\s*=/.exec(text.split("\n")[line - 1] ?? "")?.[1];
    const message = error.message.split("\n").find((part) => part.trim() !== "")?.replace(/^Invalid TOML document: /, "") ?? "invalid TOML";
    throw new UsageError(`${file}:${line}: ${key ? `${key}: ` : ""}${message}`, "the config file is TOML: https://toml.io");
  }
  const at = (key: string): number => lines.get(key) ?? 1;
  const value = <T>(key: string, v: T): ConfigValue<T> => ({ value: v, line: at(key) });
  for (const key of Object.keys(document)) {
    if (!(CONFIG_KEYS.top as readonly string[]).includes(key)) fail(key, "unknown key", `known keys: ${CONFIG_KEYS.top.join(", ")}`);
  }
  const config: GlossaryConfig = { file, sources: [] };
  const locales = (key: string, raw: unknown): string[] => {
    const list = typeof raw === "string" ? [raw] : raw;
    if (!Array.isArray(list) || list.length === 0 || !list.every((item) => typeof item === "string" && /^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*$/.test(item))) {
      return fail(key, "expected a locale or a list of locales, such as \"fr\" or [\"fr\", \"en-US\"]");
    }
    return [...new Set(list.map((item) => canonicalLocale(item as string)))];
  };
  if (document["lang"] !== undefined) config.lang = value("lang", locales("lang", document["lang"]));
  if (document["bundled"] !== undefined) {
    if (typeof document["bundled"] !== "boolean") fail("bundled", "expected true or false");
    config.bundled = value("bundled", document["bundled"] as boolean);
  }
  if (document["color"] !== undefined) {
    const color = document["color"];
    if (color !== "auto" && color !== "always" && color !== "never") return fail("color", 'expected "auto", "always" or "never"');
    config.color = value("color", color);
  }
  if (document["width"] !== undefined) {
    const width = document["width"];
    if (typeof width !== "number" || !Number.isInteger(width) || width < 10 || width > 10000) fail("width", "expected a whole number from 10 to 10000");
    config.width = value("width", width as number);
  }
  if (document["pager"] !== undefined) {
    const pager = document["pager"];
    if (typeof pager !== "boolean" && (typeof pager !== "string" || pager.trim() === "")) fail("pager", 'expected true, false or a command such as "less -R"');
    config.pager = value("pager", pager as boolean | string);
  }
  if (document["auto-watch"] !== undefined) {
    const pages = document["auto-watch"];
    if (typeof pages !== "number" || !Number.isInteger(pages) || pages < 0) fail("auto-watch", "expected a whole number of pages (0: never)");
    config.autoWatch = value("auto-watch", pages as number);
  }
  if (document["mdn"] !== undefined) {
    const mdn = document["mdn"];
    if (!isTable(mdn)) return fail("mdn", "expected a table: [mdn]");
    for (const key of Object.keys(mdn)) if (!(CONFIG_KEYS.mdn as readonly string[]).includes(key)) fail(`mdn.${key}`, "unknown key", `known keys: ${CONFIG_KEYS.mdn.join(", ")}`);
    if (mdn["locales"] !== undefined) config.mdnLocales = value("mdn.locales", locales("mdn.locales", mdn["locales"]));
  }
  if (document["sources"] !== undefined) {
    const sources = document["sources"];
    if (!Array.isArray(sources)) return fail("sources", "expected tables: [[sources]]");
    sources.forEach((source: unknown, n) => config.sources.push(configuredSource(source, `sources[${n}]`, fail, at, home)));
  }
  return config;
}

/** One `[[sources]]` table: `path = "folder"`, or `git = "url"` with an optional `branch` and `folder`. */
function configuredSource(
  source: unknown,
  name: string,
  fail: (key: string, message: string, hint?: string) => never,
  at: (key: string) => number,
  home: string | undefined,
): ConfiguredSource {
  if (!isTable(source)) return fail(name, "expected a table: [[sources]]");
  for (const key of Object.keys(source)) if (!(CONFIG_KEYS.source as readonly string[]).includes(key)) fail(`${name}.${key}`, "unknown key", `known keys: ${CONFIG_KEYS.source.join(", ")}`);
  const text = (key: string): string | null => {
    const raw = source[key];
    if (raw === undefined) return null;
    if (typeof raw !== "string" || raw.trim() === "" || /[\u0000-\u001f]/.test(raw)) return fail(`${name}.${key}`, "expected a string");
    return raw;
  };
  const folderPath = text("path");
  const git = text("git");
  const branch = text("branch");
  const folder = text("folder");
  if ((folderPath === null) === (git === null)) return fail(name, 'expected either path = "<folder>" or git = "<remote>"');
  if (folderPath !== null && (branch !== null || folder !== null)) fail(`${name}.${branch !== null ? "branch" : "folder"}`, "only a git source has a branch or a folder");
  if (branch !== null && (branch.startsWith("-") || /\s|\.\.|[~^:?*[\\]/.test(branch))) fail(`${name}.branch`, "not a branch name");
  if (git !== null && git.startsWith("-")) fail(`${name}.git`, "not a Git remote");
  const cleanFolder = folder === null ? "" : path.posix.normalize(folder.replace(/\\/g, "/")).replace(/^\.?\/+|\/+$/g, "").replace(/^\.$/, "");
  if (cleanFolder.startsWith("..") || path.posix.isAbsolute(cleanFolder)) fail(`${name}.folder`, "expected a folder inside the repository");
  const expanded = folderPath !== null && home && /^~(\/|$)/.test(folderPath) ? path.join(home, folderPath.slice(1)) : folderPath;
  if (expanded !== null && !path.isAbsolute(expanded)) fail(`${name}.path`, "expected an absolute folder (or one starting with ~/)");
  return { path: expanded, git, branch, folder: cleanFolder, line: at(name) };
}

function isTable(value: unknown): value is Table {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/**
 * The line of each key of a TOML text, by its dotted name (`lang`, `mdn.locales`, `sources[1].git`; a
 * `[[sources]]` header as `sources[1]`), found by reading the lines: smol-toml gives no positions.
 */
export function keyLines(text: string): Map<string, number> {
  const lines = new Map<string, number>();
  const arrays = new Map<string, number>();
  let table = "";
  text.split("\n").forEach((line, n) => {
    const header = /^\s*(\[\[?)\s*([\w.-]+)\s*\]\]?/.exec(line);
    if (header) {
      const name = header[2]!;
      if (header[1] === "[[") {
        const index = arrays.get(name) ?? 0;
        arrays.set(name, index + 1);
        table = `${name}[${index}]`;
      } else table = name;
      if (!lines.has(table)) lines.set(table, n + 1);
      if (!lines.has(name)) lines.set(name, n + 1);
      return;
    }
    const key = /^\s*([\w.-]+|"[^"]*")\s*=/.exec(line)?.[1]?.replace(/"/g, "");
    if (key === undefined) return;
    const full = table === "" ? key : `${table}.${key}`;
    if (!lines.has(full)) lines.set(full, n + 1);
    // A dotted key (`mdn.locales = ...`) also names its table.
    const first = full.split(".")[0]!;
    if (!lines.has(first)) lines.set(first, n + 1);
  });
  return lines;
}
