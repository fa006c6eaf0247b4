import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type KeyPiece, holdsPiece } from "../../src/index/pieces.js";
import {
  type SearchDocument,
  type SearchReader,
  type StoredSearch,
  indexTerm,
  matchTerms,
  searchSegment,
  searchSegments,
  searchShardOf,
  searchStored,
  tokenize,
  typoSteps,
} from "../../src/index/search.js";
import { buildStoredSearch } from "../../src/index/search-build.js";
import { type RankedHit, type RankedList, coordination, topHits } from "../../src/index/search-rank.js";

const documents: SearchDocument[] = [
  { id: 0, locale: "en-US", title: "Closure", summary: "A function with its scope.", body: "Closures capture variables." },
  { id: 1, locale: "en-US", title: "Callback function", summary: "A function passed into another function as an argument.", body: "Called back later." },
  { id: 2, locale: "en-US", title: "Function", summary: "Code that can be called.", body: "Functions take arguments and return values; a callback is one." },
  { id: 3, locale: "en-US", title: "JavaScript", summary: "The language of the web.", body: "Runs in browsers." },
  { id: 4, locale: "ja", title: "非同期処理", summary: "処理の完了を待たずに次へ進むこと。", body: "" },
  { id: 5, locale: "fr", title: "Fermeture", summary: "Une fonction et les fermetures de sa portée.", body: "" },
  { id: 6, locale: "en-US", title: "Polymorphism", summary: "Many forms of one interface.", body: "" },
];

/** A reader over a stored search in memory, noting what it reads. */
function readerOf(stored: StoredSearch, read?: { dictionaries: Set<number>; buckets: Set<number> }): SearchReader {
  return {
    meta: () => stored.meta,
    dictionary: (shard: number, pieces?: readonly KeyPiece[]) => (read?.dictionaries.add(shard), (stored.dictionary.get(shard) ?? []).filter(([term]) => holdsPiece(term, pieces))),
    postings: (bucket: number) => (read?.buckets.add(bucket), stored.postings.get(bucket) ?? []),
  };
}

describe("tokenize", () => {
  it("splits at spaces, punctuation and symbols, and pairs CJK characters", () => {
    expect(tokenize("Same-origin policy, <a> & `code`")).toEqual(["Same", "origin", "policy", "a", "code"]);
    expect(tokenize("非同期処理")).toEqual(["非同", "同期", "期処", "処理"]);
    expect(tokenize("API非同期")).toEqual(["API", "非同", "同期"]);
  });
});

describe("indexTerm", () => {
  it("folds, then stems in the document's language", () => {
    expect(indexTerm("Declared", "en-US")).toBe(indexTerm("declaration", "en-US"));
    expect(indexTerm("caching", "en-US")).toBe(indexTerm("cache", "en-US"));
    expect(indexTerm("fermetures", "fr")).toBe(indexTerm("fermeture", "fr"));
    // Words with digits, CJK pairs and languages without a stemmer are left whole.
    expect(indexTerm("i18n", "en-US")).toBe("i18n");
    expect(indexTerm("同期", "ja")).toBe("同期");
    expect(indexTerm("closures", "ko")).toBe("closures");
  });
});

describe("typoSteps", () => {
  it("counts a transposition as one edit, and reads past the ending a stemmer takes off", () => {
    expect(typoSteps("cahc", "cach")).toBe(1);
    expect(typoSteps("polymorphsim", "polymorph")).toBe(1);
    // A word cut short of the ending the stemmer takes off whole ("certificate" is indexed as "certif").
    expect(typoSteps("certificat", "certif")).toBe(2);
    expect(typoSteps("javascrpt", "java")).toBe(2);
    expect(typoSteps("characht", "chart")).toBe(2);
    expect(typoSteps("javascirpt", "javascript")).toBe(1);
    expect(typoSteps("closure", "cookie")).toBeGreaterThan(2);
  });
});

