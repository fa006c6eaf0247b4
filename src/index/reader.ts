// The read interface every index offers to queries, and its in-memory implementation.

import type { StoredView } from "../query/view.js";
import { type EntryRecord, KeyKind } from "../types.js";
import type { IndexData } from "./build.js";
import { titleComparer } from "./normalize.js";
import { type KeyPiece, holdsPiece } from "./pieces.js";
import type { SearchHit, StoredSearch } from "./search.js";

/** What queries read from an index. Disk indexes load only the parts a call needs. */
export interface GlossaryIndex {
  /** Absolute folder the records' paths are relative to. */
  readonly root: string;
  /** Identifies this index's content: the same stamp means the same records and keys. */
  readonly stamp: string;
  readonly size: number;
  /** Entry count by locale. */
  readonly locales: ReadonlyMap<string, number>;
  /** How many keys {@link vocabulary} holds. */
  readonly vocabularySize: number;
  /** Records whose title, slug or slug segment folds to `key`, with how each matched. */
  lookup(key: string): ReadonlyArray<readonly [number, KeyKind]>;
  record(id: number): EntryRecord;
  /** Titles of a locale with their record ids, sorted for readers of that locale. */
  titles(locale: string): ReadonlyArray<readonly [string, number]>;
  /**
   * Title and last-segment keys whose length is within the range: the candidates for suggestions; with
   * `pieces`, only the keys holding at least one of them where it may be. A large index may give only the
   * keys starting with the first of `firstLetters` (the query's), and of lengths close to the shortest asked.
   */
  vocabulary(minLength: number, maxLength: number, firstLetters: string, pieces?: readonly KeyPiece[]): Iterable<readonly [string, number]>;
  /** Every record, for full scans. */
  records(): Iterable<EntryRecord>;
  /** Full-text search: title hits first, then by relevance. */
  search(query: string, limit: number): Promise<SearchHit[]>;
  /** The stored view of a record, if one was saved (see `query/view.ts`). */
  view(id: number): StoredView | null;
  /** Keeps a record's view for later calls (best effort: may do nothing). */
  saveView(id: number, view: StoredView): void;
}

/** True for the keys that name an entry in a way worth suggesting: its title and last slug segment. */
export function isSuggestible(kind: KeyKind): boolean {
  return kind === KeyKind.Title || kind === KeyKind.Segment;
}

/** Vocabularies up to this many keys are searched whole for suggestions (larger ones, approximately). */
export const SMALL_VOCABULARY = 20_000;

/** Keys longer than this share one vocabulary bucket. */
export const LONGEST_VOCABULARY_BUCKET = 48;
/** Vocabulary buckets by first letter: letters are spread over this many groups. */
export const LETTER_GROUPS = 32;

/** The length of a key, as vocabulary buckets count it. */
export function vocabularyLength(key: string): number {
  return Math.min(key.length, LONGEST_VOCABULARY_BUCKET);
}

/** The group of a key's first letter. */
export function letterGroup(key: string): number {
  return (key.codePointAt(0) ?? 0) % LETTER_GROUPS;
}

/** The vocabulary bucket of a key: its length and first-letter group, as `<length>-<group>`. */
export function vocabularyBucket(key: string): string {
  return `${vocabularyLength(key)}-${letterGroup(key)}`;
}

/** An index held in memory: used for sources read without a cache, and in tests. */
export class MemoryIndex implements GlossaryIndex {
  readonly root: string;
  readonly stamp = `memory-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  readonly size: number;
  readonly locales: ReadonlyMap<string, number>;
  readonly #data: IndexData;
  readonly #titles = new Map<string, Array<readonly [string, number]>>();
  #search: StoredSearch | undefined;
  readonly #views = new Map<number, StoredView>();

  constructor(data: IndexData, root: string) {
    this.#data = data;
    this.root = root;
    this.size = data.records.length;
    this.locales = data.locales;
  }

  get vocabularySize(): number {
    let size = 0;
    for (const entries of this.#data.keys.values()) for (const [, kind] of entries) if (isSuggestible(kind)) size++;
    return size;
  }

  lookup(key: string): ReadonlyArray<readonly [number, KeyKind]> {
    return this.#data.keys.get(key) ?? [];
  }

  record(id: number): EntryRecord {
    const record = this.#data.records[id];
    if (!record) throw new RangeError(`no record ${id}`);
    return record;
  }

  titles(locale: string): ReadonlyArray<readonly [string, number]> {
    let list = this.#titles.get(locale);
    if (!list) {
      list = sortedTitles(this.#data.records, locale);
      this.#titles.set(locale, list);
    }
    return list;
  }

  *vocabulary(minLength: number, maxLength: number, _firstLetters = "", pieces?: readonly KeyPiece[]): Iterable<readonly [string, number]> {
    for (const [key, entries] of this.#data.keys) {
      const length = vocabularyLength(key);
      if (length < minLength || length > maxLength) continue;
      if (!holdsPiece(key, pieces)) continue;
      for (const [id, kind] of entries) if (isSuggestible(kind)) yield [key, id];
    }
  }

  records(): Iterable<EntryRecord> {
    return this.#data.records;
  }

  async search(query: string, limit: number): Promise<SearchHit[]> {
    const { buildStoredSearch, searchStored } = await import("./search.js");
    const stored = (this.#search ??= buildStoredSearch(this.#data.searchDocuments));
    return searchStored(
      {
        meta: () => stored.meta,
        dictionary: (shard: number, pieces?: readonly KeyPiece[]) => (stored.dictionary.get(shard) ?? []).filter(([term]) => holdsPiece(term, pieces)),
        postings: (bucket) => stored.postings.get(bucket) ?? [],
      },
      query,
      limit,
    );
  }

  view(id: number): StoredView | null {
    return this.#views.get(id) ?? null;
  }

  saveView(id: number, view: StoredView): void {
    this.#views.set(id, view);
  }
}

/** The titles of one locale, sorted for its readers. */
export function sortedTitles(records: readonly EntryRecord[], locale: string): Array<readonly [string, number]> {
  const compare = titleComparer(locale);
  return records
    .filter((r) => r.locale === locale)
    .map((r) => [r.title, r.id] as const)
    .sort((a, b) => compare(a[0], b[0]));
}
