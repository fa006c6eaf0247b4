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
 * lists it was met in (one bit a list, `stride` 32-bit words a document). Beside them, the candidates: the
 * slots whose score has reached a floor under the k-th best score found before (scores only grow, so the
 * best k are always among them), noted as postings are scored, so that finding the best k again passes
 * over them only.
 */
class MetDocuments {
  readonly stride: number;
  count = 0;
  /** A document's slot plus one, by document number (0: not met). */
  slotOf: Int32Array = new Int32Array(0);
  ids: Int32Array = new Int32Array(0);
  /**
   * The largest sum so far: no score is above it times the coordination of every word. It starts as a
   * number that is not a small integer, as it goes on: an object whose field changes kind changes shape, and
   * compiled code made for the old one is thrown away.
   */
  largestSum = -Infinity;
  sums: Float64Array = new Float64Array(0);
  coordinations: Float64Array = new Float64Array(0);
  words: Uint32Array = new Uint32Array(0);
  titleWords: Uint32Array = new Uint32Array(0);
  met: Uint32Array = new Uint32Array(0);
  /** 1 for the slots that are candidates. */
  isCandidate: Uint8Array = new Uint8Array(0);
  /** The candidates' slots (`candidateCount` of them), in no order. */
  candidates: Int32Array = new Int32Array(0);
  candidateCount = 0;

  constructor(lists: number) {
    this.stride = Math.max(1, Math.ceil(lists / 32));
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
    this.isCandidate = grown(this.isCandidate, size);
    this.candidates = grown(this.candidates, size);
  }

  score(slot: number): number {
    return this.sums[slot]! * this.coordinations[slot]!;
  }

  hit(slot: number): RankedHit {
    return { id: this.ids[slot]!, score: this.score(slot), sum: this.sums[slot]!, words: this.words[slot]!, titleWords: this.titleWords[slot]! };
  }

  /** Lets go of the candidates below `least`, the new score they must reach (a floor under the k-th best score). */
  raise(least: number): void {
    const { candidates, isCandidate, sums, coordinations } = this;
    let kept = 0;
    for (let at = 0; at < this.candidateCount; at++) {
      const slot = candidates[at]!;
      if (sums[slot]! * coordinations[slot]! >= least) candidates[kept++] = slot;
      else isCandidate[slot] = 0;
    }
    this.candidateCount = kept;
  }
}

function grown<T extends Int32Array | Uint32Array | Float64Array | Uint8Array>(array: T, size: number): T {
  const larger = new (array.constructor as new (size: number) => T)(size);
  larger.set(array);
  return larger;
}

/**
 * Adds the next chunk of a list to the sums of the documents it holds: with `onlyMet`, of the documents met
 * already (once no other can reach the top k), otherwise of every one, met or not, but those for which
 * `exclude` is true; those whose score reaches `least` become candidates. Returns how many postings the
 * chunk held.
 */
function scoreChunk(state: ListState, documents: MetDocuments, onlyMet: boolean, least: number, exclude: ((id: number) => boolean) | undefined): number {
  const flat = state.list.chunk(state.read++);
  const postings = Math.floor(flat.length / 3);
  if (onlyMet) {
    const kept = metPostings(flat, postings, documents);
    addPostings(kept, kept.length / 3, state, documents, least, exclude);
  } else {
    addPostings(flat, postings, state, documents, least, exclude);
  }
  state.bound = state.read >= state.list.chunks || postings === 0 ? 0 : state.list.weight * flat[3 * postings - 2]!;
  return postings;
}

/**
 * The postings of a chunk that name documents met already: once no other can reach the top k, most
 * postings name none, so the loop that passes over them does nothing else (a loop costs, before it is
 * compiled, as much a turn as it is long).
 */
function metPostings(flat: readonly number[], postings: number, documents: MetDocuments): number[] {
  const { slotOf } = documents;
  // Documents numbered past `slotOf` were never met.
  const known = slotOf.length;
  const kept: number[] = [];
  for (let i = 0; i < 3 * postings; i += 3) {
    const id = flat[i]!;
    if (id < known && slotOf[id] !== 0) kept.push(id, flat[i + 1]!, flat[i + 2]!);
  }
  return kept;
}

/**
 * Adds postings to the documents they name, meeting those not met yet but the excluded ones (see
 * {@link scoreChunk}): the loop every posting scored runs through, kept apart from reading chunks so that
 * what V8 compiles of it stays small.
 */
