// The adapter that writes postings into MiniSearch's private maps: it must find them where it expects, and a
// MiniSearch it fills must answer exactly as one MiniSearch loads itself. A MiniSearch release that moves or
// renames these internals fails here, before any search can go wrong.
import MiniSearch from "minisearch";
import { describe, expect, it } from "vitest";
import { hasKnownInternals, searchWithPostings } from "../../src/index/minisearch-postings.js";

interface Doc {
  id: number;
  title: string;
  body: string;
}
const options = { fields: ["title", "body"], storeFields: [] as string[] };
// Ids as the index numbers its records: from 0, as MiniSearch numbers documents (its short ids).
const documents: Doc[] = [
  { id: 0, title: "Closure", body: "a function with the variables of its scope" },
  { id: 1, title: "Scope", body: "where a variable can be seen; closures keep it" },
  { id: 2, title: "Function", body: "code that can be called, with arguments" },
  { id: 3, title: "Variable", body: "a named value; a function scope holds variables" },
];

/** The postings of a MiniSearch's serialised index as the adapter takes them: `[term, { field: [id, frequency, length...] }]`. */
function postingsOf(search: MiniSearch<Doc>): { statistics: Record<string, unknown>; postings: Array<[string, Record<string, number[]>]> } {
  const json = JSON.parse(JSON.stringify(search)) as {
    index: Array<[string, Record<string, Record<string, number>>]>;
    documentIds: Record<string, number>;
    fieldLength: Record<string, number[]>;
  } & Record<string, unknown>;
  const { index, documentIds: _ids, fieldLength, storedFields: _stored, ...statistics } = json;
  const postings = index.map(([term, fields]): [string, Record<string, number[]>] => [
    term,
    Object.fromEntries(Object.entries(fields).map(([field, byId]) => [field, Object.entries(byId).flatMap(([id, frequency]) => [Number(id), frequency, fieldLength[id]![Number(field)]!])])),
  ]);
  return { statistics, postings };
}

describe("searchWithPostings", () => {
  const original = new MiniSearch<Doc>(options);
  original.addAll(documents);

  it("finds MiniSearch's index in the maps it writes to", () => {
    expect(hasKnownInternals(original)).toBe(true);
    expect(hasKnownInternals(MiniSearch.loadJSON(JSON.stringify(original), options))).toBe(true);
    expect(hasKnownInternals({} as MiniSearch<Doc>)).toBe(false);
  });

  it("answers every query exactly as MiniSearch's own loadJSON does", () => {
    const { statistics, postings } = postingsOf(original);
    const ours = searchWithPostings<Doc>(statistics, options, postings, null);
    const theirs = MiniSearch.loadJSON<Doc>(JSON.stringify(original), options);
    for (const query of ["closure", "function scope", "variables", "scop", "named value"]) {
      const strip = (results: ReturnType<MiniSearch<Doc>["search"]>) => results.map((r) => [r.id, r.score.toFixed(9), r.terms]);
      for (const searchOptions of [{}, { prefix: true }, { fuzzy: 0.2 }]) {
        expect(strip(ours.search(query, searchOptions)), query).toEqual(strip(theirs.search(query, searchOptions)));
      }
    }
  });

  it("keeps each term's document count when only some documents are loaded", () => {
    const { statistics, postings } = postingsOf(original);
    const some = searchWithPostings<Doc>(statistics, options, postings, new Set([2]));
    const all = MiniSearch.loadJSON<Doc>(JSON.stringify(original), options);
    const [mine] = some.search("function");
    const theirs = all.search("function").find((r) => r.id === 2)!;
    expect(mine?.id).toBe(2);
    expect(mine!.score).toBeCloseTo(theirs.score, 9);
  });
});
