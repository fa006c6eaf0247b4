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
  for (let rest = value >>> 0; rest !== 0; rest = (rest & (rest - 1)) >>> 0) count++;
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
  // Each set bit, lowest first: its word is its position.
  for (let rest = words >>> 0; rest !== 0; rest = (rest & (rest - 1)) >>> 0) total += weights[31 - Math.clz32(rest & -rest)] ?? 0;
  return total;
}

/** One list as the ranking reads it: its chunks read so far and what its unread postings can add. */
interface ListState {
  list: RankedList;
  /** The list's place among the lists read: its bit in a document's `met` bits. */
  place: number;
  /** The list's query word, as a bit. */
  wordBit: number;
  /** What matching the list's word adds to coordination. */
  wordWeight: number;
  /** Chunks read so far. */
  read: number;
  /** The most any unread posting of the list can add to a sum (0 once the list is read whole). */
  bound: number;
}

/**
 * The documents met so far, in typed arrays by slot (the order they were met in), so that scoring a
 * posting allocates nothing: each one's sum, matched words and their coordination, title words, and the
 * lists it was met in (one bit a list, `stride` 32-bit words a document).
 */
class MetDocuments {
  readonly stride: number;
  count = 0;
  /** The largest sum so far: no score is above it times the coordination of every word. */
  largestSum = 0;
  /** A document's slot plus one, by document number (0: not met). */
  slotOf: Int32Array = new Int32Array(0);
  ids: Int32Array = new Int32Array(0);
  sums: Float64Array = new Float64Array(0);
  coordinations: Float64Array = new Float64Array(0);
  words: Uint32Array = new Uint32Array(0);
  titleWords: Uint32Array = new Uint32Array(0);
  met: Uint32Array;

  constructor(lists: number) {
    this.stride = Math.max(1, Math.ceil(lists / 32));
    this.met = new Uint32Array(0);
  }

  /** Makes room for `more` documents beyond those met, and for document numbers up to `largestId`. */
  reserve(more: number, largestId: number): void {
    if (largestId >= this.slotOf.length) this.slotOf = grown(this.slotOf, this.slotOf.length === 0 ? largestId + 1 : Math.max(largestId + 1, 2 * this.slotOf.length));
    if (this.count + more <= this.ids.length) return;
    const size = Math.max(this.count + more, 2 * this.ids.length);
    this.ids = grown(this.ids, size);
    this.sums = grown(this.sums, size);
    this.coordinations = grown(this.coordinations, size);
    this.words = grown(this.words, size);
    this.titleWords = grown(this.titleWords, size);
    this.met = grown(this.met, size * this.stride);
  }

  score(slot: number): number {
    return this.sums[slot]! * this.coordinations[slot]!;
  }

  hit(slot: number): RankedHit {
    return { id: this.ids[slot]!, score: this.score(slot), sum: this.sums[slot]!, words: this.words[slot]!, titleWords: this.titleWords[slot]! };
  }
}

function grown<T extends Int32Array | Uint32Array | Float64Array>(array: T, size: number): T {
  const larger = new (array.constructor as new (size: number) => T)(size);
  larger.set(array);
  return larger;
}

/**
 * Adds the next chunk of a list to the sums of the documents it holds: with `onlyMet`, of the documents met
 * already (once no other can reach the top k), otherwise of every one, met or not, but those for which
 * `exclude` is true. Returns how many postings the chunk held.
 */
function scoreChunk(state: ListState, documents: MetDocuments, onlyMet: boolean, exclude: ((id: number) => boolean) | undefined): number {
  const flat = state.list.chunk(state.read++);
  const postings = Math.floor(flat.length / 3);
  let largestId = 0;
  for (let i = 0; i < 3 * postings; i += 3) if (flat[i]! > largestId) largestId = flat[i]!;
  documents.reserve(onlyMet ? 0 : postings, largestId);
  const { slotOf, ids, sums, coordinations, words, titleWords, met, stride } = documents;
  const { wordBit, wordWeight } = state;
  const weight = state.list.weight;
  const metAt = state.place >>> 5;
  const metBit = 1 << (state.place & 31);
  let count = documents.count;
  let largestSum = documents.largestSum;
  let impact = 0;
  for (let i = 0; i < 3 * postings; i += 3) {
    const id = flat[i]!;
    impact = flat[i + 1]!;
    let slot = slotOf[id]! - 1;
    if (slot < 0) {
      if (onlyMet || (exclude !== undefined && exclude(id))) continue;
      slot = count++;
      ids[slot] = id;
      slotOf[id] = slot + 1;
    }
    const sum = sums[slot]! + weight * impact;
    sums[slot] = sum;
    if (sum > largestSum) largestSum = sum;
    const matched = words[slot]!;
    if ((matched & wordBit) === 0) {
      words[slot] = matched | wordBit;
      coordinations[slot] = coordinations[slot]! + wordWeight;
    }
    if ((flat[i + 2]! & TITLE_FIELD_BIT) !== 0) titleWords[slot] = titleWords[slot]! | wordBit;
    met[slot * stride + metAt] = met[slot * stride + metAt]! | metBit;
  }
  documents.count = count;
  documents.largestSum = largestSum;
  state.bound = state.read >= state.list.chunks ? 0 : weight * impact;
  return postings;
}

/**
 * The best `k` documents met by their scores so far (ties to the lower document number), best first, in
 * one pass that keeps them in order. `atLeast` is a floor found before (at least k scores reach it), so
 * that most documents are passed over at one comparison.
 */
