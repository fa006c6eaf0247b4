// The document model the text renderer draws: Markdown blocks and inlines as plain, serialisable data.

import type { Segment } from "./highlight.js";

/** Inline content: plain text (entities decoded), code, emphasis, links and line breaks. */
export type Inline =
  | string
  | { t: "code"; text: string }
  | { t: "strong" | "em" | "del"; c: Inline[] }
  | { t: "link"; href: string; c: Inline[] }
  | { t: "br" };

/**
 * Block content: paragraphs, headings, code blocks, lists, quotes, tables, rules and raw HTML text. A code
 * block may carry its highlighting, computed ahead (null: a language highlight.js does not know).
 */
export type Block =
  | { t: "p"; c: Inline[] }
  | { t: "h"; depth: number; c: Inline[] }
  | { t: "code"; text: string; lang: string; highlighted?: Segment[] | null }
  | { t: "list"; ordered: boolean; start: number; loose: boolean; items: Block[][] }
  | { t: "quote"; c: Block[] }
  | { t: "table"; header: Inline[][]; rows: Inline[][][] }
  | { t: "hr" }
  | { t: "html"; text: string };

export type Doc = Block[];

/**
 * The text of inline content, links written by `link` (default: their text alone).
 * @example inlinePlain(["a ", { t: "em", c: ["b"] }]) // "a b"
 */
export function inlinePlain(content: readonly Inline[], link?: (href: string, text: string) => string): string {
  let out = "";
  for (const item of content) {
    if (typeof item === "string") out += item;
    else if (item.t === "code") out += item.text;
    else if (item.t === "br") out += "\n";
    else if (item.t === "link") {
      const text = inlinePlain(item.c, link);
      out += link ? link(item.href, text) : text;
    } else out += inlinePlain(item.c, link);
  }
  return out;
}
