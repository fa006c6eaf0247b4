// Indexes the changes to a built source as a delta segment beside its build: only the pages whose files
// changed (and those sharing a slug with them) are read and indexed, with the code a full build uses.

import fs from "node:fs";
import path from "node:path";
import { DEFAULT_LOCALE, type Discovery, PAGE_FILE_NAME, type PageFile, SKIPPED_FOLDERS, discoverPages } from "../sources/discover.js";
import { localeFromPath } from "../sources/locale.js";
import { errorCode } from "../errors.js";
import { relativeTo } from "../sources/scan.js";
import { CANNOT_READ } from "../sources/page.js";
import { isFolder } from "./optional-file.js";
import { slugKey, titleComparer } from "../text/fold.js";
import { DEFAULT_MAX_PAGE_BYTES, type PageProblem } from "../types.js";
import { type PageFileResult, analyzeFile, searchKeywordsFor } from "./analyze-source.js";
import { type BuildFile, type CacheLayout, type CacheOptions, DELTA_SHARE, type Freshness, STAMPS_FILE } from "./cache-types.js";
import { BuildFiles, entryNameBelow, insertSorted, sortedUnique } from "./cache-files.js";
import { PATCH_FILE, PROBLEMS_FILE, readStoredProblems } from "./cache-root.js";
import { writeStamps } from "./cache-check.js";
import { buildStamp, freshnessOf, gitIndexFile, gitIndexTime, gitState, gitWorkTree, parentGroup, slugGroup, tidyCache, writeAtomically } from "./cache-folder.js";
import { type IndexData, combineIndex } from "../index/build.js";
import type { DeltaPatch, OverlayIndex } from "../index/overlay.js";
import { countSuggestible } from "../index/reader.js";
import { DiskIndex, INDEX_FORMAT_VERSION, IndexCorruptError, copyStoredView, readManifest } from "../index/store.js";
import { writeIndex } from "../index/store-write.js";
import { readTextFile } from "../sources/read-file.js";
import { CLOCK_STEP_MS, UNKNOWN_TIME, recordedTime, wallClock } from "../sources/file-times.js";
import { type GitIndexReading, readGitIndex } from "../sources/git-index.js";
import { type PathSetHash, changedPathSet, isPathSetHash, pathSetHash, samePathSet } from "../sources/path-set-hash.js";

/** The file of a delta folder holding what reading each of its page files gave, to reuse while a file is unchanged. */
const RESULTS_FILE = "pages.json";

/** A page file read for a delta: its path relative to the source, and what reading it gave. */
type DeltaResult = [relative: string, result: PageFileResult];

/**
 * Indexes a built source's changes as a delta beside its current build (the caller holds the source's
 * lock), replacing the previous delta: the pages whose files differ from the build's (added or changed,
 * as their time or size says) are read, or taken from the previous delta while their files are unchanged
 * since; so are the unchanged pages sharing a locale and slug with a changed, added or removed one, so
 * that which of them wins and which is a duplicate is decided as a full build decides it. The build's
 * entries of those pages are hidden. Null when there is no build to start from, or when the delta would
 * read more than `deltaShare` of the build's files: the source is then indexed whole again (the delta merged).
 */
export async function buildDelta(home: string, real: string, program: string, options: CacheOptions, layout: CacheLayout): Promise<OverlayIndex | "up to date" | null> {
  try {
    return await deltaOf(home, real, program, options, layout);
  } catch (error) {
    // The build's files are damaged: the source is indexed whole again.
    if (error instanceof IndexCorruptError) return null;
    throw error;
  }
}

/**
 * The delta of a built source's changes, written beside its build (see {@link buildDelta}); null when there
 * is none to make; "up to date" when a walk of the source (`walkSource`) found nothing changed.
 */
