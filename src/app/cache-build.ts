// Builds source indexes for the cache: under a lock, into a temporary folder renamed into place; other
// processes wait for the build; an unusable cache location means building in memory.

import fs from "node:fs";
import path from "node:path";
import { relativeTo } from "../sources/scan.js";
import { DEFAULT_MAX_PAGE_BYTES } from "../types.js";
import { analyzeSource } from "./analyze-source.js";
import { combineIndex } from "../index/build.js";
import { type CacheLayout, type CacheOptions, type Freshness, PROBLEMS_FILE, SOURCE_FILE } from "./cache-types.js";
import { MemoryIndex } from "../index/memory.js";
import type { GlossaryIndex } from "../index/reader.js";
import { INDEX_FORMAT_VERSION } from "../index/store.js";
import { BUILD_ID } from "../version.js";
import { writeIndex } from "../index/store-write.js";

/** How long a process waits for another one building the same index before building its own in memory. */
const LOCK_WAIT_MS = 10 * 60 * 1000;
/**
 * The indexes of other program builds (other installs sharing the cache) are kept while in use this
 * recently (see POINTER_USE_MS), the most recently used first, and at most this many.
 */
const OTHER_PROGRAM_AGE_MS = 30 * 24 * 60 * 60 * 1000;
const OTHER_PROGRAMS_KEPT = 2;

/** A problem with the cache location itself (not writable, not a folder...): the cache is then skipped. */
class CacheUnusableError extends Error {}

/** Builds the index of a source (real path), cached when possible. */
export async function buildSourceIndex(real: string, options: CacheOptions, layout: CacheLayout): Promise<GlossaryIndex> {
  if (options.root === null) return buildInMemory(real, options);
  try {
    return await buildCached(layout.sourceCacheFolder(options.root, real), real, options, layout);
  } catch (error) {
    if (!(error instanceof CacheUnusableError)) throw error;
    options.verbose(`cache not used (${error.message}); reading ${real}`);
    return buildInMemory(real, options);
  }
}

export async function buildInMemory(real: string, options: CacheOptions): Promise<MemoryIndex> {
  const scan = await analyzeSource(real, { ...options, workerScript: options.workerScript ?? null });
  const data = combineIndex(scan.pages, relativeTo(real));
  options.problems?.([...scan.problems, ...data.duplicates]);
  options.built?.(data.records.length, null);
  return new MemoryIndex(data, real);
}

