import { describe, expect, it } from "vitest";
import { openGlossary } from "../../src/app/open.js";
import { NO_SEARCH_KEYWORDS, buildIndex } from "../../src/index/build.js";
import { MemoryIndex } from "../../src/index/memory.js";
import { Glossary } from "../../src/query/glossary.js";
import fc from "fast-check";
import { distance } from "fastest-levenshtein";
import { foldTerm, slugKey } from "../../src/text/fold.js";
import { allowedDistance, suggest } from "../../src/query/suggest.js";
import type { Page } from "../../src/types.js";
import { MDN_FIXTURE, ROOT } from "../helpers.js";

const glossary = await openGlossary({ sources: [MDN_FIXTURE], bundled: false, packageRoot: ROOT, verbose: () => {} });
const titles = (term: string, locale = "en-US") => suggest(glossary, term, locale).map((s) => `${s.entry.title}|${s.entry.locale}`);

describe("suggest", () => {
  it("offers the closest spellings, nearest first", () => {
    expect(titles("asynchronus")[0]).toBe("Asynchronous|en-US");
    expect(titles("synchronus")[0]).toBe("Synchronous|en-US");
    expect(titles("asynchron")).toContain("Asynchrone|fr");
  });
  it("offers titles the query starts, whole words first", () => {
    expect(titles("callback")[0]).toBe("Callback function|en-US");
    expect(titles("asynch")).toEqual(expect.arrayContaining(["Asynchronous|en-US", "Asynchrone|fr"]));
  });
  it("puts the preferred locale first among equally close spellings", () => {
    const page = (locale: string, title: string): Page => ({
      locale, title, slug: `Glossary/${title}`, body: "x", path: `/${locale}/${title}`, pageType: "", bodyLine: 1, aliases: [],
    });
    const two = new Glossary([{ label: "test", index: new MemoryIndex(buildIndex([page("en-US", "Alpha"), page("fr", "Alphe")], (p) => p.path, NO_SEARCH_KEYWORDS), "/") }]);
    const order = (locale: string) => suggest(two, "alphi", locale).map((s) => s.entry.title);
    expect(order("fr")).toEqual(["Alphe", "Alpha"]);
    expect(order("en-US")).toEqual(["Alpha", "Alphe"]);
    expect(titles("asynchrne", "fr")[0]).toBe("Asynchrone|fr");
  });
  it("offers at most five, and nothing for far or huge queries", () => {
    expect(suggest(glossary, "a", "en-US").length).toBeLessThanOrEqual(5);
    expect(titles("zzzzzzzzzz")).toEqual([]);
    expect(titles("asynchronous".repeat(10_000))).toEqual([]);
  });
});

/** Suggestions by measuring every key of the vocabulary: what suggest must give, with its shortcuts. */
function everyKeySuggestions(glossary: Glossary, term: string, preferred: string): string[] {
  const query = foldTerm(term);
  if (query === "" || query.length > 64) return [];
  const best = new Map<string, { title: string; locale: string; distance: number }>();
  glossary.layers.forEach((layer, n) => {
    const allowed = allowedDistance(query.length, layer.index.vocabularySize);
    for (const [key, id] of layer.index.vocabulary(0, 1000, "")) {
      let d = distance(query, key);
      if (d > allowed) {
        if (query.length < 4 || !key.startsWith(query) || key.length - query.length > 16) continue;
        d = /[\s(/]/.test(key[query.length] ?? " ") ? 1 : allowed;
      }
      const entry = glossary.entry(n, id);
      const identity = `${entry.locale}\u0000${slugKey(entry.slug)}`;
      const previous = best.get(identity);
      if (!previous || d < previous.distance) best.set(identity, { title: entry.title, locale: entry.locale, distance: d });
    }
  });
  return [...best.values()]
    .sort((a, b) => a.distance - b.distance || Number(b.locale === preferred) - Number(a.locale === preferred) || (a.title < b.title ? -1 : a.title > b.title ? 1 : 0))
    .slice(0, 5)
    .map((s) => `${s.title}|${s.locale}`);
}

describe("suggest's shortcuts", () => {
  it("give what measuring every key gives", async () => {
    const bundled = await openGlossary({ sources: [], bundled: true, packageRoot: ROOT, verbose: () => {} });
    const words = [...bundled.titles("en-US"), ...bundled.titles("fr")].map((entry) => foldTerm(entry.title)).filter((w) => w.length <= 20);
    const misspelt = fc.tuple(fc.constantFrom(...words), fc.nat(), fc.constantFrom(..."aeiosz")).map(([word, at, letter]) => {
      const i = at % (word.length + 1);
      return at % 3 === 0 ? word.slice(0, i) + letter + word.slice(i) : at % 3 === 1 ? word.slice(0, i) + word.slice(i + 1) : word.slice(0, i) + letter + word.slice(i + 1);
    });
    fc.assert(
      fc.property(misspelt, fc.constantFrom("en-US", "fr"), (term, locale) => {
        expect(suggest(bundled, term, locale).map((s) => `${s.entry.title}|${s.entry.locale}`), term).toEqual(everyKeySuggestions(bundled, term, locale));
      }),
      { numRuns: 300 },
    );
  });
  it("allow two edits at most in a large vocabulary", () => {
    expect([3, 6, 7, 12].map((length) => allowedDistance(length, 5_000))).toEqual([1, 2, 3, 3]);
    expect([3, 6, 7, 12].map((length) => allowedDistance(length, 5_001))).toEqual([1, 2, 2, 2]);
  });
});

describe("suggestions in scripts written without spaces", () => {
  it("offers the entries whose titles hold the query", async () => {
    const { isUnspacedScript, titlesContaining } = await import("../../src/query/suggest.js");
    const { FIXTURES } = await import("../helpers.js");
    const path = await import("node:path");
    const glossary = await openGlossary({ sources: [path.join(FIXTURES, "mdn-locales")], bundled: false, packageRoot: ROOT, verbose: () => {}, cache: null });
    expect(isUnspacedScript("闭")).toBe(true);
    expect(isUnspacedScript("closure")).toBe(false);
    expect(titlesContaining(glossary, "闭", "zh-CN").map((entry) => entry.title)).toContain("闭包");
    expect(titlesContaining(glossary, "スレッド", "ja").map((entry) => entry.title)).toContain("Thread (スレッド)");
  });
});
