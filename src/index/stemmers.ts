// Snowball stemmers (the `@orama/stemmers` package) for the languages MDN has that inflect words: search
// indexes and queries the stems, so "declared" finds "declaration" and "caching" finds "cache".

import { stemmer as english } from "@orama/stemmers/english";
import { stemmer as french } from "@orama/stemmers/french";
import { stemmer as german } from "@orama/stemmers/german";
import { stemmer as portuguese } from "@orama/stemmers/portuguese";
import { stemmer as russian } from "@orama/stemmers/russian";
import { stemmer as spanish } from "@orama/stemmers/spanish";

/** The stemmers by language subtag; Chinese, Japanese and Korean are searched by pairs of characters instead. */
const STEMMERS: ReadonlyMap<string, (word: string) => string> = new Map([
  ["en", english],
  ["de", german],
  ["es", spanish],
  ["fr", french],
  ["pt", portuguese],
  ["ru", russian],
]);

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
    const stemFunction = STEMMERS.get(language);
    stemmer = stemFunction ? new CachedStemmer(stemFunction) : null;
    cached.set(language, stemmer);
  }
  return stemmer ? stemmer.stem : unchanged;
}
