// Full-text search: titles, summaries and bodies, their words stemmed per language, stored as postings
// ordered by impact in buckets by term, and ranked by BM25 over the fields with early termination.

import levenshtein from "damerau-levenshtein";
import { foldTerm } from "../text/fold.js";
import { type KeyPiece, termPieces } from "./pieces.js";
import { type RankedHit, type RankedList, countBits, topHits } from "./search-rank.js";
import { stem } from "./stemmers.js";

/** What is indexed of each entry. */
export interface SearchDocument {
  id: number;
  /** The entry's locale: its words are stemmed in its language. */
  locale: string;
  title: string;
  /** Other names the title gives ("XSS" in "Cross-site scripting (XSS)"): each names the entry whole too. */
  names?: readonly string[];
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

/** Folds a word as lookups do (case, accents); drops what is left empty or is too long to be a word. */
export function processTerm(term: string): string | null {
  const lower = term.toLowerCase();
  // Most terms are plain ASCII words: skip the Unicode folding for them (it is most of the indexing time).
  if (PLAIN_WORD.test(lower)) return lower;
  const folded = foldTerm(term).replace(/ /g, "");
  return folded === "" || folded.length > 64 ? null : folded;
}

/** The index term of a word of a document in `locale`: folded, then stemmed in the locale's language. */
export function indexTerm(token: string, locale: string): string | null {
  const term = processTerm(token);
  return term === null ? null : stem(term, locale);
}

/** The fields searched, in the order of their ids (a posting's field bits: 1 title, 2 summary, 4 body). */
export const SEARCH_FIELDS = ["title", "summary", "body"] as const;
/** Impacts and weights are stored and used as integers in these units, so that every sum of them is exact. */
export const IMPACT_UNITS = 100;
const WEIGHT_UNITS = 100;

/** Whole titles are stored as terms that start with this character (never in a word), then their terms. */
const TITLE_KEY = "\u0001";

/**
 * The term that stands for a whole title or a query, from its terms in order; null for none.
 * @example titleKey(["regular", "express"]) // "\u0001regular express"
 */
export function titleKey(terms: readonly string[]): string | null {
  return terms.length === 0 ? null : `${TITLE_KEY}${terms.join(" ")}`;
}

/** The shard holding a term (and every term with the same first character; a whole title, that of its first word). */
export function searchShardOf(term: string): number {
  const first = term.codePointAt(term.startsWith(TITLE_KEY) ? 1 : 0) ?? 0;
  return first % SEARCH_SHARDS;
}

/** Queries use at most this many distinct words: a pasted page is not a query, and its cost stays bounded. */
export const MAX_QUERY_TERMS = 30;

/** The distinct words of a query, folded, at most {@link MAX_QUERY_TERMS}. */
export function queryTerms(query: string): string[] {
  const terms = new Set<string>();
  for (const token of tokenize(query.slice(0, 10_000))) {
    const term = processTerm(token);
    if (term) terms.add(term);
    if (terms.size === MAX_QUERY_TERMS) break;
  }
  return [...terms];
}

/** What a search index knows of its documents as a whole. */
export interface SearchMeta {
  documentCount: number;
  /** The average length in words of each field (see {@link SEARCH_FIELDS}). */
  averageFieldLength: number[];
  /** How many hashed posting buckets there are (the buckets after them hold one chunk each). */
  buckets: number;
}

/**
 * One chunk of a term's postings as stored: the term, how many documents hold it, in chunk 0 the buckets
 * of its later chunks (in order), and the postings as flat `document, impact, field bits` triples, by
 * falling impact (ties by document). A document's impact for a term is its BM25 weight summed over the
 * fields, each field boosted, in {@link IMPACT_UNITS}.
 */
export type StoredPostings = [term: string, documents: number, later: number[], postings: number[]];

/**
 * The stored form of a search index (one segment), read piece by piece at query time:
 * - `meta`: its statistics (see {@link SearchMeta});
 * - `dictionary`: the terms by shard (their first character in a large index, all in one otherwise), each
 *   with the bucket of its first chunk of postings;
 * - `postings`: by bucket, chunks of postings (see {@link StoredPostings}). A term's first chunk holds its
 *   best postings: a query of common words reads those, and the later ones only when they may matter.
 */
export interface StoredSearch {
  meta: SearchMeta;
  dictionary: Map<number, Array<[string, number]>>;
  postings: Map<number, StoredPostings[]>;
}

/** Indexes with more documents than this keep a dictionary shard per first character. */
export const LARGE_SEARCH = 20_000;
/** Reads the parts of a stored search index (one segment) a query asks for. */
export interface SearchReader {
  meta(): SearchMeta;
  /** The terms of a dictionary shard with their first chunk's bucket; with `pieces`, only the terms holding one. */
  dictionary(shard: number, pieces?: readonly KeyPiece[]): Array<[string, number]>;
  /**
   * The bucket of one term of a dictionary shard, or undefined when the shard lacks it: for a reader that
   * finds one term faster than the terms holding a piece (a query word is most often a term itself).
   */
  term?(shard: number, term: string): number | undefined;
  postings(bucket: number): readonly StoredPostings[];
}

/** How much a term found by its beginning ("cach" for "cacheable") weighs against the word itself, at most. */
const PREFIX_WEIGHT = 0.5;
/** How much a term found by a typo weighs against the word itself, at most. */
const FUZZY_WEIGHT = 0.45;

/** A query word's match with a term of the index, and how close it is (1: the word itself, or its stem). */
export interface TermMatch {
  /** The query word's position among {@link queryTerms}. */
  word: number;
  term: string;
  closeness: number;
  /** The bucket of the term's first chunk. */
  bucket: number;
}

/** The most edits a word may be away from a term that it is taken to be a typo of. */
function typoDistance(word: string): number {
  return word.length >= 8 ? 2 : word.length >= 4 ? 1 : 0;
}

/**
 * At most this many letters a stemmer takes off a word ("polymorphism" is indexed as "polymorph", "certificate"
 * as "certif": English's Snowball stemmer takes off endings of up to five letters), leaving at least this many.
 */
const STEM_ENDING = 5;
const SHORT_STEM_ENDING = 3;
const SHORTEST_STEM = 4;

/**
 * How many edits (Damerau's: a transposition is one) a query word is from a term, or from the term and an
 * ending a stemmer would have taken off (the ending counts as one edit, or two when longer than three
 * letters): a misspelt word is not stemmed as the word would have been.
 * @example typoSteps("polymorphsim", "polymorph") // 1
 * @example typoSteps("cahc", "cach") // 1
 * @example typoSteps("certificat", "certif") // 2
 */
export function typoSteps(form: string, term: string): number {
  const whole = levenshtein(form, term).steps;
  const ending = form.length - term.length;
  // A short ending ("-ism") counts as one edit, a long one ("-icate") as two: "javascrpt" is not "java" and a long ending.
  const endingSteps = ending <= SHORT_STEM_ENDING ? 1 : 2;
  return ending > 0 && ending <= STEM_ENDING && term.length >= SHORTEST_STEM ? Math.min(whole, endingSteps + levenshtein(form.slice(0, term.length), term).steps) : whole;
}

/**
 * The terms of a segment each query word matches: its stems (in the reader's language and in English, the
 * language of MDN's terms) and the word itself; only if none is a term, the terms starting with them (3
 * characters or more: a word being typed), weighed by how much of the term the word covers; and only if
 * none is either, the terms a typo or two away (transpositions count as one), weighed lower. Then the whole
 * query, as the closest term of each word in order, matched with whole titles and the names they give (as
 * one more word, after the query's own).
 */
export function matchTerms(reader: SearchReader, query: string, locale = "en-US"): TermMatch[] {
  // Up to a large index, every term is a candidate ("same" finds "name" by a typo): all are in shard 0;
  // beyond, only the terms that start with the query word's letter (typos after the first).
  const everyShard = reader.meta().documentCount <= LARGE_SEARCH;
  const matches = new Map<string, TermMatch>();
  const keep = (match: TermMatch): void => {
    const known = matches.get(`${match.word}\u0000${match.term}`);
    if (!known || known.closeness < match.closeness) matches.set(`${match.word}\u0000${match.term}`, match);
  };
  queryTerms(query).forEach((word, position) => {
    const forms = [...new Set([stem(word, locale), stem(word, "en"), word])];
    const shardOf = (form: string): number => (everyShard ? 0 : searchShardOf(form));
    // First the forms that are terms, when the reader finds a term by itself.
    let exact = false;
    if (reader.term) {
      for (const form of forms) {
        const bucket = reader.term(shardOf(form), form);
        if (bucket === undefined) continue;
        exact = true;
        keep({ word: position, term: form, closeness: 1, bucket });
      }
      if (exact) return;
    }
    // Then the terms each form is or starts: few, found by one anchored expression over the shard.
    const starts: TermMatch[] = [];
    for (const form of forms) {
      for (const [term, bucket] of reader.dictionary(shardOf(form), [{ text: form, from: 0, to: 0 }])) {
        if (term === form) {
          exact = true;
          keep({ word: position, term, closeness: 1, bucket });
        } else if (form.length >= 3) {
          starts.push({ word: position, term, closeness: (PREFIX_WEIGHT * form.length) / term.length, bucket });
        }
      }
    }
    // A word of the index is taken as it is; one that is not may be the start of one, or else a typo.
    if (exact) return;
    for (const match of starts) keep(match);
    if (starts.length > 0) return;
    const typos: Array<{ term: string; bucket: number; steps: number; most: number; length: number }> = [];
    for (const form of forms) {
      const most = typoDistance(form);
      if (most === 0) continue;
      // A transposition breaks two pieces: twice as many pieces keep the filter sound for Damerau's distance.
      for (const [term, bucket] of reader.dictionary(shardOf(form), termPieces(form, 2 * most))) {
        if (term.length <= form.length + most && (term.length >= form.length - most || (term.length >= SHORTEST_STEM && term.length >= form.length - STEM_ENDING))) {
          typos.push({ term, bucket, steps: typoSteps(form, term), most, length: form.length });
        }
      }
    }
    // The closest spellings only: "asynchronus" is "asynchronous", not also "synchronous".
    const fewest = Math.min(...typos.filter(({ steps, most }) => steps <= most).map(({ steps }) => steps));
    for (const { term, bucket, steps, length } of typos) {
      if (steps === fewest) keep({ word: position, term, closeness: FUZZY_WEIGHT * (1 - steps / (length + 1)), bucket });
    }
  });
  const found = [...matches.values()];
  // The query as a whole title: the closest terms of each word (a few, when typos leave several), in order.
  const words = queryTerms(query).length;
  let keys: string[][] = [[]];
  for (let word = 0; word < words && keys.length > 0; word++) {
    const own = found.filter((match) => match.word === word).sort((a, b) => b.closeness - a.closeness);
    const closest = own.filter((match) => match.closeness >= own[0]!.closeness * 0.8).slice(0, 3);
    keys = keys.flatMap((terms) => closest.map((match) => [...terms, match.term])).slice(0, 9);
  }
  for (const terms of keys) {
    const key = titleKey(terms);
    if (key === null) continue;
    const shard = everyShard ? 0 : searchShardOf(key);
    if (reader.term) {
      const bucket = reader.term(shard, key);
      if (bucket !== undefined) found.push({ word: words, term: key, closeness: 1, bucket });
      continue;
    }
    for (const [term, bucket] of reader.dictionary(shard, [{ text: key, from: 0, to: 0 }])) {
      if (term === key) found.push({ word: words, term, closeness: 1, bucket });
    }
  }
  return found;
}

/** The chunk 0 of each matched term, and how many documents hold each (a segment's own counts). */
export function firstChunks(reader: SearchReader, matches: readonly TermMatch[]): Map<string, StoredPostings> {
  const first = new Map<string, StoredPostings>();
  const wanted = new Set(matches.map((match) => match.term));
  for (const bucket of new Set(matches.map((match) => match.bucket))) {
    for (const entry of reader.postings(bucket)) if (wanted.has(entry[0]) && !first.has(entry[0])) first.set(entry[0], entry);
  }
  return first;
}

/**
 * BM25's weight of a term held by `documents` of `documentCount` documents: rare terms weigh more.
 * @example inverseFrequency(1, 1000) > inverseFrequency(500, 1000) // true
 */
export function inverseFrequency(documents: number, documentCount: number): number {
  return Math.log(1 + (documentCount - documents + 0.5) / (documents + 0.5));
}

/** How a segment is searched: the reader's locale, statistics of a larger whole, deleted documents. */
export interface SegmentSearchOptions {
  /** The reader's locale: query words are stemmed in its language and in English. */
  locale?: string;
  /**
   * How many documents hold a term, and how many there are, across every segment searched (by default, this
   * segment's own counts): segments searched together weigh each term alike, so their scores compare.
   */
  frequency?: (term: string, documents: number) => { documents: number; documentCount: number };
  /** Documents left out (deleted since the segment was written). */
  exclude?: (id: number) => boolean;
}

/**
 * Searches one segment: its best `k` documents for the query, each with its score and which query words
 * matched its title, the same as scoring every document the query matches would give (see search-rank.ts).
 * Scores of segments built with the same statistics and searched with the same `frequency` compare, so the
 * hits of several segments merge by score (ties by segment, then document).
 */
export function searchSegment(reader: SearchReader, query: string, k: number, options: SegmentSearchOptions = {}): RankedHit[] {
  const matches = matchTerms(reader, query, options.locale);
  if (matches.length === 0 || k <= 0) return [];
  const first = firstChunks(reader, matches);
  const documentCount = reader.meta().documentCount;
  const lists: RankedList[] = [];
  for (const match of matches) {
    const entry = first.get(match.term);
    if (!entry) continue;
    const counts = options.frequency?.(match.term, entry[1]) ?? { documents: entry[1], documentCount };
    const weight = Math.max(1, Math.round(WEIGHT_UNITS * match.closeness * inverseFrequency(counts.documents, counts.documentCount)));
    const later = entry[2];
    lists.push({
      weight,
      word: match.word,
      chunks: 1 + later.length,
      chunk: (n) => (n === 0 ? entry[3] : (reader.postings(later[n - 1]!).find((other) => other[0] === match.term)?.[3] ?? [])),
    });
  }
  return topHits(lists, k, options.exclude);
}

/** One segment of an index searched with others: its reader, what its document numbers become, and what is deleted. */
export interface SearchSegment {
  reader: SearchReader;
  /** Added to the segment's document numbers to give the hits' ones. */
  offset: number;
  /** Documents left out, by the segment's own number (replaced or removed since it was written). */
  exclude?: (id: number) => boolean;
}

/**
 * Runs a query on several segments as on one index (a base and the delta beside it): the query words are
 * matched against the union of their dictionaries (so a word of one segment is a word for all; a term only
 * left-out documents hold is not in it), each term
 * weighs its documents across segments (counted in every segment's statistics, deleted documents
 * included until the segments are merged), and the hits of all segments are ranked together (see
 * {@link topHits}); the segments must have been built with the same average field lengths.
 */
export function searchSegments(segments: readonly SearchSegment[], query: string, limit: number, locale?: string): SearchHit[] {
  const documentCount = segments.reduce((total, segment) => total + segment.reader.meta().documentCount, 0);
  const large = documentCount > LARGE_SEARCH;
  // Term -> its first chunk's bucket in each segment that holds it.
  const buckets = new Map<string, Array<number | undefined>>();
  const union: SearchReader = {
    meta: () => ({ ...segments[0]!.reader.meta(), documentCount }),
    dictionary: (shard, pieces) => {
      const found = new Set<string>();
      segments.forEach((segment, n) => {
        const own = segment.reader.meta().documentCount > LARGE_SEARCH;
        const shards = own ? (large ? [shard] : Array.from({ length: SEARCH_SHARDS }, (_, s) => s)) : [0];
        for (const at of shards) {
          for (const [term, bucket] of segment.reader.dictionary(at, pieces)) {
            if (large && !own && searchShardOf(term) !== shard) continue;
            if (segment.exclude && !holdsLive(segment, term, bucket)) continue;
            let list = buckets.get(term);
            if (!list) buckets.set(term, (list = []));
            list[n] = bucket;
            found.add(term);
          }
        }
      });
      // The bucket is the segments' own: each term's are kept aside.
      return [...found].map((term): [string, number] => [term, 0]);
    },
    postings: () => [],
  };
  const words = queryTerms(query).length;
  const matches = matchTerms(union, query, locale);
  const lists: RankedList[] = [];
  for (const match of matches) {
    const entries = segments.map((segment, n) => {
      const bucket = buckets.get(match.term)?.[n];
      return bucket === undefined ? undefined : segment.reader.postings(bucket).find((entry) => entry[0] === match.term);
    });
    const documents = entries.reduce((total, entry) => total + (entry?.[1] ?? 0), 0);
    if (documents === 0) continue;
    const weight = Math.max(1, Math.round(WEIGHT_UNITS * match.closeness * inverseFrequency(documents, documentCount)));
    entries.forEach((entry, n) => {
      if (!entry) return;
      const { reader, offset } = segments[n]!;
      const shift = (flat: readonly number[]): readonly number[] => (offset === 0 ? flat : flat.map((value, i) => (i % 3 === 0 ? value + offset : value)));
      const later = entry[2];
      lists.push({
        weight,
        word: match.word,
        chunks: 1 + later.length,
        chunk: (c) => shift(c === 0 ? entry[3] : (reader.postings(later[c - 1]!).find((other) => other[0] === match.term)?.[3] ?? [])),
      });
    });
  }
  const exclude = (id: number): boolean => {
    for (let n = segments.length - 1; n >= 0; n--) {
      const segment = segments[n]!;
      if (id >= segment.offset) return segment.exclude?.(id - segment.offset) ?? false;
    }
    return false;
  };
  return topHits(lists, limit, exclude).map((hit) => toSearchHit(hit, words));
}

/**
 * True when a term of a segment is held by a document not left out: a term only deleted documents held is
 * no longer a word of the index (a query word is then matched as a full rebuild would match it). Reads the
 * term's chunks until it meets such a document: most often its first posting.
 */
function holdsLive(segment: SearchSegment, term: string, bucket: number): boolean {
  const first = segment.reader.postings(bucket).find((entry) => entry[0] === term);
  if (!first) return false;
  const chunks = [() => first[3], ...first[2].map((later) => () => segment.reader.postings(later).find((entry) => entry[0] === term)?.[3] ?? [])];
  for (const chunk of chunks) {
    const flat = chunk();
    for (let i = 0; i < flat.length; i += 3) if (!segment.exclude!(flat[i]!)) return true;
  }
  return false;
}

/** A ranked hit as search results give it (see {@link searchStored}). */
function toSearchHit(hit: RankedHit, words: number): SearchHit {
  // The query's words, without the bit of the whole title (see matchTerms).
  const titleWords = hit.titleWords % 2 ** words;
  return { id: hit.id, score: hit.score / (IMPACT_UNITS * WEIGHT_UNITS * WEIGHT_UNITS), titleHit: titleWords > 0 && countBits(titleWords) * 2 >= words };
}

/**
 * Runs a query on a stored search index: its best `limit` documents, best first (see {@link searchSegment}).
 * A hit's title answers the query when the title holds at least half the query's words.
 * @example searchStored(reader, "closure", 10) // [{ id: 12, score: 31.2, titleHit: true }, ...]
 */
export function searchStored(reader: SearchReader, query: string, limit: number, locale?: string): SearchHit[] {
  const words = queryTerms(query).length;
  return searchSegment(reader, query, limit, locale === undefined ? {} : { locale }).map((hit) => toSearchHit(hit, words));
}

/** The text of a body as searched: the expanded Markdown without link destinations. */
export function searchableBody(markdown: string): string {
  return markdown.replace(/\]\((?:<[^>]*>|[^)\s]*)(?:\s+"[^"]*")?\)/g, "]").replace(/<https?:[^>]*>/g, " ");
}
