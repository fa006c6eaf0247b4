// Finds the entry a term means: preferred locale first, the matched page otherwise, en-US as MDN's fallback.

import { foldTerm, slugKey } from "../text/fold.js";
import { resolveLocale } from "../sources/locale.js";
import { type Entry, FALLBACK_LOCALE, keyKindRank } from "../types.js";
import type { Glossary, Match } from "./glossary.js";


export interface LookupOptions {
  /** The locale the reader prefers, as given (resolved against the loaded locales here). */
  locale: string;
  /** True when the locale was asked for explicitly (`--lang`, `GLOSSARY_LANG`). */
  explicit: boolean;
  /** The reader's next languages, in order: an entry missing in the preferred locale is shown in these first. */
  alternatives?: readonly string[];
}

export type LookupResult =
  | {
      found: true;
      entry: Entry;
      /** Said on stderr when the entry is not in the preferred locale because that locale lacks it. */
      note?: string;
      /** Other entries that matched as well as this one (same locale, same kind of match). */
      alsoMatched: Entry[];
    }
  | { found: false };

/**
 * Looks a term up. A match in the preferred locale wins; a term found only in other locales shows the
 * matched page, except that an explicit locale shows the same slug in that locale when it exists, and
 * falls back to en-US otherwise.
 * @example lookup(glossary, "asynchrone", { locale: "en-US", explicit: false }) // the French page
 * @example lookup(glossary, "asynchrone", { locale: "en-US", explicit: true })  // "Asynchronous"
 */
export function lookup(glossary: Glossary, term: string, options: LookupOptions): LookupResult {
  const key = foldTerm(term);
  if (key === "") return { found: false };
  const preferred = resolveLocale(options.locale, glossary.locales());
  const matches = glossary.match(key);
  if (matches.length === 0) return { found: false };

  const inPreferred = matches.filter((m) => m.entry.locale === preferred);
  if (inPreferred.length > 0) return chosen(inPreferred);

  const best = chosen(rankByLocale(matches));
  if (!best.found) return best;
  const slug = slugKey(best.entry.slug);
  // The reader's next languages come before en-US (`LANGUAGE=de:fr`: French when German lacks the entry).
  if ((options.alternatives ?? []).length > 0 && !glossary.bySlug(slug, preferred)) {
    for (const alternative of options.alternatives ?? []) {
      const locale = resolveLocale(alternative, glossary.locales());
      if (locale === preferred) continue;
      const translated = best.entry.locale === locale ? best.entry : glossary.bySlug(slug, locale);
      if (translated) return { found: true, entry: translated, note: missingNote(preferred, translated), alsoMatched: [] };
    }
  }
  if (options.explicit) {
    const translated = glossary.bySlug(slug, preferred);
    if (translated) return { found: true, entry: translated, alsoMatched: [] };
    const shown = best.entry.locale === FALLBACK_LOCALE ? best.entry : (glossary.bySlug(slug, FALLBACK_LOCALE) ?? best.entry);
    return { found: true, entry: shown, note: missingNote(preferred, shown), alsoMatched: [] };
  }
  if (best.entry.locale === FALLBACK_LOCALE && preferred !== FALLBACK_LOCALE && !glossary.bySlug(slug, preferred)) {
    return { ...best, note: missingNote(preferred, best.entry) };
  }
  return best;
}

function missingNote(preferred: string, shown: Entry): string {
  return `no ${preferred} entry for ${shown.slug}; showing ${shown.locale}`;
}

/** The best of several matches: title before slug before segment, then shortest slug. */
function chosen(matches: Match[]): LookupResult {
  const sorted = [...matches].sort(
    (a, b) => keyKindRank(a.kind) - keyKindRank(b.kind) || a.entry.slug.length - b.entry.slug.length || (a.entry.slug < b.entry.slug ? -1 : 1),
  );
  const first = sorted[0];
  if (!first) return { found: false };
  const alsoMatched = sorted
    .slice(1)
    .filter((m) => m.kind === first.kind && m.entry.locale === first.entry.locale)
    .map((m) => m.entry);
  return { found: true, entry: first.entry, alsoMatched };
}

/** Matches of the best-ranked locale only: en-US first, then the others alphabetically. */
function rankByLocale(matches: Match[]): Match[] {
  const bestRank = Math.min(...matches.map((m) => keyKindRank(m.kind)));
  const locales = [...new Set(matches.filter((m) => keyKindRank(m.kind) === bestRank).map((m) => m.entry.locale))].sort((a, b) =>
    a === FALLBACK_LOCALE ? -1 : b === FALLBACK_LOCALE ? 1 : a < b ? -1 : 1,
  );
  return matches.filter((m) => m.entry.locale === locales[0]);
}
