// Keeps source indexes fresh while it runs (`glossary index --watch`): the folders whose changes each
// index's freshness record looks for are watched, with the folder of every page of a source checked by its
// folders (an edit in place), and a change is indexed once they are quiet, so that the next command finds
// the index fresh instead of indexing the change itself.

import fs from "node:fs";
import path from "node:path";
import { errorCode } from "../errors.js";
import { BUILD_ID } from "../version.js";
import { type CurrentRecords, currentRecords, isFresh, sourceCacheFolder } from "./cache.js";
import { recordedPageFiles } from "./cache-check.js";
import type { CacheOptions, Freshness } from "./cache-types.js";
import { isFolder } from "./optional-file.js";
import { PAGE_FILE_NAME } from "../sources/discover.js";

/** How long the watched folders of a source must stay quiet before a change is indexed (ms). */
export const SETTLE_MS = 100;

export interface WatchOptions {
  /** The cache folder holding the sources' indexes. */
  cache: string;
  /** Ends the watch; the promise of {@link watchSources} then resolves once a check under way has ended. */
  signal: AbortSignal;
  /**
   * Checks a source and indexes what changed, as `glossary index` does: `first` for the check the watch
   * starts with; `check` says how far (see CacheOptions): a walk of the source, as `index` checks it, for
   * the first check and after a folder appeared in a page's folder (a page added below it); in a source
   * checked by its folders, the page files heard written against their stamps (`editedPages`), or every
   * page when an event named no file; otherwise what a lookup checks.
   */
  refresh(source: string, first: boolean, check: Pick<CacheOptions, "checkEveryPage" | "walkSource" | "editedPages">): Promise<void>;
  /** Told when every source has had its first check and is watched. */
  started?(): void;
  /** Told after each check that did not fail, once the folders the new record names are watched. */
  checked?(source: string): void;
  /** Told a check that failed; the source stays watched, unless its folder is gone. */
  failed(source: string, error: unknown): void;
  /** How long the folders must stay quiet before a change is indexed (default {@link SETTLE_MS}). */
  settleMs?: number;
  /** The program build whose indexes are kept (default: this one). */
  program?: string;
}

/** Whether an error code of `fs.watch` says the system's limit of watched folders is reached. */
function isWatchLimit(code: string | undefined): boolean {
  return code === "ENOSPC" || code === "EMFILE";
}

/** Why a watch ended: stopped by its signal, or no source left to watch (each folder gone or not watchable). */
export type WatchEnd = "stopped" | "no sources left";

/**
 * The folders to watch to see every change a check of the record would see: the folders it records (an
 * entry added, removed or renamed changes its parent folder), the folder of each page file it checks one
 * by one (an edit in place), and Git's folder (a checkout, pull or commit changes its index or HEAD).
 */
export function watchedFolders(freshness: Freshness): string[] {
  const root = freshness.root;
  const folders = new Set<string>();
  for (const [relative] of freshness.folders) folders.add(relative === "" ? root : path.join(root, relative));
  for (const [relative] of freshness.files) folders.add(path.dirname(path.join(root, relative)));
  // Git's folder (not the work tree holding a `.git` file that names it: any change there would be a check).
  for (const [file] of freshness.git) if (path.basename(file) !== ".git") folders.add(path.dirname(file));
  return [...folders].sort();
}

/**
 * Watches the sources (absolute folders, checked to exist) until the signal ends the watch or every source
 * folder is gone. Each source is checked once at the start, then again each time its watched folders have
 * changed and stayed quiet for `settleMs`; checks of one source never overlap (a change during a check is
 * checked after it).
 */
