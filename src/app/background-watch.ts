// The watch a command starts in the background for a large source (the hidden command `__watch`): it keeps
// the source's index fresh as `index --watch` does, stores again the views of the entries looked up (the
// next lookup of one is then a cached one), and ends once nothing has used it for a while.

import fs from "node:fs";
import { UsageError } from "../errors.js";
import type { Glossary } from "../query/glossary.js";
import { checkSourceFolder } from "../sources/discover.js";
import { DEFAULT_WIDTH, type Settings } from "../types.js";
import { BUILD_ID } from "../version.js";
import { currentRecords, sourceCacheFolder } from "./cache.js";
import { showEntry } from "./entry-view.js";
import { renderEntry } from "./lookup-command.js";
import { indexSource } from "./maintenance.js";
import { watchSources } from "./watch.js";
import { type WatchRecord, claimWatch, readWatchRecord, releaseWatch, updateWatch, watchLastUsed } from "./watch-record.js";

/** How long a background watch runs unused: no command read its source and no change was indexed (ms). */
export const IDLE_MS = 30 * 60_000;

/**
 * What a command hands the watch it starts: the source folder to watch, and the glossary its lookups open
 * (their sources in order, the bundled entries or not, the page size limit), whose views it makes again.
 */
export interface WatchSpec {
  folder: string;
  sources: string[];
  bundled: boolean;
  maxPageBytes: number;
  /** How long it runs unused (default {@link IDLE_MS}). */
  idleMs?: number;
}

/** Reads the spec a command hands `__watch` (JSON); a usage error when it is not one. */
export function parseWatchSpec(text: string): WatchSpec {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = null;
  }
  const spec = (typeof value === "object" && value !== null ? value : {}) as Record<string, unknown>;
  const { folder, sources, bundled, maxPageBytes, idleMs } = spec;
  if (
    typeof folder !== "string" ||
    !Array.isArray(sources) ||
    !sources.every((source) => typeof source === "string") ||
    typeof bundled !== "boolean" ||
    !Number.isInteger(maxPageBytes) ||
    (maxPageBytes as number) < 1 ||
    (idleMs !== undefined && (typeof idleMs !== "number" || !(idleMs > 0)))
  ) {
    throw new UsageError("__watch takes the JSON spec of a watch, as a command hands it");
  }
  return { folder, sources: sources as string[], bundled, maxPageBytes: maxPageBytes as number, ...(idleMs !== undefined ? { idleMs: idleMs as number } : {}) };
}

export interface BackgroundWatchOptions {
  /** The cache folder holding the sources' indexes. */
  cache: string;
  /** The worker script that reads pages in parallel when a check builds the index whole. */
  workerScript: string | null;
  /** Ends the watch (a signal), once the check under way has ended. */
  stop: AbortSignal;
  /** Opens the glossary settings describe, as the command line does. */
  open(settings: Settings): Promise<Glossary>;
}

/**
 * Watches a source until stopped, unused for the idle time, replaced by another watch (its record taken)
 * or gone. Each check that indexed a change stores again the views of the entries looked up (see
 * {@link refreshStoredViews}). False when a
 * watch of the source by this program build was running already: nothing was done.
 */
