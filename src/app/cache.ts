// The on-disk cache of source indexes, as read: where a source's index lives, whether it is still fresh, and
// the current build of it (cache-build.ts writes them).

import fs from "node:fs";
import path from "node:path";
import type { PageProblem } from "../types.js";
import { BUILD_ID } from "../version.js";
import { DiskIndex, INDEX_FORMAT_VERSION, IndexCorruptError, keyHash, readManifest } from "../index/store.js";

/** Sources with at most this many pages have every page file checked on each call; larger ones, their folders. */
export const FILE_CHECK_LIMIT = 500;

export interface CacheOptions {
  /** The cache folder (`$XDG_CACHE_HOME/glossary`), or null to work without a cache. */
  root: string | null;
  /** Notes for `--verbose`. */
  verbose: (message: string) => void;
  /** Problems found in pages while (re)building, for `--verbose`. */
  problems?: (problems: readonly PageProblem[]) => void;
  /** Ignore what is cached and read every page again. */
  rebuild?: boolean;
  /** Called while pages are read during a build. */
  progress?: (done: number, total: number) => void;
  /** Told when an index was built (rather than read from the cache), with where it was written. */
  built?: (entries: number, folder: string | null) => void;
  /** Sources with more pages than this are checked by their folders only (default {@link FILE_CHECK_LIMIT}). */
  fileCheckLimit?: number;
  /** The worker script that reads pages in parallel for large sources (absent: read in this thread). */
  workerScript?: string | null;
  /**
   * The program build whose index is read and written (default: this one, {@link BUILD_ID}). Each build
   * has its own, so that two installs sharing the cache do not rebuild each other's.
   */
  program?: string;
}

/** What an index build records to tell, on later calls, whether its source has changed. */
export interface Freshness {
  stamp: string;
  /** The build of the program that made the index ({@link BUILD_ID}): another build's index is made again. */
  program: string;
  root: string;
  /**
   * `files`: every page file is checked (size and time), besides the folders; `folders`: only the folders
   * that hold other folders or no page (adding, removing or renaming an entry's folder changes them).
   */
  mode: "files" | "folders";
  /** Folders relative to the root, with their modification times. */
  folders: Array<[string, number]>;
  /** Page files relative to the root, with their modification times and sizes (`files` mode). */
  files: Array<[string, number, number]>;
  /** Git's index and HEAD when the source is in a Git work tree (absolute paths): a checkout changes them. */
  git: Array<[string, number]>;
}

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

/** A pointer is marked as in use (its modification time) at most this often: other builds keep what is in use. */
export const POINTER_USE_MS = 24 * 60 * 60 * 1000;

/**
 * The current cached build of a source for a program build, if it exists, is complete, of this version,
 * and fresh. Its pointer is marked as in use once a day (see removeOldBuilds in cache-build.ts).
 */
export function openCurrent(home: string, real: string, program: string): DiskIndex | null {
  try {
    const file = pointerFile(home, program);
    const pointer = JSON.parse(fs.readFileSync(file, "utf8")) as { version?: unknown; stamp?: unknown };
    if (pointer.version !== INDEX_FORMAT_VERSION || typeof pointer.stamp !== "string" || !/^[\w-]+$/.test(pointer.stamp)) return null;
    const folder = path.join(home, `build-${pointer.stamp}`);
    const manifest = readManifest(folder);
    if (manifest.stamp !== pointer.stamp) return null;
    const freshness = JSON.parse(fs.readFileSync(path.join(folder, "freshness.json"), "utf8")) as Freshness;
    if (freshness.stamp !== pointer.stamp || freshness.program !== program || !Array.isArray(freshness.folders) || !Array.isArray(freshness.files) || !Array.isArray(freshness.git)) return null;
    if (!isFresh(freshness, real)) return null;
    markInUse(file);
    return new DiskIndex(folder, real, manifest);
  } catch (error) {
    if (error instanceof IndexCorruptError || error instanceof SyntaxError || isFileError(error)) return null;
    throw error;
  }
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

