// Tests of building a segment's search: it is what a plain reading of its rules gives (each term's
// postings scored, ordered by impact, cut in chunks, bucketed), and a sink is given the postings in an
// order that lets a writer write each bucket as soon as it has it.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  CHUNK_GROWTH,
  COMMON_BODY_SHARE,
  type CountedDocument,
  FIELD_BOOSTS,
  FIRST_CHUNK,
  K1,
  LENGTH_NORMALISATION,
  type SegmentStatistics,
  TermCounter,
  buildSearchSegment,
  buildStoredSearch,
  termBucket,
} from "../../src/index/search-build.js";
import { IMPACT_UNITS, LARGE_SEARCH, SEARCH_FIELDS, type StoredPostings, type StoredSearch, searchShardOf } from "../../src/index/search.js";

const WORDS = ["alpha", "beta", "gamma", "delta", "cache", "protocol", "browser", "script"];

/** How many fields a document has (title, summary, body). */
const FIELDS = SEARCH_FIELDS.length;

/**
 * A segment as its rules say, term after term in the order the documents first hold them (BM25F's formula
 * itself is written as search-build writes it, so that the same floating-point steps round alike).
 */
function plainSegment(documents: readonly CountedDocument[], statistics?: SegmentStatistics): StoredSearch {
  const terms: string[] = [];
  const numbers = new Map<string, number>();
  const postings: Array<Array<[document: number, frequencies: number]>> = [];
  documents.forEach((document, id) => {
    for (let i = 0; i < document.pairs.length; i += 2) {
      const term = document.dictionary[document.pairs[i]!]!;
      if (!numbers.has(term)) {
        numbers.set(term, terms.length);
        terms.push(term);
        postings.push([]);
      }
      postings[numbers.get(term)!]!.push([id, document.pairs[i + 1]!]);
    }
  });
  const count = documents.length;
  const average = statistics
    ? [...statistics.averageFieldLength]
    : Array.from({ length: FIELDS }, (_, field) => (count === 0 ? 0 : documents.reduce((sum, document) => sum + document.lengths[field]!, 0) / count));
  const buckets = Math.max(1, Math.ceil(terms.length / 16));
  let solo = buckets;
  const dictionary = new Map<number, Array<[string, number]>>();
  const stored = new Map<number, StoredPostings[]>();
  const put = (bucket: number, entry: StoredPostings): void => void (stored.get(bucket) ?? stored.set(bucket, []).get(bucket)!).push(entry);
  terms.forEach((term, number) => {
    const list = postings[number]!;
    const bodies = list.filter(([, frequencies]) => frequencies >>> 20 > 0).length;
    const used = count > LARGE_SEARCH && bodies > count * COMMON_BODY_SHARE ? FIELDS - 1 : FIELDS;
    const scored: Array<[number, number, number]> = [];
    for (const [id, frequencies] of list) {
      let weighted = 0;
      let fields = 0;
      for (let field = 0; field < used; field++) {
        const frequency = (frequencies >>> (10 * field)) & 1023;
        if (frequency === 0) continue;
        fields += 2 ** field;
        const relative = average[field]! > 0 ? documents[id]!.lengths[field]! / average[field]! : 1;
        weighted += (FIELD_BOOSTS[field]! * frequency) / (1 - LENGTH_NORMALISATION + LENGTH_NORMALISATION * relative);
      }
      if (fields > 0) scored.push([id, Math.max(1, Math.round((((K1 + 1) * weighted) / (K1 + weighted)) * IMPACT_UNITS)), fields]);
    }
    if (scored.length === 0) return;
    scored.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    const chunks: Array<typeof scored> = [];
    for (let start = 0, size = FIRST_CHUNK; start < scored.length; start += size, size *= CHUNK_GROWTH) chunks.push(scored.slice(start, start + size));
    const first = chunks.length > 1 ? solo++ : termBucket(term, buckets);
    const later = chunks.slice(1).map(() => solo++);
    put(first, [term, scored.length, later, chunks[0]!.flat()]);
    later.forEach((bucket, n) => put(bucket, [term, scored.length, [], chunks[n + 1]!.flat()]));
    const shard = count > LARGE_SEARCH ? searchShardOf(term) : 0;
    (dictionary.get(shard) ?? dictionary.set(shard, []).get(shard)!).push([term, first]);
  });
  return { meta: { documentCount: count, averageFieldLength: average, buckets }, dictionary, postings: stored };
}

/** Where two segments differ first (statistics, a dictionary shard, a bucket's postings); null when they do not. */
function firstDifference(a: StoredSearch, b: StoredSearch): string | null {
  if (JSON.stringify(a.meta) !== JSON.stringify(b.meta)) return `statistics ${JSON.stringify(a.meta)} against ${JSON.stringify(b.meta)}`;
  for (const [name, one, other] of [["dictionary shard", a.dictionary, b.dictionary], ["postings of bucket", a.postings, b.postings]] as const) {
    for (const key of new Set([...one.keys(), ...other.keys()])) {
      if (JSON.stringify(one.get(key)) !== JSON.stringify(other.get(key))) return `${name} ${key}`;
    }
  }
  return null;
}

/**
 * Documents as worker threads count them: term numbers of a worker's dictionary (the dictionaries drawn
 * from one pool of terms, so that they share some), each once, with packed frequencies; "cache" in nine
 * documents out of ten, so that a large set has a term of several chunks.
 */
