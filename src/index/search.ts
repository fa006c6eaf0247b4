// Full-text search with MiniSearch: titles, summaries and bodies, stored in shards by first letter.

import MiniSearch, { type Options, type SearchOptions } from "minisearch";
import { distance } from "fastest-levenshtein";
import { foldTerm } from "../text/fold.js";
import { searchWithPostings } from "./minisearch-postings.js";
import { type KeyPiece, termPieces } from "./pieces.js";

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

/** Search shards of a large index: terms are spread by their first character, so a query loads only its own letters. */
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

/** How queries are run: prefix for terms of 3+ characters, typo-tolerant for 4+, title and summary weighted above the body. */
export const QUERY_OPTIONS: SearchOptions = {
  boost: { title: 3, summary: 2, body: 1 },
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

/** Queries use at most this many distinct terms: a pasted page is not a query, and its cost stays bounded. */
export const MAX_QUERY_TERMS = 32;

/** The distinct terms of a query, at most {@link MAX_QUERY_TERMS}. */
export function queryTerms(query: string): string[] {
  const terms = new Set<string>();
  for (const token of tokenize(query.slice(0, 10_000))) {
    const term = processTerm(token);
    if (term) terms.add(term);
    if (terms.size === MAX_QUERY_TERMS) break;
  }
  return [...terms];
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
 * - `dictionary`: the terms by shard (their first character in a large index, all in one otherwise), each
 *   with the posting bucket that holds it;
 * - `postings`: by bucket, each term's postings by field, as flat arrays of `document, frequency, length
 *   of the field in that document` (all a query needs to rank, so nothing per document is read apart).
 * Only the dictionary shards of a query's first letters, and the buckets of the terms it matches, are read.
 */
export interface StoredSearch {
  meta: Record<string, unknown>;
  dictionary: Map<number, Array<[string, number]>>;
  postings: Map<number, Array<[string, Record<string, number[]>]>>;
}

/** Terms per posting bucket, on average. */
const TERMS_PER_BUCKET = 16;
/** Terms with more postings than this are stored in a bucket of their own. */
const SOLO_POSTINGS = 500;
/** Indexes with more documents than this drop the body postings of their most common words. */
export const LARGE_SEARCH = 20_000;
/** In a large index, a word in more than this share of the bodies is searched in titles and summaries only. */
const COMMON_BODY_SHARE = 0.05;

/**
 * Splits a built search index into its stored form. In a large index, the body postings of words found in
 * more than 5% of the bodies are left out: such words weigh almost nothing in the ranking, and reading
 * their postings would cost every search that uses them.
 */
export function storeSearch(search: MiniSearch<SearchDocument>): StoredSearch {
  const json = search.toJSON() as unknown as {
    documentIds: Record<string, number>;
    fieldLength: Record<string, number[]>;
    index: Array<[string, Record<string, Record<string, number>>]>;
  } & Record<string, unknown>;
  const { index, documentIds, fieldLength, storedFields: _stored, ...meta } = json;
  const flat = index.map(([term, fields]): [string, Record<string, number[]>] => {
    const stored: Record<string, number[]> = {};
    for (const [field, frequencies] of Object.entries(fields)) {
      const list: number[] = [];
      for (const [shortId, frequency] of Object.entries(frequencies)) list.push(documentIds[shortId]!, frequency, fieldLength[shortId]?.[Number(field)] ?? 0);
      stored[field] = list;
    }
    return [term, stored];
  });
  return bucketPostings(meta, Object.keys(documentIds).length, flat);
}

/**
 * Builds the stored form of the search index of documents directly, counting as MiniSearch's `add` does
 * (same tokens, same field lengths, same running average) without building its in-memory tree: several
 * times faster for large sources. Tests check it gives exactly what {@link storeSearch} gives.
 */
export function buildStoredSearch(documents: readonly SearchDocument[]): StoredSearch {
  const fields = MINISEARCH_OPTIONS.fields;
  const postings = new Map<string, number[][]>();
  const averageFieldLength: number[] = fields.map(() => 0);
  const frequencies = new Map<string, number>();
  documents.forEach((document, count) => {
    if (document.id !== count) throw new Error(`search document ${document.id} stored as ${count}`);
    fields.forEach((field, fieldId) => {
      const tokens = tokenize(String(document[field as keyof SearchDocument]));
      const length = new Set(tokens).size;
      averageFieldLength[fieldId] = (averageFieldLength[fieldId]! * count + length) / (count + 1);
      frequencies.clear();
      for (const token of tokens) {
        const term = processTerm(token);
        if (term) frequencies.set(term, (frequencies.get(term) ?? 0) + 1);
      }
      for (const [term, frequency] of frequencies) {
        let byField = postings.get(term);
        if (!byField) postings.set(term, (byField = fields.map(() => [])));
        byField[fieldId]!.push(count, frequency, length);
      }
    });
  });
  const count = documents.length;
  const meta = {
    documentCount: count,
    nextId: count,
    fieldIds: Object.fromEntries(fields.map((field, id) => [field, id])),
    averageFieldLength,
    dirtCount: 0,
    serializationVersion: 2,
  };
  return bucketPostings(
    meta,
    count,
    [...postings].map(([term, byField]) => [term, Object.fromEntries(byField.flatMap((flat, field) => (flat.length > 0 ? [[String(field), flat]] : [])))]),
  );
}

/** Groups postings into buckets and the dictionary (see {@link StoredSearch}). */
function bucketPostings(meta: Record<string, unknown>, count: number, index: Array<[string, Record<string, number[]>]>): StoredSearch {
  const bodyField = String((meta["fieldIds"] as Record<string, number>)["body"]);
  const buckets = Math.max(1, Math.ceil(index.length / TERMS_PER_BUCKET));
  // A term with many postings gets a bucket of its own: reading a rare term never reads a common one.
  let solo = buckets;
  const dictionary = new Map<number, Array<[string, number]>>();
  const postings = new Map<number, Array<[string, Record<string, number[]>]>>();
  for (const [term, fields] of index) {
    const stored: Record<string, number[]> = {};
    for (const [field, flat] of Object.entries(fields)) {
      if (field === bodyField && count > LARGE_SEARCH && flat.length / 3 > count * COMMON_BODY_SHARE) continue;
      stored[field] = flat;
    }
    const size = Object.values(stored).reduce((n, flat) => n + flat.length / 3, 0);
    const bucket = size > SOLO_POSTINGS ? solo++ : termBucket(term, buckets);
    // A small index is searched through all its terms: one dictionary shard, read at once.
    const shard = count > LARGE_SEARCH ? searchShardOf(term) : 0;
    (dictionary.get(shard) ?? dictionary.set(shard, []).get(shard)!).push([term, bucket]);
    (postings.get(bucket) ?? postings.set(bucket, []).get(bucket)!).push([term, stored]);
  }
  return { meta: { ...meta, buckets }, dictionary, postings };
}

/** The posting bucket of a term. */
export function termBucket(term: string, buckets: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < term.length; i++) hash = Math.imul(hash ^ term.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % buckets;
}

/** Reads the parts of a stored search index a query asks for. */
export interface SearchReader {
  meta(): Record<string, unknown>;
  /** The terms of a dictionary shard with their posting buckets; with `pieces`, only the terms holding one. */
  dictionary(shard: number, pieces?: readonly KeyPiece[]): Array<[string, number]>;
  postings(bucket: number): Array<[string, Record<string, number[]>]>;
}

/**
 * Runs a query on a stored search index, reading only what it needs: the terms a query term matches are
 * found in its letter's dictionary, as MiniSearch matches them (exact, prefix, fuzzy), then only their
 * postings are loaded into a MiniSearch that ranks as the whole index would (its global statistics are
 * the whole index's, and each posting carries its document's field length).
 */
export function searchStored(reader: SearchReader, query: string, limit: number): SearchHit[] {
  // Up to a large index, every term is a candidate, as in MiniSearch ("same" finds "name" by a typo): all
  // are in shard 0; beyond, only the terms that start with the query term's letter (typos after the first).
  const everyShard = Number(reader.meta()["documentCount"]) <= LARGE_SEARCH;
  const matched = new Map<string, number>();
  for (const term of queryTerms(query)) {
    // The terms MiniSearch would match: the term itself, terms it starts (prefix search), and terms within
    // its edit distance (fuzzy search), by the same rules as QUERY_OPTIONS. Only the terms holding a piece
    // of it can (see termPieces): the dictionary gives no other.
    const prefix = (QUERY_OPTIONS.prefix as (term: string) => boolean)(term);
    const fuzzy = (QUERY_OPTIONS.fuzzy as (term: string) => number | false)(term);
    const maxDistance = fuzzy ? Math.min(6, Math.round(term.length * fuzzy)) : 0;
    const pieces = termPieces(term, maxDistance);
    const candidates = reader.dictionary(everyShard ? 0 : searchShardOf(term), pieces);
    for (const [other, bucket] of candidates) {
      if (other === term || (prefix && other.startsWith(term))) matched.set(other, bucket);
      else if (maxDistance > 0 && Math.abs(other.length - term.length) <= maxDistance && distance(term, other) <= maxDistance) {
        matched.set(other, bucket);
      }
    }
  }
  if (matched.size === 0) return [];
  const wanted = new Set(matched.keys());
  const postings: Array<[string, Record<string, number[]>]> = [];
  for (const bucket of new Set(matched.values())) {
    for (const entry of reader.postings(bucket)) if (wanted.has(entry[0])) postings.push(entry);
  }
  // Title hits rank first: when there are enough of them, only they can be shown, so only they are loaded
  // and scored (each term still weighs as many documents as it has). If fewer turn out to match, all are.
  const { buckets: _buckets, ...statistics } = reader.meta();
  const titleField = String((statistics["fieldIds"] as Record<string, number>)["title"]);
  const titled = new Set<number>();
  for (const [, fields] of postings) {
    const flat = fields[titleField] ?? [];
    for (let i = 0; i < flat.length; i += 3) titled.add(flat[i]!);
  }
  if (titled.size >= limit) {
    const hits = runSearch(loadedSearch(statistics, postings, titled), query, limit);
    if (hits.filter((hit) => hit.titleHit).length >= limit) return hits;
  }
  return runSearch(loadedSearch(statistics, postings, null), query, limit);
}

/** A MiniSearch with the whole index's statistics and the given postings, of every document or only of `only`. */
function loadedSearch(statistics: Record<string, unknown>, postings: ReadonlyArray<[string, Record<string, number[]>]>, only: ReadonlySet<number> | null): MiniSearch<SearchDocument> {
  return searchWithPostings(statistics, MINISEARCH_OPTIONS, postings, only);
}

/**
 * Runs a query: title hits first, then by relevance.
 * @example runSearch(search, "closure", 10) // [{ id: 12, score: 31.2, titleHit: true }, ...]
 */
export function runSearch(search: MiniSearch<SearchDocument>, query: string, limit: number): SearchHit[] {
  const terms = queryTerms(query);
  const hits = search.search(terms.join(" "), QUERY_OPTIONS).map((result) => ({
    id: result.id as number,
    score: result.score,
    titleHit: isTitleHit(result.queryTerms, result.match, terms.length),
  }));
  hits.sort((a, b) => Number(b.titleHit) - Number(a.titleHit) || b.score - a.score || a.id - b.id);
  return hits.slice(0, limit);
}

/**
 * True when the title answers the query: it matches at least half of the query's terms (one word of a long
 * description that happens to be in a title, "browser" in "small icon shown in the browser tab", is not).
 */
function isTitleHit(matchedQueryTerms: readonly string[], match: Readonly<Record<string, readonly string[]>>, queryTermCount: number): boolean {
  const inTitle = Object.values(match).filter((fields) => fields.includes("title")).length;
  return inTitle > 0 && Math.min(inTitle, matchedQueryTerms.length) * 2 >= queryTermCount;
}

/** The text of a body as searched: the expanded Markdown without link destinations. */
export function searchableBody(markdown: string): string {
  return markdown.replace(/\]\((?:<[^>]*>|[^)\s]*)(?:\s+"[^"]*")?\)/g, "]").replace(/<https?:[^>]*>/g, " ");
}
