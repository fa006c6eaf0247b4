// Locales: how many entries each has, and one term in every locale that has it.

import { slugKey } from "../text/fold.js";
import type { Entry } from "../types.js";
import type { Glossary } from "./glossary.js";

/**
 * Each locale with its number of visible entries, sorted by locale.
 * @example localeCounts(glossary) // [["en-US", 280], ["fr", 280]]
 */
export function localeCounts(glossary: Glossary): Array<[string, number]> {
  const locales = glossary.locales();
  if (glossary.layers.length === 1) {
    const counts = glossary.layers[0]!.index.locales;
    return locales.map((locale) => [locale, counts.get(locale) ?? 0]);
  }
  return locales.map((locale) => [locale, glossary.titleList(locale).length]);
}

/**
 * The entry in every locale that has its slug, sorted by locale: a translator's table.
 * @example translationsOf(glossary, asynchrone).map((e) => `${e.locale}\t${e.title}`) // ["en-US\tAsynchronous", "fr\tAsynchrone"]
 */
export function translationsOf(glossary: Glossary, entry: Entry): Entry[] {
  return glossary.translations(slugKey(entry.slug)).sort((a, b) => (a.locale < b.locale ? -1 : a.locale > b.locale ? 1 : 0));
}