export async function backgroundWatch(spec: WatchSpec, settings: Settings, options: BackgroundWatchOptions): Promise<boolean> {
  const folder = checkSourceFolder(spec.folder);
  const real = fs.realpathSync.native(folder);
  const home = sourceCacheFolder(options.cache, real);
  const record: WatchRecord = { pid: process.pid, program: BUILD_ID, started: Date.now(), checked: null };
  if (!claimWatch(home, record)) return false;
  const idleMs = spec.idleMs ?? IDLE_MS;
  const ended = new AbortController();
  const unused = (): boolean => {
    const used = watchLastUsed(home);
    return used === null || readWatchRecord(home)?.pid !== process.pid || Date.now() - used > idleMs;
  };
  const timer = setInterval(() => {
    if (unused()) ended.abort();
  }, Math.min(60_000, Math.max(50, idleMs / 4)));
  /**
   * The settings a check indexes with: the page size limit of the index as it is (the last command that
   * indexed the source chose it), else the spec's; with another, each check and each command would index
   * the source whole again in turn.
   */
  const checkSettings = (): Settings => ({
    ...settings,
    sources: spec.sources,
    bundled: spec.bundled,
    maxPageBytes: currentRecords(home)?.freshness.maxPageBytes ?? spec.maxPageBytes,
    format: "text",
    short: false,
    width: DEFAULT_WIDTH,
    verbose: false,
  });
  // Whether the check under way indexed a change: only that counts as a use (checks that find nothing, as
  // Git's own commands make them, do not keep the watch running).
  let indexed = false;
  // A watch that failed (nothing of the source could be watched) leaves its record, which keeps commands
  // from starting another for a while (see watch-record's RETRY_MS).
  let failed = true;
  try {
    const end = await watchSources([folder], {
      cache: options.cache,
      signal: AbortSignal.any([options.stop, ended.signal]),
      async refresh(_source, _first, check) {
        const used = checkSettings();
        const row = await indexSource(folder, used, check, options.cache, () => undefined, options.workerScript, () => {});
        indexed = row.state === "built";
        if (!indexed) return;
        try {
          await refreshStoredViews(await options.open(used), real, used);
        } catch {
          // Views are made ahead at best (another source of the glossary gone, say): the check stands.
        }
      },
      // Written once the check's folders are watched again: a record whose time is after a change says the
      // change is indexed, and the watch idle. Its time moves only when a change was indexed.
      checked() {
        if (!updateWatch(home, { ...record, checked: Date.now() }, !indexed)) ended.abort();
        indexed = false;
      },
      // A check that failed is tried again at the next change; the watch ends when the source is gone.
      failed: () => {},
    });
    failed = end !== "stopped";
  } finally {
    clearInterval(timer);
    if (!failed) releaseWatch(home, process.pid);
  }
  return true;
}

/**
 * How many views whose page is unchanged a check stores again at most (see {@link refreshStoredViews}):
 * each costs about a millisecond, and the next change is not indexed meanwhile.
 */
export const RESIGNED_VIEWS_PER_CHECK = 200;

/**
 * Stores again the views of the entries of the source at `real` that were looked up (their views stored),
 * once a change is indexed: those whose page text changed are made again, with their plain text
 * rendering; of the others, whose page is unchanged, those stored by a glossary of the same sources (up
 * to `limit`) are stored with the new signature once the terms they link to are found to resolve as
 * before, else made again as well. The next lookup of any of them is then as quick as a cached one. An
 * unchanged page's view stored for other sources is left alone (a lookup with those decides for itself).
 * The number stored again.
 */
export async function refreshStoredViews(glossary: Glossary, real: string, settings: Settings, limit = RESIGNED_VIEWS_PER_CHECK): Promise<number> {
  const layer = glossary.layers.findIndex((each) => each.label !== "bundled" && each.index.root === real);
  if (layer < 0) return 0;
  const index = glossary.layers[layer]!.index;
  const signature = glossary.signature();
  let stored = 0;
  let resigned = 0;
  for (const id of index.viewedIds()) {
    try {
      const view = index.view(id);
      if (view === null) continue;
      const entry = glossary.entry(layer, id);
      if (pageTextIs(entry.file, view.basis.pageText, settings.maxPageBytes)) {
        // Unchanged: stored again only when held for an earlier index of the same sources, within the limit.
        if (view.basis.signature === signature || !glossary.differsOnlyIn(view.basis.signature, layer) || resigned === limit) continue;
        resigned++;
      }
      const shown = await showEntry(entry, glossary, settings.maxPageBytes);
      await renderEntry(shown, settings);
      shown.keepView();
      stored++;
    } catch {
      // A page gone or unreadable since the check: the next lookup of it finds out.
    }
  }
  return stored;
}

/** Whether a page file's text is `text`; true for a page over the size limit (its lookup shows it cut short, as before). */
function pageTextIs(file: string, text: string, maxPageBytes = Number.MAX_SAFE_INTEGER): boolean {
  if (fs.statSync(file).size > maxPageBytes) return true;
  return fs.readFileSync(file, "utf8") === text;
}
