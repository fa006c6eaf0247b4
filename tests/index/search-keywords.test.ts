// Tests of the search keywords of MDN's glossary entries in English and French (index/search-keywords.ts): what they hold,
// and that an entry's search document carries them whatever the source.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { NO_SEARCH_KEYWORDS, buildIndex } from "../../src/index/build.js";
import type { SearchDocument } from "../../src/index/search.js";
import { searchKeywords } from "../../src/index/search-keywords.js";
import { KEYWORD_LOCALES, hasSearchKeywords } from "../../src/index/search-keyword-slugs.js";
import { searchKeywordsFor } from "../../src/app/analyze-source.js";
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
    const data = buildIndex([page("en-US", "Glossary/Stacking_context", "Stacking context"), page("en-US", "Glossary/Made_up", "Made up")], (p) => p.path, searchKeywords);
    const stacking = data.records.find((record) => record.slug === "Glossary/Stacking_context")!;
    const madeUp = data.records.find((record) => record.slug === "Glossary/Made_up")!;
    expect(stacking.summary).toBe("A Stacking context is a thing.");
    expect((data.searchDocuments[stacking.id] as SearchDocument).summary).toBe(`A Stacking context is a thing.\n${searchKeywords("en-US", "Glossary/Stacking_context")}`);
    expect((data.searchDocuments[madeUp.id] as SearchDocument).summary).toBe("A Made up is a thing.");
  });
});

describe("hasSearchKeywords", () => {
  it("names exactly the entries that have keywords, in every locale that has some", () => {
    const source = fs.readFileSync(path.join(ROOT, "src", "index", "search-keywords.ts"), "utf8");
    for (const locale of ["en-US", "fr", "de"]) {
      const block = source.slice(source.indexOf(locale === "en-US" ? '"en-US": [' : `${locale}: [`));
      const slugs = locale === "de" ? [] : [...block.slice(0, block.indexOf("\n  ],")).matchAll(/^ {4}"([^"\\]+)\\t/gm)].map((match) => `Glossary/${match[1]}`);
      expect(slugs.length, locale).toBe(locale === "de" ? 0 : 623);
      expect(KEYWORD_LOCALES.includes(locale), locale).toBe(slugs.length > 0);
      for (const slug of slugs) expect(hasSearchKeywords(locale, slug), `${locale} ${slug}`).toBe(true);
      for (const slug of slugs) expect(searchKeywords(locale, slug), `${locale} ${slug}`).not.toBe("");
    }
    expect(hasSearchKeywords("en-US", "Glossary/stacking_CONTEXT")).toBe(true);
    expect(hasSearchKeywords("en-US", "Glossary/Made_up")).toBe(false);
    expect(hasSearchKeywords("de", "Glossary/Stacking_context")).toBe(false);
  });
  it("gives pages none of which has keywords none, without loading them", async () => {
    const none = await searchKeywordsFor([{ locale: "en-US", slug: "Glossary/Made_up" }, { locale: "de", slug: "Glossary/Stacking_context" }]);
    expect(none).toBe(NO_SEARCH_KEYWORDS);
    const some = await searchKeywordsFor([{ locale: "en-US", slug: "Glossary/Made_up" }, { locale: "fr", slug: "Glossary/Stacking_context" }]);
    expect(some("fr", "Glossary/Stacking_context")).toBe(searchKeywords("fr", "Glossary/Stacking_context"));
  });
});