function bestSlots(documents: MetDocuments, k: number, atLeast: number): number[] {
  const { sums, coordinations, ids } = documents;
  const best: number[] = [];
  const scores: number[] = [];
  let least = atLeast;
  for (let slot = 0; slot < documents.count; slot++) {
    const score = sums[slot]! * coordinations[slot]!;
    if (score < least || (best.length === k && score === least && ids[slot]! > ids[best[k - 1]!]!)) continue;
    let at = best.length === k ? k - 1 : best.length;
    for (; at > 0 && (scores[at - 1]! < score || (scores[at - 1] === score && ids[best[at - 1]!]! > ids[slot]!)); at--) {
      best[at] = best[at - 1]!;
      scores[at] = scores[at - 1]!;
    }
    best[at] = slot;
    scores[at] = score;
    if (best.length === k) least = scores[k - 1]!;
  }
  return best;
}

/**
 * True when the best `k` documents so far are the best `k` of all, given `floor`, the k-th best score so far:
 * every document at or above it was met in every open list (its score is whole), and every other one, with
 * the bounds of the open lists it was not met in (and the coordination of their words), stays below it.
 */
function settled(documents: MetDocuments, floor: number, open: readonly ListState[], weights: readonly number[]): boolean {
  const { sums, coordinations, words, met, stride } = documents;
  // The open lists by place: which are open, and each one's bound and word.
  const openBits = new Uint32Array(stride);
  const boundAt = new Float64Array(32 * stride);
  const wordAt = new Uint32Array(32 * stride);
  for (const state of open) {
    openBits[state.place >>> 5] = openBits[state.place >>> 5]! | (1 << (state.place & 31));
    boundAt[state.place] = state.bound;
    wordAt[state.place] = state.wordBit;
  }
  for (let slot = 0; slot < documents.count; slot++) {
    const sum = sums[slot]!;
    const score = sum * coordinations[slot]!;
    let extra = 0;
    let extraWords = 0;
    for (let at = 0; at < stride; at++) {
      for (let unmet = (openBits[at]! & ~met[slot * stride + at]!) >>> 0; unmet !== 0; unmet = (unmet & (unmet - 1)) >>> 0) {
        if (score >= floor) return false;
        const place = 32 * at + 31 - Math.clz32(unmet & -unmet);
        extra += boundAt[place]!;
        extraWords |= wordAt[place]!;
      }
    }
    if (score >= floor || extra === 0) continue;
    const added = (extraWords & ~words[slot]!) >>> 0;
    if ((sum + extra) * (coordinations[slot]! + (added === 0 ? 0 : coordination(added, weights))) >= floor) return false;
  }
  return true;
}

/** The list whose unread postings could add the most (the first such), among `states`. */
function largestBound(states: readonly ListState[]): ListState {
  return states.reduce((best, state) => (state.bound > best.bound ? state : best));
}

/**
 * The best `k` documents for the lists (see {@link RankedHit} for the score), the same as scoring every
 * posting gives, reading chunks only until the top `k` is certain: first chunk 0 of every list, then the
 * next chunk of the list whose unread postings could add the most. The top `k` is certain when each of
 * them has been met in every list not yet read whole (so its score is whole), and no other document, met
 * or not, can reach the k-th even with the most each unread list could add (the impact of its last posting
 * read) and the weights of the words it could still match. That is checked only when it may hold (the
 * most a document not met could reach is below the best score so far times every word's weight) and once
 * as many postings as half the documents met have been read since the last check, so that checking costs
 * no more than reading. Once a check finds that no document not yet met can reach the k-th score, the
 * postings of such documents are passed over. Documents for which `exclude` is true (deleted ones) are not
 * ranked.
 */
export function topHits(lists: readonly RankedList[], k: number, exclude?: (id: number) => boolean): RankedHit[] {
  if (k <= 0) return [];
  const weights = wordWeights(lists);
  const allWords = weights.reduce((total, weight) => total + weight, 0);
  const states: ListState[] = lists
    .filter((list) => list.chunks > 0)
    .map((list, place) => ({ list, place, wordBit: 2 ** list.word, wordWeight: weights[list.word]!, read: 0, bound: Infinity }));
  const documents = new MetDocuments(states.length);
  let readSince = 0;
  for (const state of states) readSince += scoreChunk(state, documents, false, exclude);
  let open = states.filter((state) => state.read < state.list.chunks);
  // The k-th best score at the last check (a floor under the final one), and whether a document not met by
  // then can still reach it.
  let floor = -1;
  let unmetMayReach = true;
  while (open.length > 0) {
    let bounds = 0;
    let openWords = 0;
    for (const state of open) {
      bounds += state.bound;
      openWords |= state.wordBit;
    }
    const unseen = bounds * coordination(openWords, weights);
    if (unseen < documents.largestSum * allWords && 2 * readSince >= documents.count) {
      readSince = 0;
      const best = bestSlots(documents, k, floor);
      floor = best.length < k ? -1 : documents.score(best[k - 1]!);
      if (floor > unseen) {
        unmetMayReach = false;
        if (settled(documents, floor, open, weights)) break;
      }
    }
    readSince += scoreChunk(largestBound(open), documents, !unmetMayReach, exclude);
    open = open.filter((state) => state.read < state.list.chunks);
  }
  return bestSlots(documents, k, floor).map((slot) => documents.hit(slot));
}