export async function watchSources(sources: readonly string[], options: WatchOptions): Promise<WatchEnd> {
  const releaseAllPages = (): boolean => watches.map((watch) => watch.releasePages()).some((closed) => closed);
  const watches: SourceWatch[] = sources.map((source) => new SourceWatch(source, options, releaseAllPages));
  let left = watches.length;
  const allGone = new Promise<void>((resolve) => {
    for (const watch of watches) {
      watch.gone = () => {
        if (--left === 0) resolve();
      };
    }
  });
  // Watchers alone do not keep the process running when none could be made: this does, until the end.
  const keepAlive = setInterval(() => {}, 2 ** 30);
  const stopped = new Promise<void>((resolve) => {
    if (options.signal.aborted) resolve();
    else options.signal.addEventListener("abort", () => resolve(), { once: true });
  });
  for (const watch of watches) {
    if (options.signal.aborted) break;
    await watch.start();
  }
  if (!options.signal.aborted) options.started?.();
  const end: WatchEnd = await Promise.race([stopped.then(() => "stopped" as const), allGone.then(() => "no sources left" as const)]);
  await Promise.all(watches.map((watch) => watch.stop()));
  clearInterval(keepAlive);
  return end;
}

/** The watch of one source: its folder watchers, and the check that runs when they report a change. */
class SourceWatch {
  private readonly watchers = new Map<string, fs.FSWatcher>();
  /** Folders that could not be watched, each reported once (until it can be). */
  private readonly unwatchable = new Set<string>();
  private readonly home: string;
  private readonly real: string;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private ended = false;
  /** The stamp of the record watched after the last check (null: none yet). */
  private watchedStamp: string | null = null;
  /**
   * The folders of the pages of a source checked by its folders, but those recorded: an edit in place
   * changes no recorded folder's time.
   */
  private readonly pageWatchers = new Map<string, fs.FSWatcher>();
  /** The stamp of the record whose pages' folders are watched (null: none). */
  private pagesStamp: string | null = null;
  /** The folders of the pages could not all be watched (told once): edits in place are left to `glossary index`. */
  private pagesUnwatchable = false;
  /** Whether the source is checked by its folders rather than page by page. */
  private byFolders = false;
  /** A page was edited in place since the last check began, its file not named: the next check checks every page. */
  private pageEdited = false;
  /** The page files heard written since the last check began (relative to the source, `/`-separated): the next check checks them. */
  private readonly editedPages = new Set<string>();
  /** A folder appeared in a page's folder since the last check began: the next check walks the source. */
  private pageFolderGrew = false;
  /** A page's folder was refused for a reason other than the limit, and that was told. */
  private pageRefusalTold = false;
  /** Told when the source's folder is gone and the watch of it has ended. */
  gone: () => void = () => {};

  constructor(
    private readonly source: string,
    private readonly options: WatchOptions,
    /** Stops every source's watching of its pages' folders (see {@link releasePages}); true when any watcher was closed. */
    private readonly releaseAllPages: () => boolean,
  ) {
    // A folder gone since it was checked: the first check reports it.
    this.real = fs.existsSync(source) ? fs.realpathSync.native(source) : path.resolve(source);
    this.home = sourceCacheFolder(options.cache, this.real);
  }

  start(): Promise<void> {
    return this.check(true);
  }

  async stop(): Promise<void> {
    this.ended = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
    this.closeAll();
  }

  private async check(first: boolean): Promise<void> {
    const walk = first || this.pageFolderGrew;
    const everyPage = this.pageEdited;
    const edited = [...this.editedPages];
    this.pageEdited = false;
    this.editedPages.clear();
    this.pageFolderGrew = false;
    try {
      await this.options.refresh(this.source, first, walk ? { walkSource: true } : everyPage ? { checkEveryPage: true } : edited.length > 0 ? { editedPages: edited } : {});
      this.rewatch();
      this.options.checked?.(this.source);
    } catch (error) {
      // An edit in place, a page added below a page, or the first check, not done: the next check does it again.
      if (everyPage) this.pageEdited = true;
      for (const page of edited) this.editedPages.add(page);
      if (walk) this.pageFolderGrew = true;
      // A check that failed, or a record that cannot be read (a damaged cache): the next check indexes again.
      this.options.failed(this.source, error);
      if (!fs.existsSync(this.real)) {
        this.end();
        return;
      }
      // The watchers stay as they were (the source's folder when there were none): the next change is checked again.
      if (this.watchers.size === 0 && !this.ended) this.watch(this.real);
    }
    // Nothing could be watched (the system's limit of watched folders, say): no change would ever be seen.
    if (this.watchers.size === 0 && this.unwatchable.size > 0) this.end();
  }

