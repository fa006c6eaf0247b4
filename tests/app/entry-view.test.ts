// Tests of the views of entries kept with an index (app/entry-view.ts): a view that still holds after the
// glossary changed is stored again for the new glossary, so that later lookups look no term up again.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openSourceIndex } from "../../src/app/cache.js";
import { findEntry, showCommand } from "../../src/app/lookup-command.js";
import { showEntry } from "../../src/app/entry-view.js";
import { openGlossary } from "../../src/app/open.js";
import { Glossary } from "../../src/query/glossary.js";
import type { GlossaryIndex } from "../../src/index/reader.js";
import { DEFAULT_MAX_PAGE_BYTES } from "../../src/types.js";
import { ROOT, afterClockStep, generatedSource, plainTextSettings, settled, tempFolder } from "../helpers.js";

describe("a stored view after another page of the source changed", () => {
  it("is used as it is, then stored again with the new glossary's signature, once", { timeout: 120_000 }, async () => {
    const source = settled(generatedSource("glossary-entry-view-", 600));
    const cache = path.join(tempFolder("glossary-entry-view-cache-"), "glossary");
    const settings = plainTextSettings([source]);
    const open = (): Promise<Glossary> => openGlossary({ sources: [source], bundled: false, packageRoot: ROOT, verbose: () => {}, cache, maxPageBytes: DEFAULT_MAX_PAGE_BYTES });
    const folder = path.join(source, "files", "en-us", "glossary");
    const [looked, other] = fs.readdirSync(folder).sort().slice(10, 12) as [string, string];
    const first = await open();
    const printed = (await showCommand([looked], settings, first)).stdout;
    // Another page edited, and indexed as a delta: the glossary's signature changes.
    const page = path.join(folder, other, "index.md");
    afterClockStep(page);
    fs.appendFileSync(page, "\nOne more sentence.\n");
    await openSourceIndex(source, { root: cache, verbose: () => {}, editedPages: [path.relative(source, page).split(path.sep).join("/")] });
    const second = await open();
    expect(second.signature()).not.toBe(first.signature());
    const { entry } = await findEntry([looked], settings, second);
    const index = second.layers[entry.layer]!.index;
    expect(index.view(entry.id)!.basis.signature).toBe(first.signature());
    // The view holds: what was rendered ahead is printed, and the view is stored with the new signature.
    const shown = await showEntry(entry, second);
    expect(shown.rendered.text).toBe(printed);
    shown.keepView();
    const stored = index.view(entry.id)!;
    expect(stored.basis.signature).toBe(second.signature());
    expect(stored.rendered.text).toBe(printed);
    expect(stored.body()).not.toBeNull();
    // Stored once: the next lookup finds it as it is, and writes nothing.
    const file = path.join(cache, "sources");
    const before = viewTimes(file);
    const again = await showEntry(entry, await open());
    again.keepView();
    expect(viewTimes(file)).toEqual(before);
    // Held for other sources (the bundled entries too): left alone, serving whoever uses those.
    const withBundled = await openGlossary({ sources: [source], bundled: true, packageRoot: ROOT, verbose: () => {}, cache, maxPageBytes: DEFAULT_MAX_PAGE_BYTES });
    const elsewhere = await showEntry((await findEntry([looked], settings, withBundled)).entry, withBundled);
    expect(elsewhere.rendered.text).toBe(printed);
    elsewhere.keepView();
    expect(viewTimes(file)).toEqual(before);
  });
});

describe("a glossary's signature", () => {
  it("tells another glossary's that differs only in one layer's content", () => {
    const glossary = new Glossary(["a", "b", "c"].map((stamp, n) => ({ index: { stamp } as GlossaryIndex, label: String(n) })));
    expect(glossary.differsOnlyIn("a\u0000b\u0000c", 1)).toBe(true);
    expect(glossary.differsOnlyIn("a\u0000x\u0000c", 1)).toBe(true);
    expect(glossary.differsOnlyIn("a\u0000x\u0000y", 1)).toBe(false);
    expect(glossary.differsOnlyIn("a\u0000x", 1)).toBe(false);
    expect(glossary.differsOnlyIn("a\u0000b\u0000c\u0000d", 1)).toBe(false);
  });
});

/** The modification time of every stored view below a folder, by path. */
function viewTimes(folder: string): Record<string, number> {
  const times: Record<string, number> = {};
  for (const entry of fs.readdirSync(folder, { withFileTypes: true, recursive: true })) {
    const file = path.join(entry.parentPath ?? entry.path, entry.name);
    if (entry.isFile() && file.includes(`${path.sep}views${path.sep}`)) times[file] = fs.statSync(file).mtimeMs;
  }
  return times;
}
