// Computes the view of an entry from its page: macros expanded, terms resolved, see-also list, documents.

import { expandBody } from "../markup/expand.js";
import { toDoc } from "../markup/document.js";
import { glossaryKeysIn, linksIn, summarize } from "../markup/plain.js";
import { glossaryTarget, mdnUrl } from "../markup/urls.js";
import { calloutsAsText } from "../markup/callouts.js";
import type { Entry, EntryView, LinkRef, Page, ResolvedTerm, SeeAlsoItem, ViewInputs } from "../types.js";
import type { Glossary } from "./glossary.js";
import { childPages, resolveTerm, resolvedIn, withChildren } from "./view.js";
import { stripControls } from "../text/sanitize.js";

/**
 * Builds the view of an entry from its page, freshly read, resolving its glossary links against the loaded
 * sources: each term shows its title in the entry's locale (else en-US).
 */
export function describeEntry(page: Page, entry: Entry | undefined, glossary: Glossary): EntryView {
  return describeWithInputs(page, entry, glossary).view;
}

/**
 * Like {@link describeEntry}, also giving what the view was computed from (to store it). `known` gives terms
 * whose resolution is known already (see `knownTerms`), by key (undefined: not found).
 */
export function describeWithInputs(
  page: Page,
  entry: Entry | undefined,
  glossary: Glossary,
  known: ReadonlyMap<string, ResolvedTerm | undefined> = new Map(),
): { view: EntryView; inputs: ViewInputs } {
  const options = { locale: page.locale, slug: page.slug };
  const listsChildren = entry !== undefined && /\{\{\s*glossary[-_]?disambiguation/i.test(page.body);
  const children = listsChildren && entry ? childPages(entry, glossary) : [];
  // Terms are looked up as the expansion meets them, each once; the pages below the entry are terms already.
  const met = new Map<string, ResolvedTerm | undefined>(known);
  // The keys the expansion asked for, in order.
  const looked = new Set<string>();
  const resolve = (key: string): ResolvedTerm | undefined => {
    looked.add(key);
    if (!met.has(key)) met.set(key, resolveTerm(glossary, key, page.locale));
    return met.get(key);
  };
  const childTerms = withChildren(new Map(), children);
  const expanded = expandBody(page.body, { ...options, terms: { get: (key) => childTerms.get(key) ?? resolve(key) }, children });
  // The keys the page links to: those of its links, then any a macro looked up without making a link of it
  // (inside code). The links to the pages below the entry are left out (they are not the page's own).
  const linked = glossaryKeysIn(children.length === 0 ? expanded.markdown : expandBody(page.body, options).markdown);
  const refKeys = [...new Set([...linked, ...looked])];
  const terms = withChildren(resolvedIn(refKeys, resolve), children);

  const toLink = (link: { text: string; url: string }): LinkRef => ({
    text: link.text,
    url: link.url,
    slug: glossaryTarget(terms, link.url)?.slug ?? null,
  });
  const seeAlso: SeeAlsoItem[] = expanded.seeAlso
    ? linksIn(stripControls(expanded.seeAlso.markdown)).map((link) => {
        const target = glossaryTarget(terms, link.url);
        return { title: target ? target.title : link.text, slug: target ? target.slug : null, url: link.url };
      })
    : [];
  const view: EntryView = {
    title: page.title,
    slug: page.slug,
    locale: page.locale,
    pageType: page.pageType,
    url: mdnUrl(page.locale, page.slug),
    summary: summarize(expanded.definition),
    source: page.path,
    markdown: expanded.markdown,
    definition: expanded.definition,
    seeAlsoSection: expanded.seeAlso,
    seeAlso,
    links: linksIn(stripControls(expanded.markdown)).map(toLink),
    terms,
    // The documents are for people (text, ANSI): read without the page's escape sequences, so that no
    // piece of one is left (Markdown would cut `ESC ]...` apart); JSON keeps the page's text.
    documents: {
      definition: toDoc(calloutsAsText(stripControls(expanded.definition), page.locale)),
      seeAlso: expanded.seeAlso ? toDoc(calloutsAsText(stripControls(expanded.seeAlso.markdown), page.locale)) : null,
    },
  };
  return { view, inputs: { signature: glossary.signature(), refKeys, listsChildren, children } };
}
