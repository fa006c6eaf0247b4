// Full-text search across sources: each source's hits, shadowed entries left out, the entry titled as the
// query first.

import { foldTerm } from "../text/fold.js";
import { type Entry, KeyKind } from "../types.js";
import type { Glossary } from "./glossary.js";

export interface SearchResult {
  entry: Entry;
  score: number;
  titleHit: boolean;
  /** The whole query is the entry's title. */
  exact: boolean;
}

export interface SearchQueryOptions {
  /** Only entries of this locale (when the reader asked for one explicitly). */
  locale?: string;
  /** The reader's locale: query words are stemmed in its language (and in English). */
  language?: string;
  limit: number;
}

/** How many hits to take from each source before filtering by locale and precedence. */
const CANDIDATES_PER_SOURCE = 60;

/**
 * Searches titles, summaries and bodies (see index/search.ts for matching and ranking). An entry whose
 * title is the query comes first, then the others by relevance.
 * @example (await searchGlossary(glossary, "javascrpt", { limit: 5 }))[0].entry.title // "JavaScript"
 */
export async function searchGlossary(glossary: Glossary, query: string, options: SearchQueryOptions): Promise<SearchResult[]> {
  if (query.trim() === "" || options.limit <= 0) return [];
  const results: SearchResult[] = [];
  const seen = new Set<string>();
  const folded = foldTerm(query);
  // One source and every locale: nothing is filtered out, so the best hits are all it takes, and a few more
  // only when one may move up (an entry titled as the query).
  const mayMoveUp = (): boolean => glossary.match(folded).some(({ kind }) => kind === KeyKind.Title);
  const wanted = glossary.layers.length === 1 && options.locale === undefined ? options.limit + (mayMoveUp() ? 10 : 0) : Math.max(options.limit * 4, CANDIDATES_PER_SOURCE);
  for (const [n, layer] of glossary.layers.entries()) {
    for (const hit of await layer.index.search(query, wanted, options.language ?? options.locale)) {
      const entry = glossary.entry(n, hit.id);
      if (options.locale !== undefined && entry.locale !== options.locale) continue;
      const identity = `${entry.locale}\u0000${entry.slug.toLowerCase()}`;
      if (seen.has(identity) || glossary.isShadowed(entry)) continue;
      seen.add(identity);
      results.push({ entry, score: hit.score, titleHit: hit.titleHit, exact: foldTerm(entry.title) === folded });
    }
  }
  results.sort((a, b) => Number(b.exact) - Number(a.exact) || b.score - a.score);
  return results.slice(0, options.limit);
}
