// A worker thread that reads and analyses pages for indexing: many pages are read in parallel this way.

import { parentPort } from "node:worker_threads";
import type { PageFile } from "../sources/discover.js";
import { type PageFileResult, analyzeFile } from "./analyze-source.js";

parentPort?.on("message", (message: { chunk: number; files: PageFile[]; maxPageBytes: number }) => {
  const results: PageFileResult[] = message.files.map((file) => analyzeFile(file, message.maxPageBytes));
  parentPort!.postMessage({ chunk: message.chunk, results });
});

