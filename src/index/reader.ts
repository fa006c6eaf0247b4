// The read interface every index offers to queries, and how its vocabulary is bucketed.

import { type EntryRecord, KeyKind, type StoredView, type StoredViewReader } from "../types.js";
import type { KeyPiece } from "./pieces.js";
import type { SearchHit } from "./search.js";

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
  titles(locale: string): readonly TitleItem[];
  /**
   * Title and last-segment keys whose length is within the range: the candidates for suggestions; with
   * `pieces`, only the keys holding at least one of them where it may be. A large index may give only the
   * keys starting with the first of `firstLetters` (the query's), and of lengths close to the shortest asked.
   */
  vocabulary(minLength: number, maxLength: number, firstLetters: string, pieces?: readonly KeyPiece[]): Iterable<readonly [string, number]>;
  /** Every record, for full scans. */
  records(): Iterable<EntryRecord>;
  /** Full-text search: the best `limit` entries, best first; query words are stemmed in `locale`'s language and English. */
  search(query: string, limit: number, locale?: string): Promise<SearchHit[]>;
  /** The stored view of a record, if one was saved (see `query/view.ts`); its body is read when asked for. */
  view(id: number): StoredViewReader | null;
  /** Keeps a record's view for later calls (best effort: may do nothing). */
  saveView(id: number, view: StoredView): void;
  /** The ids of the records that have a view stored (whether it still holds or not), in no order. */
  viewedIds(): number[];
}

/** True for the keys that name an entry in a way worth suggesting: its title and last slug segment. */
export function isSuggestible(kind: KeyKind): boolean {
  return kind === KeyKind.Title || kind === KeyKind.Segment || kind === KeyKind.TitleName;
}

/** How many keys of a key table are suggestible: the size of its vocabulary. */
export function countSuggestible(keys: ReadonlyMap<string, ReadonlyArray<readonly [number, KeyKind]>>): number {
  let size = 0;
  for (const entries of keys.values()) for (const [, kind] of entries) if (isSuggestible(kind)) size++;
  return size;
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

/** An entry as a title list gives it: title, record id and slug (enough to list, complete and count). */
export type TitleItem = readonly [title: string, id: number, slug: string];

/** The titles of one locale, sorted for its readers (by the title ranks the indexer gave the records). */
export function sortedTitles(records: readonly EntryRecord[], locale: string): TitleItem[] {
  return records
    .filter((r) => r.locale === locale)
    .sort((a, b) => a.titleRank - b.titleRank)
    .map((r): TitleItem => [r.title, r.id, r.slug]);
}
