// Stands in for cli-highlight inside the bundle: loads the real one (highlight.js and all its grammars) on first use.

import { createRequire } from "node:module";

type Highlight = (code: string, options?: Record<string, unknown>) => string;
let real: Highlight | undefined;

/** Highlights code like cli-highlight's `highlight`, loading it the first time a code block is shown. */
export function highlight(code: string, options?: Record<string, unknown>): string {
  real ??= (createRequire(import.meta.url)("./vendor/cli-highlight.cjs") as { highlight: Highlight }).highlight;
  return real(code, options);
}
