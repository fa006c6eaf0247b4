// An index read as its base plus a delta segment beside it: the delta's entries added, the base's replaced
// or removed entries hidden, so that queries read the same entries as a full rebuild would give them.

import type { EntryRecord, KeyKind, StoredView, StoredViewReader } from "../types.js";
import type { KeyPiece } from "./pieces.js";
import { type GlossaryIndex, SMALL_VOCABULARY, type TitleItem, letterGroup, vocabularyLength } from "./reader.js";
import type { SearchHit } from "./search.js";
import { type DiskIndex, IndexCorruptError, searchError } from "./store.js";

/**
 * What a delta segment changes in its base, beyond its own entries (a delta entry's id is the base's size
 * plus its id in the delta). Written with the delta, computed when it is built.
 */
export interface DeltaPatch {
  /** The base build the delta applies to. */
  base: string;
  /** Base entries replaced or removed: hidden from every read. */
  hidden: number[];
  /** Each delta entry's title rank among the base's (between two base ranks: see EntryRecord.titleRank). */
  ranks: number[];
  /** The children of the entries whose children changed (every delta entry, and base parents of changed ones). */
  children: Array<[number, number[]]>;
  /** Entry count by locale, base and delta together. */
  locales: Record<string, number>;
  /** The vocabulary's size, base and delta together. */
  vocabularySize: number;
}

/** True when a value read from a delta's patch file has the shape of a {@link DeltaPatch}. */
export function isDeltaPatch(value: unknown): value is DeltaPatch {
  if (typeof value !== "object" || value === null) return false;
  const patch = value as Record<string, unknown>;
  const numbers = (list: unknown): boolean => Array.isArray(list) && list.every((n) => typeof n === "number");
  return (
    typeof patch["base"] === "string" &&
    numbers(patch["hidden"]) &&
    numbers(patch["ranks"]) &&
    Array.isArray(patch["children"]) &&
    patch["children"].every((pair) => Array.isArray(pair) && typeof pair[0] === "number" && numbers(pair[1])) &&
    typeof patch["locales"] === "object" &&
    patch["locales"] !== null &&
    typeof patch["vocabularySize"] === "number"
  );
}

/** A base index and a delta segment read as one (see {@link DeltaPatch}). */
export class OverlayIndex implements GlossaryIndex {
  readonly root: string;
  readonly stamp: string;
  /** How many entries there are (ids run to the base's size plus the delta's, with the hidden ones missing). */
  readonly size: number;
  readonly locales: ReadonlyMap<string, number>;
  readonly vocabularySize: number;
  readonly #base: DiskIndex;
  readonly #delta: DiskIndex;
  readonly #patch: DeltaPatch;
  readonly #hidden: Set<number>;
  readonly #children: Map<number, number[]>;
  readonly #records = new Map<number, EntryRecord>();

  constructor(base: DiskIndex, delta: DiskIndex, patch: DeltaPatch) {
    if (patch.base !== base.stamp || patch.ranks.length !== delta.size) throw new IndexCorruptError(`delta ${delta.stamp} is not of build ${base.stamp}`);
    this.#base = base;
    this.#delta = delta;
    this.#patch = patch;
    this.#hidden = new Set(patch.hidden);
    this.#children = new Map(patch.children);
    this.root = base.root;
    this.stamp = `${base.stamp}+${delta.stamp}`;
    this.locales = new Map(Object.entries(patch.locales));
    this.size = [...this.locales.values()].reduce((total, count) => total + count, 0);
    this.vocabularySize = patch.vocabularySize;
  }

  /** True for the ids of base entries (a delta entry's id follows them). */
  #inBase(id: number): boolean {
    return id < this.#base.size;
  }

  lookup(key: string): ReadonlyArray<readonly [number, KeyKind]> {
    const offset = this.#base.size;
    const found = this.#base.lookup(key).filter(([id]) => !this.#hidden.has(id));
    for (const [id, kind] of this.#delta.lookup(key)) found.push([id + offset, kind]);
    return found;
  }

  record(id: number): EntryRecord {
    const known = this.#records.get(id);
    if (known) return known;
    if (!Number.isInteger(id) || id < 0 || id >= this.#base.size + this.#delta.size || this.#hidden.has(id)) throw new IndexCorruptError(`no record ${id}`);
    const children = this.#children.get(id);
    let record: EntryRecord;
    if (this.#inBase(id)) {
      const base = this.#base.record(id);
      record = children ? { ...base, children } : base;
    } else {
      const local = id - this.#base.size;
      record = { ...this.#delta.record(local), id, titleRank: this.#patch.ranks[local]!, children: children ?? [] };
    }
    this.#records.set(id, record);
    return record;
  }

  titles(locale: string): readonly TitleItem[] {
    const offset = this.#base.size;
    const ranked: Array<[number, TitleItem]> = [];
    this.#base.titles(locale).forEach((item, rank) => {
      if (!this.#hidden.has(item[1])) ranked.push([rank, item]);
    });
    for (const [title, id, slug] of this.#delta.titles(locale)) ranked.push([this.#patch.ranks[id]!, [title, id + offset, slug]]);
    return ranked.sort((a, b) => a[0] - b[0]).map(([, item]) => item);
  }

  *vocabulary(minLength: number, maxLength: number, firstLetters: string, pieces?: readonly KeyPiece[]): Iterable<readonly [string, number]> {
    // The choice a large vocabulary makes (see DiskIndex.vocabulary) is made for the whole, not for each segment.
    const large = this.vocabularySize > SMALL_VOCABULARY;
    const groups = new Set([...firstLetters.slice(0, 1)].map(letterGroup));
    const longest = large ? Math.min(maxLength, minLength + 6) : maxLength;
    const offset = this.#base.size;
    const wanted = (key: string): boolean => !large || (groups.has(letterGroup(key)) && vocabularyLength(key) <= longest);
    for (const [key, id] of this.#base.vocabulary(minLength, longest, firstLetters, pieces)) if (!this.#hidden.has(id) && wanted(key)) yield [key, id];
    for (const [key, id] of this.#delta.vocabulary(minLength, longest, firstLetters, pieces)) if (wanted(key)) yield [key, id + offset];
  }

  *records(): Iterable<EntryRecord> {
    const end = this.#base.size + this.#delta.size;
    for (let id = 0; id < end; id++) if (!this.#hidden.has(id)) yield this.record(id);
  }

  async search(query: string, limit: number, locale?: string): Promise<SearchHit[]> {
    const { searchSegments } = await import("./search.js");
    try {
      return searchSegments(
        [
          { reader: this.#base.searchReader(), offset: 0, exclude: (id) => this.#hidden.has(id) },
          { reader: this.#delta.searchReader(), offset: this.#base.size },
        ],
        query,
        limit,
        locale,
      );
    } catch (error) {
      throw searchError(error);
    }
  }

  view(id: number): StoredViewReader | null {
    return this.#inBase(id) ? this.#base.view(id) : this.#delta.view(id - this.#base.size);
  }

  viewedIds(): number[] {
    const offset = this.#base.size;
    return [...this.#base.viewedIds().filter((id) => !this.#hidden.has(id)), ...this.#delta.viewedIds().map((id) => id + offset)];
  }

  saveView(id: number, view: StoredView): void {
    if (this.#inBase(id)) this.#base.saveView(id, view);
    else this.#delta.saveView(id - this.#base.size, view);
  }
}