  /** Watches what the index now records; a change made during the check, before its folder was watched, is checked again. */
  private rewatch(): void {
    if (this.ended) return;
    const records = currentRecords(this.home, this.options.program ?? BUILD_ID);
    const freshness = records?.freshness ?? null;
    const wanted = new Set(freshness === null ? [this.real] : watchedFolders(freshness));
    for (const [folder, watcher] of this.watchers) if (!wanted.has(folder)) this.unwatch(folder, watcher);
    for (const folder of this.unwatchable) if (!wanted.has(folder)) this.unwatchable.delete(folder);
    for (const folder of wanted) if (!this.watchers.has(folder)) this.watch(folder);
    this.watchPages(records, wanted);
    // Only a record the check wrote: one it could not replace (a cache that cannot be written) stays stale,
    // and checking it again at once would only index the same change again, without end.
    const stamp = freshness?.stamp ?? null;
    if (freshness !== null && stamp !== this.watchedStamp && !isFresh(freshness, this.real)) this.changed();
    this.watchedStamp = stamp;
  }

  private watch(folder: string): void {
    let watcher: fs.FSWatcher;
    try {
      watcher = fs.watch(folder, (event, name) => {
        // The folder itself removed or moved (a child of the same name looks the same, and is only watched anew):
        // its watcher reports nothing more, even once a folder is made again at its path, whose inode may be the same.
        if (event === "rename" && name === path.basename(folder)) this.unwatch(folder, watcher);
        // A recorded folder may hold a page of its own.
        if (this.byFolders) this.heardPage(folder, name);
        this.changed();
      });
    } catch (error) {
      const code = errorCode(error);
      const limit = isWatchLimit(code);
      // The folders of pages give way to the recorded folders: once those of every source are let go, this one is tried again.
      if (limit && this.releaseAllPages()) {
        this.watch(folder);
        return;
      }
      // A folder gone since the check: the next check sees that.
      if (code === "ENOENT" || code === "ENOTDIR") this.changed();
      else if (!this.unwatchable.has(folder)) {
        this.unwatchable.add(folder);
        this.options.failed(this.source, limit ? new Error(`cannot watch ${folder}: the system's limit of watched folders is reached (fs.inotify.max_user_watches, fs.inotify.max_user_instances)`) : error);
      }
      return;
    }
    this.unwatchable.delete(folder);
    // A watcher whose folder went away reports an error: the check that follows sees what changed.
    watcher.on("error", () => {
      this.unwatch(folder, watcher);
      this.changed();
    });
    this.watchers.set(folder, watcher);
  }

