// Markdown escaping: code spans and the characters that would start Markdown syntax in running text.

import { stripControls } from "../text/sanitize.js";

/**
 * Writes text as a Markdown code span, choosing a backtick fence the text does not contain.
 * @example codeSpan("a`b") // "``a`b``"
 */
export function codeSpan(text: string): string {
  if (text === "") return "";
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(longest + 1);
  const pad = text.startsWith("`") || text.endsWith("`") || (text.startsWith(" ") && text.endsWith(" ") && text.trim() !== "") ? " " : "";
  return `${fence}${pad}${text.replace(/\n/g, " ")}${pad}${fence}`;
}

/**
 * Escapes the characters that would otherwise start Markdown syntax in running text, after taking escape
 * sequences out whole (an escaped `]` would cut `ESC ]...` apart, leaving its visible part behind).
 * @example escapeMarkdown("a*b_[c]") // "a\\*b\\_\\[c\\]"
 */
export function escapeMarkdown(text: string): string {
  return stripControls(text).replace(/[\\`*_[\]<]/g, "\\$&").replace(/&(?=#?[a-zA-Z0-9]+;)/g, "\\&");
}