const countedDocuments = (most: number) =>
  fc
    .array(fc.shuffledSubarray([...WORDS, "a", "b", "c", "d", "e", "f", "g", "h"], { minLength: 1 }), { minLength: 1, maxLength: 3 })
    .chain((pools) =>
      fc.array(
        fc.record({
          dictionary: fc.nat(pools.length - 1),
          terms: fc.uniqueArray(fc.nat(16), { maxLength: 6 }),
          cache: fc.nat(9),
          frequencies: fc.array(fc.tuple(fc.nat(1023), fc.constantFrom(0, 1, 2, 1023), fc.nat(3)), { minLength: 7, maxLength: 7 }),
          lengths: fc.tuple(fc.nat(9), fc.nat(40), fc.nat(300)),
        }),
        { minLength: 1, maxLength: most, size: "max" },
      ).map((documents) => {
        const dictionaries = pools.map((pool) => (pool.includes("cache") ? pool : [...pool, "cache"]));
        return documents.map(({ dictionary, terms, cache, frequencies, lengths }): CountedDocument => {
          const words = dictionaries[dictionary]!;
          const held = new Set(terms.filter((term) => term < words.length));
          if (cache < 9) held.add(words.indexOf("cache"));
          return {
            dictionary: words,
            pairs: Uint32Array.from([...held].flatMap((term, n) => [term, frequencies[n]![0] + frequencies[n]![1] * 2 ** 10 + frequencies[n]![2] * 2 ** 20])),
            lengths: [...lengths],
          };
        });
      }),
    );

/** A number generator from a seed (mulberry32): the same documents at every run. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

describe("buildSearchSegment", () => {
  it("builds what a plain reading of its rules gives: the same statistics, dictionary and postings, bucket for bucket", () => {
    fc.assert(
      fc.property(countedDocuments(400), fc.option(fc.tuple(fc.double({ min: 0, max: 50, noNaN: true }), fc.double({ min: 0, max: 50, noNaN: true }), fc.double({ min: 0, max: 50, noNaN: true }))), (documents, averages) => {
        // A delta segment is built with its base's average lengths.
        const statistics = averages === null ? undefined : { averageFieldLength: averages };
        expect(firstDifference(buildStoredSearch(documents, statistics), plainSegment(documents, statistics))).toBeNull();
      }),
      { numRuns: 60 },
    );
  });

  it("builds what a plain reading of its rules gives for a large segment, whose common body words are left out of bodies", () => {
    const random = seeded(7);
    // Two workers' dictionaries, the same terms numbered otherwise.
    const dictionaries = [Array.from({ length: 400 }, (_, n) => `t${n}`), Array.from({ length: 400 }, (_, n) => `t${399 - n}`)];
    const documents: CountedDocument[] = Array.from({ length: LARGE_SEARCH + 500 }, (_, id) => {
      const dictionary = dictionaries[Math.floor(id / 250) % 2]!;
      const numbered = (term: number): number => dictionary.indexOf(`t${term}`);
      // Term 0 in most bodies and in no other field (none of its postings kept), term 1 in most bodies
      // and some titles, the others rarer.
      const terms = new Set<number>([0, ...(random() < 0.5 ? [1] : []), ...Array.from({ length: 4 }, () => 2 + Math.floor(random() ** 3 * 398))]);
      return {
        dictionary,
        pairs: Uint32Array.from([...terms].flatMap((term) => [numbered(term), term === 0 ? 2 ** 20 : term === 1 ? 2 ** 20 + (random() < 0.2 ? 1 : 0) : 1 + Math.floor(random() * 3) * 2 ** 10])),
        lengths: [1 + Math.floor(random() * 5), Math.floor(random() * 30), Math.floor(random() * 200)],
      };
    });
    const built = buildStoredSearch(documents);
    expect(firstDifference(built, plainSegment(documents))).toBeNull();
    expect(built.dictionary.get(searchShardOf("t0"))?.some(([term]) => term === "t0")).toBe(false);
    expect([...built.postings.values()].flat().some(([term, , later]) => term === "t1" && later.length > 0)).toBe(true);
  });

  it("counts whole documents as a worker thread counts them", () => {
    const documents = Array.from({ length: 300 }, (_, id) => ({ id, locale: "en-US", title: WORDS[id % WORDS.length]!, summary: "cache protocol", body: WORDS.slice(0, 1 + (id % 5)).join(" ") }));
    const counter = new TermCounter();
    const counted = documents.map((document): CountedDocument => ({ ...counter.count(document), dictionary: counter.terms }));
    expect(firstDifference(buildStoredSearch(documents), plainSegment(counted))).toBeNull();
  });

  it("gives the chunks of a shared bucket one after another, each bucket once, before the chunks alone in theirs", () => {
    const text = fc.array(fc.constantFrom(...WORDS), { maxLength: 6 }).map((words) => words.join(" "));
    fc.assert(
      fc.property(fc.array(fc.record({ title: text, summary: text, body: text }), { minLength: 1, maxLength: 700, size: "max" }), (fields) => {
        const calls: Array<{ bucket: number; alone: boolean; term: string; later: readonly number[] }> = [];
        const documents = fields.map((field, id) => ({ id, locale: "en-US", ...field }));
        const { meta, dictionary } = buildSearchSegment(documents, { add: (bucket, alone, term, _documents, later) => void calls.push({ bucket, alone, term, later }) });
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
        // The dictionary names the bucket of each term's first chunk.
        const firsts = new Map<string, number>();
        for (const call of calls) if (!firsts.has(call.term)) firsts.set(call.term, call.bucket);
        expect(new Map([...dictionary.values()].flat())).toEqual(firsts);
      }),
      // A failure is told as found: shrinking hundreds of documents would take minutes.
      { numRuns: 25, endOnFailure: true },
    );
  });
});
