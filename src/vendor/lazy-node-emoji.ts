// Stands in for node-emoji inside the bundle: its tables load only if an emoji shortcode is ever looked up.

import { createRequire } from "node:module";

let real: { get(name: string): string | undefined } | undefined;

/** Looks an emoji up by shortcode, like node-emoji's `get`. */
export function get(name: string): string | undefined {
  real ??= createRequire(import.meta.url)("./vendor/node-emoji.cjs") as { get(name: string): string | undefined };
  return real.get(name);
}
