// Builds the stored search index of a segment (search.ts reads it): each document's terms counted (worker
// threads count those of a large source), then each term's postings ordered by impact and cut into chunks.

import { IMPACT_UNITS, LARGE_SEARCH, SEARCH_FIELDS, type SearchDocument, type SearchMeta, type StoredPostings, type StoredSearch, processTerm, searchShardOf, titleKey, tokenize } from "./search.js";
import { stemmerFor } from "./stemmers.js";

/** How much a match in each field weighs: title and summary (the definition itself) above the body. */
export const FIELD_BOOSTS: readonly number[] = [3, 2, 1];
/** BM25's saturation of repeated words, and how much a long field is discounted. */
export const K1 = 1.2;
export const LENGTH_NORMALISATION = 0.75;
/** The largest impact a posting can have (BM25F saturates below `K1 + 1`), in {@link IMPACT_UNITS}. */
const MOST_IMPACT = Math.ceil((K1 + 1) * IMPACT_UNITS);
/** Terms per hashed posting bucket, on average. */
const TERMS_PER_BUCKET = 16;
/** Postings in a term's first chunk; each later chunk holds this many times more than the one before. */
export const FIRST_CHUNK = 256;
export const CHUNK_GROWTH = 4;
/**
 * In a large index, a word in more than this share of the bodies is searched in titles and summaries only:
 * such a word weighs almost nothing in a body, and its body postings would be most of the index's size.
 */
export const COMMON_BODY_SHARE = 0.05;
/** A term's frequency in each field is packed in this many bits (the field's id times this from the lowest). */
const FREQUENCY_BITS = 10;
/** The highest frequency counted in a field. */
const MOST_FREQUENT = 2 ** FREQUENCY_BITS - 1;
const FIELD_COUNT = SEARCH_FIELDS.length;
const BODY = FIELD_COUNT - 1;

/** A document's terms as a {@link TermCounter} counted them. */
export interface CountedTerms {
  /**
   * Flat `term number, frequencies` pairs, in the order the document first holds each term; a term's
   * frequency in each field ({@link SEARCH_FIELDS}) takes 10 bits, the title's the lowest.
   */
  pairs: Uint32Array;
  /** How many words each field has. */
  lengths: number[];
}

/** A document counted by a counter whose {@link TermCounter.terms} are `dictionary` (shared by its documents). */
export interface CountedDocument extends CountedTerms {
  dictionary: readonly string[];
}

/** A document of a segment: counted already, or whole (its `id` then says where it is, from 0). */
export type SearchSource = SearchDocument | CountedDocument;

/** At most this many words as written are kept with their term for each locale: a text repeats its words. */
const KEPT_WORDS = 500_000;

/**
 * Counts the terms of documents (see {@link CountedTerms}), numbering each term the first time it meets
 * one: a worker thread counts the documents of its pages with one, and the builder only maps its numbers.
 */
export class TermCounter {
  /** The terms met, by number. */
  readonly terms: string[] = [];
  readonly #numbers = new Map<string, number>();
  /** By locale, each word as written with its term's number (-1: none). */
  readonly #words = new Map<string, Map<string, number>>();
  /** Where each term's pair is in the document being counted, or -1. */
  #slots = new Int32Array(1024).fill(-1);
  readonly #pairs: number[] = [];

  /**
   * Counts a document's terms: each field cut into words, folded and stemmed in its language (the title's
   * words, then those of its other names it does not hold), and each whole name as one term (see titleKey).
   */
  count(document: Omit<SearchDocument, "id">): CountedTerms {
    const words = this.#wordsOf(document.locale);
    const stem = stemmerFor(document.locale);
    const termOf = (word: string): number => {
      let number = words.get(word);
      if (number === undefined) {
        const folded = processTerm(word);
        number = folded === null ? -1 : this.#number(stem(folded));
        if (words.size < KEPT_WORDS) words.set(word, number);
      }
      return number;
    };
    const pairs = this.#pairs;
    pairs.length = 0;
    const lengths = SEARCH_FIELDS.map(() => 0);
    const add = (term: number, field: number): void => {
      let at = this.#slots[term]!;
      if (at < 0) {
        at = pairs.length;
        this.#slots[term] = at;
        pairs.push(term, 0);
      }
      const shift = FREQUENCY_BITS * field;
      if (((pairs[at + 1]! >>> shift) & MOST_FREQUENT) < MOST_FREQUENT) pairs[at + 1]! += 2 ** shift;
      lengths[field]!++;
    };
    for (const word of tokenize(document.title)) {
      const term = termOf(word);
      if (term >= 0) add(term, 0);
    }
    // The words of the other names count as title words, once each: only the title's terms are held yet.
    const names = document.names ?? [];
    for (const name of names) {
      for (const word of tokenize(name)) {
        const term = termOf(word);
        if (term >= 0 && this.#slots[term]! < 0) add(term, 0);
      }
    }
    for (let field = 1; field < FIELD_COUNT; field++) {
      for (const word of tokenize(document[SEARCH_FIELDS[field]!])) {
        const term = termOf(word);
        if (term >= 0) add(term, field);
      }
    }
    // The whole title, and each name it gives, as one term: a query naming the entry finds it above the
    // entries that merely hold its words.
    for (const name of [document.title, ...names]) {
      const key = titleKey(tokenize(name).flatMap((word) => {
        const term = termOf(word);
        return term < 0 ? [] : [this.terms[term]!];
      }));
      if (key === null) continue;
      const term = this.#number(key);
      if (this.#slots[term]! < 0) {
        this.#slots[term] = pairs.length;
        pairs.push(term, 1);
      }
    }
    for (let i = 0; i < pairs.length; i += 2) this.#slots[pairs[i]!] = -1;
    return { pairs: Uint32Array.from(pairs), lengths };
  }

  #wordsOf(locale: string): Map<string, number> {
    let words = this.#words.get(locale);
    if (!words) this.#words.set(locale, (words = new Map()));
    return words;
  }