/** Builds the index under the source's lock and publishes it; other processes wait for it meanwhile. */
async function buildCached(home: string, real: string, options: CacheOptions, layout: CacheLayout): Promise<GlossaryIndex> {
  makeFolders(home);
  try {
    if (!fs.existsSync(path.join(home, SOURCE_FILE))) writeAtomically(path.join(home, SOURCE_FILE), JSON.stringify({ source: real }));
  } catch (error) {
    throw new CacheUnusableError(`cannot write in ${home}: ${errorCode(error)}`);
  }
  const lock = acquireLock(home, options);
  if (lock === null) {
    options.verbose(`another process is building the index of ${real}; reading it here too`);
    return buildInMemory(real, options);
  }
  const program = options.program ?? BUILD_ID;
  try {
    // Another process may have built it while this one waited for the lock.
    if (!options.rebuild && lock.waited) {
      const cached = layout.openCurrent(home, real, program, options.maxPageBytes ?? DEFAULT_MAX_PAGE_BYTES, options.problems);
      if (cached) return cached;
    }
    const stamp = buildStamp();
    const scan = await analyzeSource(real, { ...options, workerScript: options.workerScript ?? null });
    const data = combineIndex(scan.pages, relativeTo(real));
    const problems = [...scan.problems, ...data.duplicates];
    options.problems?.(problems);
    const mode = scan.fileCount <= (options.fileCheckLimit ?? 0) ? "files" : "folders";
    const freshness: Freshness = {
      stamp,
      program,
      root: real,
      maxPageBytes: options.maxPageBytes ?? DEFAULT_MAX_PAGE_BYTES,
      mode,
      folders: scan.folders.filter((f) => f.hasFolders || !f.hasPage).map((f) => [f.relative, f.mtimeMs]),
      files: mode === "files" ? scan.files.map((f) => [f.relative.split("/").join(path.sep), f.mtimeMs, f.size]) : [],
      git: gitState(real),
    };
    const temporary = path.join(home, `tmp-${stamp}`);
    const final = path.join(home, `build-${stamp}`);
    try {
      writeIndex(data, temporary, stamp);
      fs.writeFileSync(path.join(temporary, "freshness.json"), JSON.stringify(freshness));
      // Kept for --verbose on later runs (a source without problems has no such file).
      if (problems.length > 0) fs.writeFileSync(path.join(temporary, PROBLEMS_FILE), JSON.stringify(problems));
      fs.renameSync(temporary, final);
      writeAtomically(layout.pointerFile(home, program), JSON.stringify({ version: INDEX_FORMAT_VERSION, stamp }));
    } catch (error) {
      fs.rmSync(temporary, { recursive: true, force: true });
      throw new CacheUnusableError(`cannot write the index in ${home}: ${errorCode(error)}`);
    }
    tidyCache(home, layout.pointerFile(home, program));
    options.verbose(`indexed ${data.records.length} entries of ${real} into ${final}`);
    options.built?.(data.records.length, final);
    return new MemoryIndex(data, real);
  } finally {
    lock.release();
  }
}

/**
 * A new build's name: time, process and a random part, each of a fixed width, so that two builds of the
 * same pages take the same bytes (the stamp is written into every file) and the size bound compares like
 * with like.
 */
export function buildStamp(): string {
  const part = (value: number, width: number) => value.toString(36).padStart(width, "0").slice(-width);
  return `${part(Date.now(), 9)}-${part(process.pid, 6)}-${part(Math.floor(Math.random() * 36 ** 5), 5)}`;
}

/** At most this many missing folders are made above a source's cache folder (the cache root and its parents). */
const MAX_MISSING_FOLDERS = 32;

/**
 * Creates a folder and its missing parents one level at a time, at most {@link MAX_MISSING_FOLDERS} of them.
 * (Node's recursive mkdir loops forever where creating a folder fails with ENOENT under a parent that
 * exists, as in `/proc`.) Throws {@link CacheUnusableError} when the folder cannot be made.
 */
export function makeFolders(folder: string): void {
  const missing: string[] = [];
  for (let dir = folder; ; dir = path.dirname(dir)) {
    let stat: fs.Stats | undefined;
    try {
      stat = fs.statSync(dir);
    } catch (error) {
      if (errorCode(error) !== "ENOENT" || path.dirname(dir) === dir) throw new CacheUnusableError(`cannot create ${folder}: ${errorCode(error)}`);
    }
    if (stat !== undefined) {
      if (!stat.isDirectory()) throw new CacheUnusableError(`cannot create ${folder}: ENOTDIR`);
      break;
    }
    if (missing.length === MAX_MISSING_FOLDERS) throw new CacheUnusableError(`cannot create ${folder}: more than ${MAX_MISSING_FOLDERS} folders missing`);
    missing.push(dir);
  }
  for (const dir of missing.reverse()) {
    try {
      fs.mkdirSync(dir);
    } catch (error) {
      // Made meanwhile by another process: fine when it is a folder.
      if (errorCode(error) !== "EEXIST" || !isFolder(dir)) throw new CacheUnusableError(`cannot create ${folder}: ${errorCode(error)}`);
    }
  }
}

function isFolder(dir: string): boolean {
  try {
    return fs.statSync(dir).isDirectory();
  } catch {
    return false;
  }
}

