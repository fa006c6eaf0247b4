// Tests of the search keywords of MDN's glossary entries in English and French (index/search-keywords.ts): what they hold,
// and that an entry's search document carries them whatever the source.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildIndex } from "../../src/index/build.js";
import type { SearchDocument } from "../../src/index/search.js";
import { searchKeywords } from "../../src/index/search-keywords.js";
import type { Page } from "../../src/types.js";
import { ROOT } from "../helpers.js";

const page = (locale: string, slug: string, title: string): Page => ({
  locale,
  slug,
  title,
  pageType: "glossary-definition",
  path: `/src/${locale.toLowerCase()}/glossary/${slug.slice("Glossary/".length).toLowerCase()}/index.md`,
  aliases: [],
  body: `A ${title} is a thing.\n\nMore about it.\n`,
  bodyLine: 5,
});

describe("searchKeywords", () => {
  it("gives the keywords of an entry by its slug, whatever its case, as one text", () => {
    const keywords = searchKeywords("en-US", "Glossary/Stacking_context");
    expect(keywords).toContain("z-index");
    expect(searchKeywords("en-US", "glossary/stacking_CONTEXT")).toBe(keywords);
    expect(keywords).not.toContain(";");
  });

  it("gives nothing for another locale, or a slug without keywords", () => {
    expect(searchKeywords("de", "Glossary/Stacking_context")).toBe("");
    expect(searchKeywords("en-US", "Glossary/No_such_entry")).toBe("");
  });

  it("has keywords in its language for every bundled entry", () => {
    for (const [locale, folder] of [["en-US", "en-us"], ["fr", "fr"]] as const) {
      const slugs = fs.readdirSync(path.join(ROOT, "data", folder, "glossary"));
      const without = slugs.filter((slug) => searchKeywords(locale, `Glossary/${slug}`) === "");
      expect(without, locale).toEqual([]);
    }
    expect(searchKeywords("fr", "Glossary/Stacking_context")).toContain("empilement");
  });
});

describe("searchDocument with keywords", () => {
  it("searches an entry's keywords with its summary, and shows the summary alone", () => {
    const data = buildIndex([page("en-US", "Glossary/Stacking_context", "Stacking context"), page("en-US", "Glossary/Made_up", "Made up")], (p) => p.path);
    const stacking = data.records.find((record) => record.slug === "Glossary/Stacking_context")!;
    const madeUp = data.records.find((record) => record.slug === "Glossary/Made_up")!;
    expect(stacking.summary).toBe("A Stacking context is a thing.");
    expect((data.searchDocuments[stacking.id] as SearchDocument).summary).toBe(`A Stacking context is a thing.\n${searchKeywords("en-US", "Glossary/Stacking_context")}`);
    expect((data.searchDocuments[madeUp.id] as SearchDocument).summary).toBe("A Made up is a thing.");
  });
});