  #number(term: string): number {
    let number = this.#numbers.get(term);
    if (number === undefined) {
      number = this.terms.length;
      this.terms.push(term);
      this.#numbers.set(term, number);
      if (number >= this.#slots.length) {
        const slots = new Int32Array(this.#slots.length * 2).fill(-1);
        slots.set(this.#slots);
        this.#slots = slots;
      }
    }
    return number;
  }
}

/** Statistics a segment may be built with instead of its own (a small segment beside a large one). */
export interface SegmentStatistics {
  averageFieldLength: readonly number[];
}

/** Where a segment's postings go as they are built (see {@link StoredSearch}). */
export interface PostingsSink {
  /**
   * A chunk of a term's postings for a bucket, as flat `document, impact, field bits` triples (a view
   * valid during the call only); `alone` when the bucket holds this chunk and no other. The chunks of a
   * bucket that several terms share come one after another, before any chunk alone in its bucket.
   */
  add(bucket: number, alone: boolean, term: string, documents: number, later: readonly number[], triples: Uint32Array): void;
}

/** A segment built: its statistics and its dictionary (its postings went to a {@link PostingsSink}). */
export interface BuiltSegment {
  meta: SearchMeta;
  dictionary: Map<number, Array<[string, number]>>;
}

/**
 * Builds the stored search index of documents (one segment: ids from 0, in order), its postings given to
 * `sink` term by term. A document's impact for a term is BM25's weight of the term in each field (saturated
 * by repetition, discounted by the field's length against the average), boosted by field and summed.
 * `statistics` gives the average field lengths to use (by default, the documents' own).
 */
export function buildSearchSegment(documents: readonly SearchSource[], sink: PostingsSink, statistics?: SegmentStatistics): BuiltSegment {
  return segmentOfPostings(gatherPostings(documents), sink, statistics);
}

/**
 * The postings of a segment's documents, by term, before they are weighed: all a segment needs of its
 * documents (which can be let go once these are gathered).
 */
export interface GatheredPostings {
  count: number;
  /** The terms, numbered in the order the documents first hold them. */
  terms: string[];
  /** Where each term's postings start (and, one further, where the last ends). */
  starts: Uint32Array;
  /** By posting, its document and its frequencies in each field (packed as in {@link CountedTerms}). */
  postingDocuments: Uint32Array;
  postingFrequencies: Uint32Array;
  /** By document, its fields' lengths; and their sums by field. */
  lengths: Float64Array;
  totals: number[];
}

/** Gathers the postings of documents (see {@link GatheredPostings}), counting those not counted yet. */
export function gatherPostings(documents: readonly SearchSource[]): GatheredPostings {
  const count = documents.length;
  const counter = new TermCounter();
  const counted = documents.map((document, id): CountedDocument => {
    if ("pairs" in document) return document;
    if (document.id !== id) throw new Error(`search document ${document.id} stored as ${id}`);
    return { ...counter.count(document), dictionary: counter.terms };
  });
  // The terms, numbered in the order the documents first hold them; each document's numbers mapped to these.
  const terms: string[] = [];
  const numbers = new Map<string, number>();
  const mappings = new Map<readonly string[], Int32Array>();
  const mappingOf = (dictionary: readonly string[]): Int32Array => {
    let mapping = mappings.get(dictionary);
    if (!mapping) mappings.set(dictionary, (mapping = new Int32Array(dictionary.length).fill(-1)));
    return mapping;
  };
  let held = new Uint32Array(1024);
  let total = 0;
  const lengths = new Float64Array(count * FIELD_COUNT);
  const totals = SEARCH_FIELDS.map(() => 0);
  counted.forEach((document, id) => {
    const mapping = mappingOf(document.dictionary);
    const pairs = document.pairs;
    for (let i = 0; i < pairs.length; i += 2) {
      let number = mapping[pairs[i]!]!;
      if (number < 0) {
        const term = document.dictionary[pairs[i]!]!;
        number = numbers.get(term) ?? -1;
        if (number < 0) {
          number = terms.length;
          terms.push(term);
          numbers.set(term, number);
          if (number >= held.length) {
            const grown = new Uint32Array(held.length * 2);
            grown.set(held);
            held = grown;
          }
        }
        mapping[pairs[i]!] = number;
      }
      held[number]!++;
    }
    total += pairs.length / 2;
    for (let field = 0; field < FIELD_COUNT; field++) {
      lengths[id * FIELD_COUNT + field] = document.lengths[field]!;
      totals[field]! += document.lengths[field]!;
    }
  });
  // Each term's postings together, by document.
  const starts = new Uint32Array(terms.length + 1);
  for (let number = 0; number < terms.length; number++) starts[number + 1] = starts[number]! + held[number]!;
  const next = starts.slice(0, terms.length);
  const postingDocuments = new Uint32Array(total);
  const postingFrequencies = new Uint32Array(total);
  counted.forEach((document, id) => {
    const mapping = mappings.get(document.dictionary)!;
    const pairs = document.pairs;
    for (let i = 0; i < pairs.length; i += 2) {
      const at = next[mapping[pairs[i]!]!]!++;
      postingDocuments[at] = id;
      postingFrequencies[at] = pairs[i + 1]!;
    }
  });

  return { count, terms, starts, postingDocuments, postingFrequencies, lengths, totals };
}

/** Builds a segment from its gathered postings (see {@link buildSearchSegment}). */
export function segmentOfPostings(gathered: GatheredPostings, sink: PostingsSink, statistics?: SegmentStatistics): BuiltSegment {
  const { count, terms, starts, postingDocuments, postingFrequencies, lengths, totals } = gathered;
  const averageFieldLength = statistics ? [...statistics.averageFieldLength] : totals.map((sum) => (count === 0 ? 0 : sum / count));
  const meta: SearchMeta = { documentCount: count, averageFieldLength, buckets: Math.max(1, Math.ceil(terms.length / TERMS_PER_BUCKET)) };
  const dictionary = new Map<number, Array<[string, number]>>();

  // First, in term order, how many postings each term keeps (those with a field searched), hence its chunks
  // and its buckets: the first chunk in the term's hashed bucket unless there are more; every other chunk in
  // a bucket of its own, numbered in term order after the hashed ones.
  const fieldsUsed = new Uint8Array(terms.length);
  const kept = new Uint32Array(terms.length);
  const firstBucket = new Uint32Array(terms.length);
  const chunks = new Uint32Array(terms.length);
  const sharing = new Uint32Array(meta.buckets + 1);
  let solo = meta.buckets;
  let most = 0;
  for (let number = 0; number < terms.length; number++) {
    const from = starts[number]!;
    const to = starts[number + 1]!;
    // In a large index, a word in many bodies is searched in titles and summaries only (see COMMON_BODY_SHARE).
    let bodies = 0;
    for (let at = from; at < to; at++) if (postingFrequencies[at]! >>> (FREQUENCY_BITS * BODY) > 0) bodies++;
    const used = count > LARGE_SEARCH && bodies > count * COMMON_BODY_SHARE ? FIELD_COUNT - 1 : FIELD_COUNT;
    const searched = 2 ** (FREQUENCY_BITS * used) - 1;
    let size = 0;
    for (let at = from; at < to; at++) if ((postingFrequencies[at]! & searched) !== 0) size++;
    if (size === 0) continue;
    fieldsUsed[number] = used;
    kept[number] = size;
    most = Math.max(most, size);
    const pieces = chunkBounds(size).length - 1;
    chunks[number] = pieces;
    const term = terms[number]!;
    if (pieces > 1) {
      firstBucket[number] = solo;
      solo += pieces;
    } else {
      firstBucket[number] = termBucket(term, meta.buckets);
      sharing[firstBucket[number]! + 1]!++;
    }
    // A small index is searched through all its terms: one dictionary shard, read at once.
    const shard = count > LARGE_SEARCH ? searchShardOf(term) : 0;
    const list = dictionary.get(shard);
    if (list) list.push([term, firstBucket[number]!]);
    else dictionary.set(shard, [[term, firstBucket[number]!]]);
  }

  const impacts = new Uint32Array(most);
  const fieldBits = new Uint8Array(most);
  const ids = new Uint32Array(most);
  const triples = new Uint32Array(most * 3);
  const byImpact = new Uint32Array(MOST_IMPACT + 2);
  /** Gives the sink a term's postings, by falling impact, in its chunks. */
  const give = (number: number): void => {
    const from = starts[number]!;
    const to = starts[number + 1]!;
    const used = fieldsUsed[number]!;
    let size = 0;
    for (let at = from; at < to; at++) {
      const id = postingDocuments[at]!;
      let weighted = 0;
      let fields = 0;
      for (let field = 0; field < used; field++) {
        const frequency = (postingFrequencies[at]! >>> (FREQUENCY_BITS * field)) & MOST_FREQUENT;
        if (frequency === 0) continue;
        fields += 2 ** field;
        const relative = averageFieldLength[field]! > 0 ? lengths[id * FIELD_COUNT + field]! / averageFieldLength[field]! : 1;
        weighted += (FIELD_BOOSTS[field]! * frequency) / (1 - LENGTH_NORMALISATION + LENGTH_NORMALISATION * relative);
      }
      if (fields === 0) continue;
      // BM25F: the fields' boosted, length-normalised frequencies summed, then saturated once.
      const impact = ((K1 + 1) * weighted) / (K1 + weighted);
      ids[size] = id;
      impacts[size] = Math.max(1, Math.round(impact * IMPACT_UNITS));
      fieldBits[size] = fields;
      size++;
    }
    // The scratch arrays are as long as the most postings a term keeps, counted above.
    if (size !== kept[number]) throw new Error(`term ${number} kept ${size} postings, counted ${kept[number]}`);
    // By falling impact, ties by document (the postings are by document): a counting sort, impacts being few.
    byImpact.fill(0);
    for (let n = 0; n < size; n++) byImpact[MOST_IMPACT - impacts[n]!]!++;
    for (let impact = 0, start = 0; impact <= MOST_IMPACT; impact++) {
      const postings = byImpact[impact]!;
      byImpact[impact] = start;
      start += postings;
    }
    for (let n = 0; n < size; n++) {
      const at = 3 * byImpact[MOST_IMPACT - impacts[n]!]!++;
      triples[at] = ids[n]!;
      triples[at + 1] = impacts[n]!;
      triples[at + 2] = fieldBits[n]!;
    }
    const bounds = chunkBounds(size);
    const alone = bounds.length > 2;
    const first = firstBucket[number]!;
    const later = bounds.slice(2).map((_, n) => first + 1 + n);
    const term = terms[number]!;
    sink.add(first, alone, term, size, later, triples.subarray(0, 3 * bounds[1]!));
    later.forEach((bucket, n) => sink.add(bucket, true, term, size, [], triples.subarray(3 * bounds[n + 1]!, 3 * bounds[n + 2]!)));
  };
  // The terms sharing hashed buckets, bucket by bucket (in term order within one): a sink can write each
  // bucket as soon as it has it, rather than hold them all. Then the terms with buckets of their own.
  for (let bucket = 0; bucket < meta.buckets; bucket++) sharing[bucket + 1]! += sharing[bucket]!;
  const byBucket = new Uint32Array(sharing[meta.buckets]!);
  const placed = sharing.slice(0, meta.buckets);
  for (let number = 0; number < terms.length; number++) if (kept[number]! > 0 && chunks[number] === 1) byBucket[placed[firstBucket[number]!]!++] = number;
  for (const number of byBucket) give(number);
  for (let number = 0; number < terms.length; number++) if (chunks[number]! > 1) give(number);
  return { meta, dictionary };
}

/**
 * The stored search index of documents held in memory (see {@link buildSearchSegment}), for a source read
 * without a cache and for tests.
 */
export function buildStoredSearch(documents: readonly SearchSource[], statistics?: SegmentStatistics): StoredSearch {
  const postings = new Map<number, StoredPostings[]>();
  const { meta, dictionary } = buildSearchSegment(
    documents,
    {
      add: (bucket, _alone, term, count, later, triples) => {
        const entry: StoredPostings = [term, count, [...later], Array.from(triples)];
        const list = postings.get(bucket);
        if (list) list.push(entry);
        else postings.set(bucket, [entry]);
      },
    },
    statistics,
  );
  return { meta, dictionary, postings };
}

/** Where the chunks of `size` postings start, and where the last ends. */
function chunkBounds(size: number): number[] {
  const bounds = [0];
  for (let end = 0, chunk = FIRST_CHUNK; end < size; chunk *= CHUNK_GROWTH) bounds.push((end = Math.min(size, end + chunk)));
  return bounds;
}

/** The posting bucket of a term. */
export function termBucket(term: string, buckets: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < term.length; i++) hash = Math.imul(hash ^ term.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % buckets;
}
