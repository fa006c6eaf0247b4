// Stands in for query/other-stop-words.ts in the bundles: the stop words of languages other than English
// load from their own bundle in dist/vendor the first time a reader of another language searches.

let real: { otherStopWords(language: string): readonly string[] } | undefined;

/** query/other-stop-words.ts's `otherStopWords`, loading it the first time. */
export function otherStopWords(language: string): readonly string[] {
  real ??= require("glossary-vendor:other-stop-words") as NonNullable<typeof real>;
  return real.otherStopWords(language);
}
