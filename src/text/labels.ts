// Words the program itself prints inside rendered output (callout labels, section headings, the glossary
// line), in the reader's language: tables by language, English where a language has no entry.

/** One label in each language it is translated to, by language subtag (`en`, `fr`...); `en` is required. */
export type Labels = Readonly<Record<string, string>> & { readonly en: string };

/**
 * The label for a locale's language, else the English one. French labels carry their no-break space
 * before `:` in the table itself.
 * @example localLabel({ en: "See also", fr: "Voir aussi" }, "fr-CA") // "Voir aussi"
 * @example localLabel({ en: "See also", fr: "Voir aussi" }, "de") // "See also"
 */
export function localLabel(labels: Labels, locale: string): string {
  return labels[locale.split("-")[0]!.toLowerCase()] ?? labels.en;
}
