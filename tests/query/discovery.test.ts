import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openGlossary } from "../../src/app/open.js";
import { foldTerm, slugKey, titleComparer } from "../../src/text/fold.js";
import { localeCounts, translationsOf } from "../../src/query/langs.js";
import { lookup } from "../../src/query/lookup.js";
import { Glossary } from "../../src/query/glossary.js";
import { neighbourhood, related } from "../../src/query/related.js";
import { searchGlossary } from "../../src/query/search.js";
import { KeyKind } from "../../src/types.js";
import { MDN_FIXTURE, ROOT, SHARED_CORPUS, TEAM_FIXTURE } from "../helpers.js";

const open = (sources: string[]) => openGlossary({ sources, bundled: false, packageRoot: ROOT, verbose: () => {} });
const glossary = await open([MDN_FIXTURE]);
const entry = (term: string, locale = "en-US") => {
  const result = lookup(glossary, term, { locale, explicit: true });
  if (!result.found) throw new Error(term);
  return result.entry;
};

describe("searchGlossary", () => {
  it("puts the entry whose title is the query first", async () => {
    expect((await searchGlossary(glossary, "callback function", { limit: 3 }))[0]!.entry.title).toBe("Callback function");
  });
  it("searches every locale, or one when asked", async () => {
    expect((await searchGlossary(glossary, "asynchronous", { limit: 10 })).map((r) => `${r.entry.title}|${r.entry.locale}`)[0]).toBe("Asynchronous|en-US");
    expect((await searchGlossary(glossary, "tâche", { limit: 10, locale: "fr" })).map((r) => r.entry.title).sort()).toEqual(["Asynchrone", "Synchrone"]);
    expect(await searchGlossary(glossary, "zzzzqqq", { limit: 10 })).toEqual([]);
  });
  it("gives the first hits the same whatever the limit, taking no more hits than the limit when none may move up", async () => {
    const corpus = fs.existsSync(SHARED_CORPUS) ? await open([SHARED_CORPUS]) : glossary;
    const queries = JSON.parse(fs.readFileSync(path.join(ROOT, "bench", "relevance.json"), "utf8")) as Array<{ query: string }>;
    const asked: number[] = [];
    // The corpus, noting how many hits each search of its index asks for.
    const layers = corpus.layers.map((layer) => ({
      ...layer,
      index: new Proxy(layer.index, {
        get: (index, name) => {
          if (name === "search") return (query: string, wanted: number, language?: string) => (asked.push(wanted), index.search(query, wanted, language));
          const value = Reflect.get(index, name, index) as unknown;
          return typeof value === "function" ? value.bind(index) : value;
        },
      }),
    }));
    const counting = new Glossary(layers);
    let plain = 0;
    for (const { query } of queries) {
      const few = await searchGlossary(counting, query, { limit: 3 });
      const more = await searchGlossary(corpus, query, { limit: 25 });
      expect(few.map((hit) => hit.entry.slug), query).toEqual(more.slice(0, 3).map((hit) => hit.entry.slug));
      if (!corpus.match(foldTerm(query)).some(({ kind }) => kind === KeyKind.Title)) {
        plain++;
        expect(asked.at(-1), query).toBe(3);
      }
    }
    // Most queries are not an entry's title.
    expect(plain).toBeGreaterThan(queries.length / 2);
  });
  it("leaves out entries a higher source shadows", async () => {
    const layered = await open([TEAM_FIXTURE, MDN_FIXTURE]);
    const titles = (await searchGlossary(layered, "asynchronous", { limit: 20 })).map((r) => r.entry.title);
    expect(titles).toContain("Async (team)");
    expect(titles).not.toContain("Asynchronous");
  });
});

