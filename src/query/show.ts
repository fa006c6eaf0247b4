// The view of an entry to show: from its stored form when that still holds, else computed from the page.

import fs from "node:fs";
import { slugKey } from "../index/normalize.js";
import { IndexCorruptError } from "../index/store.js";
import type { Entry } from "../types.js";
import type { Glossary } from "./glossary.js";
import { type EntryView, type RenderedAhead, type StoredView, restoreView, storeView } from "./view.js";

/** An entry's view, and how to keep renderings of it with its stored form. */
export interface ShownView {
  view: EntryView;
  /**
   * Keeps renderings of the view for the next calls, with the stored view it was restored from or stored
   * as (best effort: a read-only index keeps nothing, and a view stored for other sources is left alone).
   */
  remember(rendered: RenderedAhead): void;
}

/**
 * The view of an entry, its page read from disk every time: a stored view is used when the page text and
 * the terms it links to are unchanged; otherwise the page is parsed again (loading the Markdown and YAML
 * readers only then) and the new view stored for next time, unless a view of the same text is stored. A
 * page that is gone, unreadable or no longer the indexed slug means the index is out of date:
 * {@link IndexCorruptError}, and the caller refreshes.
 */
export async function showView(entry: Entry, glossary: Glossary): Promise<ShownView> {
  let text: string;
  try {
    text = fs.readFileSync(entry.file, "utf8");
  } catch (error) {
    throw new IndexCorruptError(`${entry.file}: ${error instanceof Error && "code" in error ? String(error.code) : "unreadable"}`);
  }
  const index = glossary.layers[entry.layer]!.index;
  const keeper = (base: StoredView | null) => (rendered: RenderedAhead) => {
    if (base) index.saveView(entry.id, (base = { ...base, rendered: { ...base.rendered, ...rendered } }));
  };
  const stored = index.view(entry.id);
  if (stored) {
    const view = restoreView(stored, entry, glossary, text);
    if (view) return { view, remember: keeper(stored) };
  }
  const [{ parsePage }, { describeWithInputs }] = await Promise.all([import("../sources/page.js"), import("./describe.js")]);
  const page = parsePage(text, entry.file, entry.locale);
  if (page.kind !== "page" || slugKey(page.page.slug) !== slugKey(entry.slug)) {
    throw new IndexCorruptError(`${entry.file}: ${page.kind === "problem" ? page.problem.message : "its slug changed"}`);
  }
  const { view, inputs } = describeWithInputs(page.page, entry, glossary);
  // A view of the same text, stored for other sources, stays: it serves whoever uses those sources.
  if (stored && stored.pageText === text) return { view, remember: keeper(null) };
  const fresh = storeView(view, text, inputs);
  index.saveView(entry.id, fresh);
  return { view, remember: keeper(fresh) };
}

/** The view of an entry (see {@link showView}). */
export async function entryView(entry: Entry, glossary: Glossary): Promise<EntryView> {
  return (await showView(entry, glossary)).view;
}
