// The Snowball stemmers (`@orama/stemmers`) of the languages MDN has other than English: most searches need
// English alone, so in the program's bundles these load from their own bundle, the first time another
// language is stemmed.

import { stemmer as french } from "@orama/stemmers/french";
import { stemmer as german } from "@orama/stemmers/german";
import { stemmer as portuguese } from "@orama/stemmers/portuguese";
import { stemmer as russian } from "@orama/stemmers/russian";
import { stemmer as spanish } from "@orama/stemmers/spanish";

const STEMMERS: ReadonlyMap<string, (word: string) => string> = new Map([
  ["de", german],
  ["es", spanish],
  ["fr", french],
  ["pt", portuguese],
  ["ru", russian],
]);

/**
 * The stemmer of a language other than English, by its subtag; undefined for a language without one.
 * @example otherStemmer("fr")?.("fermeture") // "fermetur"
 */
export function otherStemmer(language: string): ((word: string) => string) | undefined {
  return STEMMERS.get(language);
}
