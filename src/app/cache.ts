// The on-disk cache of source indexes: built on first use (cache-build.ts, loaded only then), checked for
// freshness on every call, rebuilt whenever it is stale, damaged or of another version.

import fs from "node:fs";
import path from "node:path";
import { BUILD_ID } from "../version.js";
import { DEFAULT_MAX_PAGE_BYTES } from "../types.js";
import type { GlossaryIndex } from "../index/reader.js";
import { DiskIndex, INDEX_FORMAT_VERSION, IndexCorruptError, keyHash, readManifest } from "../index/store.js";
import type { CacheOptions, Freshness } from "./cache-types.js";
import { PROBLEMS_FILE, SOURCE_FILE, readStoredProblems } from "./cache-root.js";
import type { PageProblem } from "../types.js";
import { readTextFile } from "../sources/read-file.js";
import { openDelta } from "./cache-delta-read.js";

// In this bundle, which every command reading a source loads: a lookup asks it after every call (cli/session).
export { claimForWatch, sourcesToWatch } from "./watch-record.js";

/** Sources with at most this many pages have every page file checked on each call; larger ones, their folders. */
export const FILE_CHECK_LIMIT = 500;

/**
 * The pointer naming the current build of a source's index for one program build (a file name made of the
 * build's identity: `current-0.1.0_8313b2574de5.json`).
 */
export function pointerFile(home: string, program: string): string {
  return path.join(home, `current-${program.replace(/[^\w.-]/g, "_")}.json`);
}

/** The cache folder of one source: named after a hash of its real path. */
export function sourceCacheFolder(root: string, realSource: string): string {
  const hash = `${keyHash(realSource).toString(16).padStart(8, "0")}${keyHash(`${realSource.length}:${realSource}`).toString(16).padStart(8, "0")}`;
  return path.join(root, "sources", hash);
}

/**
 * The source folder a source's cache folder indexes: from its {@link SOURCE_FILE}, else from the freshness
 * data of a build in it; null when neither says.
 */
export function cachedSourcePath(home: string): string | null {
  const named = (file: string, field: string): string | null => {
    try {
      const value = (JSON.parse(readTextFile(file)) as Record<string, unknown>)[field];
      return typeof value === "string" && path.isAbsolute(value) ? value : null;
    } catch {
      return null;
    }
  };
  const direct = named(path.join(home, SOURCE_FILE), "source");
  if (direct !== null) return direct;
  try {
    for (const name of fs.readdirSync(home)) {
      if (!name.startsWith("build-")) continue;
      const root = named(path.join(home, name, "freshness.json"), "root");
      if (root !== null) return root;
    }
  } catch {
    // No folder: no source.
  }
  return null;
}

/** True when the source looks as it did when the index was built. */
export function isFresh(freshness: Freshness, realSource: string): boolean {
  if (freshness.root !== realSource) return false;
  try {
    for (const [relative, mtimeMs] of freshness.folders) {
      if (fs.statSync(relative === "" ? realSource : `${realSource}${path.sep}${relative}`).mtimeMs !== mtimeMs) return false;
    }
    for (const [relative, mtimeMs, size] of freshness.files) {
      const stat = fs.statSync(`${realSource}${path.sep}${relative}`);
      if (stat.mtimeMs !== mtimeMs || stat.size !== size) return false;
    }
    for (const [file, mtimeMs] of freshness.git) {
      if (fs.statSync(file).mtimeMs !== mtimeMs) return false;
    }
  } catch {
    return false;
  }
  return true;
}

/**
 * The index of a source folder (already checked to exist): from the cache when it is fresh, else built
 * (and cached when the cache can be written). Never fails because of the cache: an unusable cache location
 * means working without one. Building loads the page reader and indexer, so it happens only when needed.
 */
export async function openSourceIndex(folder: string, options: CacheOptions): Promise<GlossaryIndex> {
  const real = fs.realpathSync.native(folder);
  if (options.root !== null && !options.rebuild) {
    const home = sourceCacheFolder(options.root, real);
    const program = options.program ?? BUILD_ID;
    const cached = await openCurrent(home, real, program, options.maxPageBytes ?? DEFAULT_MAX_PAGE_BYTES, options.problems, options);
    if (cached) {
      if (cacheLeftovers(home)) (await import("./cache-build.js")).tidyWithoutWaiting(home, pointerFile(home, program));
      return cached;
    }
  }
  const { buildSourceIndex } = await import("./cache-build.js");
  return buildSourceIndex(real, { ...options, fileCheckLimit: options.fileCheckLimit ?? FILE_CHECK_LIMIT }, { openCurrent, pointerFile, sourceCacheFolder, openDelta });
}

/**
 * True when a source's cache folder holds what a build left behind: an unfinished build (`tmp-*`), a
 * temporary file (`*.tmp-*`), a lock (a build running, or stopped), or more builds (or deltas) than pointers
 * (a build stopped before removing the one it replaced). One `readdir`, done after each read of the cache.
 */
export function cacheLeftovers(home: string): boolean {
  let builds = 0;
  let deltas = 0;
  let pointers = 0;
  try {
    for (const name of fs.readdirSync(home)) {
      if (name.startsWith("tmp-") || name.includes(".tmp-") || name === "lock") return true;
      if (name.startsWith("build-")) builds++;
      else if (name.startsWith("delta-")) deltas++;
      else if (name.startsWith("current")) pointers++;
    }
  } catch {
    return false;
  }
  return builds > pointers || deltas > pointers;
}

