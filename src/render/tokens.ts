// Turns the document model back into marked tokens, so marked's parser (with marked-terminal) can render a
// stored document without lexing Markdown again.

import type { Token, Tokens } from "marked";
import { stripControls } from "../text/sanitize.js";
import { inlinePlain } from "./inline.js";
import type { Block, Doc, Inline, Segment } from "../types.js";

/**
 * The marked tokens of inline content.
 * @example inlineTokens(["a ", { t: "code", text: "b" }]) // [{ type: "text", ... }, { type: "codespan", ... }]
 */
export function inlineTokens(content: readonly Inline[]): Token[] {
  return content.map((item): Token => {
    if (typeof item === "string") {
      const text = stripControls(item);
      return { type: "text", raw: text, text, escaped: false } as Tokens.Text;
    }
    switch (item.t) {
      case "code":
        return { type: "codespan", raw: `\`${item.text}\``, text: stripControls(item.text) } as Tokens.Codespan;
      case "br":
        return { type: "br", raw: "\n" } as Tokens.Br;
      case "link": {
        const text = stripControls(inlinePlain(item.c));
        return { type: "link", raw: text, href: stripControls(item.href), title: null, text, tokens: inlineTokens(item.c) } as Tokens.Link;
      }
      default: {
        const text = stripControls(inlinePlain(item.c));
        return { type: item.t, raw: text, text, tokens: inlineTokens(item.c) } as Tokens.Strong;
      }
    }
  });
}

/** The marked tokens of a document; `tight` renders paragraphs as a tight list item's text. */
export function blockTokens(doc: Doc, tight = false): Token[] {
  return doc.map((block) => blockToken(block, tight));
}

function blockToken(block: Block, tight: boolean): Token {
  switch (block.t) {
    case "p": {
      const text = stripControls(inlinePlain(block.c));
      return { type: tight ? "text" : "paragraph", raw: text, text, tokens: inlineTokens(block.c) } as Tokens.Paragraph;
    }
    case "h": {
      const text = stripControls(inlinePlain(block.c));
      return { type: "heading", raw: text, depth: block.depth, text, tokens: inlineTokens(block.c) } as Tokens.Heading;
    }
    case "code": {
      const token = { type: "code", raw: block.text, lang: block.lang, text: stripControls(block.text) } as Tokens.Code & { highlighted?: Segment[] | null };
      if (block.highlighted !== undefined) token.highlighted = block.highlighted;
      return token;
    }
    case "list":
      return {
        type: "list",
        raw: "",
        ordered: block.ordered,
        start: block.start,
        loose: block.loose,
        items: block.items.map((item) => ({
          type: "list_item",
          raw: "",
          task: false,
          loose: block.loose,
          text: "",
          tokens: blockTokens(item, !block.loose),
        })),
      } as Tokens.List;
    case "quote":
      return { type: "blockquote", raw: "", text: "", tokens: blockTokens(block.c) } as Tokens.Blockquote;
    case "table": {
      const cell = (content: Inline[], header: boolean): Tokens.TableCell => ({ text: stripControls(inlinePlain(content)), tokens: inlineTokens(content), header, align: null });
      return {
        type: "table",
        raw: "",
        align: block.header.map(() => null),
        header: block.header.map((content) => cell(content, true)),
        rows: block.rows.map((row) => row.map((content) => cell(content, false))),
      } as Tokens.Table;
    }
    case "hr":
      return { type: "hr", raw: "---" } as Tokens.Hr;
    case "html":
      return { type: "html", raw: block.text, text: stripControls(block.text), block: true, pre: false } as Tokens.HTML;
  }
}
