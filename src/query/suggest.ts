// Closest spellings for a term that matched nothing: bounded edit distance over titles and slug segments.

import { distance } from "fastest-levenshtein";
import { foldTerm, slugKey } from "../index/normalize.js";
import type { Entry } from "../types.js";
import type { Glossary } from "./glossary.js";

/** Queries longer than this get no suggestions: nothing that long is a misspelt title. */
export const MAX_SUGGESTION_QUERY = 64;

export interface Suggestion {
  entry: Entry;
  distance: number;
}

/** How many edits a query of this length may be away from a suggestion. */
export function allowedDistance(length: number): number {
  return length <= 3 ? 1 : length <= 6 ? 2 : 3;
}

/**
 * Up to `limit` entries whose title or slug segment is spelt closest to `term`, nearest first, entries of
 * the preferred locale first among equals.
 * @example suggest(glossary, "asynchronus", "en-US") // [{ entry: Asynchronous, distance: 1 }, ...]
 */
export function suggest(glossary: Glossary, term: string, preferredLocale: string, limit = 5): Suggestion[] {
  const query = foldTerm(term);
  if (query === "" || query.length > MAX_SUGGESTION_QUERY) return [];
  const allowed = allowedDistance(query.length);
  const best = new Map<string, Suggestion>();
  glossary.layers.forEach((layer, n) => {
    for (const [key, id] of layer.index.vocabulary(query.length - allowed, query.length + allowed)) {
      let d = distance(query, key);
      if (d > allowed) {
        // A query that is the start of a title ("asynch") is as good as a close spelling.
        if (!(query.length >= 4 && key.startsWith(query))) continue;
        d = allowed;
      }
      const entry = glossary.entry(n, id);
      const identity = `${entry.locale}\u0000${slugKey(entry.slug)}`;
      const previous = best.get(identity);
      if (previous && (previous.entry.layer < n || previous.distance <= d)) continue;
      if (!previous && n > 0 && glossary.bySlug(slugKey(entry.slug), entry.locale, n)) continue;
      best.set(identity, { entry, distance: d });
    }
  });
  return [...best.values()]
    .sort(
      (a, b) =>
        a.distance - b.distance ||
        Number(b.entry.locale === preferredLocale) - Number(a.entry.locale === preferredLocale) ||
        (a.entry.title < b.entry.title ? -1 : a.entry.title > b.entry.title ? 1 : 0),
    )
    .slice(0, limit);
}
