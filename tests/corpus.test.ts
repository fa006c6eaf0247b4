// Breadth test over MDN's real en-US glossary (in ../shared beside the checkout): every page loads and
// renders cleanly as text.
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { openGlossary } from "../src/app/open.js";
import { describeEntry } from "../src/query/describe.js";
import { toDoc } from "../src/markup/document.js";
import { renderText } from "../src/render/text.js";
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
});