  /**
   * Watches the folder of every page of a source checked by its folders, but the recorded ones (the page
   * files its build and delta stamped, read again only when the record changed): an event naming its page
   * file is an edit in place, after which the check checks that page (every page, for an event naming no
   * file). A page edited after the check read it and before its folder was watched differs from its stamp:
   * one `stat` a newly watched folder finds it.
   * When they cannot all be watched (the system's limit of watched folders), none is (see
   * {@link releasePages}).
   */
  private watchPages(records: CurrentRecords | null, recorded: ReadonlySet<string>): void {
    this.byFolders = records?.freshness.mode === "folders";
    if (records === null || !this.byFolders || this.pagesUnwatchable) {
      this.unwatchPages();
      return;
    }
    if (records.freshness.stamp === this.pagesStamp) return;
    const pages = recordedPageFiles(records.build, records.delta);
    // Stamps that cannot be read (another process replacing the record): the folders watched stay, and the
    // next record is read again.
    if (pages === null) return;
    this.pagesStamp = records.freshness.stamp;
    const wanted = new Map<string, string>();
    for (const relative of pages.keys()) {
      const folder = path.dirname(path.join(this.real, ...relative.split("/")));
      if (!recorded.has(folder)) wanted.set(folder, relative);
    }
    for (const [folder, watcher] of this.pageWatchers) if (!wanted.has(folder)) this.unwatch(folder, watcher, this.pageWatchers);
    let editedMeanwhile = false;
    for (const [folder, relative] of wanted) {
      if (this.pageWatchers.has(folder)) continue;
      let watcher: fs.FSWatcher;
      try {
        watcher = fs.watch(folder, (event, name) => {
          // The page's folder removed, or a child of the same name: the record is read again after the
          // check that follows, which watches the folder again if it is still there.
          if (event === "rename" && name === path.basename(folder)) {
            this.unwatch(folder, watcher, this.pageWatchers);
            this.pagesStamp = null;
            this.changed();
            return;
          }
          if (name === PAGE_FILE_NAME || name === null) {
            this.heardPage(folder, name);
            this.changed();
          } else if (isFolder(path.join(folder, name))) {
            // A folder made in a page's folder may hold a page (a page below it), which no recorded folder shows.
            this.pageFolderGrew = true;
            this.changed();
          }
        });
      } catch (error) {
        const code = errorCode(error);
        if (isWatchLimit(code)) {
          this.releasePages();
          return;
        }
        // A page's folder gone since the check: its parent's watcher sees that.
        if (code === "ENOENT" || code === "ENOTDIR") continue;
        // One that cannot be watched otherwise (not readable): told once for the source.
        if (!this.pageRefusalTold) {
          this.pageRefusalTold = true;
          this.options.failed(this.source, new Error(`cannot watch ${folder}: ${error instanceof Error ? error.message : String(error)}; edits in place there are seen by glossary index`));
        }
        continue;
      }
      watcher.on("error", () => this.unwatch(folder, watcher, this.pageWatchers));
      this.pageWatchers.set(folder, watcher);
      const [mtimeMs, size] = pages.get(relative)!;
      try {
        const stat = fs.statSync(path.join(folder, PAGE_FILE_NAME));
        if (stat.mtimeMs !== mtimeMs || stat.size !== size) {
          this.editedPages.add(relative);
          editedMeanwhile = true;
        }
      } catch {
        // Gone: its folder's parent is watched.
      }
    }
    if (editedMeanwhile) this.changed();
  }

  /**
   * Stops watching the folders of the pages, for the rest of the watch, telling it once: the system's limit
   * of watched folders is reached, and the recorded folders (of every source) come first. Partly watched,
   * some edits in place would be seen and others not. True when it closed any watcher.
   */
  releasePages(): boolean {
    if (this.pagesUnwatchable || !this.byFolders) return false;
    this.pagesUnwatchable = true;
    const closed = this.pageWatchers.size > 0;
    this.unwatchPages();
    this.options.failed(this.source, new Error("cannot watch the folder of every page: the system's limit of watched folders is reached (fs.inotify.max_user_watches); edits in place are seen by glossary index"));
    return closed;
  }

  private unwatchPages(): void {
    for (const watcher of this.pageWatchers.values()) watcher.close();
    this.pageWatchers.clear();
    this.pagesStamp = null;
  }

  /**
   * Closes a watcher and forgets it (in `watchers`, the recorded folders', or `pageWatchers`): the check that
   * follows watches its folder again if it is still wanted (a page's folder, once the record names it again).
   */
  private unwatch(folder: string, watcher: fs.FSWatcher, watchers = this.watchers): void {
    watcher.close();
    if (watchers.get(folder) === watcher) watchers.delete(folder);
  }

  /**
   * An event in a folder that may hold a page (`name`: the entry it names, null when unknown): the page file
   * heard is checked by the next check; with no name, every page is.
   */
  private heardPage(folder: string, name: string | null): void {
    if (name === null) this.pageEdited = true;
    else if (name === PAGE_FILE_NAME) this.editedPages.add(path.relative(this.real, path.join(folder, name)).split(path.sep).join("/"));
  }

  private changed(): void {
    if (this.ended) return;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.run();
    }, this.options.settleMs ?? SETTLE_MS);
  }

  private run(): void {
    if (this.ended) return;
    if (this.running !== null) {
      this.again = true;
      return;
    }
    this.running = this.check(false).finally(() => {
      this.running = null;
      if (this.again) {
        this.again = false;
        this.changed();
      }
    });
  }

  private end(): void {
    if (this.ended) return;
    this.ended = true;
    this.closeAll();
    this.gone();
  }

  private closeAll(): void {
    for (const watcher of this.watchers.values()) watcher.close();
    this.watchers.clear();
    this.unwatchPages();
  }
}
