// Reads and analyses every page of a source for indexing, in worker threads when the source is large.

import fs from "node:fs";
import os from "node:os";
import { Worker } from "node:worker_threads";
import { type Discovery, type PageFile, discoverPages } from "../sources/discover.js";
import { readPageWithStat } from "../sources/page.js";
import { DEFAULT_MAX_PAGE_BYTES, type PageProblem } from "../types.js";
import { type PageAnalysis, analyzePage } from "../index/build.js";

/** Below this many pages, reading in this thread is faster than starting workers. */
export const PARALLEL_THRESHOLD = 2_000;
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
 * Reads every page below a source folder and analyses it. Large sources are read by worker threads (one a
 * core) running `workerScript`, when given; the results are in path order either way.
 */
export async function analyzeSource(
  root: string,
  options: { progress?: (done: number, total: number) => void; workerScript?: string | null; maxPageBytes?: number } = {},
): Promise<SourceAnalysis> {
  const discovery = discoverPages(root);
  const maxPageBytes = options.maxPageBytes ?? DEFAULT_MAX_PAGE_BYTES;
  const total = discovery.files.length;
  const results: PageFileResult[] = new Array(total);
  const workers = Math.min(8, Math.max(1, os.availableParallelism?.() ?? os.cpus().length));
  if (total < PARALLEL_THRESHOLD || !options.workerScript || workers < 2 || !fs.existsSync(options.workerScript)) {
    discovery.files.forEach((found, n) => {
      results[n] = analyzeFile(found, maxPageBytes);
      options.progress?.(n + 1, total);
    });
  } else {
    await inWorkers(options.workerScript, workers, discovery.files, maxPageBytes, results, options.progress);
  }
  const pages: PageAnalysis[] = [];
  const problems: PageProblem[] = [...discovery.problems];
  const files: SourceAnalysis["files"] = [];
  discovery.files.forEach((found, n) => {
    const result = results[n]!;
    files.push({ relative: found.relative, mtimeMs: result.mtimeMs, size: result.size });
    if (result.analysis) pages.push(result.analysis);
    problems.push(...result.problems);
  });
  return { root, pages, problems, folders: discovery.folders, files, fileCount: total };
}

function inWorkers(
  script: string,
  count: number,
  files: readonly PageFile[],
  maxPageBytes: number,
  results: PageFileResult[],
  progress?: (done: number, total: number) => void,
): Promise<void> {
  const chunks = Math.ceil(files.length / CHUNK);
  let next = 0;
  let finished = 0;
  let done = 0;
  return new Promise((resolve, reject) => {
    const pool: Worker[] = [];
    const stop = (error?: unknown): void => {
      for (const worker of pool) void worker.terminate();
      if (error) reject(error instanceof Error ? error : new Error(String(error)));
      else resolve();
    };
    const give = (worker: Worker): void => {
      if (next >= chunks) return;
      const chunk = next++;
      worker.postMessage({ chunk, maxPageBytes, files: files.slice(chunk * CHUNK, (chunk + 1) * CHUNK) });
    };
    for (let n = 0; n < Math.min(count, chunks); n++) {
      const worker = new Worker(script);
      pool.push(worker);
      worker.on("message", (message: { chunk: number; results: PageFileResult[] }) => {
        message.results.forEach((result, i) => (results[message.chunk * CHUNK + i] = result));
        done += message.results.length;
        progress?.(done, files.length);
        if (++finished === chunks) stop();
        else give(worker);
      });
      worker.on("error", stop);
      give(worker);
    }
  });
}