async function deltaOf(home: string, real: string, program: string, options: CacheOptions, layout: CacheLayout): Promise<OverlayIndex | "up to date" | null> {
  const start = readStart(home, real, program, options, layout);
  if (start === null) return null;
  const { stamp: baseStamp, folder: baseFolder, files: baseFiles, previous } = start;
  const maxPageBytes = options.maxPageBytes ?? DEFAULT_MAX_PAGE_BYTES;
  // Taken before anything of the source is read: the times recorded are as recordedTime gives them.
  const started = wallClock();
  const git = gitState(real, started);
  const listed = options.walkSource !== true ? changedFolders(real, start, options, started) : null;
  let source = listed ?? walkedFiles(real, baseFiles, options.fileCheckLimit ?? 0);
  // Every page checked: the build's files are read whole once, rather than searched for one by one.
  if (source.checked === null) baseFiles.all();
  let stored: PageProblem[];
  try {
    stored = readStoredProblems(path.join(baseFolder, PROBLEMS_FILE));
  } catch {
    return null; // Damaged or unreadable: the source is indexed whole again.
  }
  const relative = relativeTo(real);
  // `glossary index` reads again the pages that could not be read: their permissions may have changed,
  // which changes neither their time nor their size.
  const cannotRead = (problem: PageProblem): boolean => problem.message.startsWith(CANNOT_READ);
  const unreadable = new Set<string>();
  if (options.walkSource === true) {
    for (const problem of stored) if (cannotRead(problem)) unreadable.add(relative(problem));
    for (const [name, earlier] of previous) if (earlier.problems.some(cannotRead)) unreadable.add(name);
  }
  const stats = new Map<string, { mtimeMs: number; size: number }>();
  const results = new Map<string, PageFileResult>();
  const analyzed = (file: PageFile): PageFileResult => {
    const result = analyzeFile(file, maxPageBytes);
    return { ...result, mtimeMs: recordedTime(result.mtimeMs, started) };
  };
  /** A page that could not be read, and whose file is as it was: what reading it now gives, or null when it still cannot be. */
  const readAgain = (file: PageFile): PageFileResult | null => {
    if (!unreadable.has(file.relative)) return null;
    const result = analyzed(file);
    return result.problems.some(cannotRead) ? null : result;
  };
  const read = (file: PageFile, mtimeMs: number, size: number): PageFileResult => {
    const earlier = previous.get(file.relative);
    if (earlier && earlier.mtimeMs === mtimeMs && earlier.size === size) return readAgain(file) ?? earlier;
    return analyzed(file);
  };
  /**
   * Reads the page files of `source` that changed (every one when it checks every one) into `results`, with
   * their stamps in `stats`; the known ones found gone when every one is checked (a walk's gone meanwhile).
   */
  const checkFiles = (source: SourceFiles): Set<string> => {
    // The page files the previous delta read, present and not checked: as it read them.
    for (const [name, earlier] of previous) {
      if (source.checked === null || source.checked.has(name) || !source.present(name)) continue;
      results.set(name, earlier);
      stats.set(name, { mtimeMs: earlier.mtimeMs, size: earlier.size });
    }
    const vanished = new Set<string>();
    for (const file of source.checked === null ? source.all() : [...source.checked].map(source.pageFile)) {
      let stat: fs.Stats | undefined;
      try {
        stat = fs.statSync(file.file);
      } catch (error) {
        const code = errorCode(error);
        if ((source.checked === null || source.mayVanish?.has(file.relative) === true) && (code === "ENOENT" || code === "ENOTDIR")) {
          vanished.add(file.relative);
          continue;
        }
        // Not to be asked: read as it is (a problem).
      }
      const mtimeMs = stat?.mtimeMs ?? 0;
      const size = stat?.size ?? -1;
      stats.set(file.relative, { mtimeMs: recordedTime(mtimeMs, started), size });
      const base = baseFiles.get(file.relative);
      if (base && base[1] === mtimeMs && base[2] === size && stat) {
        // As the build read it; one it could not read, and that can be read now, is read.
        const again = readAgain(file);
        if (again !== null) results.set(file.relative, again);
        continue;
      }
      results.set(file.relative, read(file, mtimeMs, size));
    }
    return vanished;
  };
  let vanished = checkFiles(source);
  if (listed !== null && vanished.size > 0) {
    // A known page file gone from a folder that stays, which no folder the record holds shows: the source is
    // walked, as `glossary index` does, so that the next record holds that folder (and sees the page back).
    options.verbose(`${vanished.size === 1 ? "a page" : `${vanished.size} pages`} of ${real} gone from a folder that stays: walking the source`);
    results.clear();
    stats.clear();
    source = walkedFiles(real, baseFiles, options.fileCheckLimit ?? 0);
    vanished = checkFiles(source);
  }
  // The build's files among some paths (a BuildFile is an array: flatMap would flatten it).
  const inBase = (names: Iterable<string>): BuildFile[] => [...names].map((name) => baseFiles.get(name)).filter((file): file is BuildFile => file !== undefined);
  const present = (relative: string): boolean => !vanished.has(relative) && source.present(relative);
  const removed = [...source.removed(), ...inBase(vanished)];
  const count = source.count - vanished.size;
  const pageSetHash = changedPathSet(source.pageSetHash, vanished, []);
  const limit = (options.deltaShare ?? DELTA_SHARE) * baseFiles.count;
  if (results.size + removed.length > limit) return null;

  // Every page of a locale and slug that changed is read again, so the delta decides its duplicates whole.
  const touched = new Set<string>();
  for (const file of [...removed, ...inBase(results.keys())]) {
    if (file[4] !== null) touched.add(file[4]);
  }
  for (const result of results.values()) if (result.analysis) touched.add(slugGroup(result.analysis.locale, result.analysis.slug));
  for (const group of touched) {
    for (const file of baseFiles.ofGroup(group)) {
      if (results.has(file[0]) || !present(file[0])) continue;
      results.set(file[0], read(source.pageFile(file[0]), file[1], file[2]));
      if (!stats.has(file[0])) stats.set(file[0], { mtimeMs: file[1], size: file[2] });
    }
  }
  if (results.size + removed.length > limit) return null;
  // Every page checked and the delta to write the same as the latest (none, or the previous delta's pages
  // as it read them): unless the record's folders' times moved (an editor's swap file come and gone, which
  // the delta then records) or it had times it could not know (see recordedTime), nothing changed. That is
  // what `glossary index` finds of a source as it was; anything else that asked was told by the record
  // that something changed: it is damaged, and built again.
  const files = source.checked === null ? source.all().filter((file) => !vanished.has(file.relative)).map((file) => ({ relative: file.relative, ...stats.get(file.relative)! })) : [];
  if (source.checked === null && !hasUnknownTimes(start.freshness) && sameAsLatest(results, removed, start)) {
    const now = freshnessOf(start.freshness.stamp, program, real, options, { folders: source.folders, files, fileCount: count, pageSetHash }, git, gitIndexTime(git, started));
    if (sameRecord(now, start.freshness)) return options.walkSource === true ? "up to date" : null;
  }

  const analyses = [...results.values()].flatMap((result) => result.analysis ?? []);
  const data = combineIndex(analyses, relative, await searchKeywordsFor(analyses));
  const base = new DiskIndex(baseFolder, real);
  const hidden = [...removed, ...inBase(results.keys())].filter((file) => file[5] >= 0);
  const patch = patchOf(base, data, baseFiles, hidden);
  const changed = new Set([...removed.map((file) => file[0]), ...results.keys()].map((name) => path.join(real, ...name.split("/"))));
  const problems = [
    ...stored.filter((problem) => !changed.has(problem.path) && baseFiles.get(relative({ path: problem.path })) !== undefined),
    ...source.problems,
    ...[...results.values()].flatMap((result) => result.problems),
    ...data.duplicates,
  ];

  const stamp = buildStamp();
  // Every page checked: the time of Git's index now is the one to compare with at the next change of Git's
  // state. Otherwise the time of the last check of every page, while it is of the same index (a work tree
  // made, or the source moved into another, has none).
  const sameIndex = gitIndexFile(git) === gitIndexFile(start.freshness.git);
  const gitChecked = source.checked === null ? gitIndexTime(git, started) : sameIndex ? (start.freshness.gitChecked ?? UNKNOWN_TIME) : UNKNOWN_TIME;
  const freshness: Freshness = freshnessOf(stamp, program, real, options, { folders: source.folders, files, fileCount: count, pageSetHash }, git, gitChecked);
  const temporary = path.join(home, `tmp-${stamp}`);
  const final = path.join(home, `delta-${stamp}`);
  const statistics = { averageFieldLength: base.searchReader().meta().averageFieldLength };
  try {
    writeIndex(data, temporary, stamp, undefined, statistics);
    carryViews(data, { folder: temporary, stamp }, start, baseFiles);
    fs.writeFileSync(path.join(temporary, PATCH_FILE), JSON.stringify(patch));
    fs.writeFileSync(path.join(temporary, RESULTS_FILE), JSON.stringify({ stamp, results: [...results] satisfies DeltaResult[], removed: removed.map((file) => file[0]) }));
    fs.writeFileSync(path.join(temporary, "freshness.json"), JSON.stringify(freshness));
    writeStamps(path.join(temporary, STAMPS_FILE), stamp, [
      ...[...results.keys()].map((name): [string, number, number] => [name, stats.get(name)!.mtimeMs, stats.get(name)!.size]),
      ...removed.map((file): [string, number, number] => [file[0], 0, -1]),
    ]);
    if (problems.length > 0) fs.writeFileSync(path.join(temporary, PROBLEMS_FILE), JSON.stringify(problems));
    fs.renameSync(temporary, final);
    writeAtomically(layout.pointerFile(home, program), JSON.stringify({ version: INDEX_FORMAT_VERSION, stamp: baseStamp, delta: stamp }));
  } catch {
    // The cache could not take it: the caller builds the index whole (and says why if that fails too).
    fs.rmSync(temporary, { recursive: true, force: true });
    return null;
  }
  // Told only now: when the delta cannot be written, the source is built whole, which tells them itself.
  options.problems?.(problems);
  tidyCache(home, layout.pointerFile(home, program));
  const index = layout.openDelta(base, final, real);
  options.verbose(`indexed ${results.size} changed pages of ${real} into ${final}, beside ${baseFolder}`);
  options.built?.(index.size, final);
  return index;
}

