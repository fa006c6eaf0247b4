// Tests of writing a large source's search in a worker thread: the files it writes are those written in this
// thread, the documents' counts travel whole, and a failure in the thread is told.
import fs from "node:fs";
import { markAsUntransferable } from "node:worker_threads";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PARALLEL_THRESHOLD } from "../../src/app/analyze-source.js";
import { openSourceIndex, sourceCacheFolder } from "../../src/app/cache.js";
import { documentsOfJob, searchJobOf, writeSearchInThread } from "../../src/app/search-thread.js";
import type { CountedDocument } from "../../src/index/search-build.js";
import { ROOT, generatedSource, settled, tempFolder } from "../helpers.js";

/** The worker threads' script, as the build makes it (`npm test` builds first). */
const WORKER_SCRIPT = path.join(ROOT, "dist", "analyze-worker.cjs");

/** Every file of a build folder (but its stamps and times) with the build's stamp taken out of it. */
function buildFiles(folder: string): Record<string, string> {
  const stamp = path.basename(folder).slice("build-".length);
  const files: Record<string, string> = {};
  for (const name of fs.readdirSync(folder, { recursive: true }).map(String).sort()) {
    const file = path.join(folder, name);
    if (fs.statSync(file).isDirectory() || name === "freshness.json" || name === "stamps.tsv") continue;
    files[name] = fs.readFileSync(file, "latin1").split(stamp).join("STAMP");
  }
  return files;
}

/** The folder of a source's build in a cache. */
function buildFolder(cache: string, source: string): string {
  const home = sourceCacheFolder(cache, fs.realpathSync(source));
  return path.join(home, fs.readdirSync(home).find((name) => name.startsWith("build-"))!);
}

describe("writeSearchInThread", () => {
  it("writes the search of a source read in worker threads as this thread writes it, file for file", { timeout: 180_000 }, async () => {
    expect(fs.existsSync(WORKER_SCRIPT)).toBe(true);
    const source = settled(generatedSource("glossary-search-thread-", PARALLEL_THRESHOLD + 300));
    const [threads, here] = [tempFolder(), tempFolder()];
    const notes: string[] = [];
    const a = await openSourceIndex(source, { root: threads, verbose: (note) => notes.push(note), workerScript: WORKER_SCRIPT });
    const b = await openSourceIndex(source, { root: here, verbose: () => {}, workerScript: null });
    // With one core, the pages are read in this thread, and so is the search written.
    const parallel = (os.availableParallelism?.() ?? os.cpus().length) >= 2;
    expect(notes.some((note) => note.startsWith("writing the search of"))).toBe(parallel);
    expect(buildFiles(buildFolder(threads, source))).toEqual(buildFiles(buildFolder(here, source)));
    const titles = [...b.records()].filter((_, n) => n % 89 === 0).map((record) => record.title);
    for (const query of ["protocol", "browser cache", "the", ...titles]) expect(await a.search(query, 20), query).toEqual(await b.search(query, 20));
  });

  it("says why it could not write the search, and stops", async () => {
    const file = path.join(tempFolder(), "a-file");
    fs.writeFileSync(file, "");
    const documents: CountedDocument[] = [{ pairs: new Uint32Array([0, 1]), lengths: [1, 0, 0], dictionary: ["alpha"] }];
    const thread = await writeSearchInThread(WORKER_SCRIPT, documents, path.join(file, "build"), "stamp");
    expect(thread).not.toBeNull();
    await expect(thread!.written).rejects.toMatchObject({ code: "ENOTDIR" });
    await thread!.stop();
  });

  it("has ended when stop resolves: the search is then written, or never will be", async () => {
    const dictionary = Array.from({ length: 500 }, (_, n) => `term${n}`);
    const documents: CountedDocument[] = Array.from({ length: 20_000 }, (_, n) => ({
      pairs: Uint32Array.from([n % 500, 1, (n + 1) % 500, 2 ** 10, (n + 2) % 500, 2 ** 20]),
      lengths: [1, 1, 1],
      dictionary,
    }));
    const thread = (await writeSearchInThread(WORKER_SCRIPT, documents, path.join(tempFolder(), "build"), "stamp"))!;
    let settled = false;
    thread.written.then(
      () => (settled = true),
      () => (settled = true),
    );
    await thread.stop();
    await new Promise((resolve) => setImmediate(resolve));
    expect(settled).toBe(true);
  });

  it("leaves to this thread counts that cannot be moved, whole", async () => {
    const pairs = new Uint32Array([0, 1]);
    markAsUntransferable(pairs.buffer);
    const thread = await writeSearchInThread(WORKER_SCRIPT, [{ pairs, lengths: [1, 0, 0], dictionary: ["alpha"] }], path.join(tempFolder(), "build"), "stamp");
    // Node.js 22 and later refuse to move such a buffer; Node.js 20 copies it.
    if (thread === null) expect([...pairs]).toEqual([0, 1]);
    else {
      await expect(thread.written).resolves.toMatchObject({ searchShards: [0] });
      await thread.stop();
    }
  });

  it("leaves documents it cannot move to this thread", async () => {
    const counted: CountedDocument = { pairs: new Uint32Array([0, 1]), lengths: [1, 0, 0], dictionary: ["alpha"] };
    expect(await writeSearchInThread(null, [counted], tempFolder(), "stamp")).toBeNull();
    expect(await writeSearchInThread(WORKER_SCRIPT, [], tempFolder(), "stamp")).toBeNull();
    const whole = { id: 1, locale: "en-US", title: "Beta", summary: "", body: "" };
    expect(await writeSearchInThread(WORKER_SCRIPT, [counted, whole], tempFolder(), "stamp")).toBeNull();
    // Lengths a buffer of 32-bit words cannot carry.
    for (const length of [-1, 0.5, 2 ** 32]) expect(await writeSearchInThread(WORKER_SCRIPT, [{ ...counted, lengths: [1, length, 0] }], tempFolder(), "stamp")).toBeNull();
    expect(counted.pairs.length).toBe(2);
  });
});