describe("searchStored", () => {
  const stored = buildStoredSearch(documents);
  const reader = readerOf(stored);
  const titles = (query: string, locale?: string) => searchStored(reader, query, 10, locale).map((hit) => documents[hit.id]!.title);

  it("ranks the entry a query names first, then the others by relevance", () => {
    expect(titles("closure")[0]).toBe("Closure");
    expect(titles("function").slice(0, 2).sort()).toEqual(["Callback function", "Function"]);
    expect(titles("function")).toContain("Closure");
  });
  it("finds other forms of a word by its stem", () => {
    expect(titles("closures")[0]).toBe("Closure");
    expect(titles("fermetures", "fr")).toEqual(["Fermeture"]);
  });
  it("ranks an entry whose whole title, or a name its title gives, is the query first, typos included", () => {
    const named: SearchDocument[] = [
      { id: 0, locale: "en-US", title: "JavaScript engine", summary: "Runs JavaScript. JavaScript JavaScript.", body: "" },
      { id: 1, locale: "en-US", title: "JavaScript", summary: "A language.", body: "" },
      { id: 2, locale: "en-US", title: "Cross-site scripting (XSS)", names: ["XSS", "Cross-site scripting"], summary: "An attack.", body: "" },
      { id: 3, locale: "en-US", title: "CSP", summary: "Stops XSS attacks: XSS, XSS.", body: "" },
    ];
    const search = readerOf(buildStoredSearch(named));
    expect(searchStored(search, "javascrpt", 5)[0]!.id).toBe(1);
    expect(searchStored(search, "xss", 5)[0]!.id).toBe(2);
  });
  it("ranks an entry matching more of the query's words above one matching fewer", () => {
    // "function" alone is in three entries' titles; with "argument", the one that has both comes first.
    expect(titles("function argument passed")[0]).toBe("Callback function");
  });
  it("tolerates typos only where the word itself is not found, and finds word starts", () => {
    expect(titles("javascrpt")).toEqual(["JavaScript"]);
    expect(titles("polymorphsim")).toEqual(["Polymorphism"]);
    expect(titles("callb")[0]).toBe("Callback function");
    expect(titles("CLÔSURE")[0]).toBe("Closure");
    // "function" is a word of the index: "fonction" is not taken as a typo of it in an English query...
    const matches = matchTerms(reader, "function");
    expect(matches.every((match) => match.closeness === 1 || match.term.startsWith("function"))).toBe(true);
  });
  it("finds CJK words inside text written without spaces", () => {
    expect(titles("同期")).toEqual(["非同期処理"]);
  });
  it("says which hits matched at least half of the query's words in their title", () => {
    const hits = searchStored(reader, "callback later", 10);
    expect(hits[0]).toMatchObject({ id: 1, titleHit: true });
    expect(hits.find((hit) => hit.id === 2)?.titleHit).toBe(false);
  });
  it("reads only the dictionary shard of a query word's letter in a large index", () => {
    const read = { dictionaries: new Set<number>(), buckets: new Set<number>() };
    const large = readerOf(stored, read);
    searchStored({ ...large, meta: () => ({ ...stored.meta, documentCount: 1_000_000 }) }, "closure", 10);
    expect([...read.dictionaries]).toEqual([searchShardOf("closur")]);
  });
});