/**
 * Whether a delta's pages read and removed are those of the latest delta (none when there is none): each
 * page as the latest delta read it (its very reading, kept because the file is as it was), each removal one
 * it made.
 */
function sameAsLatest(results: ReadonlyMap<string, PageFileResult>, removed: readonly BuildFile[], start: DeltaStart): boolean {
  if (results.size !== start.previous.size || removed.length !== start.removed.size) return false;
  for (const [name, result] of results) if (start.previous.get(name) !== result) return false;
  return removed.every((file) => start.removed.has(file[0]));
}

/** Whether two freshness records check the same folders, files and Git files at the same times, in the same mode, with the same pages. */
function sameRecord(a: Freshness, b: Freshness): boolean {
  const entries = (record: Freshness): string => JSON.stringify([record.mode, [...record.folders].sort(), [...record.files].sort(), [...record.git].sort(), record.pageSetHash]);
  return entries(a) === entries(b);
}

/** Whether a freshness record holds a time it could not know (see recordedTime), which the next check takes as a change. */
function hasUnknownTimes(freshness: Freshness): boolean {
  const unknown = (entries: ReadonlyArray<readonly [string, number, ...unknown[]]>): boolean => entries.some((entry) => entry[1] === UNKNOWN_TIME);
  return unknown(freshness.folders) || unknown(freshness.files) || unknown(freshness.git);
}

