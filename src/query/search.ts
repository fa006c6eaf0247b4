// Full-text search across sources: each source's hits, shadowed entries left out, entries linking to an entry
// the query names raised, the entry titled as the query first.

import { tokenize } from "../index/search.js";
import { foldTerm, slugKey } from "../text/fold.js";
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

/** The most consecutive query words read as the name of an entry ("same origin policy"). */
const MENTION_WORDS = 3;
/** How much an entry linking to an entry the query names is raised: its score times this. */
export const LINKED_MENTION_BOOST = 1.2;

/**
 * The slug keys of the entries a query names by one to {@link MENTION_WORDS} consecutive words, by title or
 * slug, when the query says more than that name: "encryption protocol that replaced ssl" names SSL.
 * @example mentionedEntries(glossary, "thread that runs javascript") // Set { "glossary/thread", "glossary/javascript" }
 */
export function mentionedEntries(glossary: Glossary, query: string): Set<string> {
  const words = tokenize(query);
  const mentioned = new Set<string>();
  for (let from = 0; from < words.length; from++) {
    for (let to = from + 1; to <= Math.min(words.length, from + MENTION_WORDS); to++) {
      if (to - from === words.length) continue;
      for (const { entry, kind } of glossary.match(foldTerm(words.slice(from, to).join(" ")))) {
        if (kind === KeyKind.Title || kind === KeyKind.Slug) mentioned.add(slugKey(entry.slug));
      }
    }
  }
  return mentioned;
}

/**
 * Searches titles, summaries and bodies (see index/search.ts for matching and ranking). A query that
 * describes something often names what it relates to ("the thread that runs javascript", "encryption
 * protocol that replaced ssl"): the entries found that link to an entry it names, other than that entry,
 * are raised ({@link LINKED_MENTION_BOOST}). An entry whose title is the query comes first, then the others
 * by relevance.
 * @example (await searchGlossary(glossary, "javascrpt", { limit: 5 }))[0].entry.title // "JavaScript"
 */
export async function searchGlossary(glossary: Glossary, query: string, options: SearchQueryOptions): Promise<SearchResult[]> {
  if (query.trim() === "" || options.limit <= 0) return [];
  const results: SearchResult[] = [];
  const seen = new Set<string>();
  const folded = foldTerm(query);
  const mentioned = mentionedEntries(glossary, query);
  // One source and every locale: nothing is filtered out, so the best hits are all it takes, and a few more
  // only when some may move up (they link to an entry the query names, or one is titled as the query).
  const mayMoveUp = (): boolean => mentioned.size > 0 || glossary.match(folded).some(({ kind }) => kind === KeyKind.Title);
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
  for (const result of results) {
    const own = slugKey(result.entry.slug);
    if (result.entry.refs.some((ref) => ref !== own && mentioned.has(ref))) result.score *= LINKED_MENTION_BOOST;
  }
  results.sort((a, b) => Number(b.exact) - Number(a.exact) || b.score - a.score);
  return results.slice(0, options.limit);
}
