// Inline HTML found in pages outside code: which tags become Markdown, entities, super/subscripts.

import { decodeHTML } from "entities";

export interface HtmlTag {
  name: string;
  closing: boolean;
  selfClosing: boolean;
  attributes: Map<string, string>;
  /** Index just after the `>`. */
  end: number;
}

/** Tags whose text is read as it is, the tag itself dropped (or turned into a line break). */
const TRANSPARENT = new Set([
  "abbr", "acronym", "article", "aside", "bdi", "bdo", "big", "blockquote", "caption", "center", "data", "dd",
  "del", "details", "dfn", "div", "dl", "dt", "figcaption", "figure", "font", "footer", "header", "ins", "label",
  "li", "main", "mark", "nav", "nobr", "ol", "p", "s", "section", "small", "span", "strike", "summary", "table",
  "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul", "wbr", "h1", "h2", "h3", "h4", "h5", "h6", "hr",
  "input", "button", "meta", "link", "source", "track", "svg", "math", "ruby", "rt", "rp", "picture", "video",
  "audio", "iframe", "object", "embed", "canvas", "noscript", "form", "fieldset", "legend", "select", "option",
  "textarea", "output", "progress", "meter", "colgroup", "col", "area", "map", "address", "hgroup", "search",
  "menu", "dialog", "slot", "template", "html", "head", "body", "title",
]);

/** Tags written as emphasis in Markdown. */
export const EMPHASIS = new Set(["i", "em", "cite", "var", "dfn"]);
export const STRONG = new Set(["b", "strong"]);
/** Tags whose content is code: read whole and written as a code span. */
export const CODE = new Set(["code", "kbd", "samp", "tt"]);
/** Tags whose content never shows as text. */
export const HIDDEN = new Set(["script", "style", "template", "noscript"]);
/** Tags that end a line of text when they close. */
export const LINE_ENDING = new Set(["p", "div", "li", "dt", "dd", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "figure", "figcaption", "summary", "details", "table", "ul", "ol", "dl", "blockquote"]);

/** True when the tag name is one this tool turns into text or Markdown. */
export function isKnownTag(name: string): boolean {
  return (
    TRANSPARENT.has(name) || EMPHASIS.has(name) || STRONG.has(name) || CODE.has(name) || HIDDEN.has(name) ||
    ["a", "br", "img", "sup", "sub", "q", "pre"].includes(name)
  );
}

const TAG = /^<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*(\/?)>/;
const ATTRIBUTE = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

/**
 * Reads the HTML tag starting at `start` (which must point at `<`), if it is a tag this tool knows.
 * @example readTag('<i lang="en">x</i>', 0) // { name: "i", closing: false, attributes: Map { "lang" => "en" }, end: 13 }
 */
export function readTag(text: string, start: number): HtmlTag | null {
  const match = TAG.exec(text.slice(start, start + 2000));
  if (!match) return null;
  const name = match[2]!.toLowerCase();
  if (!isKnownTag(name)) return null;
  const attributes = new Map<string, string>();
  for (const attribute of match[3]!.matchAll(ATTRIBUTE)) {
    attributes.set(attribute[1]!.toLowerCase(), decodeEntities(attribute[2] ?? attribute[3] ?? attribute[4] ?? ""));
  }
  return { name, closing: match[1] === "/", selfClosing: match[4] === "/", attributes, end: start + match[0].length };
}

/**
 * Finds the matching closing tag of `name` from `from`, counting nested tags of the same name.
 * @returns the index of the closing tag's `<` and the index just after it, or null.
 */
export function findClosingTag(text: string, name: string, from: number): { start: number; end: number } | null {
  const pattern = tagPattern(name);
  pattern.lastIndex = from;
  let depth = 1;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    depth += match[1] ? -1 : 1;
    if (depth === 0) return { start: match.index, end: match.index + match[0].length };
  }
  return null;
}

