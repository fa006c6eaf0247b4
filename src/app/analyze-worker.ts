// A worker thread that reads and analyses pages for indexing, and counts their search terms: many pages are
// read in parallel this way. Started again after, it writes the search of a large source's index while the
// main thread writes the rest.

import { parentPort } from "node:worker_threads";
import type { PageFile } from "../sources/discover.js";
import { searchDocument } from "../index/build.js";
import { searchKeywords } from "../index/search-keywords.js";
import { type CountedTerms, TermCounter, gatherPostings } from "../index/search-build.js";
import { type AnalyzedChunk, analyzeFile } from "./analyze-source.js";
import { errorCode } from "../errors.js";
import { writeSearch } from "../index/store-write.js";
import { type SearchJob, type SearchJobAnswer, documentsOfJob } from "./search-thread.js";

/** One counter for every chunk: its terms are numbered once, and only new ones are sent. */
const counter = new TermCounter();
let sent = 0;

/**
 * Writes the search of a job (see search-thread.ts) and says how it went. The documents' counts are let go
 * once their postings are gathered: the job's buffers are emptied.
 */
function writeSearchOf(job: SearchJob): void {
  let answer: SearchJobAnswer;
  try {
    const gathered = gatherPostings(documentsOfJob(job));
    job.buffers.length = 0;
    answer = { written: writeSearch(gathered, job.folder, job.stamp) };
  } catch (error) {
    const code = errorCode(error);
    answer = { failed: { message: error instanceof Error ? error.message : String(error), ...(code === undefined ? {} : { code }) } };
  }
  parentPort!.postMessage(answer);
}

parentPort?.on("message", (message: { chunk: number; files: PageFile[]; maxPageBytes: number } | { search: SearchJob }) => {
  if ("search" in message) return writeSearchOf(message.search);
  const results = message.files.map((file) => analyzeFile(file, message.maxPageBytes));
  const counts = results.map((result): CountedTerms | null => {
    if (!result.analysis) return null;
    const counted = counter.count(searchDocument(result.analysis, 0, searchKeywords));
    // Counted: the body's text need not be copied to the main thread.
    result.analysis.searchBody = "";
    return counted;
  });
  // The chunk's counts in one buffer, moved to the main thread rather than copied.
  const all = new Uint32Array(counts.reduce((total, counted) => total + (counted?.pairs.length ?? 0), 0));
  let at = 0;
  const moved = counts.map((counted) => {
    if (!counted) return null;
    all.set(counted.pairs, at);
    at += counted.pairs.length;
    return { pairs: all.subarray(at - counted.pairs.length, at), lengths: counted.lengths };
  });
  const answer: AnalyzedChunk = { chunk: message.chunk, results, counts: moved, terms: counter.terms.slice(sent) };
  sent = counter.terms.length;
  parentPort!.postMessage(answer, [all.buffer]);
});
