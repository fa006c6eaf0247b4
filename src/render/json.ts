// The JSON shapes printed by `--json` (and returned by the library API), built from typed query results.

import type { RelatedEntry } from "../query/related.js";
import type { SearchResult } from "../query/search.js";
import type { Entry, EntryJson, EntryView, ListItemJson, LocaleCountJson, RelatedJson, SearchResultJson, TranslationJson } from "../types.js";

export type { EntryJson, ListItemJson, LocaleCountJson, RelatedJson, SearchResultJson, TranslationJson } from "../types.js";

/** The JSON object of a looked-up entry (`licence`: that of its source, if known). */
export function entryJson(view: EntryView, licence: string | null = null): EntryJson {
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
    licence,
  };
}

/** The JSON object printed with `--short`: the entry's identity and summary. */
export function summaryJson(view: EntryView): Pick<EntryJson, "title" | "slug" | "locale" | "url" | "summary"> {
  return { title: view.title, slug: view.slug, locale: view.locale, url: view.url, summary: view.summary };
}

export function listItemJson(entry: Entry): ListItemJson {
  return { title: entry.title, slug: entry.slug, locale: entry.locale, summary: entry.summary };
}

export function searchResultJson({ entry, score }: SearchResult): SearchResultJson {
  return { ...listItemJson(entry), score: Math.round(score * 1000) / 1000 };
}

export function relatedJson({ entry, relation }: RelatedEntry): RelatedJson {
  return { title: entry.title, slug: entry.slug, locale: entry.locale, relation };
}

export function localeCountJson([locale, count]: readonly [string, number]): LocaleCountJson {
  return { locale, count };
}

export function translationJson(entry: Entry): TranslationJson {
  return { locale: entry.locale, title: entry.title, slug: entry.slug };
}
