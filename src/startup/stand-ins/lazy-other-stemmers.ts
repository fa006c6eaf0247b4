// Stands in for index/other-stemmers.ts in the bundles: the stemmers of languages other than English load
// from their own bundle in dist/vendor the first time one is asked for.

let real: { otherStemmer(language: string): ((word: string) => string) | undefined } | undefined;

/** index/other-stemmers.ts's `otherStemmer`, loading it the first time. */
export function otherStemmer(language: string): ((word: string) => string) | undefined {
  real ??= require("glossary-vendor:other-stemmers") as NonNullable<typeof real>;
  return real.otherStemmer(language);
}