describe("matchTerms", () => {
  it("matches the same terms whether the reader finds one term by itself or only the terms holding a piece", () => {
    const words = ["alpha", "beta", "gamma", "delta", "omega", "protocol", "closure", "cache", "caching", "declared"];
    const text = fc.array(fc.constantFrom(...words), { maxLength: 8 }).map((list) => list.join(" "));
    fc.assert(
      fc.property(
        fc.array(fc.record({ title: text, summary: text, body: text }), { minLength: 1, maxLength: 60 }),
        fc.array(fc.constantFrom(...words, "alp", "protocl", "cach", "declare", "zzz", "omgea"), { minLength: 1, maxLength: 4 }),
        (fields, query) => {
          const stored = buildStoredSearch(fields.map((field, id) => ({ id, locale: "en-US", ...field })));
          const byPieces = readerOf(stored);
          const byTerm: SearchReader = { ...byPieces, term: (shard, term) => stored.dictionary.get(shard)?.find(([known]) => known === term)?.[1] };
          expect(matchTerms(byTerm, query.join(" "))).toEqual(matchTerms(byPieces, query.join(" ")));
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe("names of an entry", () => {
  it("weigh as its title: the words of an abbreviation's long form are title words, and the long form a whole title", () => {
    const pages: SearchDocument[] = [
      { id: 0, locale: "en-US", title: "DNS", names: ["Domain Name System"], summary: "A naming system.", body: "" },
      { id: 1, locale: "en-US", title: "Hostname", summary: "A name in the domain name system.", body: "" },
    ];
    const reader = readerOf(buildStoredSearch(pages));
    expect(searchStored(reader, "domain name system", 2).map((hit) => [hit.id, hit.titleHit])).toEqual([
      [0, true],
      [1, false],
    ]);
    expect(searchStored(reader, "naming domain", 2)[0]!.id).toBe(0);
  });
});

describe("searchSegment", () => {
  it("leaves out excluded documents and weighs terms by the counts it is given", () => {
    const reader = readerOf(buildStoredSearch(documents));
    expect(searchSegment(reader, "function", 10, { exclude: (id) => id === 1 }).map((hit) => hit.id)).not.toContain(1);
    const rare = searchSegment(reader, "function", 10, { frequency: () => ({ documents: 1, documentCount: 1000 }) });
    const own = searchSegment(reader, "function", 10);
    expect(rare.map((hit) => hit.id)).toEqual(own.map((hit) => hit.id));
    expect(rare[0]!.score).toBeGreaterThan(own[0]!.score);
  });
});

/** The simple scorer the fast path must equal: every posting of every list read and summed, then sorted. */
function fullScores(lists: readonly RankedList[], k: number): Array<[number, number]> {
  const sums = new Map<number, { sum: number; words: number }>();
  for (const list of lists) {
    for (let n = 0; n < list.chunks; n++) {
      const flat = list.chunk(n);
      for (let i = 0; i < flat.length; i += 3) {
        const entry = sums.get(flat[i]!) ?? { sum: 0, words: 0 };
        entry.sum += list.weight * flat[i + 1]!;
        entry.words |= 1 << list.word;
        sums.set(flat[i]!, entry);
      }
    }
  }
  // Each word's coordination weight: the largest weight of its lists.
  const weights: number[] = [];
  for (const list of lists) weights[list.word] = Math.max(weights[list.word] ?? 0, list.weight);
  return [...sums]
    .map(([id, { sum, words }]): [number, number] => [id, sum * coordination(words, weights)])
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, k);
}

describe("coordination", () => {
  it("sums the weights of the matched words", () => {
    expect(coordination(0b101, [10, 20, 30])).toBe(40);
    expect(coordination(0, [10])).toBe(0);
  });
  it("ranks a document matching one rare query word above one matching several common ones", () => {
    // Document 0 holds the rare word (weight 300); document 1 holds four common ones (weight 30 each), as densely.
    const list = (word: number, weight: number, id: number): RankedList => ({ weight, word, chunks: 1, chunk: () => [id, 100, 4] });
    const hits = topHits([list(0, 300, 0), list(1, 30, 1), list(2, 30, 1), list(3, 30, 1), list(4, 30, 1)], 2);
    // Counting the matched words alone would rank document 1 first (4 x 12,000 against 1 x 30,000).
    expect(hits.map((hit) => [hit.id, hit.score])).toEqual([
      [0, 30_000 * 300],
      [1, 12_000 * 120],
    ]);
  });
});

describe("searchSegments", () => {
  it("gives the hits and scores of one index for its documents split into a base and a delta built with the same statistics", () => {
    const words = ["alpha", "beta", "gamma", "delta", "omega", "protocol", "closure", "cache"];
    const text = fc.array(fc.constantFrom(...words), { maxLength: 12 }).map((list) => list.join(" "));
    fc.assert(
      fc.property(
        fc.array(fc.record({ title: text, summary: text, body: text }), { minLength: 2, maxLength: 300 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.array(fc.constantFrom(...words, "alp", "protocl", "zzz"), { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 1, max: 40 }),
        (fields, share, query, k) => {
          const all = fields.map((field, id) => ({ id, locale: "en-US", ...field }));
          const whole = buildStoredSearch(all);
          const statistics = { averageFieldLength: whole.meta.averageFieldLength };
          const split = Math.max(1, Math.floor(all.length * share));
          const base = buildStoredSearch(all.slice(0, split), statistics);
          const delta = buildStoredSearch(all.slice(split).map((document, id) => ({ ...document, id })), statistics);
          const merged = searchSegments([{ reader: readerOf(base), offset: 0 }, { reader: readerOf(delta), offset: split }], query.join(" "), k);
          expect(merged).toEqual(searchStored(readerOf(whole), query.join(" "), k));
        },
      ),
      { numRuns: 60 },
    );
  });
  it("leaves out deleted documents, and the terms only they hold", () => {
    const base = buildStoredSearch(documents);
    const delta = buildStoredSearch([{ id: 0, locale: "en-US", title: "Closure", summary: "A function that remembers.", body: "" }], { averageFieldLength: base.meta.averageFieldLength });
    const segments = [{ reader: readerOf(base), offset: 0, exclude: (id: number) => id === 0 || id === 6 }, { reader: readerOf(delta), offset: documents.length }];
    expect(searchSegments(segments, "closure", 10).map((hit) => hit.id)).toEqual([documents.length]);
    // "Polymorphism" was only in a deleted document: the word is no longer one of the index's.
    expect(searchSegments(segments, "polymorphism", 10)).toEqual([]);
    expect(searchStored(readerOf(base), "polymorphism", 10).map((hit) => hit.id)).toEqual([6]);
  });
});

describe("topHits", () => {
  const ranked = (hits: RankedHit[]) => hits.map((hit): [number, number] => [hit.id, hit.score]);
  /** The plain scorer, every field of every hit: each posting read and summed, then all sorted. */
  const everyHit = (lists: readonly RankedList[], k: number, deleted: ReadonlySet<number>): RankedHit[] => {
    const weights: number[] = [];
    for (const list of lists) weights[list.word] = Math.max(weights[list.word] ?? 0, list.weight);
    const hits = new Map<number, RankedHit>();
    for (const list of lists) {
      for (let n = 0; n < list.chunks; n++) {
        const flat = list.chunk(n);
        for (let i = 0; i < flat.length; i += 3) {
          if (deleted.has(flat[i]!)) continue;
          const hit = hits.get(flat[i]!) ?? { id: flat[i]!, score: 0, sum: 0, words: 0, titleWords: 0 };
          hit.sum += list.weight * flat[i + 1]!;
          hit.words |= 2 ** list.word;
          if ((flat[i + 2]! & 1) !== 0) hit.titleWords |= 2 ** list.word;
          hits.set(hit.id, hit);
        }
      }
    }
    for (const hit of hits.values()) hit.score = hit.sum * coordination(hit.words, weights);
    return [...hits.values()].sort((a, b) => b.score - a.score || a.id - b.id).slice(0, k);
  };
  /**
   * A ranked list of postings (`[document, impact, fields]`), ordered as stored (best impact first, then by
   * document) and cut into chunks of `chunkSize(n)` postings.
   */
  const rankedList = (word: number, weight: number, postings: Array<[number, number, number]>, chunkSize: (n: number) => number): RankedList => {
    const ordered = [...postings].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    const chunks: number[][] = [];
    for (let at = 0, n = 0; at < ordered.length; n++) {
      const size = chunkSize(n);
      chunks.push(ordered.slice(at, at + size).flat());
      at += size;
    }
    return { word, weight, chunks: chunks.length, chunk: (n) => chunks[n]! };
  };
  /** topHits gives what the plain scorer gives, with some documents deleted. */
  const expectEveryHit = (lists: readonly RankedList[], k: number, deletedIds: readonly number[]): void => {
    const deleted = new Set(deletedIds);
    const exclude = deleted.size === 0 ? undefined : (id: number) => deleted.has(id);
    expect(topHits(lists, k, exclude)).toEqual(everyHit(lists, k, deleted));
  };
  it("returns exactly the top k of full scoring over random stored searches and queries", () => {
    const words = ["alpha", "beta", "gamma", "delta", "omega", "protocol", "closure", "cache"];
    const text = fc.array(fc.constantFrom(...words), { maxLength: 12 }).map((list) => list.join(" "));
    fc.assert(
      fc.property(
        fc.array(fc.record({ title: text, names: fc.array(text, { maxLength: 2 }), summary: text, body: text }), { minLength: 1, maxLength: 700 }),
        fc.array(fc.constantFrom(...words, "alp", "protocl", "zzz"), { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 1, max: 40 }),
        (fields, query, k) => {
          const stored = buildStoredSearch(fields.map((field, id) => ({ id, locale: "en-US", ...field })));
          const reader = readerOf(stored);
          const lists: RankedList[] = [];
          // The same lists as searchSegment makes, read whole by the simple scorer.
          const fast = searchSegment(reader, query.join(" "), k);
          for (const match of matchTerms(reader, query.join(" "))) {
            const first = stored.postings.get(match.bucket)!.find((entry) => entry[0] === match.term)!;
            const chunks = [first[3], ...first[2].map((bucket) => stored.postings.get(bucket)!.find((entry) => entry[0] === match.term)![3])];
            const weight = Math.max(1, Math.round(100 * match.closeness * Math.log(1 + (stored.meta.documentCount - first[1] + 0.5) / (first[1] + 0.5))));
            lists.push({ weight, word: match.word, chunks: chunks.length, chunk: (n) => chunks[n]! });
          }
          expect(ranked(fast)).toEqual(fullScores(lists, k));
        },
      ),
      { numRuns: 60 },
    );
  });
  it("equals scoring every posting over random lists: several a word, chunks of any size, documents shared or not, some deleted", () => {
    const posting = fc.record({ impact: fc.integer({ min: 1, max: 220 }), fields: fc.integer({ min: 0, max: 7 }) });
    const list = fc.record({
      word: fc.integer({ min: 0, max: 30 }),
      weight: fc.integer({ min: 1, max: 900 }),
      // Documents from one range of numbers: lists of one range share documents, lists of others do not.
      from: fc.constantFrom(0, 0, 150, 300),
      postings: fc.uniqueArray(fc.tuple(fc.integer({ min: 0, max: 299 }), posting), { selector: ([id]) => id, maxLength: 120 }),
      chunkSizes: fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 8 }),
    });
    fc.assert(
      fc.property(fc.array(list, { minLength: 1, maxLength: 40 }), fc.integer({ min: 1, max: 30 }), fc.uniqueArray(fc.integer({ min: 0, max: 599 }), { maxLength: 30 }), (specs, k, deletedIds) => {
        const lists = specs.map(({ word, weight, from, postings, chunkSizes }) =>
          rankedList(word, weight, postings.map(([id, { impact, fields }]) => [from + id, impact, fields]), (n) => chunkSizes[n % chunkSizes.length]!),
        );
        expectEveryHit(lists, k, deletedIds);
      }),
      { numRuns: 300 },
    );
  });
  it("equals scoring every posting over lists shaped as stored: thousands of postings, in chunks of 256, 1,024, 4,096", () => {
    // Long lists of middling, close impacts (as common words have), sharing some documents: the best k are
    // found again and again among their candidates, and most postings are read once others can no longer
    // enter, as in a search of two common words.
    const list = fc.record({
      word: fc.integer({ min: 0, max: 3 }),
      weight: fc.integer({ min: 1, max: 400 }),
      from: fc.constantFrom(0, 0, 2000),
      size: fc.integer({ min: 1, max: 3000 }),
      seed: fc.integer({ min: 1, max: 2 ** 30 }),
    });
    fc.assert(
      fc.property(fc.array(list, { minLength: 1, maxLength: 4 }), fc.integer({ min: 1, max: 40 }), fc.uniqueArray(fc.integer({ min: 0, max: 6999 }), { maxLength: 20 }), (specs, k, deletedIds) => {
        const lists = specs.map(({ word, weight, from, size, seed }): RankedList => {
          let state = seed;
          const next = (limit: number): number => {
            state = (Math.imul(state, 1103515245) + 12345) >>> 1;
            return state % limit;
          };
          // `size` distinct numbers below 5,000: i times a number prime to 5,000, plus an offset, for i < size
          // (a random generator may repeat itself before it gives that many).
          const step = [7919, 4999, 1237, 3, 2003, 7][seed % 6]!;
          const offset = next(5000);
          const ids = Array.from({ length: size }, (_, i) => from + ((i * step + offset) % 5000));
          return rankedList(word, weight, ids.map((id) => [id, 100 + next(80), next(8)]), (n) => 256 * 4 ** n);
        });
        expectEveryHit(lists, k, deletedIds);
      }),
      { numRuns: 60 },
    );
  });
  it("reads only the first chunks of common words when they settle the top k", () => {
    // Both words in every document: their best postings are the documents that hold them most densely.
    const many = Array.from({ length: 5000 }, (_, id) => ({
      id,
      locale: "en-US",
      title: id % 97 === 0 ? "protocol closure" : `entry${id}`,
      summary: "protocol closure",
      body: "text ".repeat(id % 50),
    }));
    const stored = buildStoredSearch(many);
    const read = { dictionaries: new Set<number>(), buckets: new Set<number>() };
    const hits = searchSegment(readerOf(stored, read), "protocol closure", 10);
    expect(hits).toHaveLength(10);
    expect(hits.every((hit) => hit.id % 97 === 0)).toBe(true);
    // The first chunks of the two terms (and the bucket of the whole title "protocol closure"), none of their later chunks.
    const later = new Set([...stored.postings.values()].flat().flatMap((entry) => entry[2]));
    expect(later.size).toBeGreaterThan(0);
    expect([...read.buckets].filter((bucket) => later.has(bucket))).toEqual([]);
  });
  it("ranks nothing for k <= 0 or no list", () => {
    expect(topHits([], 10)).toEqual([]);
    expect(topHits([{ weight: 1, word: 0, chunks: 1, chunk: () => [1, 5, 1] }], 0)).toEqual([]);
  });
});