/** The build a delta starts from: its stamp and folder, its page files, what the previous delta read and removed, and the latest freshness record. */
interface DeltaStart {
  stamp: string;
  folder: string;
  files: BuildFiles;
  previous: Map<string, PageFileResult>;
  removed: Set<string>;
  /** The previous delta (null when there is none): the views stored with it are carried into the next. */
  previousDelta: { folder: string; stamp: string } | null;
  freshness: Freshness;
}

/**
 * The page files of a source, and which of them a delta checks: found by walking the source, or from what
 * the latest build or delta knew and the folders that changed since (see {@link changedFolders}).
 */
interface SourceFiles {
  /** True for a page file that is there now. */
  present(relative: string): boolean;
  /** A page file that is there now, to read. */
  pageFile(relative: string): PageFile;
  /** Every page file there now (the same list at each call). */
  all(): PageFile[];
  /** The build's page files that are no longer there. */
  removed(): BuildFile[];
  /** How many page files there are now. */
  count: number;
  /** The hash of the page files' paths now (see path-set-hash). */
  pageSetHash: PathSetHash;
  /** The files whose stamps are compared (the others are taken as unchanged); null: all of them. */
  checked: Set<string> | null;
  /**
   * Known page files that may be gone though no folder the record holds shows it (those a watch heard
   * written: a page file removed from a folder that stays); found gone, like any when every one is
   * checked, they make the source walked.
   */
  mayVanish?: ReadonlySet<string>;
  folders: Discovery["folders"];
  problems: PageProblem[];
}

/** The page files of a source walked whole (every one checked); see discoverPages for `fileCheckLimit`. */
function walkedFiles(real: string, baseFiles: BuildFiles, fileCheckLimit: number): SourceFiles {
  const discovery = discoverPages(real, fileCheckLimit);
  const found = new Map(discovery.files.map((file) => [file.relative, file]));
  return {
    present: (relative) => found.has(relative),
    pageFile: (relative) => found.get(relative)!,
    all: () => discovery.files,
    removed: () => baseFiles.all().filter((file) => !found.has(file[0])),
    count: discovery.files.length,
    pageSetHash: pathSetHash(discovery.files.map((file) => file.relative)),
    checked: null,
    folders: discovery.folders,
    problems: discovery.problems,
  };
}

/**
 * The page files of a source found from what the latest build or delta knew and the folders that changed
 * since (each listed again; a new folder below one walked whole): adding, removing or renaming pages costs
 * in proportion to the change (and to the size of the folders listed). Only the new files are checked, the
 * page files a watch heard written (`editedPages`), and after a change of Git's state those Git wrote (a
 * checkout changes pages in place: see pagesGitWrote), unless every one is to be: when asked (`checkEveryPage`), when Git's index does not tell which files it
 * wrote, or when nothing tells what changed. Null for a source checked page by page (small, and walked
 * whole instead).
 */
