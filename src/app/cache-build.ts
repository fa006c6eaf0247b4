// Builds source indexes for the cache: under a lock, into a temporary folder renamed into place; other
// processes wait for the build; an unusable cache location means building in memory.

import fs from "node:fs";
import path from "node:path";
import { errorCode } from "../errors.js";
import { relativeTo } from "../sources/scan.js";
import { DEFAULT_MAX_PAGE_BYTES } from "../types.js";
import { pathSetHash } from "../sources/path-set-hash.js";
import { type SourceAnalysis, analyzeSource, eventLoopTurn, searchKeywordsFor } from "./analyze-source.js";
import { type IndexData, combineIndex } from "../index/build.js";
import { gatherPostings } from "../index/search-build.js";
import { buildStamp, freshnessOf, gitIndexTime, gitState, parentGroup, slugGroup, tidyCache, writeAtomically } from "./cache-folder.js";
import { type BuildFile, type CacheLayout, type CacheOptions, STAMPS_FILE } from "./cache-types.js";
import { writeBuildFiles } from "./cache-files.js";
import { PROBLEMS_FILE, SOURCE_FILE } from "./cache-root.js";
import { writeStamps } from "./cache-check.js";
import { MemoryIndex } from "../index/memory.js";
import { type GlossaryIndex, isSuggestible } from "../index/reader.js";
import { DiskIndex, INDEX_FORMAT_VERSION, type Manifest } from "../index/store.js";
import { BUILD_ID } from "../version.js";
import { writeIndexFiles, writeManifest, writeSearch } from "../index/store-write.js";
import { type SearchThread, writeSearchInThread } from "./search-thread.js";
import { readTextFile } from "../sources/read-file.js";
import { CACHE_TAG } from "../sources/discover.js";
import { isFolder } from "./optional-file.js";
import { UNKNOWN_TIME, wallClock } from "../sources/file-times.js";
import { UsageError } from "../errors.js";

/** How long a process waits for another one building the same index before building its own in memory. */
const LOCK_WAIT_MS = 10 * 60 * 1000;

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
  const data = combineIndex(scan.pages, relativeTo(real), await searchKeywordsFor(scan.pages));
  options.problems?.([...scan.problems, ...data.duplicates]);
  options.built?.(data.records.length, null);
  return new MemoryIndex(data, real);
}

/** Builds the index under the source's lock and publishes it; other processes wait for it meanwhile. */
async function buildCached(home: string, real: string, options: CacheOptions, layout: CacheLayout): Promise<GlossaryIndex> {
  makeFolders(home);
  try {
    if (!fs.existsSync(path.join(home, SOURCE_FILE))) writeAtomically(path.join(home, SOURCE_FILE), JSON.stringify({ source: real }));
    // Marks the cache as one, for backup tools, and for the walk of a source that holds it (sources/discover).
    const tag = path.join(options.root ?? path.dirname(path.dirname(home)), CACHE_TAG.name);
    if (!fs.existsSync(tag)) writeAtomically(tag, `${CACHE_TAG.signature}\n# A cache directory tag: the indexes glossary keeps of its sources, made again when missing.\n# See https://bford.info/cachedir/\n`);
  } catch (error) {
    throw new CacheUnusableError(`cannot write in ${home}: ${failure(error)}`);
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
      const cached = await layout.openCurrent(home, real, program, options.maxPageBytes ?? DEFAULT_MAX_PAGE_BYTES, options.problems, options);
      if (cached) return cached;
    }
    if (!options.rebuild) {
      // A change to a built source is indexed as a delta beside its build, while the delta stays small.
      const delta = await (await import("./cache-delta.js")).buildDelta(home, real, program, options, layout);
      // A walk of the source (`glossary index`) that found it as its index has it: the index as it is.
      const current = delta === "up to date" ? await layout.openCurrent(home, real, program, options.maxPageBytes ?? DEFAULT_MAX_PAGE_BYTES, options.problems) : delta;
      if (current !== null) return current;
    }
    const stamp = buildStamp();
    const started = wallClock();
    const git = gitState(real, started);
    const folder = fs.statSync(real, { throwIfNoEntry: false });
    if (folder === undefined) throw new UsageError(`source folder moved or removed: ${real}`, "run the command again once it is in place");
    const scan = withoutVanished(await analyzeSource(real, { ...options, workerScript: options.workerScript ?? null }), real);
    // The source's folder moved or removed while it was read: what was read is not the source, and is not kept.
    const now = fs.statSync(real, { throwIfNoEntry: false });
    if (now === undefined || now.ino !== folder.ino || now.dev !== folder.dev) {
      throw new UsageError(`source folder moved or removed while it was read: ${real}`, "run the command again once it is in place");
    }
    await eventLoopTurn();
    const data = combineIndex(scan.pages, relativeTo(real), await searchKeywordsFor(scan.pages));
    await eventLoopTurn();
    const problems = [...scan.problems, ...data.duplicates];
    options.problems?.(problems);
    const pageSetHash = pathSetHash(scan.files.map((file) => file.relative));
    const freshness = freshnessOf(stamp, program, real, options, { ...scan, pageSetHash }, git, gitIndexTime(git, started));
    const temporary = path.join(home, `tmp-${stamp}`);
    const final = path.join(home, `build-${stamp}`);
    let searchThread: SearchThread | null = null;
    let manifest: Manifest;
    try {
      // A large source's search (most of the writing) is written by a worker thread meanwhile.
      searchThread = await writeSearchInThread(options.workerScript ?? null, data.searchDocuments, temporary, stamp);
      if (searchThread !== null) options.verbose(`writing the search of ${real} in a worker thread`);
      const files = writeIndexFiles(data, temporary, stamp);
      fs.writeFileSync(path.join(temporary, "freshness.json"), JSON.stringify(freshness));
      writeBuildFiles(temporary, stamp, fileTable(scan, data, real), freshness.folders.map(([relative]) => relative));
      writeStamps(path.join(temporary, STAMPS_FILE), stamp, scan.files.map((file) => [file.relative, file.mtimeMs, file.size]));
      // Kept for --verbose on later runs (a source without problems has no such file).
      if (problems.length > 0) fs.writeFileSync(path.join(temporary, PROBLEMS_FILE), JSON.stringify(problems));
      const search = searchThread === null ? writeSearch(gatherPostings(data.searchDocuments), temporary, stamp) : await searchThread.written;
      // Ended before the build is: nothing of it runs on when this returns.
      await searchThread?.stop();
      manifest = writeManifest(data, temporary, stamp, files, search);
      fs.renameSync(temporary, final);
      writeAtomically(layout.pointerFile(home, program), JSON.stringify({ version: INDEX_FORMAT_VERSION, stamp }));
    } catch (error) {
      // Nothing is written into the folder once it is removed.
      await searchThread?.stop();
      fs.rmSync(temporary, { recursive: true, force: true });
      throw new CacheUnusableError(`cannot write the index in ${home}: ${failure(error)}`);
    }
    tidyCache(home, layout.pointerFile(home, program));
    options.verbose(`indexed ${data.records.length} entries of ${real} into ${final}`);
    options.built?.(data.records.length, final);
    // The index as written: the pages' counts may have gone to the thread that wrote the search, and the
    // rest need not stay in memory.
    return new DiskIndex(final, real, manifest);
  } finally {
    lock.release();
  }
}

