// Snowball stemmers (the `@orama/stemmers` package) for the languages MDN has that inflect words: search
// indexes and queries the stems, so "declared" finds "declaration" and "caching" finds "cache".

import { stemmer as english } from "@orama/stemmers/english";
import { otherStemmer } from "./other-stemmers.js";

/**
 * The languages other than English that have a stemmer (index/other-stemmers.ts), by subtag: Chinese,
 * Japanese and Korean are searched by pairs of characters instead, and load no stemmer.
 */
export const OTHER_STEMMED_LANGUAGES: ReadonlySet<string> = new Set(["de", "es", "fr", "pt", "ru"]);

/** The stemmer of a language subtag, if it has one. */
const stemmerOf = (language: string): ((word: string) => string) | undefined =>
  language === "en" ? english : OTHER_STEMMED_LANGUAGES.has(language) ? otherStemmer(language) : undefined;

/** Only words of letters are stemmed (not numbers, names with digits such as "i18n", or CJK pairs). */
const STEMMABLE = /^[\p{L}]{3,}$/u;

/** A stemmer with its answers kept: a text repeats its words, and a source repeats its texts' words. */
class CachedStemmer {
  readonly #stem: (word: string) => string;
  readonly #known = new Map<string, string>();
  constructor(stem: (word: string) => string) {
    this.#stem = stem;
  }
  readonly stem = (word: string): string => {
    let stem = this.#known.get(word);
    if (stem === undefined) {
      stem = STEMMABLE.test(word) ? this.#stem(word) : word;
      if (stem === "") stem = word;
      if (this.#known.size < 200_000) this.#known.set(word, stem);
    }
    return stem;
  };
}

const cached = new Map<string, CachedStemmer | null>();

/**
 * The stem of a folded word in a locale's language; the word itself in a language without a stemmer.
 * @example stem("declared", "en-US") // "declar"
 * @example stem("fermeture", "fr") // "fermetur"
 */
export function stem(word: string, locale: string): string {
  return stemmerFor(locale)(word);
}

const unchanged = (word: string): string => word;

/**
 * The stemmer of a locale's language (see {@link stem}), to stem many words of one locale without finding it
 * for each.
 */
export function stemmerFor(locale: string): (word: string) => string {
  const language = locale.split("-")[0]!.toLowerCase();
  let stemmer = cached.get(language);
  if (stemmer === undefined) {
    const stemFunction = stemmerOf(language);
    stemmer = stemFunction ? new CachedStemmer(stemFunction) : null;
    cached.set(language, stemmer);
  }
  return stemmer ? stemmer.stem : unchanged;
}