function addPostings(flat: readonly number[], postings: number, state: ListState, documents: MetDocuments, least: number, exclude: ((id: number) => boolean) | undefined): void {
  let largestId = 0;
  for (let i = 0; i < 3 * postings; i += 3) if (flat[i]! > largestId) largestId = flat[i]!;
  documents.reserve(postings, largestId);
  const { slotOf, ids, sums, coordinations, words, titleWords, met, stride, isCandidate, candidates } = documents;
  const { wordBit, wordWeight } = state;
  const weight = state.list.weight;
  const metAt = state.place >>> 5;
  const metBit = 1 << (state.place & 31);
  let count = documents.count;
  let candidateCount = documents.candidateCount;
  let largestSum = documents.largestSum;
  for (let i = 0; i < 3 * postings; i += 3) {
    const id = flat[i]!;
    let slot = slotOf[id]! - 1;
    if (slot < 0) {
      if (exclude !== undefined && exclude(id)) continue;
      slot = count++;
      ids[slot] = id;
      slotOf[id] = slot + 1;
    }
    const sum = sums[slot]! + weight * flat[i + 1]!;
    sums[slot] = sum;
    if (sum > largestSum) largestSum = sum;
    const matched = words[slot]!;
    if ((matched & wordBit) === 0) {
      words[slot] = matched | wordBit;
      coordinations[slot] = coordinations[slot]! + wordWeight;
    }
    if ((flat[i + 2]! & TITLE_FIELD_BIT) !== 0) titleWords[slot] = titleWords[slot]! | wordBit;
    met[slot * stride + metAt] = met[slot * stride + metAt]! | metBit;
    if (isCandidate[slot] === 0 && sum * coordinations[slot]! >= least) {
      isCandidate[slot] = 1;
      candidates[candidateCount++] = slot;
    }
  }
  documents.count = count;
  documents.candidateCount = candidateCount;
  documents.largestSum = largestSum;
}

/**
 * The best `k` documents met by their scores so far (ties to the lower document number), best first, in
 * one pass over the candidates (all of them reach `least`) that keeps them in order.
 */
function bestSlots(documents: MetDocuments, k: number, atLeast: number): number[] {
  const { sums, coordinations, ids, candidates } = documents;
  const best: number[] = [];
  const scores: number[] = [];
  let least = atLeast;
  for (let at = 0; at < documents.candidateCount; at++) {
    const slot = candidates[at]!;
    const score = sums[slot]! * coordinations[slot]!;
    if (score < least || (best.length === k && score === least && ids[slot]! > ids[best[k - 1]!]!)) continue;
    let place = best.length === k ? k - 1 : best.length;
    for (; place > 0 && (scores[place - 1]! < score || (scores[place - 1] === score && ids[best[place - 1]!]! > ids[slot]!)); place--) {
      best[place] = best[place - 1]!;
      scores[place] = scores[place - 1]!;
    }
    best[place] = slot;
    scores[place] = score;
    if (best.length === k) least = scores[k - 1]!;
  }
  return best;
}

/** True when each of the slots was met in every open list (its score is whole). */
function wholeScores(documents: MetDocuments, slots: readonly number[], open: readonly ListState[]): boolean {
  const { met, stride } = documents;
  for (const slot of slots) for (const state of open) if ((met[slot * stride + (state.place >>> 5)]! & (1 << (state.place & 31))) === 0) return false;
  return true;
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
 * read) and the weights of the words it could still match. The k-th best score is looked for only when
 * that may hold (the most a document not met could reach is below the best score so far times every
 * word's weight), among the candidates (the documents whose score reached the k-th best found before), and
 * once as many postings as half of them have been read since; the check over every document met, only
 * when each of the best k is whole, and once as many postings as half the documents met have been read
 * since the last one: checking costs no more than reading. Once no document not yet met can reach the k-th
 * score, the postings of such documents are passed over. Documents for which `exclude` is true (deleted
 * ones) are not ranked.
 */
export function topHits(lists: readonly RankedList[], k: number, exclude?: (id: number) => boolean): RankedHit[] {
  if (k <= 0) return [];
  const weights = wordWeights(lists);
  const allWords = weights.reduce((total, weight) => total + weight, 0);
  const states: ListState[] = lists
    .filter((list) => list.chunks > 0)
    .map((list, place) => ({ list, place, wordBit: 2 ** list.word, wordWeight: weights[list.word]!, read: 0, bound: Infinity }));
  const documents = new MetDocuments(states.length);
  // Postings read since the last search for the best k, and since the last check over every document met.
  let readSince = 0;
  // The score a document must reach to be a candidate: none (every one is) until the best k are first found.
  // A variable rather than a field: V8's compiled code takes a field written once for a constant, and a
  // second value throws that code away.
  let least = -Infinity;
  for (const state of states) readSince += scoreChunk(state, documents, false, least, exclude);
  let readSinceSettled = readSince;
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
    if (unseen < documents.largestSum * allWords && 2 * readSince >= documents.candidateCount) {
      readSince = 0;
      const best = bestSlots(documents, k, least);
      floor = best.length < k ? -1 : documents.score(best[k - 1]!);
      if (best.length === k && floor > least) documents.raise((least = floor));
      if (floor > unseen) {
        unmetMayReach = false;
        if (2 * readSinceSettled >= documents.count && wholeScores(documents, best, open)) {
          readSinceSettled = 0;
          if (settled(documents, floor, open, weights)) break;
        }
      }
    }
    const read = scoreChunk(largestBound(open), documents, !unmetMayReach, least, exclude);
    readSince += read;
    readSinceSettled += read;
    open = open.filter((state) => state.read < state.list.chunks);
  }
  return bestSlots(documents, k, least).map((slot) => documents.hit(slot));
}
