// Writes the search of a large source's index in a worker thread while this thread writes the rest of it.

import type { CountedDocument, SearchSource } from "../index/search-build.js";
import type { WrittenSearch } from "../index/store-write.js";

/**
 * What the worker is sent to write a search: the documents' term counts, moved (not copied) in the buffers
 * they came in from the threads that counted them, with the dictionaries of those threads.
 */
export interface SearchJob {
  folder: string;
  stamp: string;
  buffers: ArrayBuffer[];
  /** How many fields each document has a length for. */
  fields: number;
  /**
   * By document, in id order: its buffer, where its pairs start in it (in 32-bit words), how many words they
   * take, its dictionary, then its fields' lengths.
   */
  layout: Uint32Array;
  dictionaries: string[][];
}

/** What the worker answers: the search written, or why it could not be. */
export type SearchJobAnswer = { written: WrittenSearch } | { failed: { message: string; code?: string } };

/** The numbers of a document's layout before its fields' lengths. */
const FIXED_WORDS = 4;

/**
 * The job of writing the search of `documents` into `folder`, its buffers to be moved with it; null unless
 * every document was counted by a worker thread (a source read in this thread has its search written here).
 */
export function searchJobOf(documents: readonly SearchSource[], folder: string, stamp: string): SearchJob | null {
  const counted = documents.filter((document): document is CountedDocument => "pairs" in document);
  if (counted.length === 0 || counted.length < documents.length) return null;
  const fields = counted[0]!.lengths.length;
  const buffers = new Map<ArrayBuffer, number>();
  const dictionaries = new Map<readonly string[], number>();
  const width = FIXED_WORDS + fields;
  const layout = new Uint32Array(counted.length * width);
  for (const [n, document] of counted.entries()) {
    const { buffer, byteOffset, length } = document.pairs;
    // Counts that cannot be moved (a SharedArrayBuffer), or of another shape, are written here.
    if (!(buffer instanceof ArrayBuffer) || document.lengths.length !== fields) return null;
    if (!document.lengths.every((words) => Number.isInteger(words) && words >= 0 && words < 2 ** 32)) return null;
    if (!buffers.has(buffer)) buffers.set(buffer, buffers.size);
    if (!dictionaries.has(document.dictionary)) dictionaries.set(document.dictionary, dictionaries.size);
    layout.set([buffers.get(buffer)!, byteOffset / Uint32Array.BYTES_PER_ELEMENT, length, dictionaries.get(document.dictionary)!, ...document.lengths], n * width);
  }
  return { folder, stamp, buffers: [...buffers.keys()], fields, layout, dictionaries: [...dictionaries.keys()] as string[][] };
}

/** The documents of a job, as {@link searchJobOf} took them. */
export function documentsOfJob(job: SearchJob): CountedDocument[] {
  const width = FIXED_WORDS + job.fields;
  const documents: CountedDocument[] = [];
  for (let at = 0; at + width <= job.layout.length; at += width) {
    const [buffer, start, length, dictionary] = job.layout.subarray(at, at + FIXED_WORDS) as unknown as [number, number, number, number];
    documents.push({
      pairs: new Uint32Array(job.buffers[buffer]!, start * Uint32Array.BYTES_PER_ELEMENT, length),
      lengths: Array.from(job.layout.subarray(at + FIXED_WORDS, at + width)),
      dictionary: job.dictionaries[dictionary]!,
    });
  }
  return documents;
}

/** A search being written in a worker thread. */
export interface SearchThread {
  /** The search written (the thread then ends), or the error that stopped it. */
  written: Promise<WrittenSearch>;
  /** Stops the thread, if it still runs, and resolves once it has: nothing more is written then. */
  stop(): Promise<void>;
}

/**
 * Starts writing the search of `documents` into `folder` in a worker thread running `workerScript` (see
 * analyze-worker.ts); null when there is no worker script, or when the documents were not counted by worker
 * threads (the caller writes the search itself then). The documents' counts are moved to the thread: this
 * thread cannot read them afterwards.
 */
export async function writeSearchInThread(workerScript: string | null, documents: readonly SearchSource[], folder: string, stamp: string): Promise<SearchThread | null> {
  if (workerScript === null) return null;
  const job = searchJobOf(documents, folder, stamp);
  if (job === null) return null;
  const { Worker } = await import("node:worker_threads");
  const worker = new Worker(workerScript);
  const ended = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
  const written = new Promise<WrittenSearch>((resolve, reject) => {
    worker.once("message", (answer: SearchJobAnswer) => {
      if ("written" in answer) resolve(answer.written);
      else reject(Object.assign(new Error(answer.failed.message), answer.failed.code === undefined ? {} : { code: answer.failed.code }));
    });
    worker.once("error", reject);
    void ended.then(() => reject(new Error("the thread writing the search ended without a word")));
  });
  // Settled either way by whoever awaits it; the thread is stopped once it answered.
  written.then(
    () => void worker.terminate(),
    () => void worker.terminate(),
  );
  const stop = async (): Promise<void> => {
    await worker.terminate();
    await ended;
  };
  try {
    worker.postMessage({ search: job }, [...job.buffers]);
  } catch {
    // Nothing was moved (a buffer that cannot be, as Node.js 22 and later refuse one marked untransferable,
    // such as Buffer's pool): the caller writes the search itself.
    await stop();
    return null;
  }
  return { written, stop };
}
