// Renders an entry as plain text: no escape codes, wrapped, links as "text (url)", glossary terms marked.

import { Lexer, type Token, type Tokens } from "marked";
import { foldTerm } from "../index/normalize.js";
import { inlineText } from "../markup/plain.js";
import { type EntryView, glossaryTarget } from "../query/describe.js";
import { calloutsAsText } from "./callouts.js";
import { displayWidth, wrapText } from "./wrap.js";

export interface TextOptions {
  /** Columns to wrap to. */
  width: number;
}

/**
 * How a link reads in plain text: `text (url)`, or `text (glossary: Title)` for a term that can be looked
 * up next (`text (glossary)` when the text is already the title).
 * @example linkSuffix(terms, "https://developer.mozilla.org/fr/docs/Glossary/Synchronous", "synchrones") // "(glossary: Synchrone)"
 */
export function linkSuffix(terms: EntryView["terms"], href: string, text: string): string {
  const target = glossaryTarget(terms, href);
  if (target) return foldTerm(target.title) === foldTerm(text) ? "(glossary)" : `(glossary: ${target.title})`;
  if (href === text || href === `mailto:${text}` || href === "") return "";
  return `(${href})`;
}

/** Renders a whole entry: title, definition, then the "See also" section. */
export function renderText(view: EntryView, options: TextOptions): string {
  const renderer = new TextRenderer(view, options.width);
  const parts = [wrapText(view.title, options.width).join("\n")];
  const definition = renderer.blocks(new Lexer().lex(calloutsAsText(view.definition, view.locale)), "");
  if (definition) parts.push(definition);
  if (view.seeAlsoSection) {
    const items = renderer.blocks(new Lexer().lex(view.seeAlsoSection.markdown), "");
    if (items) parts.push(`${view.seeAlsoSection.heading}\n\n${items}`);
  }
  return `${parts.join("\n\n")}\n`;
}

/** Renders Markdown blocks as plain text, with the entry's glossary terms marked. */
class TextRenderer {
  readonly #view: EntryView;
  readonly #width: number;

  constructor(view: EntryView, width: number) {
    this.#view = view;
    this.#width = width;
  }

  inline(tokens: readonly Token[]): string {
    return inlineText(tokens, {
      link: (link: Tokens.Link, text: string) => {
        const suffix = linkSuffix(this.#view.terms, link.href, text);
        return suffix ? `${text} ${suffix}` : text;
      },
    });
  }

  blocks(tokens: readonly Token[], indent: string): string {
    const out: string[] = [];
    for (const token of tokens) {
      const text = this.block(token, indent);
      if (text !== null) out.push(text);
    }
    return out.join("\n\n");
  }

  block(token: Token, indent: string): string | null {
    const wrap = (text: string, first = indent, hanging = indent): string =>
      wrapText(text.replace(/[ \t]*\n[ \t]*/g, " "), this.#width, first, hanging).join("\n");
    switch (token.type) {
      case "paragraph":
        return wrap(this.inline((token as Tokens.Paragraph).tokens));
      case "text": {
        const text = token as Tokens.Text;
        return wrap(text.tokens ? this.inline(text.tokens) : text.text);
      }
      case "heading":
        return wrap(this.inline((token as Tokens.Heading).tokens));
      case "code": {
        const code = (token as Tokens.Code).text;
        return code.split("\n").map((line) => (line === "" ? "" : `${indent}    ${line}`)).join("\n");
      }
      case "list":
        return this.list(token as Tokens.List, indent);
      case "blockquote":
        return this.blocks((token as Tokens.Blockquote).tokens, `${indent}  `);
      case "table":
        return this.table(token as Tokens.Table, indent);
      case "hr":
        return `${indent}${"-".repeat(Math.min(40, Math.max(3, this.#width - indent.length)))}`;
      case "html": {
        const html = (token as Tokens.HTML).text.trim();
        return html === "" ? null : wrap(html);
      }
      case "space":
      case "def":
        return null;
      default:
        return "raw" in token && typeof token.raw === "string" && token.raw.trim() !== "" ? wrap(token.raw.trim()) : null;
    }
  }

  list(list: Tokens.List, indent: string): string {
    const start = typeof list.start === "number" ? list.start : 1;
    const items = list.items.map((item, n) => {
      const marker = list.ordered ? `${start + n}. ` : "- ";
      const hanging = indent + " ".repeat(marker.length);
      const [first, ...rest] = item.tokens;
      const parts: string[] = [];
      if (first) {
        const head = this.block(first, hanging);
        if (head !== null) parts.push(indent + marker + head.slice(hanging.length));
      }
      for (const token of rest) {
        const text = this.block(token, hanging);
        if (text !== null) parts.push(text);
      }
      return parts.join(item.loose ? "\n\n" : "\n");
    });
    return items.join(list.loose ? "\n\n" : "\n");
  }

  table(table: Tokens.Table, indent: string): string {
    const rows = [table.header, ...table.rows].map((row) => row.map((cell) => this.inline(cell.tokens).replace(/\s+/g, " ").trim()));
    const widths = table.header.map((_, column) => Math.max(...rows.map((row) => displayWidth(row[column] ?? ""))));
    const line = (row: string[]): string =>
      indent + row.map((cell, column) => cell + " ".repeat(Math.max(0, widths[column]! - displayWidth(cell)))).join("  ").trimEnd();
    const [header, ...body] = rows;
    return [line(header!), indent + widths.map((w) => "-".repeat(w)).join("  "), ...body.map(line)].join("\n");
  }
}
