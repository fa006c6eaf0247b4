// Stop words of the languages MDN has (the `stopword` package's lists): words too common to tell entries
// apart, dropped from search queries in the reader's language and in English, the language of MDN's terms.

import { eng } from "stopword/src/stopwords_eng.js";
import { processTerm, tokenize } from "../index/search.js";
import { otherStopWords } from "./other-stop-words.js";

/** A language's list, by its subtag. */
const listOf = (language: string): readonly string[] => (language === "en" ? eng : otherStopWords(language));

/** The stop words of the reader's locale and of English, folded as search terms are. */
export function stopWords(locale: string): Set<string> {
  const words = new Set<string>();
  for (const language of new Set([locale.split("-")[0]!.toLowerCase(), "en"])) {
    for (const word of listOf(language)) {
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