/** Git's index and HEAD files of the work tree holding a folder, with their modification times. */
export function gitState(folder: string): Array<[string, number]> {
  for (let dir = folder; ; dir = path.dirname(dir)) {
    const git = path.join(dir, ".git");
    try {
      if (fs.statSync(git).isDirectory()) {
        return ["index", "HEAD"].flatMap((name): Array<[string, number]> => {
          try {
            return [[path.join(git, name), fs.statSync(path.join(git, name)).mtimeMs]];
          } catch {
            return [];
          }
        });
      }
    } catch {
      // No .git here: look further up.
    }
    if (path.dirname(dir) === dir) return [];
  }
}

/** Writes a file under a temporary name and renames it into place, so readers see the old or the new. */
export function writeAtomically(file: string, content: string): void {
  const temporary = `${file}.tmp-${process.pid}-${Math.floor(Math.random() * 0xffffff).toString(36)}`;
  fs.writeFileSync(temporary, content);
  fs.renameSync(temporary, file);
}

interface Lock {
  /** True when another process held the lock first. */
  waited: boolean;
  release(): void;
}

/**
 * Takes the source's build lock, waiting while a live process holds it. A lock left by a process that no
 * longer runs is taken over. Null when waiting took too long.
 */
function acquireLock(home: string, options: CacheOptions): Lock | null {
  const started = Date.now();
  let waited = false;
  for (;;) {
    const lock = takeLock(home, options.verbose);
    if (lock !== null) return { ...lock, waited };
    if (Date.now() - started > LOCK_WAIT_MS) return null;
    waited = true;
    sleep(25 + Math.floor(Math.random() * 50));
  }
}

/** Takes the source's build lock if no live process holds it (a stopped one's is taken over), else null. */
function takeLock(home: string, verbose: (message: string) => void = () => {}): Lock | null {
  const file = path.join(home, "lock");
  for (;;) {
    try {
      createFilled(file, String(process.pid));
      return {
        waited: false,
        release: () => {
          try {
            if (fs.readFileSync(file, "utf8") === String(process.pid)) fs.unlinkSync(file);
          } catch {
            // Already gone: nothing to release.
          }
        },
      };
    } catch (error) {
      if (!(error instanceof Error && "code" in error && error.code === "EEXIST")) {
        throw new CacheUnusableError(`cannot lock ${home}: ${errorCode(error)}`);
      }
    }
    if (!lockIsStale(file)) return null;
    verbose(`removing a lock left by a process that stopped: ${file}`);
    try {
      fs.unlinkSync(file);
    } catch {
      // Another waiting process removed it first.
    }
  }
}

/**
 * Creates `file` holding `content`, failing with EEXIST when it exists: written under a temporary name, then
 * linked into place, so that no process ever sees it empty (a process stopped between creating a lock and
 * writing its number would leave a lock that names no process). Where the file system has no hard links,
 * created in place and then written.
 */
function createFilled(file: string, content: string): void {
  const temporary = `${file}.tmp-${process.pid}-${Math.floor(Math.random() * 0xffffff).toString(36)}`;
  try {
    fs.writeFileSync(temporary, content, { flag: "wx" });
    fs.linkSync(temporary, file);
  } catch (error) {
    const code = error instanceof Error && "code" in error ? error.code : undefined;
    if (code !== "EPERM" && code !== "ENOTSUP" && code !== "EOPNOTSUPP" && code !== "ENOSYS") throw error;
    const fd = fs.openSync(file, "wx");
    fs.writeSync(fd, content);
    fs.closeSync(fd);
  } finally {
    fs.rmSync(temporary, { force: true });
  }
}

