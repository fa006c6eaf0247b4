// The maintenance commands, loaded only when used: lint glossary folders, build or refresh source indexes.

import fs from "node:fs";
import path from "node:path";
import { toJson } from "../text/sanitize.js";
import { lintScans } from "../query/lint.js";
import { checkSourceFolder } from "../sources/discover.js";
import { scanSource } from "../sources/scan.js";
import { tsv } from "./commands.js";
import { onlyTextOrJson } from "./lookup-command.js";
import type { CommandOutput, Settings } from "../types.js";
import type { Glossary } from "../query/glossary.js";
import { openSourceIndex } from "./cache.js";
import type { CacheOptions } from "./cache-types.js";
import { problemLine } from "../text/problem.js";
import { formatBytes } from "../text/sizes.js";
import { UsageError, errorCode } from "../errors.js";
import { isWatchRunning, readWatchRecord } from "./watch-record.js";

/**
 * Lints glossary folders (default: the configured sources, else the bundled entries), their links and
 * translations checked against the configured glossary too (`open`: the bundled entries unless
 * `--no-bundled`, and the configured sources). One line per problem, `path:line: severity: message`, then
 * a summary; exit status 1 when any problem is an error.
 */
export async function lintCommand(
  folders: readonly string[],
  settings: Settings,
  bundledData: string,
  cwd: string,
  open: (settings: Settings) => Promise<Glossary>,
): Promise<CommandOutput & { exitCode: number }> {
  const targets = folders.length > 0 ? folders : settings.sources.length > 0 ? settings.sources : [bundledData];
  const scans = targets.map((folder) => scanSource(checkSourceFolder(folder), undefined, settings.maxPageBytes));
  const glossary = settings.bundled || settings.sources.length > 0 || (settings.fetched?.length ?? 0) > 0 ? await open(settings) : null;
  const elsewhere = (locale: string, key: string): boolean => glossary !== null && glossary.bySlug(key, locale) !== undefined;
  const shown = (file: string): string => {
    const relative = path.relative(cwd, file);
    return relative.startsWith("..") || path.isAbsolute(relative) ? file : relative;
  };
  const problems = lintScans(scans, shown, elsewhere);
  const errors = problems.filter((p) => p.severity === "error").length;
  const warnings = problems.length - errors;
  const pages = scans.reduce((n, scan) => n + scan.fileCount, 0);
  const stdout =
    settings.format === "json"
      ? `${toJson(problems.map((p) => ({ ...p, path: shown(p.path) })))}\n`
      : problems.map((p) => `${problemLine(p, shown)}\n`).join("");
  const count = (n: number, word: string): string => `${n} ${word}${n === 1 ? "" : "s"}`;
  return {
    stdout,
    notes: [],
    after: [`${count(errors, "error")}, ${count(warnings, "warning")} in ${count(pages, "page")}`],
    exitCode: errors > 0 ? 1 : 0,
  };
}

/** What `glossary index` says of one source. */
export interface IndexRow {
  source: string;
  entries: number;
  state: "built" | "up to date";
  seconds: number;
  /** The build or delta folder written (null when nothing was). */
  cache: string | null;
}

/** The line of a row in text: `folder<TAB>entries<TAB>built|up to date<TAB>seconds s`. */
function indexLine(row: IndexRow): string {
  return tsv(row.source, String(row.entries), row.state, `${row.seconds} s`);
}

/** Checks one source's cached index (as far as `how` asks: see CacheOptions) and indexes what changed, or builds it. */
export async function indexSource(
  source: string,
  settings: Settings,
  how: Pick<CacheOptions, "rebuild" | "checkEveryPage" | "walkSource">,
  cache: string | null,
  progress: (label: string) => ((done: number, total: number) => void) | undefined,
  workerScript: string | null,
  verbose: (message: string) => void,
): Promise<IndexRow> {
  const folder = checkSourceFolder(source);
  const started = performance.now();
  let built: { entries: number; folder: string | null } | null = null;
  const show = progress(`indexing ${source}`);
  const index = await openSourceIndex(folder, {
    root: cache,
    workerScript,
    ...how,
    ...(settings.maxPageBytes !== undefined ? { maxPageBytes: settings.maxPageBytes } : {}),
    verbose,
    problems: (problems) => {
      for (const p of problems) verbose(problemLine(p));
    },
    built: (entries, where) => {
      built = { entries, folder: where };
    },
    ...(show ? { progress: show } : {}),
  });
  const result = built as { entries: number; folder: string | null } | null;
  return {
    source,
    entries: result ? result.entries : index.size,
    state: result ? "built" : "up to date",
    seconds: Math.round(performance.now() - started) / 1000,
    cache: result ? result.folder : null,
  };
}

