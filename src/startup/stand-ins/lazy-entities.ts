// Stands in for entities in the bundles: the package decodes its table of references as it loads, so it
// loads from dist/vendor when a text first holds one.

let real: { decodeHTML(text: string): string } | undefined;

/** Decodes HTML character references like entities' `decodeHTML`, loading it the first time. */
export function decodeHTML(text: string): string {
  real ??= require("glossary-vendor:entities") as NonNullable<typeof real>;
  return real.decodeHTML(text);
}