function lockIsStale(file: string): boolean {
  let content: string;
  try {
    content = fs.readFileSync(file, "utf8");
  } catch {
    return false;
  }
  const pid = Number(content);
  if (!Number.isInteger(pid) || pid <= 0) {
    // Created in place (no hard links) but not yet filled in by its owner: only stale once it has been empty for a while.
    try {
      return Date.now() - fs.statSync(file).mtimeMs > 5_000;
    } catch {
      return false;
    }
  }
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return error instanceof Error && "code" in error && error.code === "ESRCH";
  }
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Tidies a source's cache folder; the caller holds its build lock, so no other process is writing in it.
 * Removed: every unfinished build (`tmp-*`) and temporary file (`*.tmp-*`): their writers have stopped;
 * every build no kept pointer names (superseded builds go at once: a reader still using one finds its files
 * gone, and reads the pages again); pointers of other program builds unused for a month, beyond
 * {@link OTHER_PROGRAMS_KEPT}, or beyond the bound: all builds kept together stay within twice the size of
 * `own`'s build (the most recently used kept first).
 */
export function tidyCache(home: string, own: string): void {
  let names: string[];
  try {
    names = fs.readdirSync(home);
  } catch {
    return;
  }
  const stampOf = (pointer: string): string | null => {
    try {
      const { stamp } = JSON.parse(fs.readFileSync(pointer, "utf8")) as { stamp?: unknown };
      return typeof stamp === "string" && /^[\w-]+$/.test(stamp) && names.includes(`build-${stamp}`) ? stamp : null;
    } catch {
      return null;
    }
  };
  const ownStamp = stampOf(own);
  const ownSize = ownStamp === null ? 0 : folderSize(path.join(home, `build-${ownStamp}`));
  const others: Array<{ pointer: string; used: number }> = [];
  for (const name of names) {
    const pointer = path.join(home, name);
    if (pointer === own || !/^current(-.*)?\.json$/.test(name)) continue;
    try {
      others.push({ pointer, used: fs.statSync(pointer).mtimeMs });
    } catch {
      // Removed meanwhile.
    }
  }
  others.sort((a, b) => b.used - a.used);
  const current = new Set<string>(ownStamp === null ? [] : [`build-${ownStamp}`]);
  let total = ownSize;
  for (const [n, { pointer, used }] of others.entries()) {
    const stamp = stampOf(pointer);
    const size = stamp === null ? 0 : folderSize(path.join(home, `build-${stamp}`));
    const keep = stamp !== null && n < OTHER_PROGRAMS_KEPT && Date.now() - used <= OTHER_PROGRAM_AGE_MS && total + size <= 2 * ownSize;
    if (keep) {
      current.add(`build-${stamp}`);
      total += size;
    } else {
      removeQuietly(pointer);
    }
  }
  for (const name of names) {
    if ((name.startsWith("build-") && !current.has(name)) || name.startsWith("tmp-") || name.includes(".tmp-")) removeQuietly(path.join(home, name));
  }
}

/**
 * Tidies a source's cache folder after a read found leftovers there (see {@link cacheLeftovers}), when no
 * live process is building in it: the lock is taken without waiting, and left alone when held.
 */
export function tidyWithoutWaiting(home: string, own: string): void {
  let lock: Lock | null;
  try {
    lock = takeLock(home);
  } catch {
    return; // A cache that cannot be written: nothing can be removed from it either.
  }
  if (lock === null) return;
  try {
    tidyCache(home, own);
  } finally {
    lock.release();
  }
}

/** The bytes of the files below a folder (0 when it cannot be read). */
export function folderSize(folder: string): number {
  let total = 0;
  try {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true, recursive: true })) {
      if (!entry.isFile()) continue;
      try {
        total += fs.statSync(path.join(entry.parentPath ?? entry.path, entry.name)).size;
      } catch {
        // Removed meanwhile.
      }
    }
  } catch {
    return 0;
  }
  return total;
}

function removeQuietly(file: string): void {
  try {
    fs.rmSync(file, { recursive: true, force: true });
  } catch {
    // Left for the next build to try.
  }
}

function errorCode(error: unknown): string {
  return error instanceof Error && "code" in error ? String(error.code) : error instanceof Error ? error.message : String(error);
}
