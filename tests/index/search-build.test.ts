// Tests of building a segment's search: the order a sink is given postings in, which lets a writer write each
// bucket as soon as it has it.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildSearchSegment, gatherPostings, segmentOfPostings } from "../../src/index/search-build.js";

const WORDS = ["alpha", "beta", "gamma", "delta", "cache", "protocol", "browser", "script"];

describe("buildSearchSegment", () => {
  it("gives the chunks of a shared bucket one after another, each bucket once, before the chunks alone in theirs", () => {
    const text = fc.array(fc.constantFrom(...WORDS), { maxLength: 6 }).map((words) => words.join(" "));
    fc.assert(
      fc.property(
        fc.array(fc.record({ title: text, summary: text, body: text }), { minLength: 1, maxLength: 700, size: "max" }),
        (fields) => {
          const calls: Array<{ bucket: number; alone: boolean; term: string; later: readonly number[] }> = [];
          const documents = fields.map((field, id) => ({ id, locale: "en-US", ...field }));
          const { meta } = buildSearchSegment(documents, { add: (bucket, alone, term, _documents, later) => void calls.push({ bucket, alone, term, later }) });
          const shared = calls.filter((call) => !call.alone);
          // Shared first, then alone.
          expect(calls.slice(0, shared.length).every((call) => !call.alone)).toBe(true);
          // Each shared bucket in one run.
          const runs = shared.map((call) => call.bucket).filter((bucket, n, all) => n === 0 || bucket !== all[n - 1]);
          expect(new Set(runs).size).toBe(runs.length);
          expect(runs.every((bucket) => bucket < meta.buckets)).toBe(true);
          // Buckets alone: after the hashed ones, each once, a term's later chunks following its first.
          const alone = calls.filter((call) => call.alone).map((call) => call.bucket);
          expect(new Set(alone).size).toBe(alone.length);
          expect(alone.every((bucket) => bucket >= meta.buckets)).toBe(true);
          for (const call of calls) if (call.later.length > 0) expect(call.later).toEqual(call.later.map((_, n) => call.bucket + 1 + n));
        },
      ),
      // A failure is told as found: shrinking hundreds of documents would take minutes.
      { numRuns: 25, endOnFailure: true },
    );
  });

  it("builds the same segment from postings gathered first", () => {
    const documents = Array.from({ length: 400 }, (_, id) => ({ id, locale: "en-US", title: WORDS[id % WORDS.length]!, summary: "cache protocol", body: WORDS.slice(0, 1 + (id % 5)).join(" ") }));
    const record = () => {
      const calls: unknown[] = [];
      return { calls, sink: { add: (...args: unknown[]) => void calls.push(JSON.stringify(args)) } };
    };
    const [a, b] = [record(), record()];
    const built = buildSearchSegment(documents, a.sink);
    const gathered = segmentOfPostings(gatherPostings(documents), b.sink);
    expect(gathered).toEqual(built);
    expect(b.calls).toEqual(a.calls);
    // "cache" is in every summary: its postings take more than one chunk, each in a bucket of its own.
    expect(a.calls.some((call) => String(call).startsWith("[") && JSON.parse(String(call))[1] === true)).toBe(true);
  });
});
