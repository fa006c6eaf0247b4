// The JSON shapes printed by `--json` (and returned by the library API), built from typed query results.

import type { RelatedEntry, Relation } from "../query/related.js";
import type { SearchResult } from "../query/search.js";
import type { Entry, EntryView, LinkRef, SeeAlsoItem } from "../types.js";

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
  /** The licence the page is published under, when its source says (MDN's pages: CC-BY-SA 2.5), else null. */
  licence: string | null;
}

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

/** One title of `list --json`. */
export interface ListItemJson {
  title: string;
  slug: string;
  locale: string;
  summary: string;
}

/** One result of `search --json`, best first. */
export interface SearchResultJson extends ListItemJson {
  /** Relevance, rounded to three decimals: comparable within one search only. */
  score: number;
}

/** One entry of `related --json`. */
export interface RelatedJson {
  title: string;
  slug: string;
  locale: string;
  relation: Relation;
}

/** One locale of `langs --json` without a term. */
export interface LocaleCountJson {
  locale: string;
  count: number;
}

/** One translation of `langs <term> --json`. */
export interface TranslationJson {
  locale: string;
  title: string;
  slug: string;
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
