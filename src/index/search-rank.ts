// Top-k ranking over impact-ordered postings: reads each term's best postings first and stops as soon as no
// unread posting can change the top results (the threshold algorithm without random access), so a query of
// common words reads and scores a small part of their postings.

/**
 * One term's postings as the ranking reads them: chunks of flat `document, impact, fields` triples, the
 * postings in order of falling impact (ties by document) across chunks, chunk 0 the best.
 */
export interface RankedList {
  /** What one impact of this list is worth (a positive integer: scores are sums of integers, exact in any order). */
  weight: number;
  /** Which query word the list answers (0-31): hits tell which words matched their title. */
  word: number;
  /** How many chunks the list has. */
  chunks: number;
  /** Reads chunk `n` (0 <= n < chunks). */
  chunk(n: number): readonly number[];
}

/**
 * A document's score in a query: the sum of weight x impact over the lists holding it, times the summed
 * weights of the query words it matched (coordination: a document matching more of the query ranks higher,
 * and matching a rare word counts for more than matching a common one); which words it matched (bit n for
 * word n), and which matched its title.
 */
export interface RankedHit {
  id: number;
  score: number;
  /** The sum of weight x impact alone. */
  sum: number;
  words: number;
  titleWords: number;
}

/** The field bit of a title in a posting's `fields`. */
export const TITLE_FIELD_BIT = 1;

/** The order of results: higher score first, then lower document number. */
export function compareHits(a: RankedHit, b: RankedHit): number {
  return b.score - a.score || a.id - b.id;
}

/** The number of bits set in a non-negative integer below 2^32. */
export function countBits(value: number): number {
  let count = 0;
  for (let rest = value; rest > 0; rest = Math.floor(rest / 2)) count += rest % 2;
  return count;
}

/**
 * What matching each query word adds to a document's coordination: the largest weight of its lists (a rare
 * word, or the word itself rather than a word it starts, weighs more), by word.
 */
function wordWeights(lists: readonly RankedList[]): number[] {
  const weights: number[] = [];
  for (const list of lists) weights[list.word] = Math.max(weights[list.word] ?? 0, list.weight);
  return weights;
}

/** The coordination of a set of matched words (bit n for word n): the sum of their weights. */
export function coordination(words: number, weights: readonly number[]): number {
  let total = 0;
  for (let word = 0, rest = words; rest > 0; word++, rest = Math.floor(rest / 2)) if (rest % 2 === 1) total += weights[word] ?? 0;
  return total;
}

interface ListState {
  list: RankedList;
  /** The list's query word, as a bit. */
  wordBit: number;
  /** Chunks read so far. */
  read: number;
  /** The most any unread posting of the list can add to a sum (0 once the list is read whole). */
  bound: number;
  /** Documents met in the list so far. */
  seen: Set<number>;
}

function listState(list: RankedList): ListState {
  return { list, wordBit: 2 ** list.word, read: 0, bound: Infinity, seen: new Set<number>() };
}

function readChunk(state: ListState, hits: Map<number, RankedHit>, weights: readonly number[], exclude: ((id: number) => boolean) | undefined): void {
  const { list, wordBit } = state;
  const flat = list.chunk(state.read++);
  let last = 0;
  for (let i = 0; i + 2 < flat.length; i += 3) {
    const id = flat[i]!;
    last = flat[i + 1]!;
    state.seen.add(id);
    if (exclude?.(id)) continue;
    let hit = hits.get(id);
    if (!hit) hits.set(id, (hit = { id, score: 0, sum: 0, words: 0, titleWords: 0 }));
    hit.sum += list.weight * last;
    if ((hit.words & wordBit) === 0) hit.words += wordBit;
    if ((flat[i + 2]! & TITLE_FIELD_BIT) !== 0 && (hit.titleWords & wordBit) === 0) hit.titleWords += wordBit;
    hit.score = hit.sum * coordination(hit.words, weights);
  }
  state.bound = state.read >= list.chunks ? 0 : list.weight * last;
}

/** The most a document's score can reach: its sum with the bounds of the open lists it was not met in, times the words it could then match. */
function bestScore(hit: RankedHit | null, open: readonly ListState[], weights: readonly number[]): number {
  let sum = hit?.sum ?? 0;
  let words = hit?.words ?? 0;
  for (const state of open) {
    if (hit && state.seen.has(hit.id)) continue;
    sum += state.bound;
    if ((words & state.wordBit) === 0) words += state.wordBit;
  }
  return sum * coordination(words, weights);
}

/**
 * True when the best `k` hits so far are the best `k` of all: each of them has its whole score (it was met
 * in every list not yet read whole), and no other document, met or not, can reach the last of them.
 */
function settled(ranked: readonly RankedHit[], open: readonly ListState[], k: number, weights: readonly number[]): boolean {
  if (ranked.length < k) return false;
  const last = ranked[k - 1]!;
  if (bestScore(null, open, weights) >= last.score) return false;
  for (let n = 0; n < k; n++) for (const state of open) if (!state.seen.has(ranked[n]!.id)) return false;
  for (let n = k; n < ranked.length; n++) {
    const hit = ranked[n]!;
    const best = bestScore(hit, open, weights);
    if (best > last.score || (best === last.score && hit.id < last.id)) return false;
  }
  return true;
}

/**
 * The best `k` documents for the lists (see {@link RankedHit} for the score), the same as scoring every
 * posting gives, reading chunks only until the top `k` is certain: first chunk 0 of every list, then the next
 * chunk of the list whose unread postings could add the most. Documents for which `exclude` is true
 * (deleted ones) are not ranked.
 */
export function topHits(lists: readonly RankedList[], k: number, exclude?: (id: number) => boolean): RankedHit[] {
  if (k <= 0) return [];
  const states = lists.filter((list) => list.chunks > 0).map(listState);
  const hits = new Map<number, RankedHit>();
  const weights = wordWeights(lists);
  for (const state of states) readChunk(state, hits, weights, exclude);
  for (;;) {
    const open = states.filter((state) => state.read < state.list.chunks);
    const ranked = [...hits.values()].sort(compareHits);
    if (open.length === 0 || settled(ranked, open, k, weights)) return ranked.slice(0, k);
    const next = open.reduce((best, state) => (state.bound > best.bound ? state : best));
    readChunk(next, hits, weights, exclude);
  }
}