/** A pointer is marked as in use (its modification time) at most this often: other builds keep what is in use. */
export const POINTER_USE_MS = 24 * 60 * 60 * 1000;

/**
 * The current cached build of a source for a program build, if it exists, is complete, of this version,
 * and fresh (as far as `check` asks: see CacheOptions); `problems` is told the problems its pages had when
 * it was built. Its pointer is marked as in use once a day (see tidyCache in cache-build.ts). A build with
 * a delta beside it (the pointer names both) is read with it (see index/overlay.ts), checked and reported
 * as of the delta.
 */
export async function openCurrent(
  home: string,
  real: string,
  program: string,
  maxPageBytes: number,
  problems?: (problems: readonly PageProblem[]) => void,
  check: Pick<CacheOptions, "checkEveryPage" | "walkSource" | "editedPages"> = {},
): Promise<GlossaryIndex | null> {
  // The walk is the delta's to make, which finds the index up to date or indexes what changed (one walk).
  if (check.walkSource) return null;
  try {
    const records = currentRecords(home, program);
    if (records === null) return null;
    const { freshness, build, delta } = records;
    const manifest = readManifest(build.folder);
    if (manifest.stamp !== build.stamp || freshness.maxPageBytes !== maxPageBytes) return null;
    if (!isFresh(freshness, real)) return null;
    if (freshness.mode === "folders" && (check.checkEveryPage || (check.editedPages?.length ?? 0) > 0)) {
      if (!(await import("./cache-check.js")).pagesUnchanged(real, build, delta, check.checkEveryPage ? undefined : check.editedPages)) return null;
    }
    markInUse(pointerFile(home, program));
    const base = new DiskIndex(build.folder, real, manifest);
    const index = delta === null ? base : openDelta(base, delta.folder, real);
    // Told once the index opened: one that cannot be is built again, which tells them itself.
    if (problems) reportStoredProblems(path.join((delta ?? build).folder, PROBLEMS_FILE), problems);
    return index;
  } catch (error) {
    if (error instanceof IndexCorruptError || error instanceof SyntaxError || isFileError(error)) return null;
    throw error;
  }
}

/** A pointer's build and delta stamps; null when it is of another index format or not a pointer. */
function readPointer(file: string): { stamp: string; delta?: string } | null {
  const pointer = JSON.parse(readTextFile(file)) as { version?: unknown; stamp?: unknown; delta?: unknown };
  if (pointer.version !== INDEX_FORMAT_VERSION || !isStamp(pointer.stamp) || (pointer.delta !== undefined && !isStamp(pointer.delta))) return null;
  return pointer.delta === undefined ? { stamp: pointer.stamp } : { stamp: pointer.stamp, delta: pointer.delta as string };
}

/** The folder and stamp of a pointer's build and of its delta (null when it has none); the latest record is the delta's, else the build's. */
function pointerRecords(home: string, pointer: { stamp: string; delta?: string }): Pick<CurrentRecords, "build" | "delta"> {
  const build = { folder: path.join(home, `build-${pointer.stamp}`), stamp: pointer.stamp };
  return { build, delta: pointer.delta === undefined ? null : { folder: path.join(home, `delta-${pointer.delta}`), stamp: pointer.delta } };
}

/** The freshness record of a build or delta folder; null when it is not of that stamp and program build. */
function readFreshness(folder: string, stamp: string, program: string): Freshness | null {
  const freshness = JSON.parse(readTextFile(path.join(folder, "freshness.json"))) as Freshness;
  if (freshness.stamp !== stamp || freshness.program !== program || !Array.isArray(freshness.folders) || !Array.isArray(freshness.files) || !Array.isArray(freshness.git)) return null;
  return freshness;
}

/** The records of a source's current index: its build's and its delta's folder and stamp. */
export interface CurrentRecords {
  freshness: Freshness;
  build: { folder: string; stamp: string };
  delta: { folder: string; stamp: string } | null;
}

/**
 * What the current index of a source for a program build records of its source's state (the delta's
 * record when it has one), with the folders of its build and delta; null when there is no usable index.
 */
export function currentRecords(home: string, program: string = BUILD_ID): CurrentRecords | null {
  try {
    const pointer = readPointer(pointerFile(home, program));
    if (pointer === null) return null;
    const { build, delta } = pointerRecords(home, pointer);
    const latest = delta ?? build;
    const freshness = readFreshness(latest.folder, latest.stamp, program);
    return freshness === null ? null : { freshness, build, delta };
  } catch (error) {
    if (error instanceof SyntaxError || isFileError(error)) return null;
    throw error;
  }
}

function isStamp(value: unknown): value is string {
  return typeof value === "string" && /^[\w-]+$/.test(value);
}

/** Tells the problems a build stored (none when its file is missing: a source without problems; nothing when it cannot be read). */
function reportStoredProblems(file: string, problems: (problems: readonly PageProblem[]) => void): void {
  let stored: PageProblem[];
  try {
    stored = readStoredProblems(file);
  } catch (error) {
    if (error instanceof IndexCorruptError) throw error;
    return;
  }
  if (stored.length > 0) problems(stored);
}

function markInUse(pointer: string): void {
  try {
    if (Date.now() - fs.statSync(pointer).mtimeMs > POINTER_USE_MS) {
      const now = new Date();
      fs.utimesSync(pointer, now, now);
    }
  } catch {
    // A cache that cannot be written: nothing to mark.
  }
}

function isFileError(error: unknown): boolean {
  return error instanceof Error && "code" in error && typeof error.code === "string";
}