function changedFolders(real: string, start: DeltaStart, options: CacheOptions, started: number): SourceFiles | null {
  const { freshness, files: baseFiles, previous, removed: removedBefore } = start;
  if (freshness.mode === "files" || freshness.root !== real) return null;
  const at = (relative: string): string => (relative === "" ? real : `${real}${path.sep}${relative.split("/").join(path.sep)}`);
  // A page file by its path; its locale (from the path) is worked out only for the pages read.
  const pageFile = (relative: string): PageFile => {
    const file = at(relative);
    let locale: string | null | undefined;
    const find = (): string | null => (locale === undefined ? (locale = localeFromPath(file)) : locale);
    return {
      file,
      relative,
      get locale() {
        return find() ?? DEFAULT_LOCALE;
      },
      get assumedLocale() {
        return find() === null;
      },
    };
  };
  const gitChanged = freshness.git.some(([file, mtimeMs]) => {
    try {
      return fs.statSync(file).mtimeMs !== mtimeMs;
    } catch {
      return true;
    }
  });
  // Each recorded folder's time now (null: it cannot be asked, which counts as a change), taken once and
  // before the folder is read: what changes in it while it is read shows at the next call.
  const now = new Map(freshness.folders.map(([relative]): [string, number | null] => {
    try {
      return [relative, fs.statSync(at(relative)).mtimeMs];
    } catch {
      return [relative, null];
    }
  }));
  const changed = freshness.folders.filter(([relative, mtimeMs]) => (now.get(relative) ?? null) !== mtimeMs);
  // After a change of Git's state (a checkout, a merge, a reset), the pages Git wrote are checked with the
  // new files; every page when asked, when Git's index does not tell which it wrote, or when nothing tells
  // what changed.
  // (Read when every page is checked too: a page Git wrote that no folder shows is found by it alone.)
  const byGit = gitChanged ? pagesGitWrote(real, freshness) : null;
  if (typeof byGit === "string" && options.checkEveryPage !== true) options.verbose(`Git's state of ${real} changed, and ${byGit}: checking every page`);
  const reading = typeof byGit === "string" ? null : byGit;
  // The page files a watch heard written: checked with the new files, rather than every page.
  const edited = options.checkEveryPage === true ? [] : (options.editedPages ?? []);
  const checkAll = options.checkEveryPage === true || typeof byGit === "string" || (changed.length === 0 && !gitChanged && edited.length === 0);
  // The page files known now: the build's, less those the previous delta found removed, with those it read.
  const isKnown = (relative: string): boolean => previous.has(relative) || (!removedBefore.has(relative) && baseFiles.get(relative) !== undefined);
  /** The build's page files at or below a path (a page file, or a folder). */
  const baseAt = (relative: string): BuildFile[] => {
    const file = baseFiles.get(relative);
    return [...(file ? [file] : []), ...baseFiles.under(`${relative}/`)];
  };
  /**
   * The names of a folder's entries that hold known page files (`prefix`: the folder's path and `/`, or
   * empty), once each in code unit order.
   */
  const knownNamesIn = (prefix: string): string[] => {
    const emptied = new Set<string>();
    for (const name of removedBefore) if (name.startsWith(prefix)) emptied.add(entryNameBelow(name, prefix));
    const deleted = new Set([...emptied].filter((name) => baseAt(`${prefix}${name}`).every((file) => removedBefore.has(file[0]))));
    const names = deleted.size === 0 ? baseFiles.names(prefix) : baseFiles.names(prefix).filter((name) => !deleted.has(name));
    for (const name of previous.keys()) if (name.startsWith(prefix)) insertSorted(names, entryNameBelow(name, prefix));
    return names;
  };
  const gone: string[] = [];
  const rewritten: string[] = [];
  const files: PageFile[] = [];
  const folders: Discovery["folders"] = [];
  const problems: PageProblem[] = [];
  for (const [folder] of changed) {
    const prefix = folder === "" ? "" : `${folder}/`;
    const knownNames = knownNamesIn(prefix);
    let listed: { added: string[]; missing: string[] };
    try {
      listed = listFolder(at(folder), knownNames, checkAll);
    } catch {
      gone.push(folder);
      continue;
    }
    for (const name of listed.missing) gone.push(`${prefix}${name}`);
    // The folder's own page may have been saved anew (an editor writing a copy and renaming it over the page).
    if (knownNames.includes(PAGE_FILE_NAME) && !listed.missing.includes(PAGE_FILE_NAME)) rewritten.push(`${prefix}${PAGE_FILE_NAME}`);
    for (const name of listed.added) {
      if (name === PAGE_FILE_NAME) {
        files.push(pageFile(`${prefix}${name}`));
        continue;
      }
      // A source checked by its folders: the times of the folders of pages are not recorded.
      const below = discoverPages(at(`${prefix}${name}`), 0);
      for (const file of below.files) files.push({ ...file, relative: `${prefix}${name}/${file.relative}` });
      for (const record of below.folders) folders.push({ ...record, relative: record.relative === "" ? `${prefix}${name}` : `${prefix}${name}/${record.relative}` });
      problems.push(...below.problems);
    }
  }
  const added = new Map(files.map((file) => [file.relative, file]));
  // Known: the build's files, less those removed before, with those the previous delta read that the build did not have.
  let known = baseFiles.count - removedBefore.size;
  for (const name of previous.keys()) if (baseFiles.get(name) === undefined) known++;
  const goneSet = new Set(gone);
  const isGone = (name: string): boolean => {
    if (goneSet.size === 0) return false;
    for (let end = name.length; end > 0; end = name.lastIndexOf("/", end - 1)) if (goneSet.has(name.slice(0, end))) return true;
    return false;
  };
  const present = (relative: string): boolean => added.has(relative) || (isKnown(relative) && !isGone(relative));
  /**
   * The paths of the known page files: the build's, less those removed before and those the previous delta
   * read, then those (listed once, when first asked: every build file's path is read).
   */
  let knownList: string[] | undefined;
  const knownNames = (): string[] => {
    if (knownList === undefined) {
      knownList = [...baseFiles.paths()].filter((name) => !removedBefore.has(name) && !previous.has(name));
      for (const name of previous.keys()) knownList.push(name);
    }
    return knownList;
  };
  // The known page files now gone: the build's below the folders gone, and the previous delta's; and how many
  // page files there are (the new files are below names no known file is below).
  const goneFiles = new Set<string>();
  for (const name of gone) for (const file of baseAt(name)) if (!removedBefore.has(file[0])) goneFiles.add(file[0]);
  for (const name of previous.keys()) if (isGone(name)) goneFiles.add(name);
  const count = known - goneFiles.size + added.size;
  // The hash of the paths of the page files now: the latest record's, less those gone, with those added.
  const pageSetHash = changedPathSet(freshness.pageSetHash, goneFiles, added.keys());
  // After a change of Git's state: a page Git wrote, or tracks, that is not known (put back in a folder that
  // held none, added or moved below another page's), and a known page it removed from a folder that stays,
  // make the source walked: only a walk finds the one, and records the folder of the other (so that the
  // page is seen if it comes back). The known pages Git does not track, and that are there, are checked.
  const untracked: string[] = [];
  if (reading !== null) {
    // A page file as a walk finds one: `index.md`, in no folder a walk skips.
    const isPageFile = (name: string): boolean => path.posix.basename(name) === PAGE_FILE_NAME && !name.split("/").some((part) => SKIPPED_FOLDERS.has(part));
    const walk = (why: string): null => {
      options.verbose(`Git's state of ${real} changed, and ${why}: walking the source`);
      return null;
    };
    if (reading.written.some((name) => isPageFile(name) && !present(name) && fs.existsSync(at(name)))) return walk("it wrote a page no folder shows");
    // The pages known now are those Git tracks when their hashes are the same: each one's path need not be
    // compared (reading the build's and decoding Git's: most of the cost in a large source).
    if (!samePathSet(pageSetHash, reading.trackedHash)) {
      options.verbose(`the pages Git tracks in ${real} are not those known: comparing their paths`);
      const tracked = reading.tracked();
      const known = knownNames();
      const knownNow = new Set([...known, ...added.keys()]);
      const isAnotherFile = anotherFileTest(knownNow, at);
      if (tracked.some((name) => isPageFile(name) && !knownNow.has(name) && isAnotherFile(name))) return walk("it tracks a page no folder shows");
      if (!checkAll) {
        const isTracked = new Set(tracked);
        for (const name of known) {
          if (isTracked.has(name) || isGone(name)) continue;
          if (!fs.existsSync(at(name))) return walk("a page it no longer tracks is gone from a folder that stays");
          untracked.push(name);
        }
      }
    }
  }
  if (count <= (options.fileCheckLimit ?? 0)) return null;
  // The folders freshness checks: those recorded (the changed ones at their new times) and those found below
  // new ones (a recorded folder that holds no page is listed as new in its parent each time: recorded once).
  const found = new Set(folders.map((record) => record.relative));
  for (const [relative] of freshness.folders) {
    if (!isGone(relative) && !found.has(relative)) folders.push({ relative, mtimeMs: recordedTime(now.get(relative) ?? UNKNOWN_TIME, started), hasFolders: true, hasPage: false });
  }
  const gitWrote = reading === null ? [] : [...new Set([...reading.written, ...untracked])].filter(present);
  const heard = edited.filter(present);
  // Listed once: the delta reads them, then records their stamps.
  let allFiles: PageFile[] | undefined;
  if (reading !== null && !checkAll) {
    options.verbose(`Git's state of ${real} changed: checking the ${gitWrote.length === 1 ? "page" : `${gitWrote.length} pages`} its index records as written since every page was checked, or does not track`);
  }
  return {
    present,
    pageFile: (relative) => added.get(relative) ?? pageFile(relative),
    all: () => (allFiles ??= [...added.values(), ...knownNames().filter((name) => !isGone(name)).map(pageFile)]),
    removed: () => {
      const removed: BuildFile[] = [];
      for (const name of new Set([...removedBefore, ...goneFiles])) {
        const file = baseFiles.get(name);
        if (file && !present(name)) removed.push(file);
      }
      return removed;
    },
    count,
    pageSetHash,
    checked: checkAll ? null : new Set([...added.keys(), ...rewritten, ...gitWrote, ...heard]),
    mayVanish: new Set(heard.filter(isKnown)),
    folders,
    problems,
  };
}

