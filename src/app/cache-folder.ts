// Files of a source's cache folder that full builds and delta builds share: build stamps, what a build
// records of its source's state, atomic writes, and the tidying that keeps the cache within its bound.

import fs from "node:fs";
import path from "node:path";
import { slugKey } from "../text/fold.js";
import { DEFAULT_MAX_PAGE_BYTES } from "../types.js";
import type { SourceAnalysis } from "./analyze-source.js";
import type { CacheOptions, Freshness } from "./cache-types.js";
import { readTextFile } from "../sources/read-file.js";
import { UNKNOWN_TIME, recordedTime } from "../sources/file-times.js";

/**
 * The indexes of other program builds (other installs sharing the cache) are kept while in use this
 * recently (see POINTER_USE_MS), the most recently used first, and at most this many.
 */
const OTHER_PROGRAM_AGE_MS = 30 * 24 * 60 * 60 * 1000;
const OTHER_PROGRAMS_KEPT = 2;

/**
 * What a build records to tell later whether its source changed (see {@link Freshness}); `git` is the state
 * of Git's files taken before the source was read (see {@link gitState}), so that a checkout while it was
 * read shows at the next check; `gitChecked`, the time of Git's index when every page was last checked
 * (see {@link gitIndexTime}).
 */
export function freshnessOf(
  stamp: string,
  program: string,
  real: string,
  options: CacheOptions,
  scan: Pick<SourceAnalysis, "folders" | "files" | "fileCount"> & Pick<Freshness, "pageSetHash">,
  git: Freshness["git"],
  gitChecked: number,
): Freshness {
  const mode = scan.fileCount <= (options.fileCheckLimit ?? 0) ? "files" : "folders";
  return {
    stamp,
    program,
    root: real,
    maxPageBytes: options.maxPageBytes ?? DEFAULT_MAX_PAGE_BYTES,
    mode,
    // Page by page, every folder too (a page added below a page's own folder changes that folder's time
    // alone); by folders, those holding other folders or no page: a few, whatever the size.
    folders: scan.folders.filter((f) => mode === "files" || f.hasFolders || !f.hasPage).map((f) => [f.relative, f.mtimeMs]),
    files: mode === "files" ? scan.files.map((f) => [f.relative.split("/").join(path.sep), f.mtimeMs, f.size]) : [],
    git,
    gitChecked,
    pageSetHash: scan.pageSetHash,
  };
}

/** The file of a name (`index`, `.git`) in a record of Git's files, with its time (undefined when it has none). */
function gitRecordEntry(git: Freshness["git"], name: string): [string, number] | undefined {
  return git.find(([file]) => path.basename(file) === name);
}

/** Git's index file in a record of Git's files (undefined when it has none). */
export function gitIndexFile(git: Freshness["git"]): string | undefined {
  return gitRecordEntry(git, "index")?.[0];
}

/**
 * The time a record of Git's files taken at `since` (see {@link gitState}) gives its index, to compare the
 * times Git's index records with at the next change of Git's state: {@link UNKNOWN_TIME} when it has none,
 * or one later than `since` (a clock set back since the index was written would hide what Git writes next).
 */
