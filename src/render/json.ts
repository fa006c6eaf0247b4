// The JSON shapes printed by `--json`: one object per entry, built from the typed view.

import type { EntryView } from "../query/describe.js";
import type { LinkRef, SeeAlsoItem } from "../types.js";

export interface EntryJson {
  title: string;
  slug: string;
  locale: string;
  url: string;
  summary: string;
  markdown: string;
  seeAlso: SeeAlsoItem[];
  source: string;
  pageType: string;
  links: LinkRef[];
}

/** The JSON object of a looked-up entry. */
export function entryJson(view: EntryView): EntryJson {
  return {
    title: view.title,
    slug: view.slug,
    locale: view.locale,
    url: view.url,
    summary: view.summary,
    markdown: view.markdown,
    seeAlso: view.seeAlso,
    source: view.source,
    pageType: view.pageType,
    links: view.links,
  };
}

/** The JSON object printed with `--short`: the entry's identity and summary. */
export function summaryJson(view: EntryView): Pick<EntryJson, "title" | "slug" | "locale" | "url" | "summary"> {
  return { title: view.title, slug: view.slug, locale: view.locale, url: view.url, summary: view.summary };
}
