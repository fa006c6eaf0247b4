// An entry ready to render, and its stored form: a view computed once and reused while the page, the
// terms it links to and the pages below it are unchanged, stored with renderings made of it.

import { slugKey } from "../index/normalize.js";
import type { Doc } from "../render/doc.js";
import type { ChildPage, Entry, LinkRef, ResolvedTerm, SeeAlsoItem } from "../types.js";
import type { Glossary } from "./glossary.js";

export const FALLBACK_LOCALE = "en-US";

/** The width of text output when nothing decides otherwise (not a terminal, no --width). */
export const DEFAULT_WIDTH = 80;

/**
 * Output rendered ahead and stored with the view, valid while the view is: the renderers' work, done once.
 * A lookup whose rendering was made ahead needs nothing else of the view. (Every colour level from 16
 * colours to true colour gives the same ANSI rendering: the theme uses the 16.)
 */
export interface RenderedAhead {
  /** The `text` output at {@link DEFAULT_WIDTH}. */
  text?: string;
  /** The ANSI rendering in colour before it is laid out at a width, links written out. */
  ansi?: string;
  /** The same with links as OSC 8 hyperlinks. */
  ansiHyperlinks?: string;
}

/** One entry, ready to render in any format. */
export interface EntryView {
  title: string;
  slug: string;
  locale: string;
  pageType: string;
  /** The page on developer.mozilla.org. */
  url: string;
  /** First paragraph, plain text. */
  summary: string;
  /** The page file the entry was read from. */
  source: string;
  /** The whole body as Markdown: macros expanded, links absolute. */
  markdown: string;
  /** The body without the "See also" section. */
  definition: string;
  /** The "See also" section's heading and content, if the page has one. */
  seeAlsoSection: { heading: string; markdown: string } | null;
  seeAlso: SeeAlsoItem[];
  links: LinkRef[];
  /** Glossary terms linked from the page that exist in the loaded sources, by slug key. */
  terms: ReadonlyMap<string, ResolvedTerm>;
  /** The definition and the "See also" list as documents for the text renderer. */
  documents: { definition: Doc; seeAlso: Doc | null };
}

/** What a stored view was computed from: it holds while these still hold. */
export interface ViewBasis {
  slug: string;
  locale: string;
  /**
   * The page file's text it was computed from: the view holds while the file says the same (compared
   * whole, which is cheaper at start than hashing it in JavaScript).
   */
  pageText: string;
  /** The glossary's signature when the view was computed: while it is the same, so are the terms. */
  signature: string;
  /** Every glossary slug key the page links to, resolved or not. */
  refKeys: string[];
  /** The resolved terms, as `[key, slug, title]`. */
  terms: Array<[string, string, string]>;
  /** True when the page lists the pages below it (`{{GlossaryDisambiguation}}`). */
  listsChildren: boolean;
  /** The pages below this one that it listed. */
  children: ChildPage[];
}

/** What is stored of the view itself: all of it but what the basis and the entry say. */
export type ViewBody = Omit<EntryView, "source" | "terms" | "slug" | "locale">;

/**
 * A view as stored beside an index: its basis and renderings, which a lookup reads first and may need
 * alone, and its body.
 */
export interface StoredView {
  basis: ViewBasis;
  rendered: RenderedAhead;
  body: ViewBody;
}

/** A stored view as read back: the body is read only when asked for (null when it cannot be). */
export interface StoredViewReader {
  basis: ViewBasis;
  rendered: RenderedAhead;
  body(): ViewBody | null;
}

/**
 * Resolves glossary slug keys in a locale, else in en-US, as MDN falls back: key -> slug and title.
 * Keys no source has are left out.
 */
export function resolveTerms(glossary: Glossary, keys: readonly string[], locale: string): Map<string, ResolvedTerm> {
  const terms = new Map<string, ResolvedTerm>();
  for (const key of keys) {
    const target = glossary.bySlug(key, locale) ?? glossary.bySlug(key, FALLBACK_LOCALE);
    if (target) terms.set(key, { slug: target.slug, title: target.title });
  }
  return terms;
}

/** The pages directly below an entry, in its own source and locale. */
export function childPages(entry: Entry, glossary: Glossary): ChildPage[] {
  return entry.children.map((id) => {
    const child = glossary.entry(entry.layer, id);
    return { slug: child.slug, title: child.title, summary: child.summary };
  });
}

/** Adds the pages below an entry to its resolved terms (they are loaded entries by definition). */
export function withChildren(terms: Map<string, ResolvedTerm>, children: readonly ChildPage[]): Map<string, ResolvedTerm> {
  for (const child of children) terms.set(slugKey(child.slug), { slug: child.slug, title: child.title });
  return terms;
}

/** What a view was computed from, besides the page text. */
export interface ViewInputs {
  signature: string;
  refKeys: readonly string[];
  listsChildren: boolean;
  children: readonly ChildPage[];
}

/** The stored form of a view, with the renderings made of it. */
export function storeView(view: EntryView, pageText: string, inputs: ViewInputs, rendered: RenderedAhead = {}): StoredView {
  const { source: _source, terms, slug, locale, ...body } = view;
  const basis: ViewBasis = {
    slug,
    locale,
    pageText,
    signature: inputs.signature,
    refKeys: [...inputs.refKeys],
    terms: [...terms].map(([key, term]) => [key, term.slug, term.title]),
    listsChildren: inputs.listsChildren,
    children: [...inputs.children],
  };
  return { basis, rendered, body };
}

/**
 * The terms of an entry's stored view when the view still holds: same page text, and either the same
 * sources as when it was computed or the same resolution of every term it links to and the same pages
 * below it. Null otherwise (the caller computes the view again).
 */
export function heldTerms(basis: ViewBasis, entry: Entry, glossary: Glossary, text: string): Map<string, ResolvedTerm> | null {
  if (basis.pageText !== text || basis.slug !== entry.slug || basis.locale !== entry.locale) return null;
  if (basis.signature === glossary.signature()) {
    // Same sources, same content: the terms resolve as they did.
    return new Map(basis.terms.map(([key, slug, title]) => [key, { slug, title }]));
  }
  const children = basis.listsChildren ? childPages(entry, glossary) : [];
  if (JSON.stringify(children) !== JSON.stringify(basis.children)) return null;
  const terms = withChildren(resolveTerms(glossary, basis.refKeys, entry.locale), children);
  if (terms.size !== basis.terms.length) return null;
  for (const [key, slug, title] of basis.terms) {
    const now = terms.get(key);
    if (!now || now.slug !== slug || now.title !== title) return null;
  }
  return terms;
}

/** The view of an entry from its stored body and the terms that hold ({@link heldTerms}). */
export function restoredView(body: ViewBody, entry: Entry, terms: ReadonlyMap<string, ResolvedTerm>): EntryView {
  return { ...body, slug: entry.slug, locale: entry.locale, source: entry.file, terms };
}
