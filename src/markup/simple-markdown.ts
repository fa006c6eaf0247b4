// Reads the plainest Markdown into the tokens marked gives it, without marked: paragraphs, headings and
// tight lists of one line an item, of words, escaped punctuation, links, code spans and words in strong or
// emphasis. Anything else is declined (null), for marked to read (a property test compares the two).

import type { Token, Tokens, TokensList } from "marked";

/** Characters of running text: letters, digits, spaces and punctuation marked gives no meaning there. */
const TEXT = String.raw`A-Za-z0-9 .,;:?'"()\/=+%$>\u00c0-\u024f\u2013\u2014\u2018\u2019\u201c\u201d\u2026\-`;
/** A run of running text. */
const TEXT_RUN = new RegExp(`^[${TEXT}\\n]+`);
/** Text marked could read as a bare link (GFM's autolinks of URLs and `www.`). */
const BARE_LINK = /:\/\/|www\./i;
/**
 * Words in strong or emphasis, between `**`, `*`, `__` or `_`: text starting with a letter or digit and
 * ending with one or with closing punctuation.
 */
const DELIMITED = new RegExp(String.raw`^(\*\*?|__?)([A-Za-z0-9\u00c0-\u024f](?:[${TEXT}]*[A-Za-z0-9\u00c0-\u024f.,:;?)])?)\1(?![*_])`);
/** What may follow a closing delimiter here: the end, a space, a line break or closing punctuation. */
const AFTER_DELIMITER = /^(?:$|[ \n.,;:?)])/;
/** A backslash escaping ASCII punctuation. */
const ESCAPE = /^\\([!-/:-@[-`{-~])/;
/**
 * A link: text read here (without brackets, or escaped ones), and a destination without spaces,
 * parentheses, quotes or escapes.
 */
const LINK = new RegExp(String.raw`^\[((?:[${TEXT}*_\x60]|\\[!-/:-@^-\x60{-~])+)\]\(([A-Za-z0-9_.~:\/?#=%+-]+)\)`);
/** A code span of one backtick (not followed by another), its code neither starting nor ending with a space. */
const CODE = /^`([\x21-\x5f\x61-\x7e](?:[\x20-\x5f\x61-\x7e]*[\x21-\x5f\x61-\x7e])?)`(?!`)/;
/**
 * How a paragraph's line, a list item or a heading's text may start: nothing marked could read as the start
 * of another block (a list, a heading, a quote, HTML, a fence, a definition, a break, a table).
 */
const LINE_START = /^(?:[A-Za-z\u00c0-\u024f"'(\u2018\u201c]|\[|(?:\*\*?|__?)[A-Za-z0-9\u00c0-\u024f]|`[^`])/;
const HEADING = /^(#{1,6}) (.*[^ #])$/;
const LIST_ITEM = /^- (.*)$/;
/** A task list item's box (GFM): declined. */
const TASK = /^\[[ xX]\]/;

/**
 * The tokens of Markdown made only of the blocks and inline forms read here, as marked's lexer (default
 * options) gives them; null for any other Markdown.
 * @example lexSimpleMarkdown("A [b](https://x.org/b).") // [{ type: "paragraph", ... }]
 */
export function lexSimpleMarkdown(markdown: string): TokensList | null {
  const tokens = [] as unknown as TokensList;
  tokens.links = Object.create(null) as TokensList["links"];
  const lines = markdown.split("\n");
  // Spaces ending a line: a line break, or space marked leaves out of a block.
  if (lines.some((line) => line.endsWith(" "))) return null;
  let at = 0;
  // Blank lines before the first block: a token of their own.
  while (at < lines.length - 1 && lines[at] === "") at++;
  if (at > 0) tokens.push({ type: "space", raw: "\n".repeat(at) });
  if (at === lines.length - 1 && lines[at] === "") return tokens;
  while (at < lines.length) {
    const start = at;
    while (at < lines.length && lines[at] !== "") at++;
    const block = blockOf(lines.slice(start, at));
    // Lists apart by blank lines are one loose list to marked.
    if (block === null || (block.type === "list" && tokens[tokens.length - 2]?.type === "list")) return null;
    tokens.push(block);
    // The line breaks after the block (the one ending its last line, and blank lines): one at the end of
    // the text is the block's own, more make a token of their own.
    let next = at;
    while (next < lines.length && lines[next] === "") next++;
    const breaks = next < lines.length ? next - at + 1 : next - at;
    if (breaks === 1 && next === lines.length) block.raw += "\n";
    else if (breaks > 0) tokens.push({ type: "space", raw: "\n".repeat(breaks) });
    at = next;
  }
  return tokens;
}

/**
 * Inline tokens of text made only of the forms read here, as marked's `Lexer.lexInline` gives them; null
 * for any other text.
 * @example lexSimpleInline("a **b**") // [{ type: "text", raw: "a ", ... }, { type: "strong", ... }]
 */
export function lexSimpleInline(text: string): Token[] | null {
  const tokens: Token[] = [];
  const addText = (value: string): void => {
    const last = tokens[tokens.length - 1];
    if (last?.type === "text") {
      last.raw += value;
      last.text += value;
    } else tokens.push(textToken(value));
  };
  let rest = text;
  while (rest !== "") {
    const before = text.length === rest.length ? "" : text[text.length - rest.length - 1]!;
    const run = TEXT_RUN.exec(rest);
    if (run) {
      addText(run[0]);
      rest = rest.slice(run[0].length);
      continue;
    }
    const token = escapeAt(rest) ?? linkAt(rest) ?? codeAt(rest) ?? delimitedAt(rest, before);
    if (token === null) return null;
    tokens.push(token);
    rest = rest.slice(token.raw.length);
  }
  for (const token of tokens) if (token.type === "text" && !isPlainText(token.raw)) return null;
  return tokens;
}

/**
 * True when marked reads a text token's text as it is, checked wherever one is made: false for a bare URL,
 * a line break (two spaces or none before a line's end) and spaces starting a line.
 */
function isPlainText(text: string): boolean {
  return !BARE_LINK.test(text) && !/ \n|\n /.test(text);
}

function textToken(text: string): Tokens.Text {
  return { type: "text", raw: text, text, escaped: false };
}

/** The escaped punctuation a text starts with, or null. */
function escapeAt(text: string): Tokens.Escape | null {
  const escape = ESCAPE.exec(text);
  return escape && { type: "escape", raw: escape[0], text: escape[1]! };
}

/** The link a text starts with, or null (also when its own text is not read here). */
function linkAt(text: string): Tokens.Link | null {
  const link = LINK.exec(text);
  if (link === null) return null;
  const [raw, label, href] = link as unknown as [string, string, string];
  const tokens = lexSimpleInline(label);
  return tokens && { type: "link", raw, href, title: null, text: label, tokens };
}

/** The code span a text starts with, or null. */
function codeAt(text: string): Tokens.Codespan | null {
  const code = CODE.exec(text);
  return code && { type: "codespan", raw: code[0], text: code[1]! };
}

/** The words in strong or emphasis a text starts with, after the character `before`; or null. */
function delimitedAt(text: string, before: string): Tokens.Strong | Tokens.Em | null {
  const delimited = DELIMITED.exec(text);
  if (delimited === null || !(before === "" || before === " " || before === "\n") || !AFTER_DELIMITER.test(text.slice(delimited[0].length))) return null;
  const [raw, delimiter, inner] = delimited as unknown as [string, string, string];
  if (!isPlainText(inner)) return null;
  return { type: delimiter.length === 2 ? "strong" : "em", raw, text: inner, tokens: [textToken(inner)] };
}

/** One block of non-blank lines: a heading, a list or a paragraph; null for anything else. */
function blockOf(lines: readonly string[]): Tokens.Heading | Tokens.List | Tokens.Paragraph | null {
  const heading = lines.length === 1 ? HEADING.exec(lines[0]!) : null;
  if (heading) {
    const [raw, marks, text] = heading as unknown as [string, string, string];
    const tokens = LINE_START.test(text) ? lexSimpleInline(text) : null;
    return tokens && { type: "heading", raw, depth: marks.length, text, tokens };
  }
  if (lines.every((line) => LIST_ITEM.test(line))) {
    const items: Tokens.ListItem[] = [];
    for (const [n, line] of lines.entries()) {
      const text = line.slice(2);
      const tokens = LINE_START.test(text) && !TASK.test(text) ? lexSimpleInline(text) : null;
      if (tokens === null) return null;
      const raw = n < lines.length - 1 ? `${line}\n` : line;
      items.push({ type: "list_item", raw, task: false, loose: false, text, tokens: [{ type: "text", raw: text, text, tokens }] });
    }
    return { type: "list", raw: lines.join("\n"), ordered: false, start: "", loose: false, items };
  }
  if (!lines.every((line) => LINE_START.test(line))) return null;
  const text = lines.join("\n");
  const tokens = lexSimpleInline(text);
  return tokens && { type: "paragraph", raw: text, text, tokens };
}
