// The types and files of the source index cache shared by the code that builds it (cache-build.ts,
// cache-delta.ts, cache-check.ts); what reading the cache needs too is in cache-root.ts.

import type { GlossaryIndex } from "../index/reader.js";
import type { OverlayIndex } from "../index/overlay.js";
import type { DiskIndex } from "../index/store.js";
import type { PageProblem } from "../types.js";
import type { PathSetHash } from "../sources/path-set-hash.js";

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
  /**
   * Check every page file against the stamps the index recorded, not only the folders: an edit in place of
   * a large source is then seen too.
   */
  checkEveryPage?: boolean;
  /**
   * Page files written since the index was last checked, as a watch heard of them (paths relative to the
   * source, `/`-separated): in a source checked by its folders, an edit in place of one of them is seen by
   * checking those alone against their stamps, rather than every page (ignored with checkEveryPage).
   */
  editedPages?: readonly string[];
  /**
   * Walk the whole source as a build does, and compare the pages found with those indexed (`glossary
   * index`): besides what {@link checkEveryPage} sees, a page added below another page's own folder, or put
   * back where one was removed, which no recorded folder of a large source shows. Implies checkEveryPage.
   */
  walkSource?: boolean;
  /** Sources with more pages than this are checked by their folders only (default {@link FILE_CHECK_LIMIT}). */
  fileCheckLimit?: number;
  /** Pages larger than this are indexed by their front matter only (default: DEFAULT_MAX_PAGE_BYTES). */
  maxPageBytes?: number;
  /**
   * A change is indexed as a delta beside the build while the pages it reads again stay within this share
   * of the build's page files (default {@link DELTA_SHARE}); beyond, the source is indexed whole again.
   */
  deltaShare?: number;
  /** The worker script that reads pages in parallel for large sources (absent: read in this thread). */
  workerScript?: string | null;
  /**
   * The program build whose index is read and written (default: this one, {@link BUILD_ID}). Each build
   * has its own, so that two installs sharing the cache do not rebuild each other's.
   */
  program?: string;
}

/** The default of {@link CacheOptions.deltaShare}. */
export const DELTA_SHARE = 0.1;

/** What an index build records to tell, on later calls, whether its source has changed. */
export interface Freshness {
  stamp: string;
  /** The build of the program that made the index ({@link BUILD_ID}): another build's index is made again. */
  program: string;
  root: string;
  /**
   * `files`: every page file (size and time) and every folder is checked; `folders`: only the folders that
   * hold other folders or no page (adding, removing or renaming an entry's folder changes them).
   */
  mode: "files" | "folders";
  /** Folders relative to the root, with their modification times. */
  folders: Array<[string, number]>;
  /** Page files relative to the root, with their modification times and sizes (`files` mode). */
  files: Array<[string, number, number]>;
  /** The page size limit the index was built with: with another, it is built again. */
  maxPageBytes: number;
  /** Git's index and HEAD when the source is in a Git work tree (absolute paths): a checkout changes them. */
  git: Array<[string, number]>;
  /**
   * The time of Git's index (as `git` records it) when every page was last checked, by a build or a delta:
   * after a change of Git's state, the pages Git's index records as written since then are checked (see
   * cache-delta's pagesGitWrote). {@link UNKNOWN_TIME} when there is no such time, or it is not known.
   */
  gitChecked: number;
  /**
   * The hash of the paths of the page files known (see sources/path-set-hash): after a change of Git's
   * state, the same hash of the pages Git tracks tells that they are those known.
   */
  pageSetHash: PathSetHash;
}

/** The file of a cached build or delta holding its page files' stamps (see cache-check.ts). */
export const STAMPS_FILE = "stamps.tsv";

/**
 * One page file of a build (kept with it by cache-files.ts: what a delta starts from): its path relative to the source (`/`-separated), modification time and size
 * when read, the locale of its page and its slug group (see slugGroup in cache-folder.ts; null when it gave
 * no page), its entry's id (-1 for none: no page, or a duplicate slug), how many suggestible keys the entry
 * has, and the slug group of the entry it would be a child of (null for none).
 */
export type BuildFile = [relative: string, mtimeMs: number, size: number, locale: string | null, group: string | null, id: number, suggestible: number, parent: string | null];

/** What a build of the cache needs of the code that reads it, handed over (cache-build.ts imports nothing of it). */
export interface CacheLayout {
  openCurrent(
    home: string,
    real: string,
    program: string,
    maxPageBytes: number,
    problems?: (problems: readonly PageProblem[]) => void,
    check?: Pick<CacheOptions, "checkEveryPage" | "walkSource" | "editedPages">,
  ): Promise<GlossaryIndex | null>;
  pointerFile(home: string, program: string): string;
  sourceCacheFolder(root: string, realSource: string): string;
  openDelta(base: DiskIndex, folder: string, real: string): OverlayIndex;
}
