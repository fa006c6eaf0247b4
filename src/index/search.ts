// Full-text search with MiniSearch: titles, summaries and bodies, stored in shards by first letter.

import MiniSearch, { type Options, type SearchOptions } from "minisearch";
import SearchableMap from "minisearch/SearchableMap";
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

/**
 * The stored form of a search index, read piece by piece at query time:
 * - `meta`: MiniSearch's global statistics (document count, average field lengths...);
 * - `lengths`: every document's field lengths, three numbers a document;
 * - `dictionary`: the terms by shard (first character), each with the posting bucket that holds it;
 * - `postings`: by bucket, each term's documents and frequencies.
 * Only the dictionary shards of a query's first letters, and the buckets of the terms it matches, are read.
 */
export interface StoredSearch {
  meta: Record<string, unknown>;
  lengths: Uint32Array;
  dictionary: Map<number, Array<[string, number]>>;
  postings: Map<number, Array<[string, unknown]>>;
}

/** Terms per posting bucket, on average. */
const TERMS_PER_BUCKET = 48;

/** Splits a built search index into its stored form (document ids must be 0..n-1, in order). */
export function storeSearch(search: MiniSearch<SearchDocument>): StoredSearch {
  const json = search.toJSON() as unknown as {
    documentIds: Record<string, number>;
    fieldLength: Record<string, number[]>;
    index: Array<[string, unknown]>;
    fieldIds: Record<string, number>;
  } & Record<string, unknown>;
  const { index, documentIds, fieldLength, storedFields: _stored, ...meta } = json;
  const fields = Object.keys(json.fieldIds).length;
  const count = Object.keys(documentIds).length;
  const lengths = new Uint32Array(count * fields);
  for (const [shortId, id] of Object.entries(documentIds)) {
    if (Number(shortId) !== id) throw new Error(`search document ${id} stored as ${shortId}`);
    const values = fieldLength[shortId] ?? [];
    for (let f = 0; f < fields; f++) lengths[id * fields + f] = values[f] ?? 0;
  }
  const buckets = Math.max(1, Math.ceil(index.length / TERMS_PER_BUCKET));
  const dictionary = new Map<number, Array<[string, number]>>();
  const postings = new Map<number, Array<[string, unknown]>>();
  for (const entry of index) {
    const bucket = termBucket(entry[0], buckets);
    const shard = searchShardOf(entry[0]);
    (dictionary.get(shard) ?? dictionary.set(shard, []).get(shard)!).push([entry[0], bucket]);
    (postings.get(bucket) ?? postings.set(bucket, []).get(bucket)!).push(entry);
  }
  return { meta: { ...meta, buckets, fields }, lengths, dictionary, postings };
}

/** The posting bucket of a term. */
export function termBucket(term: string, buckets: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < term.length; i++) hash = Math.imul(hash ^ term.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % buckets;
}

/** Reads the parts of a stored search index a query asks for (by name: dictionary shard, posting bucket). */
export interface SearchReader {
  meta(): Record<string, unknown>;
  lengths(): Uint32Array;
  dictionary(shard: number): Array<[string, number]>;
  postings(bucket: number): Array<[string, unknown]>;
}

/**
 * Runs a query on a stored search index, reading only what it needs: the terms a query term matches are
 * found in its letter's dictionary, as MiniSearch matches them (exact, prefix, fuzzy), then only their
 * postings and the field lengths of their documents are loaded into a MiniSearch that ranks as the whole
 * index would (its global statistics are the whole index's).
 */
export function searchStored(reader: SearchReader, query: string, limit: number): SearchHit[] {
  const dictionaries = new Map<number, SearchableMap<number>>();
  const matched = new Map<string, number>();
  for (const token of tokenize(query)) {
    const term = processTerm(token);
    if (!term) continue;
    const shard = searchShardOf(term);
    let dictionary = dictionaries.get(shard);
    if (!dictionary) {
      dictionary = SearchableMap.from(reader.dictionary(shard));
      dictionaries.set(shard, dictionary);
    }
    const exact = dictionary.get(term);
    if (exact !== undefined) matched.set(term, exact);
    const prefix = QUERY_OPTIONS.prefix as (term: string) => boolean;
    if (prefix(term)) for (const [other, bucket] of dictionary.atPrefix(term)) matched.set(other, bucket);
    const fuzzy = (QUERY_OPTIONS.fuzzy as (term: string) => number | false)(term);
    if (fuzzy) {
      const distance = Math.min(6, Math.round(term.length * fuzzy));
      if (distance > 0) for (const [other, [bucket]] of dictionary.fuzzyGet(term, distance)) matched.set(other, bucket);
    }
  }
  if (matched.size === 0) return [];
  const meta = reader.meta();
  const fields = meta["fields"] as number;
  const lengths = reader.lengths();
  const index: Array<[string, unknown]> = [];
  const documents = new Set<string>();
  const wanted = new Set(matched.keys());
  for (const bucket of new Set(matched.values())) {
    for (const entry of reader.postings(bucket)) {
      if (!wanted.has(entry[0])) continue;
      index.push(entry);
      for (const frequencies of Object.values(entry[1] as Record<string, Record<string, number>>)) {
        for (const id of Object.keys(frequencies)) documents.add(id);
      }
    }
  }
  const documentIds: Record<string, number> = {};
  const fieldLength: Record<string, number[]> = {};
  for (const id of documents) {
    const n = Number(id);
    documentIds[id] = n;
    fieldLength[id] = Array.from(lengths.subarray(n * fields, (n + 1) * fields));
  }
  const { buckets: _buckets, fields: _fields, ...statistics } = meta;
  const search = MiniSearch.loadJS(
    { ...statistics, documentIds, fieldLength, storedFields: {}, index } as unknown as Parameters<typeof MiniSearch.loadJS>[0],
    MINISEARCH_OPTIONS,
  );
  return runSearch(search, query, limit);
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
