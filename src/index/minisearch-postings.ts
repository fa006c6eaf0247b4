// The one place that writes into MiniSearch's private maps: postings read from the index's shards are put
// straight where MiniSearch's own loadJS would put them, which halves the work for common terms.
// tests/index/minisearch-postings.test.ts fails when a MiniSearch release changes these internals.

import MiniSearch, { type Options } from "minisearch";

/** A map of postings that holds some of them and counts them all (MiniSearch weighs a term by its count). */
class PartialPostings extends Map<number, number> {
  readonly #count: number;
  constructor(count: number) {
    super();
    this.#count = count;
  }
  override get size(): number {
    return this.#count;
  }
}

/** The maps MiniSearch 7 keeps its loaded index in (what `loadJS` fills from its objects). */
interface MiniSearchInternals {
  _documentIds: Map<number, number>;
  _idToShortId: Map<number, number>;
  _fieldLength: Map<number, number[]>;
  _index: { set(term: string, data: Map<number, Map<number, number>>): void };
}

/** True when a MiniSearch keeps its loaded index in the maps this module writes to. */
export function hasKnownInternals(search: MiniSearch<never> | MiniSearch<unknown>): boolean {
  const internals = search as unknown as Partial<Record<keyof MiniSearchInternals, unknown>>;
  const isMap = (value: unknown): boolean => value instanceof Map;
  const index = internals._index as { set?: unknown; get?: unknown } | undefined;
  return isMap(internals._documentIds) && isMap(internals._idToShortId) && isMap(internals._fieldLength) && typeof index?.set === "function" && typeof index.get === "function";
}

/**
 * A MiniSearch with the whole index's statistics (what `toJSON` gives but the documents and the index) and
 * the given postings (`[term, { fieldId: [id, frequency, field length, ...] }]`), of every document or only of
 * `only`. Documents are identified by their short ids.
 * @example searchWithPostings(statistics, options, [["closure", { "0": [12, 1, 2] }]], null).search("closure")
 */
export function searchWithPostings<T>(
  statistics: Record<string, unknown>,
  options: Options<T>,
  postings: ReadonlyArray<[string, Record<string, number[]>]>,
  only: ReadonlySet<number> | null,
): MiniSearch<T> {
  const search = MiniSearch.loadJS({ ...statistics, documentIds: {}, fieldLength: {}, storedFields: {}, index: [] } as unknown as Parameters<typeof MiniSearch.loadJS>[0], options);
  const internals = search as unknown as MiniSearchInternals;
  for (const [term, fields] of postings) {
    const data = new Map<number, Map<number, number>>();
    for (const [field, flat] of Object.entries(fields)) {
      const fieldId = Number(field);
      const frequencies = only ? new PartialPostings(flat.length / 3) : new Map<number, number>();
      for (let i = 0; i < flat.length; i += 3) {
        const id = flat[i]!;
        if (only && !only.has(id)) continue;
        frequencies.set(id, flat[i + 1]!);
        internals._documentIds.set(id, id);
        internals._idToShortId.set(id, id);
        let lengths = internals._fieldLength.get(id);
        if (!lengths) internals._fieldLength.set(id, (lengths = []));
        lengths[fieldId] = flat[i + 2]!;
      }
      data.set(fieldId, frequencies);
    }
    internals._index.set(term, data);
  }
  return search;
}