/**
 * A source's reading without the pages and folders that were gone by the time they were read (a checkout
 * under way, a folder moved): they are taken as not there, and every folder's time as unknown, so that the
 * next call looks at every folder again and reads what is there then (see recordedTime).
 */
function withoutVanished(scan: SourceAnalysis, real: string): SourceAnalysis {
  const vanished = new Set(scan.problems.filter((problem) => problem.message.endsWith("(ENOENT)")).map((problem) => problem.path));
  if (vanished.size === 0) return scan;
  const files = scan.files.filter((file) => !vanished.has(path.join(real, ...file.relative.split("/"))));
  return {
    ...scan,
    problems: scan.problems.filter((problem) => !vanished.has(problem.path)),
    files,
    fileCount: files.length,
    folders: scan.folders.map((record) => ({ ...record, mtimeMs: UNKNOWN_TIME })),
  };
}

/** Every page file of a build with its stamp and what it gave (see {@link BuildFile}). */
function fileTable(scan: SourceAnalysis, data: IndexData, real: string): BuildFile[] {
  const relative = relativeTo(real);
  const pages = new Map(scan.pages.map((page) => [relative(page), page]));
  const ids = new Map(data.records.map((record) => [record.path, record.id]));
  const suggestible = new Map<number, number>();
  for (const entries of data.keys.values()) for (const [id, kind] of entries) if (isSuggestible(kind)) suggestible.set(id, (suggestible.get(id) ?? 0) + 1);
  return scan.files.map((file): BuildFile => {
    const page = pages.get(file.relative);
    const id = ids.get(file.relative) ?? -1;
    return [
      file.relative,
      file.mtimeMs,
      file.size,
      page?.locale ?? null,
      page ? slugGroup(page.locale, page.slug) : null,
      id,
      suggestible.get(id) ?? 0,
      page ? parentGroup(page.locale, page.slug) : null,
    ];
  });
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
      if (errorCode(error) !== "ENOENT" || path.dirname(dir) === dir) throw new CacheUnusableError(`cannot create ${folder}: ${failure(error)}`);
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
      if (errorCode(error) !== "EEXIST" || !isFolder(dir)) throw new CacheUnusableError(`cannot create ${folder}: ${failure(error)}`);
    }
  }
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
            if (readTextFile(file) === String(process.pid)) fs.unlinkSync(file);
          } catch {
            // Already gone: nothing to release.
          }
        },
      };
    } catch (error) {
      if (errorCode(error) !== "EEXIST") {
        throw new CacheUnusableError(`cannot lock ${home}: ${failure(error)}`);
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
    const code = errorCode(error);
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
    content = readTextFile(file);
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
    return errorCode(error) === "ESRCH";
  }
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
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

/** What went wrong, for a message: the system call's error code, else the message. */
function failure(error: unknown): string {
  return errorCode(error) ?? (error instanceof Error ? error.message : String(error));
}
