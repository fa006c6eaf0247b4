import { describe, expect, it } from "vitest";
import { openGlossary } from "../../src/cli/open.js";
import { buildIndex } from "../../src/index/build.js";
import { MemoryIndex } from "../../src/index/reader.js";
import { Glossary } from "../../src/query/glossary.js";
import { suggest } from "../../src/query/suggest.js";
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
    const two = new Glossary([{ label: "test", index: new MemoryIndex(buildIndex([page("en-US", "Alpha"), page("fr", "Alphe")], (p) => p.path), "/") }]);
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
