// Closest spellings for a term that matched nothing: bounded edit distance over titles and slug segments.

import { distance } from "fastest-levenshtein";
import { foldTerm, slugKey } from "../text/fold.js";
import { termPieces } from "../index/pieces.js";
import type { Entry } from "../types.js";
import type { Glossary } from "./glossary.js";

/** Queries longer than this get no suggestions: nothing that long is a misspelt title. */
export const MAX_SUGGESTION_QUERY = 64;
/** How much longer than the query a title may be and still be offered because it starts with the query. */
const PREFIX_REACH = 16;

export interface Suggestion {
  entry: Entry;
  distance: number;
}

/**
 * Vocabularies up to this many keys offer spellings three edits away from a long query; larger ones two at
 * most: three-edit spellings are then many and seldom meant, and measuring them all takes long.
 */
export const THREE_EDIT_VOCABULARY = 5_000;

/**
 * How many edits a query of this length may be away from a suggestion, in a vocabulary of this size.
 * @example allowedDistance(11) // 3
 * @example allowedDistance(11, 100_000) // 2
 */
export function allowedDistance(length: number, vocabularySize = 0): number {
  const allowed = length <= 3 ? 1 : length <= 6 ? 2 : 3;
  return vocabularySize > THREE_EDIT_VOCABULARY ? Math.min(allowed, 2) : allowed;
}

/**
 * Up to `limit` entries whose title or slug segment is spelt closest to `term`, nearest first, entries of
 * the preferred locale first among equals.
 * @example suggest(glossary, "asynchronus", "en-US") // [{ entry: Asynchronous, distance: 1 }, ...]
 */
export function suggest(glossary: Glossary, term: string, preferredLocale: string, limit = 5): Suggestion[] {
  const query = foldTerm(term);
  if (query === "" || query.length > MAX_SUGGESTION_QUERY) return [];
  // First the spellings alone (cheap), then the entries of only the closest ones (each read from its index).
  const candidates: Array<{ layer: number; id: number; distance: number }> = [];
  glossary.layers.forEach((layer, n) => {
    const allowed = allowedDistance(query.length, layer.index.vocabularySize);
    const pieces = termPieces(query, allowed);
    const reach = query.length >= 4 ? PREFIX_REACH : allowed;
    for (const [key, id] of layer.index.vocabulary(query.length - allowed, query.length + reach, query.slice(0, 2), pieces)) {
      let d = key.length - query.length > allowed ? allowed + 1 : distance(query, key);
      if (d > allowed) {
        // A query that starts a title is as good as a close spelling ("asynch" for "Asynchronous"), and
        // better when it is whole words ("callback" for "Callback function").
        if (query.length < 4 || !key.startsWith(query)) continue;
        d = /[\s(/]/.test(key[query.length] ?? " ") ? 1 : allowed;
      }
      candidates.push({ layer: n, id, distance: d });
    }
  });
  candidates.sort((a, b) => a.distance - b.distance || a.layer - b.layer);
  const best = new Map<string, Suggestion>();
  // Candidates come nearest first: once `limit` entries are in, only those as near as the last of them can
  // still place (ties are ordered by locale and title below), so entries further away are never read.
  let cutoff = Infinity;
  for (const candidate of candidates) {
    if (candidate.distance > cutoff) break;
    const entry = glossary.entry(candidate.layer, candidate.id);
    const identity = `${entry.locale}\u0000${slugKey(entry.slug)}`;
    const previous = best.get(identity);
    if (previous && (previous.entry.layer < candidate.layer || previous.distance <= candidate.distance)) continue;
    if (!previous && candidate.layer > 0 && glossary.bySlug(slugKey(entry.slug), entry.locale, candidate.layer)) continue;
    best.set(identity, { entry, distance: candidate.distance });
    if (best.size === limit) cutoff = candidate.distance;
  }
  return [...best.values()]
    .sort(
      (a, b) =>
        a.distance - b.distance ||
        Number(b.entry.locale === preferredLocale) - Number(a.entry.locale === preferredLocale) ||
        (a.entry.title < b.entry.title ? -1 : a.entry.title > b.entry.title ? 1 : 0),
    )
    .slice(0, limit);
}

/** Scripts written without spaces, where a few edits say little about closeness: Han, kana, hangul, Thai. */
const UNSPACED_SCRIPT = /[\u0E00-\u0E7F\u3040-\u30FF\u3400-\u4DBF\u4E00-\u9FFF\uAC00-\uD7A3\uF900-\uFAFF]/;

/** True when a query is written in a script where edit distance says little (Chinese, Japanese, Korean, Thai). */
export function isUnspacedScript(term: string): boolean {
  return UNSPACED_SCRIPT.test(term);
}

/**
 * Up to `limit` entries whose title holds the term (or that the term's title holds), those of the
 * preferred locale first, shortest titles first: the suggestions for scripts where spelling distance
 * does not help.
 * @example titlesContaining(glossary, "闭包", "zh-CN") // [Closure（闭包）...]
 */
export function titlesContaining(glossary: Glossary, term: string, preferredLocale: string, limit = 5): Entry[] {
  const key = foldTerm(term);
  if (key === "") return [];
  const locales = glossary.locales().sort((a, b) => Number(b === preferredLocale) - Number(a === preferredLocale));
  const found: Array<{ title: string; layer: number; id: number }> = [];
  for (const locale of locales) {
    for (const item of glossary.titleList(locale)) {
      const title = foldTerm(item.title);
      if (title.includes(key) || (title.length >= 2 && key.includes(title))) found.push(item);
    }
    if (found.length >= limit) break;
  }
  return found.slice(0, limit).map(({ layer, id }) => glossary.entry(layer, id));
}
