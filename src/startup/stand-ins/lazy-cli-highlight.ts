// Stands in for cli-highlight in the CommonJS bundle: loads the real one (highlight.js) from dist/vendor (through the bundle loader, src/startup/boot.ts) on first use.

type Highlight = (code: string, options?: Record<string, unknown>) => string;
let real: { highlight: Highlight; supportsLanguage(name: string): boolean } | undefined;

/**
 * Highlights code like cli-highlight's `highlight`, loading it the first time a code block is shown; code in
 * a language the bundled grammars do not know is left as it is (highlight.js would print a warning).
 */
export function highlight(code: string, options?: Record<string, unknown>): string {
  real ??= require("glossary-vendor:cli-highlight") as NonNullable<typeof real>;
  const language = options?.["language"];
  if (typeof language === "string" && !real.supportsLanguage(language)) return code;
  return real.highlight(code, options);
}
