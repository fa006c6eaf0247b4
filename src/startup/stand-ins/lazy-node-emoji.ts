// Stands in for node-emoji in the CommonJS bundle: its tables load from dist/vendor only if a shortcode is ever looked up.

let real: { get(name: string): string | undefined } | undefined;

/** Looks an emoji up by shortcode, like node-emoji's `get`. */
export function get(name: string): string | undefined {
  real ??= require("glossary-vendor:node-emoji") as { get(name: string): string | undefined };
  return real.get(name);
}
