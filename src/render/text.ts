// Renders an entry as plain text: no escape codes, wrapped, links as "text (url)", glossary terms marked.

import { foldTerm } from "../text/fold.js";
import { stripControls } from "../text/sanitize.js";
import { glossaryTarget } from "../markup/urls.js";
import { inlinePlain } from "./inline.js";
import { layOutTable } from "./table.js";
import { horizontalRule, wrapText } from "./wrap.js";
import type { Block, Doc, EntryView, Inline } from "../types.js";

export interface TextOptions {
  /** Columns to wrap to. */
  width: number;
}

/**
 * How a link reads in plain text: `(url)`, or `(glossary: Title)` for a term that can be looked up next
 * (`(glossary)` when the text is already the title); empty when the text is the URL itself.
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
  const renderer = new TextRenderer(view.terms, options.width);
  const parts = [wrapText(stripControls(view.title), options.width).join("\n")];
  const definition = renderer.blocks(view.documents.definition, "");
  if (definition) parts.push(definition);
  if (view.seeAlsoSection && view.documents.seeAlso) {
    const items = renderer.blocks(view.documents.seeAlso, "");
    if (items) parts.push(`${view.seeAlsoSection.heading}\n\n${items}`);
  }
  // Text from pages carries no control character to the terminal (see text/sanitize.ts).
  return `${stripControls(parts.join("\n\n"))}\n`;
}

/** Renders document blocks as plain text, with the entry's glossary terms marked. */
export class TextRenderer {
  readonly #terms: EntryView["terms"];
  readonly #width: number;

  constructor(terms: EntryView["terms"], width: number) {
    this.#terms = terms;
    this.#width = width;
  }

  inline(content: readonly Inline[]): string {
    return inlinePlain(content, (href, text) => {
      const suffix = linkSuffix(this.#terms, href, text);
      return suffix ? `${text} ${suffix}` : text;
    });
  }

  blocks(blocks: Doc, indent: string): string {
    return blocks
      .map((block) => this.block(block, indent))
      .filter((text) => text !== "")
      .join("\n\n");
  }

  block(block: Block, indent: string): string {
    const wrap = (text: string): string => wrapText(text, this.#width, indent, indent).join("\n");
    switch (block.t) {
      case "p":
      case "h":
        return wrap(this.inline(block.c));
      case "code":
        return block.text.split("\n").map((line) => (line === "" ? "" : `${indent}    ${line}`)).join("\n");
      case "list":
        return this.list(block, indent);
      case "quote":
        return this.blocks(block.c, `${indent}  `);
      case "table":
        return this.table(block, indent);
      case "hr":
        return `${indent}${horizontalRule(this.#width - indent.length)}`;
      case "html":
        return wrap(block.text);
    }
  }

  list(list: Extract<Block, { t: "list" }>, indent: string): string {
    const items = list.items.map((item, n) => {
      const marker = list.ordered ? `${list.start + n}. ` : "- ";
      const hanging = indent + " ".repeat(marker.length);
      const [first, ...rest] = item;
      const parts: string[] = [];
      if (first) {
        const head = this.block(first, hanging);
        if (head !== "") parts.push(indent + marker + head.slice(hanging.length));
      }
      for (const block of rest) {
        const text = this.block(block, hanging);
        if (text !== "") parts.push(text);
      }
      return parts.join(list.loose ? "\n\n" : "\n");
    });
    return items.join(list.loose ? "\n\n" : "\n");
  }

  table(table: Extract<Block, { t: "table" }>, indent: string): string {
    const cells = (row: Inline[][]): string[] => row.map((cell) => this.inline(cell));
    return layOutTable(cells(table.header), table.rows.map(cells), this.#width, indent).join("\n");
  }
}
