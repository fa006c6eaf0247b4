// The stop words (the `stopword` package's lists) of the languages MDN has other than English: most searches
// need English alone, so in the program's bundles these load from their own bundle, the first time a reader
// of another language searches.

import { deu } from "stopword/src/stopwords_deu.js";
import { fra } from "stopword/src/stopwords_fra.js";
import { jpn } from "stopword/src/stopwords_jpn.js";
import { kor } from "stopword/src/stopwords_kor.js";
import { por } from "stopword/src/stopwords_por.js";
import { porBr } from "stopword/src/stopwords_porBr.js";
import { rus } from "stopword/src/stopwords_rus.js";
import { spa } from "stopword/src/stopwords_spa.js";
import { zho } from "stopword/src/stopwords_zho.js";

const LISTS: ReadonlyMap<string, readonly string[]> = new Map([
  ["de", deu],
  ["es", spa],
  ["fr", fra],
  ["ja", jpn],
  ["ko", kor],
  ["pt", [...por, ...porBr]],
  ["ru", rus],
  ["zh", zho],
]);

/**
 * The stop words of a language other than English, by its subtag, as the list gives them; empty for a
 * language without a list.
 * @example otherStopWords("fr").includes("une") // true
 */
export function otherStopWords(language: string): readonly string[] {
  return LISTS.get(language) ?? [];
}
