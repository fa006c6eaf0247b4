// marked's classes, imported from the package here only: whichever parts of the program use marked share
// one copy of it (loading marked costs milliseconds: it builds its grammar when loaded); and the lexer pages
// are read with, which skips the block rules that cannot match where they are tried.

import { Lexer, Marked, type Token, type TokensList } from "marked";

export { Lexer, Marked } from "marked";

// Each of marked's block rules is a regular expression, some of them long (a table's, a blockquote's and a
// setext heading's hold most of the others as lookaheads), which V8 compiles the first time it runs in a
// process: up to a few milliseconds apiece, more than lexing a page takes. marked tries them in turn at the
// start of every block; a block rule tried where it cannot match is told "no match" here without running it.
// Each test below is a necessary condition of its rule (a prefix of what the rule requires), so the tokens
// are marked's own (a property test in tests/markup/marked.test.ts compares them with an unmodified marked's).

/** Where a fenced code block can start: three backticks or tildes or more (the fence), after at most three spaces. */
const FENCE_START = /^ {0,3}(`{3,}|~{3,})/;
/** Where a link reference definition can start: `[` after at most three spaces. */
const DEFINITION_START = /^ {0,3}\[/;
/** Where a blockquote can start: `>` after at most three spaces (marked's `blockquoteStart`). */
const BLOCKQUOTE_START = /^ {0,3}>/;
/** Where an HTML block can start: every kind of HTML block opens with `<` after at most three spaces. */
const HTML_START = /^ {0,3}</;
/** Where a table can start: a first line, then a delimiter row's start (`|`, `:` or `-`). */
const TABLE_START = /^ *[^\n ][^\n]*\n {0,3}(?:\| *)?:?-/;
/** A blank line (whitespace alone): no setext heading's text runs over one. */
const BLANK_LINE = /\n[^\S\n]*\n/;
/** A setext heading's underline: a line of `=` or of `-` after at least one line of text. */
const SETEXT_UNDERLINE = /\n {0,3}(?:=+|-+)[ \t]*(?:\n|$)/;

/** True when a setext heading can start here: an underline comes before the first blank line. */
function setextHeadingPossible(src: string): boolean {
  const blank = src.search(BLANK_LINE);
  return SETEXT_UNDERLINE.test(blank < 0 ? src : src.slice(0, blank + 1));
}

/** marked with its default options, told `false` (run the rule) or `undefined` (no match) before each of these. */
const pageMarked = new Marked({
  tokenizer: {
    fences: (src) => (FENCE_START.test(src) ? false : undefined),
    def: (src) => (DEFINITION_START.test(src) ? false : undefined),
    blockquote: (src) => (BLOCKQUOTE_START.test(src) ? false : undefined),
    html: (src) => (HTML_START.test(src) ? false : undefined),
    table: (src) => (TABLE_START.test(src) ? false : undefined),
    lheading: (src) => (setextHeadingPossible(src) ? false : undefined),
  },
});

/**
 * Markdown's tokens, as `new Lexer().lex(markdown)` gives them (marked's default options), without trying the
 * block rules that cannot match.
 */
export function lexMarkdown(markdown: string): TokensList {
  return withinStack((text) => pageMarked.lexer(text), markdown);
}

/** Inline tokens of a text, as marked's `Lexer.lexInline` gives them (default options). */
export function lexInlineMarkdown(text: string): Token[] {
  return withinStack((inline) => Lexer.lexInline(inline), text);
}

/**
 * Marks nested deeper than any page means them: a hundred emphasis marks in a row, or a hundred quote
 * levels. marked reads each level by a call of its own, each reading the rest of the text again: seconds,
 * then the stack exhausted, for a page of thousands.
 */
const TOO_DEEP = /[*_]{100}|^(?: {0,3}>){100}/m;

/**
 * A text without its code (fenced and indented blocks, code spans), where marks are not read as marks:
 * a banner comment of a hundred `*` in a code block is no nesting. Close enough to Markdown's rules to
 * tell such text apart; a text it takes wrongly for nested is caught all the same when marked runs out of
 * stack.
 */
function outsideCode(text: string): string {
  const kept: string[] = [];
  let fence: string | null = null;
  for (const line of text.split("\n")) {
    const mark = FENCE_START.exec(line)?.[1];
    if (fence !== null) {
      if (mark !== undefined && mark[0] === fence[0] && mark.length >= fence.length) fence = null;
    } else if (mark !== undefined) fence = mark;
    else if (!/^(?: {4}|\t)/.test(line)) kept.push(line.replace(/(`+)[^`]*?\1/g, ""));
  }
  return kept.join("\n");
}

/**
 * What `lex` gives of a text; for a text nested deeper than marked's recursion can follow (see
 * {@link TOO_DEEP}, or any that exhausts the stack), what it gives of the text with every mark escaped: the
 * text as it is written, read as plain text.
 */
export function withinStack<T>(lex: (text: string) => T, text: string): T {
  const plain = (): T => lex(text.replace(/[!-/:-@[-`{-~]/g, "\\$&"));
  if (TOO_DEEP.test(text) && TOO_DEEP.test(outsideCode(text))) return plain();
  try {
    return lex(text);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return plain();
  }
}
