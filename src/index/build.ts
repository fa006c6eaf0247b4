// Builds an index from parsed pages: records with summaries and links, lookup keys, children and backlinks.

import { expandBody } from "../markup/expand.js";
import { glossaryKeysIn, splitSummary } from "../markup/plain.js";
import { BACKLINK_PREFIX, type EntryRecord, KeyKind, type Page, type PageProblem } from "../types.js";
import { foldTerm, slugKey, titleComparer } from "../text/fold.js";
import { type SearchDocument, searchableBody } from "./search.js";
import type { CountedDocument, SearchSource } from "./search-build.js";

/** Lookup keys of an index: folded key -> [record id, how the key was derived]. */
export type KeyTable = Map<string, Array<readonly [number, KeyKind]>>;

export interface IndexData {
  records: EntryRecord[];
  keys: KeyTable;
  /** Entry count by locale. */
  locales: Map<string, number>;
  /** Pages left out because another page of the same locale has the same slug. */
  duplicates: PageProblem[];
  /** What full-text search indexes of each record, by record id (counted already when its page was). */
  searchDocuments: SearchSource[];
}

/**
 * The lookup keys of a page: its title (and short title), each name the title holds, its slug with and
 * without `Glossary/`, any `original_slug`, and the slug's last segment.
 * @example pageKeys({ title: "Asynchrone", slug: "Glossary/Asynchronous", aliases: [] })
 * // [["asynchrone", 0], ["glossary/asynchronous", 1], ["asynchronous", 1]]
 */
