// Stands in for cli-highlight in the CommonJS bundle: loads the real one (highlight.js) from dist/vendor (through the bundle loader, src/startup/boot.ts) on first use.

type Highlight = (code: string, options?: Record<string, unknown>) => string;
let real: Highlight | undefined;

/** Highlights code like cli-highlight's `highlight`, loading it the first time a code block is shown. */
export function highlight(code: string, options?: Record<string, unknown>): string {
  real ??= (require("glossary-vendor:cli-highlight") as { highlight: Highlight }).highlight;
  return real(code, options);
}
