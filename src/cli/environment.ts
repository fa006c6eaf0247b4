// Reads the environment once: preferred locale, colour, width, sources. Pure functions of the values given.

import { UsageError } from "../errors.js";
import { type ColorLevel, DEFAULT_AUTO_WATCH_PAGES, DEFAULT_MAX_PAGE_BYTES, DEFAULT_WIDTH, type Env, READABLE_WIDTH } from "../types.js";

export type ColorChoice = "auto" | "always" | "never";

/**
 * The colour level to use: `--color always|never` decides; otherwise NO_COLOR (non-empty) turns colour
 * off, FORCE_COLOR turns it on, and a terminal on stdout turns it on.
 * @example colorLevel("auto", { NO_COLOR: "1" }, true) // 0
 */
export function colorLevel(choice: ColorChoice, env: Env, isTerminal: boolean): ColorLevel {
  const force = env["FORCE_COLOR"];
  const forcedLevel = force === undefined ? null : forceColorLevel(force);
  const detected = (): ColorLevel => forcedLevel || terminalColorLevel(env);
  if (choice === "never") return 0;
  if (choice === "always") return detected() || 1;
  if (env["NO_COLOR"] !== undefined && env["NO_COLOR"] !== "") return 0;
  if (forcedLevel !== null) return forcedLevel;
  return isTerminal && env["TERM"] !== "dumb" ? detected() : 0;
}

function forceColorLevel(value: string): ColorLevel {
  const v = value.trim().toLowerCase();
  if (v === "0" || v === "false") return 0;
  if (v === "2") return 2;
  if (v === "3") return 3;
  return 1;
}

function terminalColorLevel(env: Env): ColorLevel {
  const colorterm = (env["COLORTERM"] ?? "").toLowerCase();
  if (colorterm === "truecolor" || colorterm === "24bit") return 3;
  if (/-256(color)?$/i.test(env["TERM"] ?? "")) return 2;
  return 1;
}

/**
 * Whether links are OSC 8 hyperlinks, where the environment decides: FORCE_HYPERLINK (set and not empty:
 * yes unless it reads as 0), else no when stdout is not a terminal (unless NETLIFY is set, as
 * supports-hyperlinks has it); null when only the terminal can tell.
 * @example hyperlinkChoice({ FORCE_HYPERLINK: "0" }, true) // false
 */
export function hyperlinkChoice(env: Env, isTerminal: boolean): boolean | null {
  const forced = env["FORCE_HYPERLINK"];
  if (forced) return Number.parseInt(forced, 10) !== 0;
  if (!isTerminal && !env["NETLIFY"]) return false;
  return null;
}

/**
 * The format when none is asked for: `ansi` on a terminal, and wherever colour was asked for (`--color
 * always`, `FORCE_COLOR`), as `ls`, `grep` and `rg` colour a pipe when told to; else `text`.
 * @example defaultFormat(false, 1) // "ansi"
 */
export function defaultFormat(isTerminal: boolean, level: ColorLevel): "ansi" | "text" {
  return isTerminal || level > 0 ? "ansi" : "text";
}

/**
 * The width to wrap to: `--width`, else on a terminal its columns (`COLUMNS` when the terminal reports
 * none) up to {@link READABLE_WIDTH}, else 80.
 * @example outputWidth(undefined, true, 120) // 100
 * @example outputWidth(undefined, true, 0, { COLUMNS: "60" }) // 60
 */
export function outputWidth(flag: number | undefined, isTerminal: boolean, columns: number | undefined, env: Env = {}): number {
  if (flag !== undefined) return flag;
  if (!isTerminal) return DEFAULT_WIDTH;
  const fromEnv = Number(env["COLUMNS"]);
  const reported = columns !== undefined && columns > 0 ? columns : Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : undefined;
  return reported === undefined ? DEFAULT_WIDTH : Math.min(READABLE_WIDTH, Math.max(20, reported));
}

/** Parses `--max-page-bytes` (and GLOSSARY_MAX_PAGE_BYTES): a whole number of bytes, at least 1,000. */
export function parsePageBytes(value: string, name = "--max-page-bytes"): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1000 || n > 2 ** 31) throw new UsageError(`${name} takes a whole number of bytes from 1000 up, not "${value}"`);
  return n;
}

/**
 * The page size limit: `--max-page-bytes`, else GLOSSARY_MAX_PAGE_BYTES, else {@link DEFAULT_MAX_PAGE_BYTES}.
 * @example maxPageBytes(undefined, { GLOSSARY_MAX_PAGE_BYTES: "2000000" }) // 2000000
 */
export function maxPageBytes(flag: number | undefined, env: Env): number {
  if (flag !== undefined) return flag;
  const fromEnv = env["GLOSSARY_MAX_PAGE_BYTES"];
  return fromEnv !== undefined && fromEnv.trim() !== "" ? parsePageBytes(fromEnv.trim(), "GLOSSARY_MAX_PAGE_BYTES") : DEFAULT_MAX_PAGE_BYTES;
}

/**
 * The size from which a source is watched in the background: GLOSSARY_AUTO_WATCH (a whole number of pages,
 * 0: never), else the config file's, else {@link DEFAULT_AUTO_WATCH_PAGES}.
 * @example autoWatchPages({ GLOSSARY_AUTO_WATCH: "0" }) // 0
 */
export function autoWatchPages(env: Env, configured?: number): number {
  const fromEnv = env["GLOSSARY_AUTO_WATCH"]?.trim();
  if (fromEnv === undefined || fromEnv === "") return configured ?? DEFAULT_AUTO_WATCH_PAGES;
  const pages = Number(fromEnv);
  if (!/^\d+$/.test(fromEnv) || !Number.isSafeInteger(pages)) throw new UsageError(`GLOSSARY_AUTO_WATCH takes a whole number of pages (0: never), not "${fromEnv}"`);
  return pages;
}

/** Parses `--width`: a whole number of columns, at least 10. */
export function parseWidth(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 10 || n > 10000) throw new UsageError(`--width takes a whole number from 10 to 10000, not "${value}"`);
  return n;
}

/** Parses a whole number option such as `--limit` or `--depth` (1 to 1000000). */
export function parseCount(value: string, option: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 1_000_000) throw new UsageError(`${option} takes a whole number from 1 up, not "${value}"`);
  return n;
}