/**
 * A test of whether a page file is there and is none of the known pages spelled like it but for case and
 * Unicode's forms (the same file on a file system that ignores them, as macOS's may: a walk would find it
 * no better than it found them, and walking for it would never end). The known pages are grouped by their
 * spelling at the first file that is there.
 */
export function anotherFileTest(known: ReadonlySet<string>, at: (relative: string) => string): (relative: string) => boolean {
  const spelling = (name: string): string => name.normalize("NFC").toLowerCase();
  let bySpelling: Map<string, string[]> | undefined;
  return (relative) => {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(at(relative));
    } catch {
      return false;
    }
    if (bySpelling === undefined) {
      bySpelling = new Map();
      for (const name of known) {
        const key = spelling(name);
        const names = bySpelling.get(key);
        if (names) names.push(name);
        else bySpelling.set(key, [name]);
      }
    }
    for (const name of bySpelling.get(spelling(relative)) ?? []) {
      try {
        const other = fs.statSync(at(name));
        if (other.ino === stat.ino && other.dev === stat.dev) return false;
      } catch {
        // Not there: not the same file.
      }
    }
    return true;
  };
}

/**
 * What Git's index tells of a source's files after a change of Git's state (see readGitIndex): the files it
 * records with a time at or after the index file's time when every page was last checked (less a step of
 * the clock), or with none, and the page files it tracks. Git holds its index locked while it writes a
 * checkout's files, then records each file's times in it, so every file it wrote since has later times; so
 * has a page edited in place since, once staged (`git add`, `git commit -a`). What it cannot tell, which
 * makes the caller check every page, as a reason: no time recorded for the index, an index this does not
 * read, or files it does not hold (a submodule, a symbolic link Git may have rewritten).
 */
