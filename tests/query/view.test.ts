import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openGlossary } from "../../src/cli/open.js";
import { describeWithInputs } from "../../src/query/describe.js";
import { entryView } from "../../src/query/show.js";
import { DEFAULT_WIDTH, restoreView, storeView } from "../../src/query/view.js";
import { renderAnsiUnwrapped } from "../../src/render/ansi.js";
import { renderText } from "../../src/render/text.js";
import { parsePage } from "../../src/sources/page.js";
import { ROOT, tempFolder } from "../helpers.js";

const bundled = await openGlossary({ sources: [], bundled: true, packageRoot: ROOT, verbose: () => {} });
const index = bundled.layers[0]!.index;

describe("stored views of the bundled entries", () => {
  it("exist for every entry and equal a view computed from the page", () => {
    expect(fs.existsSync(path.join(ROOT, "dist", "index", "views"))).toBe(true);
    for (const record of index.records()) {
      const entry = bundled.entry(0, record.id);
      const text = fs.readFileSync(entry.file, "utf8");
      const stored = index.view(record.id);
      expect(stored, entry.slug).not.toBeNull();
      const restored = restoreView(stored!, entry, bundled, text);
      const page = parsePage(text, entry.file, entry.locale);
      if (page.kind !== "page") throw new Error(entry.file);
      const computed = describeWithInputs(page.page, entry, bundled).view;
      // The stored view also carries its code's highlighting, computed at build time, and its renderings.
      const withoutHighlighting = JSON.parse(JSON.stringify(restored!.documents, (key, value) => (key === "highlighted" ? undefined : value)));
      const { rendered, ...rest } = restored!;
      expect({ ...rest, documents: withoutHighlighting }, entry.slug).toEqual(computed);
      expect(rendered, entry.slug).toEqual({
        text: renderText(restored!, { width: DEFAULT_WIDTH }),
        ansi: renderAnsiUnwrapped(restored!, { colorLevel: 1, hyperlinks: false }),
        ansiHyperlinks: renderAnsiUnwrapped(restored!, { colorLevel: 1, hyperlinks: true }),
      });
    }
  });
  it("hold ANSI renderings that read the same at every colour level from 16 colours to true colour", () => {
    for (const record of [...index.records()].slice(0, 40)) {
      const view = restoreView(index.view(record.id)!, bundled.entry(0, record.id), bundled, fs.readFileSync(bundled.entry(0, record.id).file, "utf8"))!;
      for (const colorLevel of [2, 3] as const) {
        expect(renderAnsiUnwrapped(view, { colorLevel, hyperlinks: false }), record.slug).toBe(view.rendered!.ansi);
      }
    }
  });
});

describe("restoreView", () => {
  const term = bundled.match("asynchronous").find((m) => m.entry.locale === "fr")!.entry;
  const text = fs.readFileSync(term.file, "utf8");
  const page = parsePage(text, term.file, term.locale);
  if (page.kind !== "page") throw new Error("fixture");
  const { view, inputs } = describeWithInputs(page.page, term, bundled);
  const stored = storeView(view, text, inputs);

  it("refuses a view of another text", () => {
    expect(restoreView(stored, term, bundled, `${text}\nEdited.`)).toBeNull();
  });
  it("checks the terms again when the sources differ, and refuses when one resolves differently", async () => {
    const other = { ...stored, signature: "another set of sources" };
    expect(restoreView(other, term, bundled, text)).toEqual(view);
    const team = tempFolder();
    const folder = path.join(team, "fr", "glossary", "synchronous");
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(path.join(folder, "index.md"), "---\ntitle: Synchrone (équipe)\nslug: Glossary/Synchronous\n---\n\nDéfinition de l'équipe.\n");
    const layered = await openGlossary({ sources: [team], bundled: true, packageRoot: ROOT, verbose: () => {} });
    const entry = layered.match("asynchrone").find((m) => m.entry.locale === "fr")!.entry;
    expect(restoreView(stored, entry, layered, text)).toBeNull();
    const shown = await entryView(entry, layered);
    expect(shown.seeAlso.map((item) => item.title)).toContain("Synchrone (équipe)");
  });
});