describe("related", () => {
  it("lists see-also terms, linked terms and backlinks, each once", async () => {
    const items = related(glossary, entry("asynchronous")).map((r) => `${r.entry.title}|${r.relation}`);
    expect(items).toEqual(["Synchronous|see-also", "Callback function|links-to", "Macro test page|linked-from"]);
    expect(related(glossary, entry("callback function")).map((r) => `${r.entry.title}|${r.relation}`)).toEqual([
      "Asynchronous|see-also",
    ]);
    expect(related(glossary, entry("synchronous")).map((r) => `${r.entry.title}|${r.relation}`)).toEqual([
      "Asynchronous|see-also",
      "Macro test page|linked-from",
    ]);
  });
  it("finds backlinks from other sources", async () => {
    const layered = await open([TEAM_FIXTURE, MDN_FIXTURE]);
    const async = lookup(layered, "glossary/asynchronous", { locale: "en-US", explicit: true });
    expect(async.found && related(layered, async.entry).map((r) => `${r.entry.title}|${r.relation}`)).toContain("Team term|linked-from");
  });
  it("sorts the backlinks of a source by their title ranks exactly as a collator sorts their titles", async () => {
    const bundled = await openGlossary({ sources: [], bundled: true, packageRoot: ROOT, verbose: () => {} });
    const index = bundled.layers[0]!.index;
    let compared = 0;
    for (const locale of ["en-US", "fr"]) {
      const compare = titleComparer(locale);
      for (const [, id] of index.titles(locale)) {
        const backlinks = bundled.backlinks(slugKey(index.record(id).slug), locale).map((e) => e.title);
        expect(backlinks, index.record(id).slug).toEqual([...backlinks].sort(compare));
        if (backlinks.length > 1) compared++;
      }
    }
    expect(compared).toBeGreaterThan(50);
    // Ranks follow the titles' order for each locale.
    for (const locale of ["en-US", "fr"]) {
      expect(index.titles(locale).map(([, id]) => index.record(id).titleRank)).toEqual(index.titles(locale).map((_, rank) => rank));
    }
  });
  it("lists each locale's visible titles from the title lists, as the records say, first source winning", async () => {
    for (const g of [glossary, await open([TEAM_FIXTURE, MDN_FIXTURE])]) {
      for (const locale of g.locales()) {
        const seen = new Set<string>();
        const expected: Array<[string, string]> = [];
        g.layers.forEach((layer) => {
          for (const record of layer.index.records()) {
            if (record.locale !== locale || seen.has(slugKey(record.slug))) continue;
            seen.add(slugKey(record.slug));
            expected.push([record.title, record.slug]);
          }
        });
        const compare = titleComparer(locale);
        expected.sort((a, b) => compare(a[0], b[0]));
        expect(g.titleList(locale).map(({ title, slug }) => [title, slug]), `${g.layers.length} ${locale}`).toEqual(expected);
        expect(g.titles(locale).map((e) => [e.title, e.slug])).toEqual(expected);
      }
    }
  });
  it("walks the neighbourhood to a depth", async () => {
    const one = neighbourhood(glossary, entry("callback function"), 1);
    expect(one.nodes.map((n) => n.title)).toEqual(["Callback function", "Asynchronous"]);
    const two = neighbourhood(glossary, entry("callback function"), 2);
    expect(two.nodes.map((n) => n.title).sort()).toEqual(["Asynchronous", "Callback function", "Macro test page", "Synchronous"]);
    expect(two.edges.map((e) => `${e.from.title}->${e.to.title}:${e.relation}`)).toContain("Asynchronous->Callback function:links-to");
  });
});

describe("langs", () => {
  it("counts entries per locale and shows a term in every locale", async () => {
    expect(localeCounts(glossary)).toEqual([["en-US", 9], ["fr", 3], ["pt-BR", 1]]);
    expect(translationsOf(glossary, entry("asynchrone")).map((e) => `${e.locale}\t${e.title}`)).toEqual([
      "en-US\tAsynchronous", "fr\tAsynchrone", "pt-BR\tAssíncrono",
    ]);
    expect(localeCounts(await open([TEAM_FIXTURE, MDN_FIXTURE]))).toEqual([["en-US", 10], ["fr", 3], ["pt-BR", 1]]);
  });
});

const mdn = fs.existsSync(SHARED_CORPUS) ? await open([SHARED_CORPUS]) : glossary;

describe.skipIf(!fs.existsSync(SHARED_CORPUS))("discovery over MDN's en-US glossary", () => {
  const find = (term: string) => {
    const result = lookup(mdn, term, { locale: "en-US", explicit: false });
    if (!result.found) throw new Error(term);
    return result.entry;
  };
  it("ranks Closure first for 'closure'", async () => {
    expect((await searchGlossary(mdn, "closure", { limit: 5 }))[0]!.entry.title).toBe("Closure");
  });
  it("finds Callback function from a phrase of its definition", async () => {
    const top = (await searchGlossary(mdn, "function passed into another function as an argument", { limit: 5 })).map((r) => r.entry.title);
    expect(top).toContain("Callback function");
  });
  it("finds JavaScript despite a typo", async () => {
    expect((await searchGlossary(mdn, "javascrpt", { limit: 5 }))[0]!.entry.title).toBe("JavaScript");
  });
  it("relates Callback function to First-class Function as a backlink, and Asynchronous to Synchronous", async () => {
    expect(related(mdn, find("Callback function")).map((r) => `${r.entry.title}|${r.relation}`)).toContain("First-class function|linked-from");
    expect(related(mdn, find("Asynchronous")).map((r) => r.entry.title)).toContain("Synchronous");
  });
});
