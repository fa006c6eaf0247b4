// The plainest Markdown read without marked gives marked's own tokens, whenever it is read at all.
import fc from "fast-check";
import { Lexer } from "marked";
import { describe, expect, it } from "vitest";
import { lexSimpleInline, lexSimpleMarkdown } from "../../src/markup/simple-markdown.js";
import { checkFastPath } from "../helpers.js";

/** Tokens (and reference links) as one comparable value. */
const blocks = (markdown: string): string => {
  const tokens = new Lexer().lex(markdown);
  return JSON.stringify({ tokens, links: tokens.links });
};

// Pieces of inline text: words, the forms read here, and their near misses (what marked reads otherwise).
const piece = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.constantFrom("word", "Title", "x1", "é", "l’été", " ", ", ", ". ", "(a)", "a/b", "\"q\"", "it's", "a = b", "50%", "—", "**bold**", "**two words**", "*em*", "**b**.", "*e*,", "`code`", "`a = b()`", "`<div>`", "[link](https://x.org/a_b)", "[the DOM](/en-US/docs/Web/API)", "[a](#x)", "_em_", "__strong__", "**Note:**", "*a, b.*", "`a_b`", "`*p`", "`a[0]`", "`x && y`", "`a|b`", "`\\n`", "`@x`", "(e.g., [a](https://x.org/a))", "a > b", "a\\_b", "\\*", "\\(", "[a\\_b](https://x.org/a_b)", "[**F**](u)", "[`c`](u)", "[*e* f](u)"),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom("**", "*", "** x**", "**x **", "*x", "_x", "a_b", "_x_y", "__x_", "*x_", "**x.**y", "*x*_", "~~x~~", "`a`b`", "`a ``", "`", "``x``", "` x `", "[x]", "[x](u) (y)", "[x](u)y)", "[x](u) \"t\")", "[x](u) 't')", "[x](u) (t))", "[x](u)\n\"t\")", "[x](u)(t))", "[x](u))", "[a\\]b](u)", "[a\\[b](u)", "\\\n", "\\a", "[_x](u)", "[**x](u)", "[x**](u)**", "\\_x_", "[x](a b)", "[](u)", "![i](u)", "<b>", "&amp;", "&#65;", "\\*", "https://x.org", "www.x.org", "a@b.org", "a  ", "\t", "|", "#", "!", "\u00a0", "😀"),
  },
);
// Words in strong or emphasis, drawn from the same kinds of text as the rest (a bare URL among them).
const delimited = fc
  .tuple(fc.constantFrom("*", "**", "_", "__"), fc.constantFrom("word", "two words", "x1", "é", "a, b.", "a:b", "a/b", "a.b", "www.x.org", "https://x.org/a", "Ftp://a", "WWW.x", "a@b.org", "(a)"))
  .map(([mark, words]) => `${mark}${words}${mark}`);
const inline = fc.array(fc.oneof({ weight: 6, arbitrary: piece }, { weight: 1, arbitrary: delimited }), { minLength: 1, maxLength: 6 }).map((pieces) => pieces.join(""));
const lineOf = fc.oneof(
  { weight: 2, arbitrary: inline },
  { weight: 10, arbitrary: fc.tuple(fc.constantFrom("A ", "Word", "**B** ", "*e* ", "[l](u) ", "`c` ", "- ", "- A ", "## ", "# A "), inline).map(([start, rest]) => start + rest) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom("# ", "## ", "###### ", "####### ", "#", "- ", "* ", "+ ", "1. ", "> ", "    ", " ", "- [ ] ", "- - ", "=", "---", "***", "```", "<div>", "[a]: u", "| a |"), inline).map(([start, rest]) => start + rest) },
  { weight: 1, arbitrary: fc.constantFrom("---", "===", "- x", "- [a](u)", "## See also", "", " ", "  ") },
);
const markdown = fc.tuple(fc.array(fc.array(lineOf, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 4 }), fc.array(fc.constantFrom("\n", "\n\n", "\n\n\n"), { minLength: 4, maxLength: 4 }), fc.constantFrom("", "\n", "\n\n", "\n\n\n"))
  .map(([groups, gaps, end]) => groups.map((lines) => lines.join("\n")).reduce((text, group, n) => (n === 0 ? group : text + gaps[n - 1] + group)) + end);

describe("lexSimpleMarkdown", () => {
  it("reads a generated glossary page as marked does", () => {
    const page = "**Babrivenze** Edited in place. the a result [briwika](https://developer.mozilla.org/en-US/docs/Glossary/Briwika) has.\nAn was baul.\n\nZanlomize inheritance a `module` was *neloul*.\n\n## See also\n\n- [Wishoflami format](https://developer.mozilla.org/en-US/docs/Glossary/Wishoflami_format)\n- [to zansubaba](https://developer.mozilla.org/en-US/docs/Web/API/Petiul)\n";
    const tokens = lexSimpleMarkdown(page);
    expect(tokens).not.toBeNull();
    expect(JSON.stringify({ tokens, links: tokens!.links })).toBe(blocks(page));
  });

  it("declines what it does not read", () => {
    for (const text of ["> quote", "1. one", "```\ncode\n```", "a  \nb", "<div>x</div>", "| a | b |\n| - | - |", "A\n===", "- a\n\n- b", "- [ ] task", "a_b_", "see https://x.org"]) {
      expect(lexSimpleMarkdown(text)).toBeNull();
    }
  });

  it("gives marked's tokens whenever it reads a text", () => {
    const read = checkFastPath(markdown, lexSimpleMarkdown, (text, tokens) => expect(JSON.stringify({ tokens, links: tokens.links })).toBe(blocks(text)));
    // The comparison means something only if many texts were read (about 3% of these).
    expect(read).toBeGreaterThan(300);
  });
});

describe("lexSimpleInline", () => {
  it("gives marked's inline tokens whenever it reads a text", () => {
    const texts = fc.array(inline, { minLength: 1, maxLength: 3 }).map((lines) => lines.join("\n"));
    const read = checkFastPath(texts, lexSimpleInline, (text, tokens) => expect(JSON.stringify(tokens)).toBe(JSON.stringify(Lexer.lexInline(text))));
    expect(read).toBeGreaterThan(1000);
  });
});
