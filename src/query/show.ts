// The view of an entry to show: from its stored form when that still holds, else computed from the page.

import fs from "node:fs";
import { slugKey } from "../index/normalize.js";
import { IndexCorruptError } from "../index/store.js";
import type { Entry } from "../types.js";
import type { Glossary } from "./glossary.js";
import { DEFAULT_WIDTH, type EntryView, type RenderedAhead, hashText, restoreView, storeView } from "./view.js";

/**
 * The view of an entry, its page read from disk every time: a stored view is used when the page text and
 * the terms it links to are unchanged; otherwise the page is parsed again (loading the Markdown and YAML
 * readers only then), its text output rendered ahead, and the new view stored for next time, unless a view
 * of the same text is stored. A page that is gone, unreadable or no longer the indexed slug means the index
 * is out of date: {@link IndexCorruptError}, and the caller refreshes.
 */
export async function entryView(entry: Entry, glossary: Glossary): Promise<EntryView> {
  const text = readPage(entry);
  const index = glossary.layers[entry.layer]!.index;
  const stored = index.view(entry.id);
  if (stored) {
    const view = restoreView(stored, entry, glossary, text);
    if (view) return view;
  }
  const [{ parsePage }, { describeWithInputs }, { renderText }] = await Promise.all([import("../sources/page.js"), import("./describe.js"), import("../render/text.js")]);
  const page = parsePage(text, entry.file, entry.locale);
  if (page.kind !== "page" || slugKey(page.page.slug) !== slugKey(entry.slug)) {
    throw new IndexCorruptError(`${entry.file}: ${page.kind === "problem" ? page.problem.message : "its slug changed"}`);
  }
  const { view, inputs } = describeWithInputs(page.page, entry, glossary);
  view.rendered = { text: renderText(view, { width: DEFAULT_WIDTH }) };
  const hash = hashText(text);
  // A view of the same text, stored for other sources, stays: it serves whoever uses those sources.
  if (!stored || stored.hash !== hash) index.saveView(entry.id, storeView(view, hash, inputs));
  return view;
}

/**
 * Keeps renderings of an entry's view with its stored form, for the next calls: only when the stored view
 * is of the page as it reads now and resolves the same terms (best effort: a read-only index keeps nothing).
 */
export function rememberRendering(entry: Entry, glossary: Glossary, view: EntryView, rendered: RenderedAhead): void {
  const index = glossary.layers[entry.layer]!.index;
  const stored = index.view(entry.id);
  if (!stored || stored.slug !== view.slug || stored.locale !== view.locale) return;
  let text: string;
  try {
    text = readPage(entry);
  } catch {
    return;
  }
  const terms = [...view.terms].map(([key, term]) => [key, term.slug, term.title]);
  if (stored.hash !== hashText(text) || JSON.stringify(terms) !== JSON.stringify(stored.terms)) return;
  index.saveView(entry.id, { ...stored, rendered: { ...stored.rendered, ...rendered } });
}

function readPage(entry: Entry): string {
  try {
    return fs.readFileSync(entry.file, "utf8");
  } catch (error) {
    throw new IndexCorruptError(`${entry.file}: ${error instanceof Error && "code" in error ? String(error.code) : "unreadable"}`);
  }
}