export function pageKeys(page: Pick<Page, "title" | "slug" | "aliases">): Array<readonly [string, KeyKind]> {
  const keys: Array<readonly [string, KeyKind]> = [];
  const add = (text: string, kind: KeyKind): void => {
    const key = foldTerm(text);
    if (key !== "" && !keys.some(([k]) => k === key)) keys.push([key, kind]);
  };
  add(page.title, KeyKind.Title);
  for (const alias of page.aliases) add(alias, /\//.test(alias) ? KeyKind.Slug : KeyKind.Title);
  add(page.slug, KeyKind.Slug);
  const tail = page.slug.replace(/^Glossary\//i, "");
  add(tail, KeyKind.Slug);
  for (const alias of page.aliases) if (alias.includes("/")) add(alias.replace(/^[^/]+\//, ""), KeyKind.Slug);
  const segments = tail.split("/");
  if (segments.length > 1) add(segments[segments.length - 1]!, KeyKind.Segment);
  // Last: a key that is also the slug or its last part keeps the better rank.
  for (const name of titleNames(page.title, page.slug)) add(name, KeyKind.TitleName);
  return keys;
}

/** A name in brackets, ASCII or full-width, with the space before it. */
const BRACKETED = /\s*[(\uFF08]([^()\uFF08\uFF09]+)[)\uFF09]/gu;
/** Each name followed by another in brackets, in a title holding several: "RTP（实时传输协议）和 SRTP（安全 RTP）". */
const NAME_PAIRS = /([^()\uFF08\uFF09]+?)\s*[(\uFF08]([^()\uFF08\uFF09]+)[)\uFF09]/gu;
/** Words joining two named things in a title (and, et, und, 和...), left out of the names. */
const JOINING = /^(?:和|与|與|及|と|및|and|et|und|y|e|и|[,/&、])\s*/iu;

/**
 * The names a title holds besides itself when it gives one in brackets: "Cross-site request forgery
 * (CSRF)", "Thread (スレッド)", "Closure（闭包）", "RTP（实时传输协议）和 SRTP（安全 RTP）". On a page below
 * another, the brackets that say which sense it is ("Block (CSS)", the last part of its slug) name nothing.
 * @example titleNames("Fonction de rappel (callback)", "Glossary/Callback_function") // ["callback", "Fonction de rappel"]
 * @example titleNames("Block (CSS)", "Glossary/Block/CSS") // []
 * @example titleNames("Boolean attribute (論理属性) (ARIA)", "Glossary/Boolean/ARIA") // ["論理属性", "Boolean attribute (ARIA)", "Boolean attribute"]
 */
export function titleNames(title: string, slug: string): string[] {
  const whole = title.trim();
  const groups = [...whole.matchAll(BRACKETED)];
  const segments = slug.replace(/^Glossary\//i, "").split("/");
  let sense: RegExpExecArray | RegExpMatchArray | undefined;
  if (segments.length > 1) {
    const last = foldTerm(segments[segments.length - 1]!);
    sense = groups.find((group) => {
      const folded = foldTerm(group[1]!);
      return folded.startsWith(last) || last.startsWith(folded);
    }) ?? groups[groups.length - 1];
  }
  const named = groups.filter((group) => group !== sense);
  if (named.length === 0) return [];
  const without = (...removed: Array<RegExpExecArray | RegExpMatchArray>): string =>
    removed.reduce((text, group) => text.replace(group[0], ""), whole).replace(/\s+/g, " ").trim();
  if (named.length === 1) {
    const group = named[0]!;
    return [group[1]!.trim(), without(group), ...(sense ? [without(group, sense)] : [])].filter((name) => name !== "");
  }
  const names: string[] = [];
  for (const [, name, other] of without(...(sense ? [sense] : [])).matchAll(NAME_PAIRS)) names.push(name!.trim().replace(JOINING, "").trim(), other!.trim());
  return names.filter((name) => name !== "");
}

/** The words a long form is looked for in: those before a bracket, up to a sentence's punctuation. */
const WORDS_BEFORE = /([\p{L}\p{N}][\p{L}\p{N}\s'-]*?)\s*$/u;
/** The most words a long form spans, beyond its abbreviation's letters. */
const EXTRA_LONG_FORM_WORDS = 2;

/** True when `long` spells `short` out: its first word starts with the first letter, and the letters follow in order. */
function spellsOut(short: string, long: string): boolean {
  const letters = foldTerm(short).replace(/[^\p{L}\p{N}]/gu, "");
  const text = foldTerm(long).replace(/[^\p{L}\p{N}]/gu, "");
  if (letters.length < 2 || text[0] !== letters[0]) return false;
  let at = 0;
  for (const letter of text) if (letter === letters[at]) at++;
  return at === letters.length;
}

/**
 * The long form of an abbreviation a page is titled by, as its summary spells it out: "DNS (Domain Name
 * System) is...", "Web Content Accessibility Guidelines (WCAG) is..."; the shortest run of words that holds
 * the abbreviation's letters in order, from the first. Null when the summary gives none.
 * @example longForm("DNS", "DNS (Domain Name System) is a naming system.") // "Domain Name System"
 * @example longForm("ATAG", "Authoring Tool Accessibility Guidelines (ATAG) is a W3C recommendation.") // "Authoring Tool Accessibility Guidelines"
 */
export function longForm(title: string, summary: string): string | null {
  const short = title.trim();
  if (!/^[\p{Lu}\p{N}.-]{2,10}$/u.test(short)) return null;
  const most = short.length + EXTRA_LONG_FORM_WORDS;
  for (const group of summary.matchAll(BRACKETED)) {
    const inside = group[1]!.trim();
    const at = group.index!;
    if (foldTerm(inside) === foldTerm(short)) {
      // "Long Form (ABBR)": the fewest words before the bracket that spell it out.
      const words = (WORDS_BEFORE.exec(summary.slice(0, at))?.[1] ?? "").split(/\s+/).filter(Boolean).slice(-most);
      for (let start = words.length - 2; start >= 0; start--) {
        const candidate = words.slice(start).join(" ");
        if (spellsOut(short, candidate)) return candidate;
      }
    } else if (summary.slice(0, at).trimEnd().endsWith(short) && inside.split(/\s+/).length >= 2 && spellsOut(short, inside)) {
      // "ABBR (Long Form)".
      return inside;
    }
  }
  return null;
}

/** What indexing takes from one page: everything but its place among the others. */
export interface PageAnalysis {
  locale: string;
  slug: string;
  title: string;
  pageType: string;
  /** Absolute path of the page. */
  path: string;
  aliases: string[];
  summary: string;
  refs: string[];
  seeAlso: string[];
  /** The body as searched (empty once `counted`). */
  searchBody: string;
  /** Its search document's terms, when counted already (by the worker thread that read the page). */
  counted?: CountedDocument;
}

/**
 * Reads what the index needs from a page: summary, glossary links, searchable text. Pure, and independent
 * of the other pages, so pages can be analysed in parallel.
 */
export function analyzePage(page: Page): PageAnalysis {
  const expanded = expandBody(page.body, { locale: page.locale, slug: page.slug });
  // The summary is a field of its own in the search index: the body is searched without it.
  const { summary, rest } = splitSummary(expanded.markdown);
  return {
    locale: page.locale,
    slug: page.slug,
    title: page.title,
    pageType: page.pageType,
    path: page.path,
    aliases: page.aliases,
    summary,
    refs: glossaryKeysIn(expanded.markdown).filter((ref) => ref !== slugKey(page.slug)),
    seeAlso: expanded.seeAlso ? glossaryKeysIn(expanded.seeAlso.markdown) : [],
    searchBody: searchableBody(rest),
  };
}

/**
 * The search keywords of the entry of a slug in a locale as one text, "" when it has none (see
 * search-keywords.ts, which the caller loads only when a page has some: search-keyword-slugs.ts).
 */
export type SearchKeywords = (locale: string, slug: string) => string;

/** No search keywords: for an index nothing searches (lint), or pages none of which has any. */
export const NO_SEARCH_KEYWORDS: SearchKeywords = () => "";

/**
 * What full-text search indexes of a page: its title and the other names it has, its summary with the
 * entry's search keywords, and its body.
 */
export function searchDocument(page: PageAnalysis, id: number, searchKeywords: SearchKeywords): SearchDocument {
  const spelledOut = longForm(page.title, page.summary);
  const names = titleNames(page.title, page.slug);
  const keywords = searchKeywords(page.locale, page.slug);
  const summary = keywords === "" ? page.summary : `${page.summary}\n${keywords}`;
  return { id, locale: page.locale, title: page.title, names: spelledOut ? [...names, spelledOut] : names, summary, body: page.searchBody };
}

/**
 * Builds the index of one source from its pages. Pages are taken in path order; a page whose locale and
 * slug repeat an earlier one is left out and reported. Each page's links are also recorded as backlink
 * keys, so the pages linking to a term can be found even from another source.
 */
export function buildIndex(pages: readonly Page[], relativePath: (page: { path: string }) => string, keywords: SearchKeywords): IndexData {
  return combineIndex(pages.map(analyzePage), relativePath, keywords);
}

/** Builds an index from analysed pages (see {@link buildIndex}). */
export function combineIndex(pages: readonly PageAnalysis[], relativePath: (page: { path: string }) => string, keywords: SearchKeywords): IndexData {
  const sorted = [...pages].sort((a, b) => compare(a.locale, b.locale) || compare(slugKey(a.slug), slugKey(b.slug)) || compare(a.path, b.path));
  const records: EntryRecord[] = [];
  const bySlug = new Map<string, number>();
  const duplicates: PageProblem[] = [];
  const locales = new Map<string, number>();
  const keys: KeyTable = new Map();
  const searchDocuments: SearchSource[] = [];
  const addKey = (key: string, id: number, kind: KeyKind): void => {
    const list = keys.get(key);
    if (list) list.push([id, kind]);
    else keys.set(key, [[id, kind]]);
  };

  for (const page of sorted) {
    const slugId = `${page.locale}\u0000${slugKey(page.slug)}`;
    const first = bySlug.get(slugId);
    if (first !== undefined) {
      duplicates.push({
        path: page.path,
        line: 1,
        severity: "error",
        message: `duplicate slug ${page.slug} in ${page.locale} (also in ${records[first]!.path})`,
      });
      continue;
    }
    const id = records.length;
    bySlug.set(slugId, id);
    records.push({
      id,
      locale: page.locale,
      slug: page.slug,
      title: page.title,
      pageType: page.pageType,
      path: relativePath(page),
      summary: page.summary,
      refs: page.refs,
      seeAlso: page.seeAlso,
      children: [],
      titleRank: 0,
    });
    searchDocuments.push(page.counted ?? searchDocument(page, id, keywords));
    locales.set(page.locale, (locales.get(page.locale) ?? 0) + 1);
    for (const [key, kind] of pageKeys(page)) addKey(key, id, kind);
    for (const ref of page.refs) addKey(BACKLINK_PREFIX + ref, id, KeyKind.Backlink);
  }

  for (const record of records) {
    const segments = record.slug.split("/");
    if (segments.length > 2) {
      const parent = bySlug.get(`${record.locale}\u0000${slugKey(segments.slice(0, -1).join("/"))}`);
      if (parent !== undefined) records[parent]!.children.push(record.id);
    }
  }
  // Titles are sorted here, once, for readers of each locale: everything else sorts by these ranks.
  for (const locale of locales.keys()) {
    const compare = titleComparer(locale);
    records
      .filter((record) => record.locale === locale)
      .sort((a, b) => compare(a.title, b.title))
      .forEach((record, rank) => {
        record.titleRank = rank;
      });
  }
  return { records, keys, locales, duplicates, searchDocuments };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