const NO_SOURCES = "no source folders configured (use --source or GLOSSARY_PATH)";

/**
 * Builds or refreshes the cached index of every configured source and says what it did for each:
 * `folder<TAB>entries<TAB>built|up to date`.
 */
export async function indexCommand(
  settings: Settings,
  rebuild: boolean,
  cache: string | null,
  progress: (label: string) => ((done: number, total: number) => void) | undefined,
  workerScript: string | null,
): Promise<CommandOutput> {
  onlyTextOrJson(settings, "index");
  if (settings.sources.length === 0) return { stdout: "", notes: [`${NO_SOURCES}; the bundled entries are indexed when installed`] };
  const notes: string[] = [];
  const verbose = (message: string): void => {
    if (settings.verbose) notes.push(message);
  };
  const rows: IndexRow[] = [];
  // `glossary index` walks every source: an edit in place of a large source, or a page added below a page, is seen here.
  for (const source of settings.sources) rows.push(await indexSource(source, settings, { rebuild, walkSource: true }, cache, progress, workerScript, verbose));
  if (cache === null) notes.push("no cache folder (set XDG_CACHE_HOME or HOME): nothing was stored");
  if (settings.format === "json") return { stdout: `${toJson(rows)}\n`, notes };
  return { stdout: rows.map(indexLine).join(""), notes };
}

/**
 * `index --watch`: checks every configured source as `index` does, then keeps their indexes fresh until
 * `stop` is aborted (Ctrl-C), printing a row each time a change was indexed (JSON: one object a line).
 * Exit status 0 when stopped; 1 when no source is left to watch (every folder gone or not watchable).
 */
export async function watchCommand(
  settings: Settings,
  cache: string | null,
  progress: (label: string) => ((done: number, total: number) => void) | undefined,
  workerScript: string | null,
  stop: AbortSignal,
  emit: (output: CommandOutput) => void,
): Promise<number> {
  onlyTextOrJson(settings, "index --watch");
  if (settings.sources.length === 0) throw new UsageError(`${NO_SOURCES}: nothing to watch`);
  if (cache === null) throw new UsageError("index --watch keeps indexes in the cache, and there is no cache folder", "set XDG_CACHE_HOME or HOME");
  const folders = new Map(settings.sources.map((source) => [checkSourceFolder(source), source]));
  const note = (message: string): void => emit({ stdout: "", notes: [message] });
  const verbose = (message: string): void => {
    if (settings.verbose) note(message);
  };
  const show = (row: IndexRow): void => emit({ stdout: settings.format === "json" ? `${toJson(row, 0)}\n` : indexLine(row), notes: [] });
  const { watchSources } = await import("./watch.js");
  const end = await watchSources([...folders.keys()], {
    cache,
    signal: stop,
    async refresh(folder, first, check) {
      const row = await indexSource(folders.get(folder) ?? folder, settings, check, cache, progress, workerScript, verbose);
      // The first check says what it found, as `index` does; later ones only what they indexed.
      if (first || row.state === "built") show(row);
    },
    started: () => note(`watching ${folders.size} source${folders.size === 1 ? "" : "s"} for changes; stop with Ctrl-C`),
    failed(folder, error) {
      note(`${folders.get(folder) ?? folder}: ${(error instanceof Error ? error.message : String(error)).split("\n")[0]}`);
    },
  });
  if (end === "stopped") return 0;
  note("nothing left to watch: every source folder is gone or cannot be watched");
  return 1;
}

/** One source's folder in the cache, as `index --status` shows it. */
export interface CachedSource {
  /** The source folder the index was built from (null when no build says). */
  source: string | null;
  /** Whether that folder still exists. */
  exists: boolean;
  /** Bytes the source's cache folder holds (every build in it). */
  bytes: number;
  /** When its newest build or delta was made (ms since the epoch), null when it holds none. */
  builtMs: number | null;
  /** The process of a background watch of it that is running (app/background-watch.ts), null for none. */
  watchedBy: number | null;
  /** The source's cache folder. */
  cache: string;
}