function pagesGitWrote(real: string, freshness: Freshness): GitIndexReading | string {
  const indexFile = gitIndexFile(freshness.git);
  const workTree = gitWorkTree(freshness.git);
  const since = freshness.gitChecked ?? UNKNOWN_TIME;
  if (indexFile === undefined || workTree === undefined || since === UNKNOWN_TIME) return "no time of its index is recorded when every page was checked";
  const below = path.relative(workTree, real).split(path.sep).join("/");
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(indexFile);
  } catch (error) {
    return `its index cannot be read (${errorCode(error) ?? "unreadable"})`;
  }
  const reading = readGitIndex(bytes, below, since - CLOCK_STEP_MS, PAGE_FILE_NAME);
  if (reading === null) return "its index is not one this reads (a split or sparse index, or another version)";
  if (reading.beyond) return "its index does not hold every file of the source (a submodule, or a symbolic link Git may have changed)";
  return reading;
}

/**
 * A folder's entries that may hold pages (`index.md`, and folders or links to folders not skipped) against
 * the names known to hold them (`known`: once each in code unit order): those added, and the known ones
 * missing. Unless `askAll`, the known names listed are taken as what they were (folders) without asking,
 * and only the others are asked for their type, one by one: a large folder then costs its listing alone.
 * The two lists are compared in order, one pass over both once the listing is sorted (cheaper than a set
 * of tens of thousands of names, and than looking each one up in it).
 */
function listFolder(folder: string, known: readonly string[], askAll: boolean): { added: string[]; missing: string[] } {
  const isFolderHere = (name: string): boolean => isFolder(path.join(folder, name));
  const names = askAll
    ? fs.readdirSync(folder, { withFileTypes: true })
        .filter((entry) => entry.name === PAGE_FILE_NAME || (!SKIPPED_FOLDERS.has(entry.name) && (entry.isDirectory() || (entry.isSymbolicLink() && isFolderHere(entry.name)))))
        .map((entry) => entry.name)
    : fs.readdirSync(folder);
  const listed = sortedUnique(names);
  const added: string[] = [];
  const missing: string[] = [];
  let at = 0;
  for (const name of listed) {
    while (at < known.length && known[at]! < name) missing.push(known[at++]!);
    if (at < known.length && known[at] === name) at++;
    else if (askAll || name === PAGE_FILE_NAME || (!SKIPPED_FOLDERS.has(name) && isFolderHere(name))) added.push(name);
  }
  while (at < known.length) missing.push(known[at++]!);
  return { added, missing };
}

/** The current build of a source (of this program and page size limit) and its delta's reads; null if there is none to start from. */
function readStart(home: string, real: string, program: string, options: CacheOptions, layout: CacheLayout): DeltaStart | null {
  try {
    const pointer = JSON.parse(readTextFile(layout.pointerFile(home, program))) as { version?: unknown; stamp?: unknown; delta?: unknown };
    if (pointer.version !== INDEX_FORMAT_VERSION || typeof pointer.stamp !== "string" || !/^[\w-]+$/.test(pointer.stamp)) return null;
    const folder = path.join(home, `build-${pointer.stamp}`);
    if (readManifest(folder).stamp !== pointer.stamp) return null;
    const freshness = JSON.parse(readTextFile(path.join(folder, "freshness.json"))) as Freshness;
    if (freshness.root !== real || freshness.program !== program || freshness.maxPageBytes !== (options.maxPageBytes ?? DEFAULT_MAX_PAGE_BYTES)) return null;
    const files = new BuildFiles(folder);
    if (files.stamp !== pointer.stamp) return null;
    const previous = new Map<string, PageFileResult>();
    let removed = new Set<string>();
    let previousDelta: DeltaStart["previousDelta"] = null;
    if (typeof pointer.delta === "string" && /^[\w-]+$/.test(pointer.delta)) {
      const deltaFolder = path.join(home, `delta-${pointer.delta}`);
      const stored = JSON.parse(readTextFile(path.join(deltaFolder, RESULTS_FILE))) as { stamp?: unknown; results?: DeltaResult[]; removed?: string[] };
      if (stored.stamp !== pointer.delta || !Array.isArray(stored.results) || !Array.isArray(stored.removed)) return null;
      for (const [name, result] of stored.results) previous.set(name, result);
      removed = new Set(stored.removed);
      previousDelta = { folder: deltaFolder, stamp: pointer.delta };
    }
    // The latest record of the source's state: the previous delta's, else the build's.
    const latest = JSON.parse(readTextFile(path.join(previousDelta?.folder ?? folder, "freshness.json"))) as Freshness;
    // A record without the hash of its pages (damaged, or of an earlier build run from the sources): built again.
    if (!isPathSetHash(latest.pageSetHash)) return null;
    return { stamp: pointer.stamp, folder, files, previous, removed, previousDelta, freshness: latest };
  } catch (error) {
    if (error instanceof IndexCorruptError || error instanceof SyntaxError || errorCode(error) !== undefined) return null;
    throw error;
  }
}

/**
 * Copies into a new delta the views stored for its entries' pages, from the previous delta (or else the
 * build) that held each page: an entry the delta keeps, its page unchanged, is shown from its stored view
 * as before (which is checked as any stored view is when it is read).
 */
