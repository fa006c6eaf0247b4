// The text of the document model's inline content.

import type { Inline } from "../types.js";

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
