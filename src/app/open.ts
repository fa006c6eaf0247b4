// Opens the configured sources as one glossary: user folders first, then the bundled entries.

import path from "node:path";
import type { GlossaryIndex } from "../index/reader.js";
import { DiskIndex, IndexCorruptError, IndexStaleError } from "../index/store.js";
import { Glossary, type Layer } from "../query/glossary.js";
import type { FetchedSource, PageProblem } from "../types.js";
import { ExitCode, GlossaryError } from "../errors.js";
import { problemLine } from "../text/problem.js";
import { isFolder } from "./optional-file.js";

export interface OpenOptions {
  /** User source folders in precedence order. */
  sources: readonly string[];
  /** Include the entries bundled with the package. */
  bundled: boolean;
  /** The package folder: holds `data/` and the prebuilt `dist/index/`. */
  packageRoot: string;
  /** Receives notes for `--verbose` (problems in pages, cache decisions). */
  verbose: (message: string) => void;
  /**
   * After an index was found out of date or damaged: walk each source and index what changed since it was
   * indexed (`walk`, as `glossary index` does), or read every page again instead of trusting stored
   * indexes (`rebuild`).
   */
  refresh?: Refresh;
  /** The cache folder for source indexes; absent or null: sources are read without a cache. */
  cache?: string | null;
  /** Pages larger than this are indexed by title only (default: DEFAULT_MAX_PAGE_BYTES). */
  maxPageBytes?: number;
  /** Shows progress while a source's pages are read (on a terminal). */
  progress?: (label: string) => ((done: number, total: number) => void) | undefined;
  /** MDN's pages fetched by `glossary update`: below `sources`, above the bundled entries. */
  fetched?: readonly FetchedSource[];
}

/** Where the bundled entries and their prebuilt index live inside the package. */
export function bundledPaths(packageRoot: string): { data: string; index: string; worker: string } {
  return {
    data: path.join(packageRoot, "data"),
    index: path.join(packageRoot, "dist", "index"),
    worker: path.join(packageRoot, "dist", "analyze-worker.cjs"),
  };
}

export function reportProblems(problems: readonly PageProblem[], verbose: (message: string) => void): void {
  for (const problem of problems) verbose(problemLine(problem));
}

/**
 * Opens the glossary. A user folder that does not exist or cannot be read is a usage error naming it; a
 * damaged bundled index is replaced by reading the bundled pages directly.
 */
export async function openGlossary(options: OpenOptions): Promise<Glossary> {
  const layers: Layer[] = [];
  for (const source of options.sources) layers.push({ index: await openFolder(source, options), label: source });
  for (const source of options.fetched ?? []) {
    // A fetched folder gone from the data folder is left out: `glossary update` fetches it again.
    if (!isFolder(source.path)) {
      options.verbose(`${source.path}: fetched pages missing; run glossary update`);
      continue;
    }
    layers.push({ index: await openFolder(source.path, options), label: source.path, licence: source.licence });
  }
  if (options.bundled) layers.push({ index: await openBundled(options), label: "bundled" });
  return new Glossary(layers);
}

/** The index of a source folder, from the cache when it is fresh. */
async function openFolder(source: string, options: OpenOptions): Promise<GlossaryIndex> {
  // Loaded only for user sources: the bundled index needs neither.
  const [{ checkSourceFolder }, { openSourceIndex }] = await Promise.all([import("../sources/discover.js"), import("./cache.js")]);
  const folder = checkSourceFolder(source);
  const progress = options.progress?.(source);
  return openSourceIndex(folder, {
    root: options.cache ?? null,
    verbose: options.verbose,
    problems: (problems) => reportProblems(problems, options.verbose),
    rebuild: options.refresh === "rebuild",
    walkSource: options.refresh === "walk",
    workerScript: bundledPaths(options.packageRoot).worker,
    ...(options.maxPageBytes !== undefined ? { maxPageBytes: options.maxPageBytes } : {}),
    ...(progress ? { progress } : {}),
  });
}

async function openBundled(options: OpenOptions): Promise<GlossaryIndex> {
  const bundled = bundledPaths(options.packageRoot);
  try {
    if (options.refresh === "rebuild") throw new IndexCorruptError("not trusted after an error");
    return new DiskIndex(bundled.index, bundled.data);
  } catch (error) {
    if (!(error instanceof IndexCorruptError)) throw error;
    if (!isFolder(bundled.data)) {
      throw new GlossaryError(`the bundled entries are missing: ${bundled.data}`, ExitCode.Usage, "install glossary again, or leave them out with --no-bundled");
    }
    options.verbose(`bundled index unusable (${error.message}); reading ${bundled.data}`);
    const { openSourceIndex } = await import("./cache.js");
    return openSourceIndex(bundled.data, { root: null, verbose: options.verbose, problems: (p) => reportProblems(p, options.verbose) });
  }
}

/** How the sources are read again after an index was found out of date or damaged (see OpenOptions). */
export type Refresh = "walk" | "rebuild";

/**
 * Runs a query against the glossary `open` gives. An index found out of date while reading (a page gone or
 * changed since it was indexed) is refreshed by a walk of the sources, which indexes what changed; one
 * found damaged, or still out of date then, is not trusted again: the sources are opened anew, reading
 * their pages. The query runs again each time; damage found after that is an error naming the file.
 */
export async function queryWithRebuild<T>(
  open: (refresh: Refresh | null) => Promise<Glossary>,
  query: (glossary: Glossary) => T | Promise<T>,
  verbose: (message: string) => void,
): Promise<T> {
  let refresh: Refresh | null = null;
  for (;;) {
    try {
      return await query(await open(refresh));
    } catch (error) {
      if (!(error instanceof IndexCorruptError)) throw error;
      if (refresh === "rebuild") throw new GlossaryError(`cannot read ${error.message}`, ExitCode.Usage, "check the file, or run: glossary lint");
      refresh = refresh === null && error instanceof IndexStaleError ? "walk" : "rebuild";
      verbose(`index out of date${refresh === "walk" ? "" : " or damaged"} (${error.message}); ${refresh === "walk" ? "looking for what changed" : "reading the pages again"}`);
    }
  }
}
