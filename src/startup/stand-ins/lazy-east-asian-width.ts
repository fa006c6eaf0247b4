// Stands in for get-east-asian-width in the bundles: its tables are made as it loads, and text of one column
// a character (most text) never asks them, so it loads from dist/vendor the first time other text is measured.

let real: { eastAsianWidth(codePoint: number, options?: { ambiguousAsWide?: boolean }): number } | undefined;

/** The columns a code point takes, as get-east-asian-width's `eastAsianWidth` gives them, loading it the first time. */
export function eastAsianWidth(codePoint: number, options?: { ambiguousAsWide?: boolean }): number {
  real ??= require("glossary-vendor:get-east-asian-width") as NonNullable<typeof real>;
  return real.eastAsianWidth(codePoint, options);
}
