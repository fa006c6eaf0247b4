// Finds the `index.md` pages below a source folder, with their locales, without following symlink loops.

import fs from "node:fs";
import path from "node:path";
import { UsageError, errorCode } from "../errors.js";
import type { PageProblem } from "../types.js";
import { UNKNOWN_TIME, recordedTime, wallClock } from "./file-times.js";
import { localeFromPath } from "./locale.js";
import { READ_NO_WAIT, readAt } from "./read-file.js";

/** The locale of pages whose path has no `<locale>/glossary/` folder. */
export const DEFAULT_LOCALE = "en-US";

export interface PageFile {
  /** Absolute path of the `index.md` file. */
  file: string;
  /** Path relative to the source root, `/`-separated. */
  relative: string;
  locale: string;
  /** True when the locale was not found in the path and {@link DEFAULT_LOCALE} was assumed. */
  assumedLocale: boolean;
}

export interface Discovery {
  files: PageFile[];
  /**
   * Folders read, with their modification times (what changes when a page is added, removed or renamed),
   * whether they hold other folders, and whether they hold a page (`index.md`).
   */
  folders: Array<{ relative: string; mtimeMs: number; hasFolders: boolean; hasPage: boolean }>;
  problems: PageProblem[];
}

/** The name of a page file: each folder holds at most one page, its `index.md`. */
export const PAGE_FILE_NAME = "index.md";

/** Folders never read for pages (tools' and version control's). */
export const SKIPPED_FOLDERS = new Set(["node_modules", ".git", ".hg", ".svn"]);

/**
 * The file that marks a cache folder (bford.info/cachedir), and how it starts: such a folder below a
 * source (this program's own cache, when XDG_CACHE_HOME points inside it) is not read for pages, or
 * every index written there would be a change of the source.
 */
export const CACHE_TAG = { name: "CACHEDIR.TAG", signature: "Signature: 8a477f597d28d172789f06886806bc55" };

/** True when a folder listing holds a cache folder's tag (see {@link CACHE_TAG}). */
function isCacheFolder(folder: string, dirents: readonly fs.Dirent[]): boolean {
  if (!dirents.some((dirent) => dirent.name === CACHE_TAG.name && dirent.isFile())) return false;
  let fd: number | undefined;
  try {
    fd = fs.openSync(path.join(folder, CACHE_TAG.name), READ_NO_WAIT);
    const start = Buffer.alloc(CACHE_TAG.signature.length);
    return readAt(fd, start, 0) === start.length && start.toString("latin1") === CACHE_TAG.signature;
  } catch {
    return false;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/**
 * Checks that a source folder exists and can be read; throws a usage error naming it otherwise.
 * @returns the absolute path of the folder.
 */
export function checkSourceFolder(folder: string): string {
  const absolute = path.resolve(folder);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(absolute);
  } catch {
    throw new UsageError(`source folder not found: ${folder}`, "check the --source and GLOSSARY_PATH folders, and the sources of the config file");
  }
  if (!stat.isDirectory()) {
    throw new UsageError(`source is not a folder: ${folder}`, "give the folder that holds <locale>/glossary/");
  }
  try {
    fs.accessSync(absolute, fs.constants.R_OK | fs.constants.X_OK);
    fs.readdirSync(absolute);
  } catch {
    throw new UsageError(`source folder cannot be read: ${folder}`, "check its permissions");
  }
  return absolute;
}

/** What a walk of a source finds besides its pages (see {@link Discovery}). */
export type WalkEnd = Omit<Discovery, "files">;

/**
 * Lists every `index.md` below `root` (sorted by path), each with the locale its path gives, and every
 * folder read with its time (one `readdir` and one `stat` a folder). A folder holding a page and no other
 * folder is asked for its time only while at most `pageFolderTimesUpTo` pages were found: a source larger
 * than that is checked by its other folders (see the freshness record), and asking costs a `stat` a page.
 * Unreadable folders become problems; symlinked folders are followed once each, never in a loop.
 */
export function discoverPages(root: string, pageFolderTimesUpTo = Infinity): Discovery {
  const files: PageFile[] = [];
  const walk = walkPages(root, pageFolderTimesUpTo);
  for (;;) {
    const step = walk.next();
    if (step.done) return { files, ...step.value };
    files.push(step.value);
  }
}

/**
 * The pages below `root` one by one, as {@link discoverPages} lists them, so that they can be read while the
 * walk goes on; the walk's folders and problems at its end.
 */
export function* walkPages(root: string, pageFolderTimesUpTo = Infinity): Generator<PageFile, WalkEnd, undefined> {
  const folders: Discovery["folders"] = [];
  const problems: PageProblem[] = [];
  const visited = new Set<string>();
  let pages = 0;
  // Taken before any folder is read: a folder changed since, or just before (see recordedTime), records no time.
  const started = wallClock();

  const walk = function* (folder: string, relative: string, real: string): Generator<PageFile, void, undefined> {
    let dirents: fs.Dirent[];
    const record = { relative, mtimeMs: UNKNOWN_TIME, hasFolders: false, hasPage: false };
    try {
      dirents = fs.readdirSync(folder, { withFileTypes: true });
    } catch (error) {
      problems.push({ path: folder, line: 1, severity: "error", message: `cannot read folder (${errorCode(error) ?? "unreadable"})` });
      return;
    }
    // Also where the walk starts: a delta walks a new folder below the source on its own.
    if (isCacheFolder(folder, dirents)) return;
    folders.push(record);
    dirents.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    let locale: string | null | undefined;
    for (const dirent of dirents) {
      const child = path.join(folder, dirent.name);
      const childRelative = relative === "" ? dirent.name : `${relative}/${dirent.name}`;
      let isDirectory = dirent.isDirectory();
      let isFile = dirent.isFile();
      let childReal = `${real}${path.sep}${dirent.name}`;
      if (dirent.isSymbolicLink()) {
        try {
          const stat = fs.statSync(child);
          isDirectory = stat.isDirectory();
          isFile = stat.isFile();
          if (isDirectory) childReal = fs.realpathSync.native(child);
        } catch {
          problems.push({ path: child, line: 1, severity: "warning", message: "broken symbolic link" });
          continue;
        }
        // A link to this folder or one above it would loop; a folder linked twice is read once.
        if (isDirectory && (real === childReal || real.startsWith(childReal + path.sep) || visited.has(childReal))) continue;
        if (isDirectory) visited.add(childReal);
      }
      if (isDirectory) {
        if (SKIPPED_FOLDERS.has(dirent.name)) continue;
        record.hasFolders = true;
        yield* walk(child, childRelative, childReal);
      } else if (isFile && dirent.name === PAGE_FILE_NAME) {
        record.hasPage = true;
        pages++;
        if (locale === undefined) locale = localeFromPath(child);
        yield { file: child, relative: childRelative, locale: locale ?? DEFAULT_LOCALE, assumedLocale: !locale };
      }
    }
    if (record.hasPage && !record.hasFolders && pages > pageFolderTimesUpTo) return;
    try {
      // Changed while being read, or just before: no time is recorded, so the next check sees a change.
      record.mtimeMs = recordedTime(fs.statSync(folder).mtimeMs, started);
    } catch {
      record.mtimeMs = UNKNOWN_TIME;
    }
  };

  let rootReal: string;
  try {
    rootReal = fs.realpathSync.native(root);
  } catch {
    rootReal = path.resolve(root);
  }
  visited.add(rootReal);
  yield* walk(root, "", rootReal);
  return { folders, problems };
}
