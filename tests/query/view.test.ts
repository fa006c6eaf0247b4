import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openGlossary } from "../../src/app/open.js";
import { describeWithInputs } from "../../src/query/describe.js";
import type { Glossary } from "../../src/query/glossary.js";
import { entryView, showEntry } from "../../src/app/entry-view.js";
import { heldTerms, knownTerms, restoredView, storeView } from "../../src/query/view.js";
import { renderAnsiUnwrapped } from "../../src/render/ansi.js";
import { layOutTable } from "../../src/render/table.js";
import { renderText } from "../../src/render/text.js";
import { TABLE, layOutAnsi } from "../../src/render/wrap.js";
import { parsePage } from "../../src/sources/page.js";
import { DEFAULT_WIDTH, type Entry, type EntryView, READABLE_WIDTH, type StoredViewReader } from "../../src/types.js";
import { ROOT, countingSlugLookups, tempFolder } from "../helpers.js";

const bundled = await openGlossary({ sources: [], bundled: true, packageRoot: ROOT, verbose: () => {} });
const index = bundled.layers[0]!.index;

/** A stored view read back whole, when it holds for the entry. */
function restore(stored: StoredViewReader, entry: Entry, glossary: Glossary, text: string): EntryView | null {
  const terms = heldTerms(stored.basis, entry, glossary, text);
  const body = stored.body();
  return terms && body ? restoredView(body, entry, terms) : null;
}

describe("stored views of the bundled entries", () => {
  it("exist for every entry and equal a view computed from the page", () => {
    expect(fs.existsSync(path.join(ROOT, "dist", "index", "views"))).toBe(true);
    for (const record of index.records()) {
      const entry = bundled.entry(0, record.id);
      const text = fs.readFileSync(entry.file, "utf8");
      const stored = index.view(record.id);
      expect(stored, entry.slug).not.toBeNull();
      const restored = restore(stored!, entry, bundled, text);
      const page = parsePage(text, entry.file, entry.locale);
      if (page.kind !== "page") throw new Error(entry.file);
      const computed = describeWithInputs(page.page, entry, bundled).view;
      // The stored view also carries its code's highlighting, computed at build time, and its renderings.
      const withoutHighlighting = JSON.parse(JSON.stringify(restored!.documents, (key, value) => (key === "highlighted" ? undefined : value)));
      expect({ ...restored!, documents: withoutHighlighting }, entry.slug).toEqual(computed);
      const ansi = renderAnsiUnwrapped(restored!, { colorLevel: 1, hyperlinks: false });
      expect(stored!.rendered, entry.slug).toEqual({
        text: renderText(restored!, { width: DEFAULT_WIDTH }),
        ansi,
        ansiHyperlinks: renderAnsiUnwrapped(restored!, { colorLevel: 1, hyperlinks: true }),
        ansiLaidOut: layOutAnsi(ansi, DEFAULT_WIDTH, ansi.includes(TABLE) ? layOutTable : undefined),
        ansiLaidOutWide: layOutAnsi(ansi, READABLE_WIDTH, ansi.includes(TABLE) ? layOutTable : undefined),
      });
    }
  });
  it("hold ANSI renderings that read the same at every colour level from 16 colours to true colour", () => {
    for (const record of [...index.records()].slice(0, 40)) {
      const stored = index.view(record.id)!;
      const view = restore(stored, bundled.entry(0, record.id), bundled, fs.readFileSync(bundled.entry(0, record.id).file, "utf8"))!;
      for (const colorLevel of [2, 3] as const) {
        expect(renderAnsiUnwrapped(view, { colorLevel, hyperlinks: false }), record.slug).toBe(stored.rendered.ansi);
      }
    }
  });
});

