// Stop words of the languages MDN has (the `stopword` package's lists): words too common to tell entries
// apart, dropped from search queries in the reader's language and in English, the language of MDN's terms.

import { deu } from "stopword/src/stopwords_deu.js";
import { eng } from "stopword/src/stopwords_eng.js";
import { fra } from "stopword/src/stopwords_fra.js";
import { jpn } from "stopword/src/stopwords_jpn.js";
import { kor } from "stopword/src/stopwords_kor.js";
import { por } from "stopword/src/stopwords_por.js";
import { porBr } from "stopword/src/stopwords_porBr.js";
import { rus } from "stopword/src/stopwords_rus.js";
import { spa } from "stopword/src/stopwords_spa.js";
import { zho } from "stopword/src/stopwords_zho.js";
import { processTerm, tokenize } from "../index/search.js";

/** The lists by language subtag. */
const LISTS: ReadonlyMap<string, readonly string[]> = new Map([
  ["en", eng],
  ["de", deu],
  ["es", spa],
  ["fr", fra],
  ["ja", jpn],
  ["ko", kor],
  ["pt", [...por, ...porBr]],
  ["ru", rus],
  ["zh", zho],
]);

/** The stop words of the reader's locale and of English, folded as search terms are. */
export function stopWords(locale: string): Set<string> {
  const words = new Set<string>();
  for (const language of new Set([locale.split("-")[0]!.toLowerCase(), "en"])) {
    for (const word of LISTS.get(language) ?? []) {
      const term = processTerm(word);
      if (term) words.add(term);
    }
  }
  return words;
}

/**
 * A query without its stop words (in the reader's language and English); empty when it holds nothing else.
 * @example meaningfulQuery("what is a closure", "en-US") // "closure"
 * @example meaningfulQuery("qu'est-ce qu'une fermeture", "fr") // "fermeture"
 */
export function meaningfulQuery(query: string, locale: string): string {
  const stop = stopWords(locale);
  return tokenize(query)
    .filter((token) => {
      const term = processTerm(token);
      return term !== null && !stop.has(term);
    })
    .join(" ");
}
