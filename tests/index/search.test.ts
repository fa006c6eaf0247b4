import { describe, expect, it } from "vitest";
import { type KeyPiece, holdsPiece } from "../../src/index/pieces.js";
import { buildSearch, buildStoredSearch, runSearch, searchShardOf, searchStored, storeSearch, tokenize } from "../../src/index/search.js";

const documents = [
  { id: 0, title: "Closure", summary: "A function with its scope.", body: "Closures capture variables." },
  { id: 1, title: "Callback function", summary: "A function passed into another function as an argument.", body: "Called back later." },
  { id: 2, title: "Function", summary: "Code that can be called.", body: "Functions take arguments and return values; a callback is one." },
  { id: 3, title: "JavaScript", summary: "The language of the web.", body: "Runs in browsers." },
  { id: 4, title: "非同期処理", summary: "処理の完了を待たずに次へ進むこと。", body: "" },
];

describe("tokenize", () => {
  it("splits at spaces, punctuation and symbols, and pairs CJK characters", () => {
    expect(tokenize("Same-origin policy, <a> & `code`")).toEqual(["Same", "origin", "policy", "a", "code"]);
    expect(tokenize("非同期処理")).toEqual(["非同", "同期", "期処", "処理"]);
    expect(tokenize("API非同期")).toEqual(["API", "非同", "同期"]);
  });
});

describe("search", () => {
  const search = buildSearch(documents);
  const titles = (query: string) => runSearch(search, query, 10).map((hit) => documents[hit.id]!.title);

  it("ranks title hits first, then by relevance", () => {
    expect(titles("closure")[0]).toBe("Closure");
    expect(titles("function").slice(2)).toEqual(["Closure"]);
    expect(titles("function").slice(0, 2).sort()).toEqual(["Callback function", "Function"]);
  });
  it("tolerates typos and finds word starts", () => {
    expect(titles("javascrpt")).toEqual(["JavaScript"]);
    expect(titles("callb")[0]).toBe("Callback function");
    expect(titles("CLÔSURE")[0]).toBe("Closure");
  });
  it("finds CJK words inside text written without spaces", () => {
    expect(titles("同期")).toEqual(["非同期処理"]);
  });
  it("answers the same from its stored form, reading only the parts a query needs", () => {
    const stored = storeSearch(search);
    const read = { dictionaries: new Set<number>(), buckets: new Set<number>() };
    const reader = {
      meta: () => stored.meta,
      dictionary: (shard: number) => (read.dictionaries.add(shard), stored.dictionary.get(shard) ?? []),
      postings: (bucket: number) => (read.buckets.add(bucket), stored.postings.get(bucket) ?? []),
    };
    for (const query of ["closure", "function passed as argument", "javascrpt", "callb", "同期", "zzzz"]) {
      expect(searchStored(reader, query, 10), query).toEqual(runSearch(search, query, 10));
    }
    // A large index reads only the dictionary of the query term's first letter.
    read.dictionaries.clear();
    searchStored({ ...reader, meta: () => ({ ...stored.meta, documentCount: 1_000_000 }) }, "closure", 10);
    expect([...read.dictionaries]).toEqual([searchShardOf("closure")]);
    expect(searchShardOf("closure")).toBe(searchShardOf("c"));
  });
});

describe("searchStored with many title hits", () => {
  // Titles that share words, as in a large glossary: "X protocol", "Y protocol"...
  const words = ["protocol", "element", "policy", "closure", "cache"];
  const many = Array.from({ length: 400 }, (_, id) => ({
    id,
    title: `${["alpha", "beta", "gamma", "delta", "omega"][id % 5]}${id} ${words[id % words.length]}`,
    summary: `${words[(id * 3) % words.length]} ${words[(id * 7) % words.length]} and protocols of ${id}`,
    body: `${"text ".repeat(id % 9)}${words[(id * 11) % words.length]} closure protocol`,
  }));
  const stored = buildStoredSearch(many);
  const reader = {
    meta: () => stored.meta,
    dictionary: (n: number, pieces?: readonly KeyPiece[]) => (stored.dictionary.get(n) ?? []).filter(([term]) => holdsPiece(term, pieces)),
    postings: (n: number) => stored.postings.get(n) ?? [],
  };
  const full = buildSearch(many);
  it("ranks exactly as MiniSearch does, whether title hits fill the results or not", () => {
    for (const [query, limit] of [["protocol", 20], ["closure protocol", 20], ["protocl", 5], ["policy cache", 50], ["alpha12", 20], ["protocol", 500]] as const) {
      const ours = searchStored(reader, query, limit);
      const theirs = runSearch(full, query, limit);
      expect(ours.map((hit) => [hit.id, hit.titleHit]), query).toEqual(theirs.map((hit) => [hit.id, hit.titleHit]));
      ours.forEach((hit, n) => expect(hit.score).toBeCloseTo(theirs[n]!.score, 9));
    }
  });
});

describe("buildStoredSearch", () => {
  it("stores exactly what MiniSearch's own index gives", () => {
    const normal = (stored: ReturnType<typeof storeSearch>) => ({
      meta: stored.meta,
      dictionary: [...stored.dictionary].map(([shard, terms]) => [shard, [...terms].sort()]).sort(),
      postings: [...stored.postings].flatMap(([, list]) => list).sort((a, b) => (a[0] < b[0] ? -1 : 1)),
    });
    expect(normal(buildStoredSearch(documents))).toEqual(normal(storeSearch(buildSearch(documents))));
  });
  it("ranks the bundled entries exactly as MiniSearch does", async () => {
    const { scanSource } = await import("../../src/sources/scan.js");
    const { buildIndex } = await import("../../src/index/build.js");
    const path = await import("node:path");
    const { ROOT } = await import("../helpers.js");
    const data = buildIndex(scanSource(path.join(ROOT, "data")).pages, (p) => p.path);
    const stored = buildStoredSearch(data.searchDocuments);
    const reader = { meta: () => stored.meta, dictionary: (n: number) => stored.dictionary.get(n) ?? [], postings: (n: number) => stored.postings.get(n) ?? [] };
    const full = buildSearch(data.searchDocuments);
    for (const query of ["closure", "same origin policy", "fonction de rappel", "javascrpt", "cache http header", "prom"]) {
      const ours = searchStored(reader, query, 20);
      const theirs = runSearch(full, query, 20);
      // Scores are sums taken in another order: equal up to the last bits.
      expect(ours.map((hit) => [hit.id, hit.titleHit]), query).toEqual(theirs.map((hit) => [hit.id, hit.titleHit]));
      ours.forEach((hit, n) => expect(hit.score).toBeCloseTo(theirs[n]!.score, 9));
    }
  });
});
