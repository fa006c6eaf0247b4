// Reads expanded Markdown as plain text: summaries (first paragraph) and the glossary terms a text links to.

import type { Token, Tokens } from "marked";
import { lexInline, lexPage } from "./lex.js";
import { decodeEntities } from "./html.js";
import { glossaryKeyOfUrl, safeUrl } from "./urls.js";

export interface InlineTextOptions {
  /** Writes a link given its token and its text already converted; default: the text alone. */
  link?: (token: Tokens.Link, text: string) => string;
  /** Writes a code span; default: the code as it is. */
  codespan?: (code: string) => string;
  /** Writes strong and emphasised text; default: the text as it is. */
  strong?: (text: string) => string;
  em?: (text: string) => string;
  /** What a hard line break becomes; default: a newline. */
  lineBreak?: string;
}

/**
 * Converts marked's inline tokens to plain text: no Markdown syntax, entities decoded.
 * @example inlineText(lexInline("a *b* [c](u)")) // "a b c"
 */
export function inlineText(tokens: readonly Token[], options: InlineTextOptions = {}): string {
  let out = "";
  for (const token of tokens) out += inlineTokenText(token, options);
  return out;
}

function inlineTokenText(token: Token, options: InlineTextOptions): string {
  switch (token.type) {
    case "text": {
      const text = token as Tokens.Text;
      return text.tokens ? inlineText(text.tokens, options) : decodeEntities(text.text);
    }
    case "escape":
      return (token as Tokens.Escape).text;
    case "codespan": {
      const code = (token as Tokens.Codespan).text;
      return options.codespan ? options.codespan(code) : code;
    }
    case "strong": {
      const inner = inlineText((token as Tokens.Strong).tokens, options);
      return options.strong ? options.strong(inner) : inner;
    }
    case "em": {
      const inner = inlineText((token as Tokens.Em).tokens, options);
      return options.em ? options.em(inner) : inner;
    }
    case "del":
      return inlineText((token as Tokens.Del).tokens, options);
    case "link": {
      const link = token as Tokens.Link;
      const inner = inlineText(link.tokens, options);
      return options.link ? options.link(link, inner) : inner;
    }
    case "image":
      return decodeEntities((token as Tokens.Image).text);
    case "br":
      return options.lineBreak ?? "\n";
    case "html":
      // Tags this tool does not know are shown as written: they are text to the reader (`<color>`).
      return decodeEntities((token as Tokens.HTML).text);
    default:
      return "raw" in token && typeof token.raw === "string" ? token.raw : "";
  }
}

const FENCE = /^\s*(`{3,}|~{3,})/;
const NOT_A_PARAGRAPH = /^\s*(#{1,6}\s|[-*+]\s|\d+[.)]\s|>|\||<!--|```|~~~)/;

/**
 * The first paragraph of expanded Markdown, as one line of plain text.
 * @example summarize("## Heading\n\nThe **first** paragraph\nhere.\n\nSecond.") // "The first paragraph here."
 */
export function summarize(markdown: string): string {
  return summaryOf(firstParagraph(markdown));
}

/**
 * The summary of a text and the text without the paragraph the summary comes from (what a search index
 * needs, without counting the summary's words twice).
 * @example splitSummary("First.\n\nSecond.") // { summary: "First.", rest: "\n\nSecond." }
 */
export function splitSummary(markdown: string): { summary: string; rest: string } {
  const block = firstParagraph(markdown);
  const at = block === null ? -1 : markdown.indexOf(block);
  return { summary: summaryOf(block), rest: at < 0 ? markdown : markdown.slice(0, at) + markdown.slice(at + block!.length) };
}

function summaryOf(block: string | null): string {
  if (block === null) return "";
  return inlineText(lexInline(block), { lineBreak: " " }).replace(/\s+/g, " ").trim();
}

function firstParagraph(markdown: string): string | null {
  const lines = markdown.split("\n");
  let fence: string | null = null;
  let block: string[] = [];
  let fallback: string | null = null;
  for (const line of lines) {
    const marker = FENCE.exec(line)?.[1];
    if (fence) {
      if (marker && marker[0] === fence[0] && marker.length >= fence.length) fence = null;
      continue;
    }
    if (marker) {
      fence = marker;
      if (block.length > 0) return block.join("\n");
      continue;
    }
    if (line.trim() === "") {
      if (block.length > 0) return block.join("\n");
      continue;
    }
    if (block.length === 0 && NOT_A_PARAGRAPH.test(line)) {
      if (fallback === null && /^\s*([-*+]|\d+[.)])\s/.test(line)) fallback = line.replace(/^\s*([-*+]|\d+[.)])\s+/, "");
      continue;
    }
    block.push(line);
  }
  return block.length > 0 ? block.join("\n") : fallback;
}

const MDN_GLOSSARY_LINK = /https?:\/\/developer\.mozilla\.org\/[^/\s]+\/docs\/Glossary\/[^\s)"'>\]]+/gi;

/**
 * The glossary slug keys a Markdown text links to, in order, without repeats.
 * @example glossaryKeysIn("[x](https://developer.mozilla.org/fr/docs/Glossary/DOM)") // ["glossary/dom"]
 */
export function glossaryKeysIn(markdown: string): string[] {
  const keys = new Set<string>();
  for (const match of markdown.matchAll(MDN_GLOSSARY_LINK)) {
    const key = glossaryKeyOfUrl(match[0].replace(/#.*$/, ""));
    if (key) keys.add(key);
  }
  return [...keys];
}

/**
 * The links of a Markdown text, in order, with their text as plain text.
 * @example linksIn("See [the DOM](https://x/DOM).") // [{ text: "the DOM", url: "https://x/DOM" }]
 */
export function linksIn(markdown: string): Array<{ text: string; url: string }> {
  const links: Array<{ text: string; url: string }> = [];
  const walk = (tokens: readonly Token[]): void => {
    for (const token of tokens) {
      if (token.type === "link") {
        const link = token as Tokens.Link;
        links.push({ text: inlineText(link.tokens, { lineBreak: " " }).replace(/\s+/g, " ").trim(), url: safeUrl(link.href) });
        continue;
      }
      for (const children of childTokenLists(token)) walk(children);
    }
  };
  walk(lexPage(markdown));
  return links;
}

/** The nested token lists of a block or inline token (list items, table cells, inline content). */
export function childTokenLists(token: Token): Token[][] {
  const lists: Token[][] = [];
  if ("tokens" in token && Array.isArray(token.tokens)) lists.push(token.tokens as Token[]);
  if (token.type === "list") for (const item of (token as Tokens.List).items) lists.push(item.tokens);
  if (token.type === "table") {
    const table = token as Tokens.Table;
    for (const cell of table.header) lists.push(cell.tokens);
    for (const row of table.rows) for (const cell of row) lists.push(cell.tokens);
  }
  return lists;
}
