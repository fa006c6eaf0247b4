// Renders an entry as plain text: no escape codes, wrapped, links as "text (url)", glossary terms marked
// once each and listed on a closing line.

import { stripControls } from "../text/sanitize.js";
import { type Labels, localLabel } from "../text/labels.js";
import { glossaryTarget } from "../markup/urls.js";
import { inlinePlain } from "./inline.js";
import { layOutTable } from "./table.js";
import { horizontalRule, wrapText } from "./wrap.js";
import type { Block, Doc, EntryView, Inline, ResolvedTerm } from "../types.js";

export interface TextOptions {
  /** Columns to wrap to. */
  width: number;
}

/** The mark after the first occurrence of a term that can be looked up, explained by the glossary line. */
export const TERM_MARK = "*";

/** The label of the closing line that lists the terms of an entry that can be looked up. */
export const GLOSSARY_LABEL: Labels = {
  en: "Glossary:", fr: "Glossaire\u00a0:", es: "Glosario:", de: "Glossar:", pt: "Glossário:", it: "Glossario:",
  ja: "用語集:", ko: "용어집:", zh: "术语表：", ru: "Глоссарий:",
};

/**
 * How a link that is not a glossary term reads in plain text: `(url)`; empty when the text is the URL
 * itself.
 * @example linkSuffix("https://example.com/", "Example") // "(https://example.com/)"
 */
export function linkSuffix(href: string, text: string): string {
  if (href === text || href === `mailto:${text}` || href === "") return "";
  return `(${href})`;
}

/** Renders a whole entry: title, definition, the "See also" section, then the line of glossary terms. */
export function renderText(view: EntryView, options: TextOptions): string {
  const renderer = new TextRenderer(view.terms, options.width);
  const parts = [wrapText(stripControls(view.title), options.width).join("\n")];
  const definition = renderer.blocks(view.documents.definition, "");
  if (definition) parts.push(definition);
  if (view.seeAlsoSection && view.documents.seeAlso) {
    const items = renderer.blocks(view.documents.seeAlso, "");
    if (items) parts.push(`${view.seeAlsoSection.heading}\n\n${items}`);
  }
  const glossary = renderer.glossaryLine(view.locale);
  if (glossary) parts.push(glossary);
  // Text from pages carries no control character to the terminal (see text/sanitize.ts).
  return `${stripControls(parts.join("\n\n"))}\n`;
}

/** Styles for the summary on a terminal: a glossary term, and the label of the glossary line. */
export interface SummaryStyle {
  term(text: string): string;
  label(text: string): string;
}

/** The summary's styles in colour: terms as in a whole entry (cyan, underlined), the label in italics. */
export const TERMINAL_SUMMARY_STYLE: SummaryStyle = {
  term: (text) => `\u001b[36m\u001b[4m${text}\u001b[24m\u001b[39m`,
  label: (text) => `\u001b[3m${text}\u001b[23m`,
};

/**
 * The summary of an entry (`--short`): its first paragraph with its glossary terms marked (or styled) and
 * other links as their text alone, a disambiguation page's list of meanings, and the line of glossary
 * terms. In plain text unless `style` is given (text from the page is then cleaned of control characters
 * before it is styled).
 */
export function renderSummary(view: EntryView, options: TextOptions, style?: SummaryStyle): string {
  const blocks = summaryBlocks(view);
  if (blocks === null) return `${stripControls(wrapText(view.summary, options.width).join("\n"))}\n`;
  const renderer = new TextRenderer(view.terms, options.width, { style, urls: false });
  const parts = [renderer.blocks(blocks, "")];
  const glossary = renderer.glossaryLine(view.locale);
  if (glossary) parts.push(glossary);
  const text = parts.join("\n\n");
  return `${style ? text : stripControls(text)}\n`;
}

/**
 * The blocks `--short` shows: the paragraph the summary is (null when the definition does not start with
 * it), and on a disambiguation page the list of meanings after it.
 */
export function summaryBlocks(view: EntryView): Doc | null {
  const [first, next] = view.documents.definition;
  if (first?.t !== "p" || inlinePlain(first.c).replace(/\s+/g, " ").trim() !== view.summary) return null;
  return view.pageType === "glossary-disambiguation" && next?.t === "list" ? [first, next] : [first];
}

/** Inline content with control characters out of its text, before styles are added to it. */
function cleanInline(content: readonly Inline[]): Inline[] {
  return content.map((item): Inline => {
    if (typeof item === "string") return stripControls(item);
    if (item.t === "code") return { t: "code", text: stripControls(item.text) };
    if (item.t === "br") return item;
    if (item.t === "link") return { t: "link", href: item.href, c: cleanInline(item.c) };
    return { t: item.t, c: cleanInline(item.c) };
  });
}

/**
 * Renders document blocks as plain text; each glossary term that can be looked up is marked after its
 * first occurrence ({@link TERM_MARK}), or styled with `style`, and listed by {@link glossaryLine}.
 */
export class TextRenderer {
  readonly #terms: EntryView["terms"];
  readonly #width: number;
  readonly #style: SummaryStyle | undefined;
  readonly #urls: boolean;
  /** The terms met so far, by slug, in order. */
  readonly #seen = new Map<string, ResolvedTerm>();

  /** `style`: terms styled rather than marked; `urls: false`: other links read as their text alone. */
  constructor(terms: EntryView["terms"], width: number, options: { style?: SummaryStyle | undefined; urls?: boolean } = {}) {
    this.#terms = terms;
    this.#width = width;
    this.#style = options.style;
    this.#urls = options.urls !== false;
  }

  inline(content: readonly Inline[]): string {
    return inlinePlain(this.#style ? cleanInline(content) : content, (href, text) => {
      const target = glossaryTarget(this.#terms, href);
      if (target) {
        const first = !this.#seen.has(target.slug);
        this.#seen.set(target.slug, target);
        return this.#style ? this.#style.term(text) : first ? `${text}${TERM_MARK}` : text;
      }
      const suffix = this.#urls ? linkSuffix(href, text) : "";
      return suffix ? `${text} ${suffix}` : text;
    });
  }

  /**
   * The closing line listing the terms met, by their titles, in the entry's language: "* Glossary:
   * Synchronous, Callback function" ("* Glossaire : ..." in French); empty when there were none.
   */
  glossaryLine(locale: string): string {
    if (this.#seen.size === 0) return "";
    const titles = [...this.#seen.values()].map((term) => term.title.replace(/\s+/g, " ").trim());
    const label = localLabel(GLOSSARY_LABEL, locale);
    const line = this.#style
      ? `${this.#style.label(label)} ${titles.map((title) => this.#style!.term(stripControls(title))).join(", ")}`
      : `${TERM_MARK} ${label} ${titles.join(", ")}`;
    return wrapText(line, this.#width, "", "  ").join("\n");
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
