// Build step: reads the bundled entries in data/ and writes their prebuilt index to dist/index/, with the
// view of every entry computed ahead and its text and ANSI output rendered (so showing one needs neither the
// Markdown and YAML readers nor the renderers).

import fs from "node:fs";
import path from "node:path";
import { buildIndex } from "../src/index/build.js";
import { searchKeywords } from "../src/index/search-keywords.js";
import { DiskIndex } from "../src/index/store.js";
import { writeIndex } from "../src/index/store-write.js";
import { describeWithInputs } from "../src/query/describe.js";
import { Glossary } from "../src/query/glossary.js";
import { storeView } from "../src/query/view.js";
import { renderAnsiUnwrapped } from "../src/render/ansi.js";
import { layOutTable } from "../src/render/table.js";
import { renderText } from "../src/render/text.js";
import { TABLE, layOutAnsi } from "../src/render/wrap.js";
import { parsePage } from "../src/sources/page.js";
import { codeLanguage, parseHighlightHtml } from "../src/render/highlight.js";
import { relativeTo, scanSource } from "../src/sources/scan.js";
import { type Block, DEFAULT_WIDTH, type Doc, READABLE_WIDTH } from "../src/types.js";

// The grammars the terminal renderer would load, to highlight the bundled entries' code now.
const hljs = require("../src/startup/stand-ins/highlight-languages.cjs") as {
  highlight(code: string, options: { language: string; ignoreIllegals: boolean }): { value: string };
  highlightAuto(code: string): { value: string };
  getLanguage(name: string): unknown;
};

/** Highlights every code block of a document, as the terminal renderer would (null: unknown language). */
function highlightCode(doc: Doc | null): void {
  const visit = (block: Block): void => {
    if (block.t === "code") {
      const language = codeLanguage(block.lang);
      try {
        if (language === null || !hljs.getLanguage(language)) throw new Error(`no grammar for ${block.lang}`);
        block.highlighted = parseHighlightHtml(hljs.highlight(block.text, { language, ignoreIllegals: true }).value);
      } catch {
        block.highlighted = null;
      }
    } else if (block.t === "list") block.items.forEach((item) => item.forEach(visit));
    else if (block.t === "quote") block.c.forEach(visit);
  };
  doc?.forEach(visit);
}

const [dataFolder, indexFolder, stamp] = process.argv.slice(2);
if (!dataFolder || !indexFolder || !stamp) throw new Error("usage: build-index <data folder> <index folder> <stamp>");
const root = path.resolve(dataFolder);
const scan = scanSource(root);
const errors = scan.problems.filter((p) => p.severity === "error");
for (const problem of scan.problems) console.error(`${problem.path}:${problem.line}: ${problem.severity}: ${problem.message}`);
const data = buildIndex(scan.pages, relativeTo(root), searchKeywords);
for (const problem of data.duplicates) console.error(`${problem.path}:${problem.line}: error: ${problem.message}`);
if (errors.length > 0 || data.duplicates.length > 0) process.exit(1);

writeIndex(data, path.resolve(indexFolder), stamp);
const disk = new DiskIndex(path.resolve(indexFolder), root);
// The views are computed against the index as it will be read, so their signature matches at run time.
const glossary = new Glossary([{ index: disk, label: "bundled" }]);
for (const record of data.records) {
  const entry = glossary.entry(0, record.id);
  const text = fs.readFileSync(entry.file, "utf8");
  const page = parsePage(text, entry.file, entry.locale);
  if (page.kind !== "page") throw new Error(`${entry.file}: cannot be read again`);
  const { view, inputs } = describeWithInputs(page.page, entry, glossary);
  highlightCode(view.documents.definition);
  highlightCode(view.documents.seeAlso);
  // What a lookup prints, rendered now: text at the default width, ANSI before its layout at a width, and
  // laid out at the default width (colours on a pipe) and at the readable measure (a wide terminal).
  const ansi = renderAnsiUnwrapped(view, { colorLevel: 1, hyperlinks: false });
  const rendered = {
    text: renderText(view, { width: DEFAULT_WIDTH }),
    ansi,
    ansiHyperlinks: renderAnsiUnwrapped(view, { colorLevel: 1, hyperlinks: true }),
    ansiLaidOut: layOutAnsi(ansi, DEFAULT_WIDTH, ansi.includes(TABLE) ? layOutTable : undefined),
    ansiLaidOutWide: layOutAnsi(ansi, READABLE_WIDTH, ansi.includes(TABLE) ? layOutTable : undefined),
  };
  disk.saveView(record.id, storeView(view, text, inputs, rendered));
}
console.log(`indexed ${data.records.length} bundled entries (${[...data.locales].map(([l, n]) => `${l} ${n}`).join(", ")})`);
