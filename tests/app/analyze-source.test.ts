// Tests of reading a source for indexing: a large source, read in worker threads, indexes as it does read in this thread.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PARALLEL_THRESHOLD, analyzeSource } from "../../src/app/analyze-source.js";
import { buildInMemory } from "../../src/app/cache-build.js";
import { ROOT, generatedSource, settled } from "../helpers.js";

/** The worker threads' script, as the build makes it (`npm test` builds first). */
const WORKER_SCRIPT = path.join(ROOT, "dist", "analyze-worker.cjs");

describe("analyzeSource", () => {
  it("reads a source over the threshold in worker threads, and the index made of it is the one made reading in this thread", { timeout: 120_000 }, async () => {
    expect(fs.existsSync(WORKER_SCRIPT)).toBe(true);
    const source = settled(generatedSource("glossary-workers-", PARALLEL_THRESHOLD + 500));
    const [threads, here] = [await analyzeSource(source, { workerScript: WORKER_SCRIPT }), await analyzeSource(source)];
    // Workers count each page's search terms (with one core, there are none: the pages are read here).
    const parallel = (os.availableParallelism?.() ?? os.cpus().length) >= 2;
    expect(threads.pages.every((page) => (page.counted !== undefined) === parallel)).toBe(true);
    expect(here.pages.every((page) => page.counted === undefined)).toBe(true);
    expect(threads.files).toEqual(here.files);
    expect(threads.folders).toEqual(here.folders);
    expect(threads.problems).toEqual(here.problems);
    expect(threads.pages.map((page) => [page.locale, page.slug, page.title])).toEqual(here.pages.map((page) => [page.locale, page.slug, page.title]));

    const options = { root: null, verbose: () => {} };
    const [a, b] = [await buildInMemory(source, { ...options, workerScript: WORKER_SCRIPT }), await buildInMemory(source, options)];
    expect([...a.records()]).toEqual([...b.records()]);
    const titles = [...b.records()].filter((_, n) => n % 97 === 0).map((record) => record.title);
    for (const query of ["protocol", "browser cache", "the", ...titles]) expect(await a.search(query, 20), query).toEqual(await b.search(query, 20));
  });
});