/** Opening and closing tags of an element, as {@link findClosingTag} counts them. */
function tagPattern(name: string): RegExp {
  return new RegExp(`<(/?)${name}\\b[^>]*>`, "gi");
}

/**
 * The closing tags of a text, as {@link findClosingTag} finds them, each element's found for all its tags
 * in one pass the first time it is asked for: asking tag by tag would read the rest of the text for each
 * one, seconds for a page of thousands of tags left open.
 */
export class ClosingTags {
  /** By element: the closing tag of each opening tag, by where the opening tag ends; `ends` holds every opening tag's end. */
  readonly #found = new Map<string, { ends: Set<number>; closes: Map<number, { start: number; end: number }> }>();

  constructor(private readonly text: string) {}

  /** The closing tag of the opening tag of `name` that ends at `from` (see {@link findClosingTag}), or null. */
  after(name: string, from: number): { start: number; end: number } | null {
    let found = this.#found.get(name);
    if (found === undefined) {
      found = { ends: new Set(), closes: new Map() };
      const open: number[] = [];
      const pattern = tagPattern(name);
      for (let match = pattern.exec(this.text); match; match = pattern.exec(this.text)) {
        const end = match.index + match[0].length;
        if (!match[1]) {
          open.push(end);
          found.ends.add(end);
          continue;
        }
        const opened = open.pop();
        if (opened !== undefined) found.closes.set(opened, { start: match.index, end });
      }
      this.#found.set(name, found);
    }
    // An opening tag the pattern reads otherwise (a `>` in an attribute's value) is looked for as it is.
    if (!found.ends.has(from)) return findClosingTag(this.text, name, from);
    return found.closes.get(from) ?? null;
  }
}

const ENTITY = /^&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});/;

/**
 * Decodes the character reference at `start` (which must point at `&`).
 * @example readEntity("&nbsp;x", 0) // { text: "\u00a0", end: 6 }
 */
export function readEntity(text: string, start: number): { text: string; end: number } | null {
  const match = ENTITY.exec(text.slice(start, start + 40));
  if (!match) return null;
  const decoded = decodeHTML(match[0]);
  if (decoded === match[0]) return null;
  return { text: decoded, end: start + match[0].length };
}

/**
 * Decodes every character reference in a text (for code that came wrapped in HTML). A text without `&` holds
 * none, and is not given to the decoder: the program's bundles load it only when a page holds a reference.
 */
export function decodeEntities(text: string): string {
  return text.includes("&") ? decodeHTML(text) : text;
}

const SUPERSCRIPTS: Readonly<Record<string, string>> = {
  "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹",
  "+": "⁺", "-": "⁻", "−": "⁻", "=": "⁼", "(": "⁽", ")": "⁾", n: "ⁿ", i: "ⁱ",
};
const SUBSCRIPTS: Readonly<Record<string, string>> = {
  "0": "₀", "1": "₁", "2": "₂", "3": "₃", "4": "₄", "5": "₅", "6": "₆", "7": "₇", "8": "₈", "9": "₉",
  "+": "₊", "-": "₋", "−": "₋", "=": "₌", "(": "₍", ")": "₎",
};

/**
 * Writes `<sup>` text as Unicode superscripts when every character has one, else as `^(text)`.
 * @example superscript("2") // "²"
 */
export function superscript(text: string): string {
  return mapScript(text, SUPERSCRIPTS, "^");
}

/** Writes `<sub>` text as Unicode subscripts when every character has one, else as `_(text)`. */
export function subscript(text: string): string {
  return mapScript(text, SUBSCRIPTS, "_");
}

function mapScript(text: string, table: Readonly<Record<string, string>>, marker: string): string {
  const chars = [...text];
  if (chars.length > 0 && chars.every((c) => table[c] !== undefined)) return chars.map((c) => table[c]).join("");
  return chars.length === 1 ? `${marker}${text}` : `${marker}(${text})`;
}
