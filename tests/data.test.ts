// Content checks for the bundled entries in data/: complete, linked, bilingual, summarised, original.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildIndex } from "../src/index/build.js";
import { searchKeywords } from "../src/index/search-keywords.js";
import { slugKey } from "../src/text/fold.js";
import { expandBody } from "../src/markup/expand.js";
import { glossaryKeysIn, linksIn } from "../src/markup/plain.js";
import { lintScans } from "../src/query/lint.js";
import { scanSource } from "../src/sources/scan.js";
import { ROOT, SHARED_CORPUS } from "./helpers.js";

const DATA = path.join(ROOT, "data");
const scan = scanSource(DATA);
const index = buildIndex(scan.pages, (page) => page.path, searchKeywords);
const slugsOf = (locale: string) => new Set(scan.pages.filter((p) => p.locale === locale).map((p) => slugKey(p.slug)));

describe("bundled entries", () => {
  it("pass lint with no error and no warning", () => {
    expect(lintScans([scan]).map((p) => `${path.relative(ROOT, p.path)}:${p.line}: ${p.message}`)).toEqual([]);
  });

  it("cover at least 200 terms in English and in French, each French entry with its English original", () => {
    const english = slugsOf("en-US");
    const french = slugsOf("fr");
    expect(english.size).toBeGreaterThanOrEqual(200);
    expect(french.size).toBeGreaterThanOrEqual(200);
    expect([...french].filter((slug) => !english.has(slug))).toEqual([]);
    expect([...english].filter((slug) => !french.has(slug))).toEqual([]);
    expect(new Set(scan.pages.map((p) => p.locale))).toEqual(new Set(["en-US", "fr"]));
  });

  it.skipIf(!fs.existsSync(SHARED_CORPUS))("define every term of MDN's en-US glossary, in English and in French", () => {
    const corpus = scanSource(SHARED_CORPUS).pages.filter((page) => page.pageType !== "landing-page");
    expect(corpus.length).toBeGreaterThanOrEqual(600);
    const missing = (locale: string) => corpus.map((page) => slugKey(page.slug)).filter((slug) => !slugsOf(locale).has(slug));
    expect(missing("en-US")).toEqual([]);
    expect(missing("fr")).toEqual([]);
    // Disambiguation pages as MDN has them.
    const disambiguations = (pages: typeof corpus) => pages.filter((page) => page.pageType === "glossary-disambiguation").map((page) => slugKey(page.slug)).sort();
    const bundledDisambiguations = new Set(disambiguations(scan.pages));
    expect(disambiguations(corpus).filter((slug) => !bundledDisambiguations.has(slug))).toEqual([]);
  });

  it("use no sidebar macro (MDN's pages name their sidebar in the front matter)", () => {
    expect(scan.pages.filter((page) => /\{\{\s*glossarysidebar/i.test(page.body)).map((page) => path.relative(DATA, page.path))).toEqual([]);
  });

  it("have MDN front matter and live where their slug says", () => {
    for (const page of scan.pages) {
      const where = path.relative(DATA, page.path);
      expect(["glossary-definition", "glossary-disambiguation"], where).toContain(page.pageType);
      expect(page.slug, where).toMatch(/^Glossary\/[A-Za-z0-9][\w.\-/]*$/);
      const folder = page.locale === "en-US" ? "en-us" : page.locale;
      expect(where, page.slug).toBe(path.join(folder, "glossary", ...page.slug.slice("Glossary/".length).toLowerCase().split("/"), "index.md"));
    }
  });

  it("open with a summary that defines the term, and end with a See also section", () => {
    for (const record of index.records) {
      const page = scan.pages.find((p) => p.path === record.path)!;
      const where = path.relative(DATA, page.path);
      expect(record.summary.length, where).toBeGreaterThan(30);
      if (page.pageType === "glossary-disambiguation") {
        expect(page.body, where).toContain("{{GlossaryDisambiguation}}");
        continue;
      }
      const expanded = expandBody(page.body, { locale: page.locale, slug: page.slug });
      expect(expanded.seeAlso?.heading, where).toBe(page.locale === "fr" ? "Voir aussi" : "See also");
      const seeAlso = expanded.seeAlso!.markdown;
      const terms = glossaryKeysIn(seeAlso).filter((key) => slugsOf(page.locale).has(key));
      expect(terms.length, `${where}: glossary terms in See also`).toBeGreaterThanOrEqual(2);
      const mdnPages = linksIn(seeAlso).filter((l) => l.url.startsWith("https://developer.mozilla.org/") && !l.url.includes("/docs/Glossary/"));
      expect(mdnPages.length, `${where}: developer.mozilla.org links in See also`).toBeGreaterThanOrEqual(1);
    }
  });

  it("follow French typography: no-break spaces before double punctuation", () => {
    const offenders: string[] = [];
    for (const page of scan.pages.filter((p) => p.locale === "fr")) {
      const prose = page.body.replace(/^\s*```[\s\S]*?^\s*```/gm, "").replace(/`[^`]*`/g, "").replace(/\]\([^)]*\)/g, "]").replace(/\{\{[^}]*\}\}/g, "");
      for (const match of prose.matchAll(/\S ([:;!?»])|« /g)) offenders.push(`${path.relative(DATA, page.path)}: "${match[0]}"`);
    }
    expect(offenders).toEqual([]);
  });

  const originality = path.join(path.dirname(path.dirname(SHARED_CORPUS)), "tools", "originality.py");
  it.skipIf(!fs.existsSync(originality))("share no 10-word run with MDN's pages", () => {
    const result = spawnSync("python3", [originality, DATA], { encoding: "utf8" });
    expect(result.stdout.trim().split("\n").at(-1)).toBe("0 entries share a 10-word run with MDN");
  });
});
