// Assembles everything a renderer shows of one entry: expanded Markdown, resolved terms, see-also list.

import { glossaryRefKey, slugKey } from "../index/normalize.js";
import { expandBody } from "../markup/expand.js";
import type { ChildPage, ResolvedTerm } from "../markup/macros.js";
import { glossaryKeysIn, linksIn, summarize } from "../markup/plain.js";
import { glossaryKeyOfUrl, mdnUrl } from "../markup/urls.js";
import type { Entry, LinkRef, Page, SeeAlsoItem } from "../types.js";
import type { Glossary } from "./glossary.js";
import { FALLBACK_LOCALE } from "./lookup.js";

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
}

/**
 * Reads a glossary term behind a URL: its resolved slug and title when the term is a loaded entry.
 * @example glossaryTarget(view.terms, "https://developer.mozilla.org/fr/docs/Glossary/Synchronous") // { slug, title: "Synchrone" }
 */
export function glossaryTarget(terms: ReadonlyMap<string, ResolvedTerm>, url: string): ResolvedTerm | undefined {
  const key = glossaryKeyOfUrl(url);
  return key === null ? undefined : terms.get(key);
}

/**
 * Builds the view of an entry from its page, freshly read, resolving its glossary links against the loaded
 * sources: each term shows its title in the entry's locale (else en-US).
 */
export function describeEntry(page: Page, entry: Entry | undefined, glossary: Glossary): EntryView {
  const options = { locale: page.locale, slug: page.slug };
  const draft = expandBody(page.body, options);
  const terms = new Map<string, ResolvedTerm>();
  for (const key of glossaryKeysIn(draft.markdown)) {
    const target = glossary.bySlug(key, page.locale) ?? glossary.bySlug(key, FALLBACK_LOCALE);
    if (target) terms.set(key, { slug: target.slug, title: target.title });
  }
  const children: ChildPage[] = [];
  if (entry && /\{\{\s*glossarydisambiguation/i.test(page.body)) {
    for (const id of entry.children) {
      const child = glossary.entry(entry.layer, id);
      children.push({ slug: child.slug, title: child.title, summary: child.summary });
      terms.set(slugKey(child.slug), { slug: child.slug, title: child.title });
    }
  }
  const expanded = draft.markdown.includes("developer.mozilla.org") || children.length > 0
    ? expandBody(page.body, { ...options, terms, children })
    : draft;

  const toLink = (link: { text: string; url: string }): LinkRef => ({
    text: link.text,
    url: link.url,
    slug: glossaryTarget(terms, link.url)?.slug ?? null,
  });
  const seeAlso: SeeAlsoItem[] = expanded.seeAlso
    ? linksIn(expanded.seeAlso.markdown).map((link) => {
        const target = glossaryTarget(terms, link.url);
        return { title: target ? target.title : link.text, slug: target ? target.slug : null, url: link.url };
      })
    : [];
  return {
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
    links: linksIn(expanded.markdown).map(toLink),
    terms,
  };
}

/** The slug key a `{{Glossary(...)}}` argument or glossary URL refers to (re-exported for renderers). */
export { glossaryRefKey };