/** Every source with a folder in the cache (`<cache>/sources/<hash>`), sorted by source path. */
export async function cachedSources(cache: string): Promise<CachedSource[]> {
  const { folderSize, stampTime } = await import("./cache-folder.js");
  const { cachedSourcePath } = await import("./cache.js");
  const sources = path.join(cache, "sources");
  let names: string[];
  try {
    names = fs.readdirSync(sources);
  } catch {
    return [];
  }
  const found: CachedSource[] = [];
  for (const name of names.sort()) {
    const home = path.join(sources, name);
    let entries: string[];
    try {
      entries = fs.readdirSync(home);
    } catch {
      continue;
    }
    // Told by their stamps: a folder's own time moves when a lookup stores a view in it.
    const times = entries.flatMap((entry) => {
      const time = /^(?:build|delta)-/.test(entry) ? stampTime(entry.slice(entry.indexOf("-") + 1)) : null;
      return time === null ? [] : [time];
    });
    const source = cachedSourcePath(home);
    const watch = readWatchRecord(home);
    const watchedBy = watch !== null && isWatchRunning(watch.pid) ? watch.pid : null;
    found.push({ source, exists: source !== null && mayExist(source), bytes: folderSize(home), builtMs: times.length > 0 ? Math.max(...times) : null, watchedBy, cache: home });
  }
  return found.sort((a, b) => (a.source ?? "").localeCompare(b.source ?? ""));
}

/**
 * Whether a source folder may still be there: only one the system says is not (or a file in its place) is
 * gone; one it will not let this user look at is kept.
 */
function mayExist(folder: string): boolean {
  try {
    const stat = fs.statSync(folder, { throwIfNoEntry: false });
    return stat !== undefined && stat.isDirectory();
  } catch (error) {
    const code = errorCode(error);
    return code !== "ENOENT" && code !== "ENOTDIR";
  }
}

/** An age for people: `40 s`, `12 min`, `5 h`, `3 d`. */
export function formatAge(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 120) return `${seconds} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  if (seconds < 2 * 86400) return `${Math.round(seconds / 3600)} h`;
  return `${Math.round(seconds / 86400)} d`;
}

/**
 * `index --status`: each cached source, `path<TAB>present|missing<TAB>size<TAB>age` (JSON: the same with
 * bytes, the build time and the cache folder).
 */
export async function cacheStatusCommand(settings: Settings, cache: string | null, now = Date.now()): Promise<CommandOutput> {
  onlyTextOrJson(settings, "index --status");
  if (cache === null) return { stdout: settings.format === "json" ? "[]\n" : "", notes: ["no cache folder (set XDG_CACHE_HOME or HOME)"] };
  const sources = await cachedSources(cache);
  if (settings.format === "json") {
    const rows = sources.map((s) => ({ source: s.source, exists: s.exists, bytes: s.bytes, built: s.builtMs === null ? null : new Date(s.builtMs).toISOString(), ageSeconds: s.builtMs === null ? null : Math.round((now - s.builtMs) / 1000), watchedBy: s.watchedBy, cache: s.cache }));
    return { stdout: `${toJson(rows)}\n`, notes: [] };
  }
  const total = sources.reduce((sum, s) => sum + s.bytes, 0);
  return {
    stdout: sources.map((s) => tsv(s.source ?? "(unknown source)", s.exists ? "present" : "missing", formatBytes(s.bytes), s.builtMs === null ? "-" : formatAge(now - s.builtMs), s.watchedBy === null ? "-" : `watched by ${s.watchedBy}`)).join(""),
    notes: [`${sources.length} cached source${sources.length === 1 ? "" : "s"}, ${formatBytes(total)} in ${cache}`],
  };
}

/** `index --prune`: removes the cached indexes of sources that no longer exist; one line per removal. */
export async function cachePruneCommand(settings: Settings, cache: string | null): Promise<CommandOutput> {
  onlyTextOrJson(settings, "index --prune");
  if (cache === null) return { stdout: settings.format === "json" ? "[]\n" : "", notes: ["no cache folder (set XDG_CACHE_HOME or HOME)"] };
  const removed: CachedSource[] = [];
  for (const cached of await cachedSources(cache)) {
    if (cached.exists) continue;
    fs.rmSync(cached.cache, { recursive: true, force: true });
    removed.push(cached);
  }
  const freed = removed.reduce((sum, s) => sum + s.bytes, 0);
  if (settings.format === "json") return { stdout: `${toJson(removed.map((s) => ({ source: s.source, bytes: s.bytes, cache: s.cache })))}\n`, notes: [] };
  return {
    stdout: removed.map((s) => tsv("removed", s.source ?? "(unknown source)", formatBytes(s.bytes))).join(""),
    notes: [`${removed.length} index${removed.length === 1 ? "" : "es"} removed, ${formatBytes(freed)} freed`],
  };
}