describe("searchJobOf", () => {
  it("gives the worker each document's counts, lengths and dictionary as they were", () => {
    const counts = fc.array(fc.integer({ min: 0, max: 2 ** 32 - 1 }), { maxLength: 12 }).map((list) => (list.length % 2 === 0 ? list : list.slice(1)));
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.string(), { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 3 }),
        fc.array(fc.array(fc.record({ pairs: counts, lengths: fc.tuple(fc.nat(), fc.nat(), fc.nat()), dictionary: fc.nat() }), { maxLength: 6 }), { minLength: 1, maxLength: 4 }),
        (dictionaries, chunks) => {
          // Each chunk's counts in one buffer, as a worker thread sends them.
          const documents: CountedDocument[] = chunks.flatMap((chunk) => {
            const buffer = new Uint32Array(chunk.reduce((total, document) => total + document.pairs.length, 0));
            let at = 0;
            return chunk.map((document) => {
              buffer.set(document.pairs, at);
              at += document.pairs.length;
              return { pairs: buffer.subarray(at - document.pairs.length, at), lengths: document.lengths, dictionary: dictionaries[document.dictionary % dictionaries.length]! };
            });
          });
          if (documents.length === 0) return;
          const job = searchJobOf(documents, "folder", "stamp")!;
          expect(job.buffers.length).toBeLessThanOrEqual(chunks.length);
          // As the worker receives it: copied, buffers and all.
          const received = documentsOfJob(structuredClone(job));
          expect(received.map((document) => [[...document.pairs], document.lengths, document.dictionary])).toEqual(
            documents.map((document) => [[...document.pairs], document.lengths, document.dictionary]),
          );
        },
      ),
      { numRuns: 200 },
    );
  });
});
