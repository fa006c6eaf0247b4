// Reads and analyses every page of a source for indexing, in worker threads when the source is large.

import fs from "node:fs";
import os from "node:os";
import { type Discovery, type PageFile, type WalkEnd, walkPages } from "../sources/discover.js";
import { recordedTime, wallClock } from "../sources/file-times.js";
import { readPageWithStat } from "../sources/page.js";
import { DEFAULT_MAX_PAGE_BYTES, type PageProblem } from "../types.js";
import { NO_SEARCH_KEYWORDS, type PageAnalysis, type SearchKeywords, analyzePage } from "../index/build.js";
import type { CountedTerms } from "../index/search-build.js";
import { hasSearchKeywords } from "../index/search-keyword-slugs.js";

/** Below this many pages, reading in this thread is faster than starting workers. */
export const PARALLEL_THRESHOLD = 2_000;
/** Pages read in this thread between two turns of the event loop. */
const TURN_EVERY = 200;

/**
 * Lets the event loop turn once: indexing a source takes seconds in this thread, and a signal (Ctrl-C) is
 * heard only when it turns.
 */
export function eventLoopTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
const CHUNK = 250;

/** What reading one page file gave. */
export interface PageFileResult {
  mtimeMs: number;
  size: number;
  analysis?: PageAnalysis;
  problems: PageProblem[];
}

export interface SourceAnalysis {
  root: string;
  pages: PageAnalysis[];
  problems: PageProblem[];
  folders: Discovery["folders"];
  files: Array<{ relative: string; mtimeMs: number; size: number }>;
  fileCount: number;
}

/** Reads and analyses one page file (one over `maxPageBytes`, by its front matter alone). */
export function analyzeFile(found: PageFile, maxPageBytes = DEFAULT_MAX_PAGE_BYTES): PageFileResult {
  const { result, mtimeMs, size } = readPageWithStat(found.file, found.locale, maxPageBytes);
  if (result.kind === "problem") return { mtimeMs, size, problems: [result.problem] };
  if (result.kind === "other") return { mtimeMs, size, problems: [] };
  const problems = [...result.warnings];
  if (found.assumedLocale) {
    problems.push({ path: found.file, line: 1, severity: "warning", message: `no <locale>/glossary/ folder in the path; read as ${found.locale}` });
  }
  return { mtimeMs, size, analysis: analyzePage(result.page), problems };
}

/**
 * The search keywords for indexing some pages: the keywords of MDN's glossary (about 300 KB of code) are
 * loaded only when one of the pages still to be counted has some (those a worker thread counted have
 * theirs), so that indexing a change to another source does without.
 */
export async function searchKeywordsFor(pages: ReadonlyArray<Pick<PageAnalysis, "locale" | "slug" | "counted">>): Promise<SearchKeywords> {
  if (!pages.some((page) => page.counted === undefined && hasSearchKeywords(page.locale, page.slug))) return NO_SEARCH_KEYWORDS;
  return (await import("../index/search-keywords.js")).searchKeywords;
}

/** What a worker thread answers for a chunk of page files (see analyze-worker.ts). */
export interface AnalyzedChunk {
  chunk: number;
  results: PageFileResult[];
  /** By result, the terms of its page's search document, counted (see {@link TermCounter}); null for no page. */
  counts: Array<CountedTerms | null>;
  /** The terms the worker's counter met for the first time in this chunk, in the order it numbered them. */
  terms: string[];
}

/**
 * Reads every page below a source folder and analyses it. Large sources are read by worker threads (one a
 * core) running `workerScript`, when given, while the source is walked; they also count each page's search
 * terms. The results are in path order either way. Each file's time is as {@link recordedTime} records it.
 */
