// An index held in memory: for sources read without a cache, and in tests (loaded only for them).

import type { EntryRecord, KeyKind, StoredView, StoredViewReader } from "../types.js";
import type { IndexData } from "./build.js";
import { type KeyPiece, holdsPiece } from "./pieces.js";
import { type GlossaryIndex, type TitleItem, countSuggestible, isSuggestible, sortedTitles, vocabularyLength } from "./reader.js";
import type { SearchHit, StoredSearch } from "./search.js";

/** An index held in memory: used for sources read without a cache, and in tests. */
export class MemoryIndex implements GlossaryIndex {
  readonly root: string;
  readonly stamp = `memory-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  readonly size: number;
  readonly locales: ReadonlyMap<string, number>;
  readonly #data: IndexData;
  readonly #titles = new Map<string, TitleItem[]>();
  #search: StoredSearch | undefined;
  readonly #views = new Map<number, StoredView>();
  #vocabularySize: number | undefined;

  constructor(data: IndexData, root: string) {
    this.#data = data;
    this.root = root;
    this.size = data.records.length;
    this.locales = data.locales;
  }

  get vocabularySize(): number {
    return (this.#vocabularySize ??= countSuggestible(this.#data.keys));
  }

  lookup(key: string): ReadonlyArray<readonly [number, KeyKind]> {
    return this.#data.keys.get(key) ?? [];
  }

  record(id: number): EntryRecord {
    const record = this.#data.records[id];
    if (!record) throw new RangeError(`no record ${id}`);
    return record;
  }

  titles(locale: string): readonly TitleItem[] {
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

  async search(query: string, limit: number, locale?: string): Promise<SearchHit[]> {
    const [{ searchStored }, { buildStoredSearch }] = await Promise.all([import("./search.js"), import("./search-build.js")]);
    const stored = (this.#search ??= buildStoredSearch(this.#data.searchDocuments));
    return searchStored(
      {
        meta: () => stored.meta,
        dictionary: (shard: number, pieces?: readonly KeyPiece[]) => (stored.dictionary.get(shard) ?? []).filter(([term]) => holdsPiece(term, pieces)),
        postings: (bucket) => stored.postings.get(bucket) ?? [],
      },
      query,
      limit,
      locale,
    );
  }

  view(id: number): StoredViewReader | null {
    const stored = this.#views.get(id);
    return stored ? { basis: stored.basis, rendered: stored.rendered, body: () => stored.body } : null;
  }

  viewedIds(): number[] {
    return [...this.#views.keys()];
  }

  saveView(id: number, view: StoredView): void {
    this.#views.set(id, view);
  }
}
