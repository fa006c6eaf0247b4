// Entry views as functions of typed data: a view computed once is reused while the page, the terms it
// links to and the pages below it are unchanged (the types are in types.ts).

import { slugKey } from "../text/fold.js";
import { stripControls } from "../text/sanitize.js";
import { type ChildPage, type Entry, type EntryView, FALLBACK_LOCALE, type RenderedAhead, type ResolvedTerm, type StoredView, type ViewBasis, type ViewBody, type ViewInputs } from "../types.js";
import type { Glossary } from "./glossary.js";

/**
 * Resolves glossary slug keys in a locale, else in en-US, as MDN falls back: key -> slug and title (as
 * shown: without escape sequences). Keys no source has are left out.
 */
export function resolveTerms(glossary: Glossary, keys: readonly string[], locale: string): Map<string, ResolvedTerm> {
  return resolvedIn(keys, (key) => resolveTerm(glossary, key, locale));
}

/** The entry a glossary key names in a locale (else in en-US), as a resolved term; undefined when none. */
export function resolveTerm(glossary: Glossary, key: string, locale: string): ResolvedTerm | undefined {
  const target = glossary.bySlug(key, locale) ?? glossary.bySlug(key, FALLBACK_LOCALE);
  return target ? { slug: target.slug, title: stripControls(target.title) } : undefined;
}

/** The keys that `resolve` finds, in order, with their terms. */
export function resolvedIn(keys: readonly string[], resolve: (key: string) => ResolvedTerm | undefined): Map<string, ResolvedTerm> {
  const terms = new Map<string, ResolvedTerm>();
  for (const key of keys) {
    const term = resolve(key);
    if (term) terms.set(key, term);
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
  for (const child of children) terms.set(slugKey(child.slug), { slug: child.slug, title: stripControls(child.title) });
  return terms;
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

/**
 * How the terms a stored view links to resolve now, by key (undefined: not found), when that is certain
 * without looking them up: the view was computed for the same entry with the same sources. Null otherwise.
 * A view computed again for a page edited in place starts from these.
 */
export function knownTerms(basis: ViewBasis, entry: Entry, glossary: Glossary): Map<string, ResolvedTerm | undefined> | null {
  if (basis.signature !== glossary.signature() || basis.slug !== entry.slug || basis.locale !== entry.locale) return null;
  const resolved = new Map(basis.terms.map(([key, slug, title]) => [key, { slug, title }]));
  // The pages below the entry stood for their keys' terms (`withChildren`), whatever a lookup finds for them.
  const below = new Set(basis.children.map((child) => slugKey(child.slug)));
  return new Map(basis.refKeys.filter((key) => !below.has(key)).map((key) => [key, resolved.get(key)]));
}

/** The view of an entry from its stored body and the terms that hold ({@link heldTerms}). */
export function restoredView(body: ViewBody, entry: Entry, terms: ReadonlyMap<string, ResolvedTerm>): EntryView {
  return { ...body, slug: entry.slug, locale: entry.locale, source: entry.file, terms };
}
