// Converts Markdown into the document model (types.ts) from marked's tokens (markup/lex.ts).

import type { Token, Tokens } from "marked";
import { lexPage } from "./lex.js";
import { decodeEntities } from "./html.js";
import type { Block, Doc, Inline } from "../types.js";
import { safeUrl } from "./urls.js";

/**
 * Parses Markdown into blocks and inlines, entities decoded.
 * @example toDoc("A *b*") // [{ t: "p", c: ["A ", { t: "em", c: ["b"] }] }]
 */
export function toDoc(markdown: string): Doc {
  return blocks(lexPage(markdown));
}

function blocks(tokens: readonly Token[]): Block[] {
  const out: Block[] = [];
  for (const token of tokens) {
    const block = toBlock(token);
    if (block) out.push(block);
  }
  return out;
}

function toBlock(token: Token): Block | null {
  switch (token.type) {
    case "paragraph":
      return { t: "p", c: inlines((token as Tokens.Paragraph).tokens) };
    case "text": {
      const text = token as Tokens.Text;
      return { t: "p", c: text.tokens ? inlines(text.tokens) : [decodeEntities(text.text)] };
    }
    case "heading": {
      const heading = token as Tokens.Heading;
      return { t: "h", depth: heading.depth, c: inlines(heading.tokens) };
    }
    case "code": {
      const code = token as Tokens.Code;
      return { t: "code", text: code.text, lang: code.lang ?? "" };
    }
    case "list": {
      const list = token as Tokens.List;
      return {
        t: "list",
        ordered: list.ordered,
        start: typeof list.start === "number" ? list.start : 1,
        loose: list.loose,
        items: list.items.map((item) => blocks(item.tokens)),
      };
    }
    case "blockquote":
      return { t: "quote", c: blocks((token as Tokens.Blockquote).tokens) };
    case "table": {
      const table = token as Tokens.Table;
      return { t: "table", header: table.header.map((cell) => inlines(cell.tokens)), rows: table.rows.map((row) => row.map((cell) => inlines(cell.tokens))) };
    }
    case "hr":
      return { t: "hr" };
    case "html": {
      const text = decodeEntities((token as Tokens.HTML).text).trim();
      return text === "" ? null : { t: "html", text };
    }
    case "space":
    case "def":
      return null;
    default:
      return "raw" in token && typeof token.raw === "string" && token.raw.trim() !== "" ? { t: "p", c: [token.raw.trim()] } : null;
  }
}

function inlines(tokens: readonly Token[]): Inline[] {
  const out: Inline[] = [];
  const text = (raw: string): void => {
    // A line break inside a paragraph is a soft break: a space. Hard breaks are their own tokens.
    const value = raw.replace(/[ \t]*\n[ \t]*/g, " ");
    if (value === "") return;
    const last = out[out.length - 1];
    if (typeof last === "string") out[out.length - 1] = last + value;
    else out.push(value);
  };
  for (const token of tokens) {
    switch (token.type) {
      case "text": {
        const t = token as Tokens.Text;
        if (t.tokens) for (const inner of inlines(t.tokens)) typeof inner === "string" ? text(inner) : out.push(inner);
        else text(decodeEntities(t.text));
        break;
      }
      case "escape":
        text((token as Tokens.Escape).text);
        break;
      case "codespan":
        out.push({ t: "code", text: (token as Tokens.Codespan).text.replace(/\n/g, " ") });
        break;
      case "strong":
      case "em":
      case "del":
        out.push({ t: token.type, c: inlines((token as Tokens.Strong).tokens) });
        break;
      case "link": {
        const link = token as Tokens.Link;
        out.push({ t: "link", href: safeUrl(link.href), c: inlines(link.tokens) });
        break;
      }
      case "image":
        text(decodeEntities((token as Tokens.Image).text));
        break;
      case "br":
        out.push({ t: "br" });
        break;
      case "html":
        text(decodeEntities((token as Tokens.HTML).text));
        break;
      default:
        if ("raw" in token && typeof token.raw === "string") text(token.raw);
    }
  }
  return out;
}
