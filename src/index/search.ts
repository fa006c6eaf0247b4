// Full-text search with MiniSearch: titles, summaries and bodies, stored in shards by first letter.

import MiniSearch, { type Options, type SearchOptions } from "minisearch";
import { foldTerm } from "./normalize.js";

/** What is indexed of each entry. */
export interface SearchDocument {
  id: number;
  title: string;
  summary: string;
  body: string;
}

/** One search result: a record id, its score, and whether the query matched its title. */
export interface SearchHit {
  id: number;
  score: number;
  titleHit: boolean;
}

/** Search shards: terms are spread by their first character, so a query loads only its own letters. */
export const SEARCH_SHARDS = 64;

const CJK = /[\u3040-\u30FF\u3400-\u4DBF\u4E00-\u9FFF\uAC00-\uD7A3\uF900-\uFAFF]/u;
const CJK_RUN = /[\u3040-\u30FF\u3400-\u4DBF\u4E00-\u9FFF\uAC00-\uD7A3\uF900-\uFAFF]+/gu;
const SEPARATORS = /[\s\p{P}\p{S}]+/u;

/**
 * Splits text into search terms at spaces, punctuation and symbols; runs of CJK characters, written without
 * spaces, become overlapping pairs of characters.
 * @example tokenize("Same-origin policy") // ["Same", "origin", "policy"]
 * @example tokenize("非同期処理") // ["非同", "同期", "期処", "処理"]
 */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  for (const word of text.split(SEPARATORS)) {
    if (word === "") continue;
    if (!CJK.test(word)) {
      tokens.push(word);
      continue;
    }
    for (const part of word.split(CJK_RUN)) if (part !== "") tokens.push(part);
    for (const run of word.match(CJK_RUN) ?? []) {
      const chars = [...run];
      if (chars.length === 1) tokens.push(run);
      for (let i = 0; i + 1 < chars.length; i++) tokens.push(chars[i]! + chars[i + 1]!);
    }
  }
  return tokens;
}

const PLAIN_WORD = /^[a-z0-9]{1,64}$/;

/** Folds a term as lookups do (case, accents); drops what is left empty or is too long to be a word. */
export function processTerm(term: string): string | null {
  const lower = term.toLowerCase();
  // Most terms are plain ASCII words: skip the Unicode folding for them (it is most of the indexing time).
  if (PLAIN_WORD.test(lower)) return lower;
  const folded = foldTerm(term).replace(/ /g, "");
  return folded === "" || folded.length > 64 ? null : folded;
}

/** MiniSearch's options, the same for building and loading. */
export const MINISEARCH_OPTIONS: Options<SearchDocument> = {
  fields: ["title", "summary", "body"],
  storeFields: [],
  tokenize,
  processTerm,
};

/** How queries are run: prefix for terms of 3+ characters, typo-tolerant for 4+, titles weighted most. */
export const QUERY_OPTIONS: SearchOptions = {
  boost: { title: 8, summary: 2, body: 1 },
  prefix: (term) => term.length >= 3,
  fuzzy: (term) => (term.length >= 4 ? 0.2 : false),
  combineWith: "OR",
};

/** The shard holding a term (and every term with the same first character). */
export function searchShardOf(term: string): number {
  const first = term.codePointAt(0) ?? 0;
  return first % SEARCH_SHARDS;
}

/** The shards a query needs. */
export function shardsForQuery(query: string): number[] {
  const shards = new Set<number>();
  for (const token of tokenize(query)) {
    const term = processTerm(token);
    if (term) shards.add(searchShardOf(term));
  }
  return [...shards].sort((a, b) => a - b);
}

/** Builds the search index of a set of documents. */
export function buildSearch(documents: readonly SearchDocument[]): MiniSearch<SearchDocument> {
  const search = new MiniSearch<SearchDocument>(MINISEARCH_OPTIONS);
  search.addAll(documents);
  return search;
}

/** The serialised search index, split into the document table and term shards. */
export interface SplitSearch {
  documents: Record<string, unknown>;
  shards: Map<number, Array<[string, unknown]>>;
}

/** Splits MiniSearch's JSON into a document table and term shards by first character. */
export function splitSearch(search: MiniSearch<SearchDocument>): SplitSearch {
  const json = search.toJSON() as unknown as Record<string, unknown> & { index: Array<[string, unknown]> };
  const { index, ...documents } = json;
  const shards = new Map<number, Array<[string, unknown]>>();
  for (const entry of index) {
    const shard = searchShardOf(entry[0]);
    const list = shards.get(shard);
    if (list) list.push(entry);
    else shards.set(shard, [entry]);
  }
  return { documents, shards };
}

/** Rebuilds a searchable index from the document table and the shards a query needs. */
export function joinSearch(documents: Record<string, unknown>, shards: Iterable<Array<[string, unknown]>>): MiniSearch<SearchDocument> {
  const index: Array<[string, unknown]> = [];
  for (const shard of shards) index.push(...shard);
  return MiniSearch.loadJS({ ...documents, index } as Parameters<typeof MiniSearch.loadJS>[0], MINISEARCH_OPTIONS);
}

/**
 * Runs a query: title hits first, then by relevance.
 * @example runSearch(search, "closure", 10) // [{ id: 12, score: 31.2, titleHit: true }, ...]
 */
export function runSearch(search: MiniSearch<SearchDocument>, query: string, limit: number): SearchHit[] {
  const hits = search.search(query, QUERY_OPTIONS).map((result) => ({
    id: result.id as number,
    score: result.score,
    titleHit: Object.values(result.match).some((fields) => fields.includes("title")),
  }));
  hits.sort((a, b) => Number(b.titleHit) - Number(a.titleHit) || b.score - a.score);
  return hits.slice(0, limit);
}

/** The text of a body as searched: the expanded Markdown without link destinations. */
export function searchableBody(markdown: string): string {
  return markdown.replace(/\]\((?:<[^>]*>|[^)\s]*)(?:\s+"[^"]*")?\)/g, "]").replace(/<https?:[^>]*>/g, " ");
}
