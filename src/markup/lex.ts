// The tokens pages are read with: the plainest Markdown read directly (simple-markdown.ts), anything else by
// marked (marked.ts). In the program's bundles marked then loads, the first time a text needs it.

import type { Token, TokensList } from "marked";
import { lexInlineMarkdown, lexMarkdown } from "./marked.js";
import { lexSimpleInline, lexSimpleMarkdown } from "./simple-markdown.js";

/**
 * Markdown's tokens, as marked's lexer (default options) gives them.
 * @example lexPage("A *b*") // [{ type: "paragraph", raw: "A *b*", ... }]
 */
export function lexPage(markdown: string): TokensList {
  return lexSimpleMarkdown(markdown) ?? lexMarkdown(markdown);
}

/**
 * Inline tokens of a text, as marked's `Lexer.lexInline` gives them.
 * @example lexInline("a [b](u)") // [{ type: "text", raw: "a ", ... }, { type: "link", ... }]
 */
export function lexInline(text: string): Token[] {
  return lexSimpleInline(text) ?? lexInlineMarkdown(text);
}
