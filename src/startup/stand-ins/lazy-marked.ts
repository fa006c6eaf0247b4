// Stands in for markup/marked.ts where markup/lex.ts imports it, in the bundles: marked, which builds its
// grammar as it loads, loads from its own bundle only when a text is more than the plainest Markdown.

import type * as MarkedModule from "../../markup/marked.js";

/** The bundle loader's name of markup/marked.ts (`glossary-module:<bundle>:src/markup/marked.ts`), set by the build. */
declare const __GLOSSARY_MARKED_MODULE__: string;

let real: typeof MarkedModule | undefined;
const marked = (): typeof MarkedModule => (real ??= require(__GLOSSARY_MARKED_MODULE__) as typeof MarkedModule);

/** markup/marked.ts's `lexMarkdown`, loading it the first time. */
export function lexMarkdown(markdown: string): ReturnType<typeof MarkedModule.lexMarkdown> {
  return marked().lexMarkdown(markdown);
}

/** markup/marked.ts's `lexInlineMarkdown`, loading it the first time. */
export function lexInlineMarkdown(text: string): ReturnType<typeof MarkedModule.lexInlineMarkdown> {
  return marked().lexInlineMarkdown(text);
}
