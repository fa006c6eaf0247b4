// Computes the view of an entry from its page: macros expanded, terms resolved, see-also list, documents.

import { expandBody } from "../markup/expand.js";
import { toDoc } from "../markup/document.js";
import { glossaryKeysIn, linksIn, summarize } from "../markup/plain.js";
import { glossaryTarget, mdnUrl } from "../markup/urls.js";
import { calloutsAsText } from "../markup/callouts.js";
import type { Entry, EntryView, LinkRef, Page, SeeAlsoItem, ViewInputs } from "../types.js";
import type { Glossary } from "./glossary.js";
import { childPages, resolveTerms, withChildren } from "./view.js";
import { stripControls } from "../text/sanitize.js";

/**
 * Builds the view of an entry from its page, freshly read, resolving its glossary links against the loaded
 * sources: each term shows its title in the entry's locale (else en-US).
 */
export function describeEntry(page: Page, entry: Entry | undefined, glossary: Glossary): EntryView {
  return describeWithInputs(page, entry, glossary).view;
}

/** Like {@link describeEntry}, also giving what the view was computed from (to store it). */
export function describeWithInputs(page: Page, entry: Entry | undefined, glossary: Glossary): { view: EntryView; inputs: ViewInputs } {
  const options = { locale: page.locale, slug: page.slug };
  const draft = expandBody(page.body, options);
  const refKeys = glossaryKeysIn(draft.markdown);
  const listsChildren = entry !== undefined && /\{\{\s*glossary[-_]?disambiguation/i.test(page.body);
  const children = listsChildren && entry ? childPages(entry, glossary) : [];
  const terms = withChildren(resolveTerms(glossary, refKeys, page.locale), children);
  const expanded = refKeys.length > 0 || children.length > 0 ? expandBody(page.body, { ...options, terms, children }) : draft;

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