export async function analyzeSource(
  root: string,
  options: { progress?: (done: number, total: number) => void; workerScript?: string | null; maxPageBytes?: number; fileCheckLimit?: number } = {},
): Promise<SourceAnalysis> {
  const maxPageBytes = options.maxPageBytes ?? DEFAULT_MAX_PAGE_BYTES;
  const started = wallClock();
  const workers = Math.min(8, Math.max(1, os.availableParallelism?.() ?? os.cpus().length));
  const parallel = !!options.workerScript && workers >= 2 && fs.existsSync(options.workerScript);
  // The times of the folders of pages, only while the source may be one checked page by page.
  const walk = walkPages(root, options.fileCheckLimit ?? 0);
  const files: PageFile[] = [];
  let step = walk.next();
  for (; !step.done && (!parallel || files.length < PARALLEL_THRESHOLD); step = walk.next()) files.push(step.value);
  let results: PageFileResult[];
  let end: WalkEnd;
  if (step.done) {
    end = step.value;
    results = [];
    for (const [n, found] of files.entries()) {
      results.push(analyzeFile(found, maxPageBytes));
      options.progress?.(n + 1, files.length);
      if ((n + 1) % TURN_EVERY === 0) await eventLoopTurn();
    }
  } else {
    files.push(step.value);
    ({ results, end } = await inWorkers(options.workerScript!, workers, files, walk, maxPageBytes, options.progress));
  }
  const pages: PageAnalysis[] = [];
  const problems: PageProblem[] = [...end.problems];
  const stamps: SourceAnalysis["files"] = [];
  files.forEach((found, n) => {
    const result = results[n]!;
    stamps.push({ relative: found.relative, mtimeMs: recordedTime(result.mtimeMs, started), size: result.size });
    if (result.analysis) pages.push(result.analysis);
    problems.push(...result.problems);
  });
  return { root, pages, problems, folders: end.folders, files: stamps, fileCount: files.length };
}

/** Chunks a worker is given ahead of the one it reads, so that it never waits for this thread. */
const CHUNKS_AHEAD = 1;

/**
 * Reads the pages in worker threads while the walk goes on (`files` holds those found so far): each chunk
 * is handed out once complete, the workers' answers taken between chunks.
 */
async function inWorkers(
  script: string,
  count: number,
  files: PageFile[],
  walk: Generator<PageFile, WalkEnd, undefined>,
  maxPageBytes: number,
  progress?: (done: number, total: number) => void,
): Promise<{ results: PageFileResult[]; end: WalkEnd }> {
  const results: PageFileResult[] = [];
  let end: WalkEnd | undefined;
  let given = 0;
  let finished = 0;
  let done = 0;
  let failure: Error | undefined;
  let wake = (): void => {};
  // Loaded only here: indexing a few changed pages (a delta) reads them in this thread, without it.
  const { Worker } = await import("node:worker_threads");
  const pool = Array.from({ length: count }, () => ({ worker: new Worker(script), reading: 0, dictionary: [] as string[] }));
  const give = (): void => {
    for (const member of pool) {
      while (member.reading <= CHUNKS_AHEAD) {
        const start = given * CHUNK;
        if (start >= files.length || (end === undefined && files.length < start + CHUNK)) return;
        member.worker.postMessage({ chunk: given++, maxPageBytes, files: files.slice(start, start + CHUNK) });
        member.reading++;
      }
    }
  };
  for (const member of pool) {
    member.worker.on("message", (message: AnalyzedChunk) => {
      for (const term of message.terms) member.dictionary.push(term);
      message.results.forEach((result, n) => {
        const counted = message.counts[n];
        if (counted && result.analysis) result.analysis.counted = { ...counted, dictionary: member.dictionary };
        results[message.chunk * CHUNK + n] = result;
      });
      done += message.results.length;
      member.reading--;
      finished++;
      progress?.(done, files.length);
      give();
      wake();
    });
    member.worker.on("error", (error) => {
      failure = error instanceof Error ? error : new Error(String(error));
      wake();
    });
  }
  try {
    for (;;) {
      const step = walk.next();
      if (step.done) {
        end = step.value;
        break;
      }
      files.push(step.value);
      if (files.length % CHUNK === 0) {
        give();
        await new Promise((resolve) => setImmediate(resolve));
        if (failure) throw failure;
      }
    }
    give();
    while (finished < Math.ceil(files.length / CHUNK)) {
      if (failure) throw failure;
      await new Promise<void>((resolve) => (wake = resolve));
    }
    if (failure) throw failure;
  } finally {
    for (const member of pool) void member.worker.terminate();
  }
  return { results, end };
}
