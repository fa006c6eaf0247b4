// The view of an entry to show: from its stored form when that still holds, else computed from the page;
// and the renderings made of it ahead, which may be all a lookup needs.

import fs from "node:fs";
import { errorCode } from "../errors.js";
import { slugKey } from "../text/fold.js";
import { IndexStaleError } from "../index/store.js";
import { readHead, readWhole } from "../sources/head.js";
import { READ_NO_WAIT } from "../sources/read-file.js";
import { DEFAULT_MAX_PAGE_BYTES, type Entry, type EntryView, type RenderedAhead, type StoredView, type StoredViewReader } from "../types.js";
import type { Glossary } from "../query/glossary.js";
import { heldTerms, knownTerms, restoredView, storeView } from "../query/view.js";

/** An entry ready to show. */
export interface ShownEntry {
  /** Renderings made ahead that hold for the entry as it is now (see {@link RenderedAhead}). */
  rendered: RenderedAhead;
  /** The entry's view (read from its stored form only when asked for). */
  view(): Promise<EntryView>;
  /**
   * Keeps renderings of the view for the next calls, with its stored form (best effort: a read-only index
   * keeps nothing, and a view stored for other sources is left alone).
   */
  remember(rendered: RenderedAhead): void;
  /**
   * Stores the view computed from the page, unless `remember` stored it already: called once the entry is
   * shown, so that a view computed in this call is written once, with the renderings made of it.
   */
  keepView(): void;
  /** Set when the page is larger than the page size limit: it is shown cut short (see readHead). */
  cutShort?: { size: number; limit: number; shown: number };
}

/**
 * An entry to show, its page read from disk every time: a stored view is used when the page text and the
 * terms it links to are unchanged; otherwise the page is parsed again (loading the Markdown and YAML readers
 * only then) and the new view stored for next time (by `remember` or `keepView`), unless a view of the same
 * text is stored. A page that
 * is gone, unreadable or no longer the indexed slug means the index is out of date: {@link IndexStaleError},
 * and the caller refreshes.
 */
export async function showEntry(entry: Entry, glossary: Glossary, maxPageBytes = DEFAULT_MAX_PAGE_BYTES): Promise<ShownEntry> {
  const { text, size } = readPageText(entry.file, maxPageBytes);
  const cut = size > maxPageBytes ? { cutShort: { size, limit: maxPageBytes, shown: Buffer.byteLength(text) } } : {};
  const index = glossary.layers[entry.layer]!.index;
  /**
   * Stores the view once: with the renderings kept (`remember`; `base` gives the stored form to keep them
   * with, null when there is none), or as it is when none were (`keepView`; `pending` gives the view
   * computed in this call, null when there is none to store).
   */
  const storing = (base: () => StoredView | null, pending: () => StoredView | null): Pick<ShownEntry, "remember" | "keepView"> => {
    let kept: RenderedAhead = {};
    let written = false;
    return {
      remember: (rendered) => {
        const stored = base();
        kept = { ...kept, ...rendered };
        written = true;
        if (stored) index.saveView(entry.id, { ...stored, rendered: { ...stored.rendered, ...kept } });
      },
      keepView: () => {
        const view = written ? null : pending();
        if (view === null) return;
        written = true;
        index.saveView(entry.id, view);
      },
    };
  };
  const stored = index.view(entry.id);
  const terms = stored ? heldTerms(stored.basis, entry, glossary, text) : null;
  if (stored && terms) {
    // A body that cannot be read is made again from the page and stored (once, by `remember` or `keepView`)
    // with the renderings, which still hold.
    let repaired: StoredView | null = null;
    let view: Promise<EntryView> | undefined;
    const restore = async (): Promise<EntryView> => {
      const body = stored.body();
      if (body) return restoredView(body, entry, terms);
      const computed = await computeView(entry, glossary, text, null, stored.rendered);
      repaired = computed.fresh;
      return computed.view;
    };
    // Held for the signature of the same sources before the entry's own changed (a delta of it), the terms
    // having been looked up again: stored again with this one's (once, by `remember` or `keepView`), so that
    // the next lookup takes them as they are. One stored for other sources serves whoever uses those: left
    // alone.
    const signature = glossary.signature();
    const resigned = stored.basis.signature !== signature && glossary.differsOnlyIn(stored.basis.signature, entry.layer);
    const base = (): StoredView | null => {
      const body = stored.body();
      if (!body) return repaired;
      return { basis: resigned ? { ...stored.basis, signature } : stored.basis, rendered: resigned ? { ...stored.rendered } : stored.rendered, body };
    };
    return { ...cut, rendered: stored.rendered, view: () => (view ??= restore()), ...storing(base, () => (resigned ? base() : repaired)) };
  }
  const { view, fresh } = await computeView(entry, glossary, text, stored);
  return { ...cut, rendered: {}, view: async () => view, ...storing(() => fresh, () => fresh) };
}

/**
 * The most of a page over the size limit that is shown: Markdown is laid out at a few hundred kilobytes a
 * second, so showing more would make the first lookup of such a page take seconds.
 */
export const SHOWN_BYTES_OF_LARGE_PAGE = 100_000;

/** Pages up to this size (nearly all) are read whole at once; larger ones after asking for their size. */
const SMALL_PAGE_BYTES = 64 * 1024;

/**
 * A page's text and the file's whole size; a page over `maxBytes`, only its first
 * {@link SHOWN_BYTES_OF_LARGE_PAGE} (cut as readHead cuts).
 */
function readPageText(file: string, maxBytes: number): { text: string; size: number } {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, READ_NO_WAIT);
    const whole = readWhole(fd, Math.min(maxBytes, SMALL_PAGE_BYTES));
    if (whole !== null) return whole;
    const size = fs.fstatSync(fd).size;
    return { text: readHead(fd, size, size > maxBytes ? Math.min(maxBytes, SHOWN_BYTES_OF_LARGE_PAGE) : size), size };
  } catch (error) {
    throw new IndexStaleError(`${file}: ${errorCode(error) ?? "unreadable"}`);
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/**
 * Computes an entry's view from its page, and its stored form with `rendered` (`fresh`), unless `stored` is
 * a view of the same text stored for other sources (it stays: it serves whoever uses those sources).
 */
async function computeView(
  entry: Entry,
  glossary: Glossary,
  text: string,
  stored: StoredViewReader | null,
  rendered: RenderedAhead = {},
): Promise<{ view: EntryView; fresh: StoredView | null }> {
  const [{ parsePage }, { describeWithInputs }] = await Promise.all([import("../sources/page.js"), import("../query/describe.js")]);
  const page = parsePage(text, entry.file, entry.locale);
  if (page.kind !== "page" || slugKey(page.page.slug) !== slugKey(entry.slug)) {
    throw new IndexStaleError(`${entry.file}: ${page.kind === "problem" ? page.problem.message : "its slug changed"}`);
  }
  const { view, inputs } = describeWithInputs(page.page, entry, glossary, (stored && knownTerms(stored.basis, entry, glossary)) ?? undefined);
  // A view of the same text stored for other sources stays (it serves those); one for these sources, whose
  // terms no longer resolve as it has them, is replaced.
  if (stored && stored.basis.pageText === text && !glossary.differsOnlyIn(stored.basis.signature, entry.layer) && stored.body() !== null) return { view, fresh: null };
  return { view, fresh: storeView(view, text, inputs, rendered) };
}

/** The view of an entry (see {@link showEntry}). */
export async function entryView(entry: Entry, glossary: Glossary): Promise<EntryView> {
  const shown = await showEntry(entry, glossary);
  const view = await shown.view();
  shown.keepView();
  return view;
}