export function gitIndexTime(git: Freshness["git"], since: number): number {
  const time = gitRecordEntry(git, "index")?.[1] ?? UNKNOWN_TIME;
  return time > since ? UNKNOWN_TIME : time;
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

/** When a build or delta was made, from its stamp (see {@link buildStamp}: ms since the epoch); null for another name. */
export function stampTime(stamp: string): number | null {
  return /^[0-9a-z]{9}-/.test(stamp) ? Number.parseInt(stamp.slice(0, 9), 36) : null;
}

/**
 * Git's index and HEAD files of the work tree holding a folder, with their modification times as
 * {@link recordedTime} records them (taken before the source is read, at `since`). A work tree whose `.git`
 * is a file naming Git's folder (a submodule, a work tree of `git worktree add`) has its own index and HEAD
 * there; that `.git` file comes first, and names the work tree (see {@link gitWorkTree}).
 */
export function gitState(folder: string, since: number): Array<[string, number]> {
  const timeOf = (file: string): Array<[string, number]> => {
    try {
      return [[file, recordedTime(fs.statSync(file).mtimeMs, since)]];
    } catch {
      return [];
    }
  };
  for (let dir = folder; ; dir = path.dirname(dir)) {
    const dotGit = path.join(dir, ".git");
    const gitFolder = gitFolderOf(dotGit);
    if (gitFolder !== null) {
      const named = gitFolder === dotGit ? [] : timeOf(dotGit);
      // The `.git` file gone since it was read: as if there were none, which the next change of the folder shows.
      if (gitFolder !== dotGit && named.length === 0) return [];
      return [...named, ...timeOf(path.join(gitFolder, "index")), ...timeOf(path.join(gitFolder, "HEAD"))];
    }
    // No work tree here: look further up.
    if (path.dirname(dir) === dir) return [];
  }
}

/** The longest `.git` file read (Git writes one line: `gitdir: ` and a path). */
const GIT_FILE_MOST_BYTES = 4096;

/**
 * Git's folder of a work tree's `.git`: itself when it is a folder; the folder a `.git` file names (`gitdir:
 * <path>`, relative to the work tree or absolute, as Git reads it); null when there is none.
 */
function gitFolderOf(dotGit: string): string | null {
  try {
    const stat = fs.statSync(dotGit);
    if (stat.isDirectory()) return dotGit;
    if (!stat.isFile() || stat.size > GIT_FILE_MOST_BYTES) return null;
    // As Git reads it: the line's end (CR, LF) left out.
    const named = /^gitdir: ([^\r\n]+)[\r\n]*$/.exec(fs.readFileSync(dotGit, "utf8"))?.[1];
    if (named === undefined) return null;
    const gitFolder = path.resolve(path.dirname(dotGit), named);
    return fs.statSync(gitFolder).isDirectory() ? gitFolder : null;
  } catch {
    return null;
  }
}

/**
 * The work tree of a record of Git's files (see {@link gitState}): the folder of its `.git` file, or the
 * folder holding its `.git` folder; undefined when it has neither.
 */
export function gitWorkTree(git: Freshness["git"]): string | undefined {
  const dotGit = gitRecordEntry(git, ".git")?.[0];
  if (dotGit !== undefined) return path.dirname(dotGit);
  const indexFile = gitIndexFile(git);
  return indexFile === undefined ? undefined : path.dirname(path.dirname(indexFile));
}

/** Writes a file under a temporary name and renames it into place, so readers see the old or the new. */
export function writeAtomically(file: string, content: string): void {
  const temporary = `${file}.tmp-${process.pid}-${Math.floor(Math.random() * 0xffffff).toString(36)}`;
  fs.writeFileSync(temporary, content);
  fs.renameSync(temporary, file);
}

/** Lines are written this many at a time: a file of a large source is never made as one string. */
const LINES_PER_WRITE = 4096;

/**
 * Writes `head`, then each of `lines` followed by a line break, a batch of lines at a time (a build's lists
 * of page files have a line for each of up to hundreds of thousands of pages).
 */
export function writeLines(file: string, head: string, lines: readonly string[]): void {
  const fd = fs.openSync(file, "w");
  try {
    fs.writeFileSync(fd, `${head}\n`);
    for (let start = 0; start < lines.length; start += LINES_PER_WRITE) fs.writeFileSync(fd, `${lines.slice(start, start + LINES_PER_WRITE).join("\n")}\n`);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Tidies a source's cache folder; the caller holds its build lock, so no other process is writing in it.
 * Removed: every unfinished build (`tmp-*`) and temporary file (`*.tmp-*`): their writers have stopped;
 * every build and delta no kept pointer names (superseded ones go at once: a reader still using one finds
 * its files gone, and reads the pages again); pointers of other program builds unused for a month, beyond
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
  // The folders a pointer names: its build, and its delta when it has one.
  const foldersOf = (pointer: string): string[] | null => {
    try {
      const { stamp, delta } = JSON.parse(readTextFile(pointer)) as { stamp?: unknown; delta?: unknown };
      const named = (value: unknown, prefix: string): string | null =>
        typeof value === "string" && /^[\w-]+$/.test(value) && names.includes(`${prefix}${value}`) ? `${prefix}${value}` : null;
      const build = named(stamp, "build-");
      if (build === null) return null;
      const deltaFolder = delta === undefined ? null : named(delta, "delta-");
      return delta !== undefined && deltaFolder === null ? null : [build, ...(deltaFolder === null ? [] : [deltaFolder])];
    } catch {
      return null;
    }
  };
  const sizeOf = (folders: readonly string[]): number => folders.reduce((total, name) => total + indexFolderSize(path.join(home, name)), 0);
  const ownFolders = foldersOf(own);
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
  const current = new Set<string>(ownFolders ?? []);
  // Sizes only matter when other builds may be kept (a build holds tens of thousands of files).
  const ownSize = ownFolders === null || others.length === 0 ? 0 : sizeOf(ownFolders);
  let total = ownSize;
  for (const [n, { pointer, used }] of others.entries()) {
    const folders = foldersOf(pointer);
    const size = folders === null ? 0 : sizeOf(folders);
    const keep = folders !== null && n < OTHER_PROGRAMS_KEPT && Date.now() - used <= OTHER_PROGRAM_AGE_MS && total + size <= 2 * ownSize;
    if (keep) {
      for (const folder of folders) current.add(folder);
      total += size;
    } else {
      removeQuietly(pointer);
    }
  }
  for (const name of names) {
    if (((name.startsWith("build-") || name.startsWith("delta-")) && !current.has(name)) || name.startsWith("tmp-") || name.includes(".tmp-")) removeQuietly(path.join(home, name));
  }
}

/** The file of a build's or delta's folder recording the bytes of its index files (all but its stored views), once measured. */
const SIZE_FILE = "size.json";

/**
 * The bytes of a build's or delta's folder: its index files, measured once and then recorded in it (they
 * do not change once it is made; a build holds a file an entry, 100,000 files measured in about 0.4 s),
 * and its stored views, which grow as entries are looked up, measured each time.
 */
export function indexFolderSize(folder: string): number {
  const views = folderSize(path.join(folder, "views"));
  try {
    const { bytes } = JSON.parse(readTextFile(path.join(folder, SIZE_FILE))) as { bytes?: unknown };
    if (typeof bytes === "number" && Number.isInteger(bytes) && bytes >= 0) return bytes + views;
  } catch {
    // Not measured yet (or the record is damaged): measured now.
  }
  const whole = folderSize(folder);
  try {
    writeAtomically(path.join(folder, SIZE_FILE), JSON.stringify({ bytes: whole - views }));
  } catch {
    // A cache that cannot be written: measured again next time.
  }
  return whole;
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

/** The group of pages one entry stands for: its locale and folded slug (the others are duplicates). */
export function slugGroup(locale: string, slug: string): string {
  return `${locale}\u0000${slugKey(slug)}`;
}

/** The slug group of the entry a page's entry is a child of (`Glossary/A/B` of `Glossary/A`), or null. */
export function parentGroup(locale: string, slug: string): string | null {
  const segments = slug.split("/");
  return segments.length > 2 ? slugGroup(locale, segments.slice(0, -1).join("/")) : null;
}
