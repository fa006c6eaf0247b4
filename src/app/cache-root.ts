// Where the cache of source indexes lives, and the files of it that both reading and building the cache
// use (kept apart from the cache code, and small: naming the folder loads nothing else, and a lookup that
// reads the cache loads no module it shares with the code that builds it).

import path from "node:path";
import { IndexCorruptError } from "../index/store.js";
import type { PageProblem } from "../types.js";
import { readOptionalFile } from "./optional-file.js";

/**
 * The cache folder: `$XDG_CACHE_HOME/glossary`, else `~/.cache/glossary`; null when neither can be named.
 * @example cacheRoot({ XDG_CACHE_HOME: "/tmp/c" }) // "/tmp/c/glossary"
 */
export function cacheRoot(env: Readonly<Record<string, string | undefined>>): string | null {
  const xdg = env["XDG_CACHE_HOME"];
  if (xdg && path.isAbsolute(xdg)) return path.join(xdg, "glossary");
  const home = env["HOME"] || env["USERPROFILE"];
  return home ? path.join(home, ".cache", "glossary") : null;
}

/** The file in a source's cache folder naming the source it indexes (for `index --status` and `--prune`). */
export const SOURCE_FILE = "source.json";

/** The file of a cached index build holding the problems its pages had (absent when there were none). */
export const PROBLEMS_FILE = "problems.json";

/** The file of a delta folder holding its patch (see index/overlay.ts). */
export const PATCH_FILE = "patch.json";

/**
 * The problems a build or delta stored in its {@link PROBLEMS_FILE}: none when there is no such file (most
 * sources have no problems); {@link IndexCorruptError} when it is not a list of problems; any other
 * failure to read it throws as `fs.readFileSync` does.
 */
export function readStoredProblems(file: string): PageProblem[] {
  const text = readOptionalFile(file);
  if (text === null) return [];
  let stored: unknown;
  try {
    stored = JSON.parse(text);
  } catch {
    throw new IndexCorruptError(`${file}: not a list of problems`);
  }
  if (!Array.isArray(stored) || !stored.every(isPageProblem)) throw new IndexCorruptError(`${file}: not a list of problems`);
  return stored;
}

function isPageProblem(value: unknown): value is PageProblem {
  if (typeof value !== "object" || value === null) return false;
  const { path: file, line, severity, message } = value as Record<string, unknown>;
  return typeof file === "string" && typeof line === "number" && (severity === "error" || severity === "warning") && typeof message === "string";
}