function carryViews(data: IndexData, to: { folder: string; stamp: string }, start: DeltaStart, baseFiles: BuildFiles): void {
  const earlier = new Map<string, number>();
  if (start.previousDelta !== null) {
    let ids: number[] = [];
    try {
      ids = fs.readdirSync(path.join(start.previousDelta.folder, "views")).flatMap((name) => (/^\d+\.jsonl$/.test(name) ? [Number.parseInt(name, 10)] : []));
    } catch {
      // No views stored with it.
    }
    if (ids.length > 0) {
      try {
        const previous = new DiskIndex(start.previousDelta.folder, "");
        for (const id of ids) if (id < previous.size) earlier.set(previous.record(id).path, id);
      } catch {
        // Damaged: its views are not carried.
      }
    }
  }
  for (const record of data.records) {
    const target = { ...to, id: record.id };
    const id = earlier.get(record.path);
    if (id !== undefined && copyStoredView({ ...start.previousDelta!, id }, target)) continue;
    const file = baseFiles.get(record.path);
    if (file !== undefined && file[5] >= 0) copyStoredView({ folder: start.folder, stamp: start.stamp, id: file[5] }, target);
  }
}

/**
 * What the delta changes in its base beside its own entries (see {@link DeltaPatch}): computed from the
 * base's page files of the groups concerned and the delta's entries, without reading the base's records.
 */
function patchOf(base: DiskIndex, delta: IndexData, baseFiles: BuildFiles, hidden: readonly BuildFile[]): DeltaPatch {
  const offset = base.size;
  const hiddenIds = new Set(hidden.map((file) => file[5]));
  const deltaEntries = delta.records.map((record) => ({ id: record.id + offset, group: slugGroup(record.locale, record.slug), parent: parentGroup(record.locale, record.slug) }));
  // The parents whose children changed: each delta entry's, each hidden entry's, and the delta entries themselves.
  const affected = new Set<string>();
  for (const file of hidden) if (file[7] !== null) affected.add(file[7]);
  for (const entry of deltaEntries) {
    affected.add(entry.group);
    if (entry.parent !== null) affected.add(entry.parent);
  }
  // The live entries of those parents and their children, base then delta (a later entry of a group wins).
  const byGroup = new Map<string, number>();
  const childrenOf = new Map<string, Array<[group: string, id: number]>>();
  const take = (id: number, group: string, parent: string | null): void => {
    if (affected.has(group)) byGroup.set(group, id);
    if (parent === null || !affected.has(parent)) return;
    const list = childrenOf.get(parent);
    if (list) list.push([group, id]);
    else childrenOf.set(parent, [[group, id]]);
  };
  const live = (file: BuildFile): boolean => file[5] >= 0 && file[4] !== null && !hiddenIds.has(file[5]);
  for (const group of affected) {
    for (const file of baseFiles.ofGroup(group)) if (live(file)) take(file[5], file[4]!, file[7]);
    for (const file of baseFiles.childrenOf(group)) if (live(file) && !affected.has(file[4]!)) take(file[5], file[4]!, file[7]);
  }
  for (const entry of deltaEntries) take(entry.id, entry.group, entry.parent);
  // Children in a full build's order: by slug group (one locale: by folded slug).
  const children: Array<[number, number[]]> = [];
  for (const parent of affected) {
    const id = byGroup.get(parent);
    if (id === undefined) continue;
    const list = [...(childrenOf.get(parent) ?? [])];
    list.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    children.push([id, list.map(([, child]) => child)]);
  }

  const locales = new Map(base.locales);
  let vocabularySize = base.vocabularySize + countSuggestible(delta.keys);
  for (const file of hidden) {
    locales.set(file[3]!, (locales.get(file[3]!) ?? 0) - 1);
    vocabularySize -= file[6];
  }
  for (const [locale, count] of delta.locales) locales.set(locale, (locales.get(locale) ?? 0) + count);
  return {
    base: base.stamp,
    hidden: [...hiddenIds].sort((a, b) => a - b),
    ranks: ranksAmong(base, delta),
    children,
    locales: Object.fromEntries([...locales].filter(([, count]) => count > 0)),
    vocabularySize,
  };
}

/**
 * Each delta entry's title rank among the base's: between the ranks of the base titles it sorts between
 * (titles sort by the locale's collation, then by slug as a full build's stable sort leaves them), the
 * delta's own entries there in their own order.
 */
function ranksAmong(base: DiskIndex, delta: IndexData): number[] {
  const ranks: number[] = new Array(delta.records.length);
  for (const [locale, count] of delta.locales) {
    const collate = titleComparer(locale);
    const compare = (a: readonly [string, string], b: readonly [string, string]): number => {
      const byTitle = collate(a[0], b[0]);
      if (byTitle !== 0) return byTitle;
      const [x, y] = [slugKey(a[1]), slugKey(b[1])];
      return x < y ? -1 : x > y ? 1 : 0;
    };
    for (const record of delta.records) {
      if (record.locale !== locale) continue;
      // How many base titles sort before it.
      const before = base.titlesBefore(locale, ([title, , slug]) => compare([title, slug], [record.title, record.slug]) < 0);
      ranks[record.id] = before - 1 + (record.titleRank + 1) / (count + 1);
    }
  }
  return ranks;
}