describe("stored views", () => {
  const term = bundled.match("asynchronous").find((m) => m.entry.locale === "fr")!.entry;
  const text = fs.readFileSync(term.file, "utf8");
  const page = parsePage(text, term.file, term.locale);
  if (page.kind !== "page") throw new Error("fixture");
  const { view, inputs } = describeWithInputs(page.page, term, bundled);
  const saved = storeView(view, text, inputs);
  const stored: StoredViewReader = { ...saved, body: () => saved.body };

  it("refuses a view of another text", () => {
    expect(restore(stored, term, bundled, `${text}\nEdited.`)).toBeNull();
  });
  it("checks the terms again when the sources differ, and refuses when one resolves differently", async () => {
    const other = { ...stored, basis: { ...stored.basis, signature: "another set of sources" } };
    expect(restore(other, term, bundled, text)).toEqual(view);
    const team = tempFolder();
    const folder = path.join(team, "fr", "glossary", "synchronous");
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(path.join(folder, "index.md"), "---\ntitle: Synchrone (équipe)\nslug: Glossary/Synchronous\n---\n\nDéfinition de l'équipe.\n");
    const layered = await openGlossary({ sources: [team], bundled: true, packageRoot: ROOT, verbose: () => {} });
    const entry = layered.match("asynchrone").find((m) => m.entry.locale === "fr")!.entry;
    expect(restore(stored, entry, layered, text)).toBeNull();
    const shown = await entryView(entry, layered);
    expect(shown.seeAlso.map((item) => item.title)).toContain("Synchrone (équipe)");
  });
  it("give a page edited in place the terms they knew, with the same sources: only terms the edit adds are looked up", async () => {
    const lookedUp: string[] = [];
    const counting = countingSlugLookups(bundled, lookedUp);
    const known = knownTerms(stored.basis, term, bundled)!;
    expect([...known.keys()]).toEqual(inputs.refKeys);
    // The same text: nothing looked up, the same view and inputs.
    expect(describeWithInputs(page.page, term, counting, known)).toEqual({ view, inputs });
    expect(lookedUp).toEqual([]);
    // A link added, and one to a term no source has: those two alone are looked up.
    const edited = { ...page.page, body: `${page.page.body}\n\nVoir {{Glossary("Closure")}} et {{Glossary("Nulle part")}}.` };
    const again = describeWithInputs(edited, term, counting, known);
    // (In French, then in English: the fallback.)
    expect(new Set(lookedUp)).toEqual(new Set(["glossary/closure", "glossary/nulle part"]));
    expect(again).toEqual(describeWithInputs(edited, term, bundled));
    // Other sources: nothing is known.
    expect(knownTerms({ ...stored.basis, signature: "another set of sources" }, term, bundled)).toBeNull();
  });
  it("do not give the pages below an entry as what their keys resolve to: they stood in for them", async () => {
    const source = tempFolder();
    const write = (slug: string, body: string) => {
      const folder = path.join(source, "en-us", "glossary", ...slug.toLowerCase().split("/"));
      fs.mkdirSync(folder, { recursive: true });
      fs.writeFileSync(path.join(folder, "index.md"), `---\ntitle: ${slug}\nslug: Glossary/${slug}\n---\n\n${body}\n`);
    };
    write("Node", '{{GlossaryDisambiguation}}\n\n## See also\n\n- {{Glossary("Node/DOM")}}\n- {{Glossary("Tree")}}');
    write("Node/DOM", "A point of the document tree.");
    write("Tree", "Nodes and branches.");
    const local = await openGlossary({ sources: [source], bundled: false, packageRoot: ROOT, verbose: () => {} });
    const node = local.match("node").find((match) => match.entry.slug === "Glossary/Node")!.entry;
    const text = fs.readFileSync(node.file, "utf8");
    const parsed = parsePage(text, node.file, node.locale);
    if (parsed.kind !== "page") throw new Error("page");
    const described = describeWithInputs(parsed.page, node, local);
    const { basis } = storeView(described.view, text, described.inputs);
    expect(basis.refKeys).toEqual(["glossary/node/dom", "glossary/tree"]);
    // Once the page lists no children (an edit in place), Node/DOM is what a lookup finds, not the child.
    expect([...knownTerms(basis, node, local)!.keys()]).toEqual(["glossary/tree"]);
  });
  it("give a lookup its renderings from their first line alone, and the view from the page when the rest is damaged", async () => {
    const copy = tempFolder();
    fs.cpSync(path.join(ROOT, "dist", "index"), path.join(copy, "dist", "index"), { recursive: true });
    fs.cpSync(path.join(ROOT, "data"), path.join(copy, "data"), { recursive: true });
    const glossary = await openGlossary({ sources: [], bundled: true, packageRoot: copy, verbose: () => {} });
    const entry = glossary.match("asynchrone").find((m) => m.entry.locale === "fr")!.entry;
    const file = path.join(copy, "dist", "index", "views", `${entry.id}.jsonl`);
    const [head, colours] = fs.readFileSync(file, "utf8").split("\n");
    fs.writeFileSync(file, `${head}\n${colours}\n{"title": "damaged`);
    const shown = await showEntry(entry, glossary);
    const rendered = index.view(entry.id)!.rendered;
    expect(typeof rendered.text).toBe("string");
    expect(shown.rendered).toEqual(rendered);
    expect(await shown.view()).toEqual({ ...view, source: entry.file });
    // A view of the same page whose body cannot be read is stored again, with the renderings that still hold,
    // once the entry is shown.
    expect(glossary.layers[0]!.index.view(entry.id)!.body()).toBeNull();
    shown.keepView();
    const repaired = glossary.layers[0]!.index.view(entry.id)!;
    expect(repaired.body()).toEqual(saved.body);
    expect(repaired.rendered).toEqual(rendered);
  });
});
