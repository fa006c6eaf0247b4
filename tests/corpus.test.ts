// Breadth test over MDN's real en-US glossary (in ../shared beside the checkout): every page loads and
// renders cleanly as text.
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { showEntry } from "../src/app/entry-view.js";
import { renderEntry } from "../src/app/lookup-command.js";
import { openGlossary } from "../src/app/open.js";
import { titleNames } from "../src/index/build.js";
import { lookup } from "../src/query/lookup.js";
import { describeEntry } from "../src/query/describe.js";
import { toDoc } from "../src/markup/document.js";
import { renderText } from "../src/render/text.js";
import { displayWidth } from "../src/render/wrap.js";
import { discoverPages } from "../src/sources/discover.js";
import { readPage } from "../src/sources/page.js";
import { ROOT, SHARED_CORPUS } from "./helpers.js";

const available = fs.existsSync(SHARED_CORPUS);
if (!available) console.warn(`skipped: the MDN corpus is not at ${SHARED_CORPUS}`);

/** Drops code (fenced blocks and spans), which is shown verbatim and may hold anything. */
const withoutCode = (markdown: string) => markdown.replace(/^\s*(`{3,}|~{3,})[\s\S]*?^\s*\1/gm, "").replace(/(`+)[\s\S]*?\1/g, "");

const glossary = available ? await openGlossary({ sources: [SHARED_CORPUS], bundled: false, packageRoot: ROOT, verbose: () => {} }) : null;

describe.skipIf(!available)("the MDN en-US corpus", () => {

  it("loads every page", () => {
    const files = discoverPages(SHARED_CORPUS).files;
    expect(files.length).toBe(624);
    const entries = glossary!.layers[0]!.index.size;
    // One page is the glossary's own index (slug "Glossary"), not an entry.
    expect(entries).toBe(623);
  });

  it("renders every page as text without macros, escape codes, comments, tags or entities", () => {
    const failures: string[] = [];
    for (const record of glossary!.layers[0]!.index.records()) {
      const entry = glossary!.entry(0, record.id);
      const page = readPage(entry.file, entry.locale);
      if (page.kind !== "page") {
        failures.push(`${entry.slug}: unreadable`);
        continue;
      }
      const view = describeEntry(page.page, entry, glossary!);
      const documents = {
        definition: toDoc(withoutCode(view.definition)),
        seeAlso: view.seeAlsoSection ? toDoc(withoutCode(view.seeAlsoSection.markdown)) : null,
      };
      const text = renderText({ ...view, documents }, { width: 80 });
      const problems = [
        text.includes("{{") && "{{",
        /[\u001b\u009b]/.test(text) && "escape code",
        text.includes("<!--") && "HTML comment",
        /<\/?(i|b|em|strong|sup|sub|kbd|code|span|div|p|a|br)\b[^>]*>/.test(text) && "HTML tag",
        /&(#\d+|[a-z]+);/.test(text) && "entity",
        view.summary === "" && "no summary",
      ].filter(Boolean);
      if (problems.length > 0) failures.push(`${entry.slug}: ${problems.join(", ")}`);
    }
    expect(failures).toEqual([]);
  });

  it("finds every page by its title, by each name its title holds, and by its slug", () => {
    const failures: string[] = [];
    for (const record of glossary!.layers[0]!.index.records()) {
      for (const name of new Set([record.title, record.slug, ...titleNames(record.title, record.slug)])) {
        const result = lookup(glossary!, name, { locale: "en-US", explicit: true });
        // A name two pages hold finds one of them, of the same title names.
        if (!result.found) failures.push(`${record.slug}: ${name} not found`);
        else if (result.entry.slug !== record.slug && !titleNames(result.entry.title, result.entry.slug).concat(result.entry.title).includes(name)) {
          failures.push(`${record.slug}: ${name} found ${result.entry.slug}`);
        }
      }
    }
    expect(failures).toEqual([]);
    // "Cross-site request forgery (CSRF)" and its like: found by the abbreviation.
    const bracketed = [...glossary!.layers[0]!.index.records()].filter((record) => titleNames(record.title, record.slug).length > 0);
    expect(bracketed.length).toBeGreaterThanOrEqual(40);
  });

  it("renders every page in text and ANSI at 60 columns with no raw definition marker and no line wider than that", async () => {
    const failures: string[] = [];
    for (const record of glossary!.layers[0]!.index.records()) {
      const entry = glossary!.entry(0, record.id);
      const shown = await showEntry(entry, glossary!);
      const view = await shown.view();
      const code = new Set(
        [...view.markdown.matchAll(/^\s*(`{3,}|~{3,})[^\n]*\n([\s\S]*?)^\s*\1/gm)].flatMap((match) => match[2]!.split("\n").map((line) => line.trim())),
      );
      for (const format of ["text", "ansi"] as const) {
        const output = await renderEntry(shown, { locale: { locale: "en-US", explicit: true }, sources: [], bundled: false, format, short: false, width: 60, colorLevel: format === "ansi" ? 1 : 0, verbose: false, pager: false, terminal: false, hyperlinks: false });
        const visible = output.replace(/\u001b\[[0-9;]*m/g, "");
        if (/^\s*(?:[-*•]|\d+\.)\s+:\s/m.test(visible)) failures.push(`${record.slug} (${format}): raw definition marker`);
        const wide = visible.split("\n").filter((line) => displayWidth(line) > 60 && !code.has(line.trim()));
        if (wide.length > 0) failures.push(`${record.slug} (${format}): ${wide[0]}`);
      }
    }
    expect(failures).toEqual([]);
  });
});
