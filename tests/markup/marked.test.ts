// lexMarkdown gives marked's own tokens: the block rules it skips could not have matched.
import fc from "fast-check";
import { Lexer, type Token, type TokensList } from "marked";
import { describe, expect, it } from "vitest";
import { lexMarkdown } from "../../src/markup/marked.js";

/** Tokens and reference links as one comparable value. */
const lexed = (tokens: TokensList): string => JSON.stringify({ tokens, links: tokens.links });
const stock = (markdown: string): string => lexed(new Lexer().lex(markdown));

/** Every token type in a token tree. */
function types(tokens: readonly Token[], into = new Set<string>()): Set<string> {
  for (const token of tokens) {
    into.add(token.type);
    const record = token as unknown as Record<string, unknown>;
    for (const key of ["tokens", "items"]) if (Array.isArray(record[key])) types(record[key] as Token[], into);
    if (token.type === "table") for (const cell of [...token.header, ...token.rows.flat()]) types(cell.tokens, into);
  }
  return into;
}

// Lines that start, continue, interrupt or end every kind of block, at several indents, with the blank
// lines and line separators marked and JavaScript read differently (a no-break space is whitespace to a
// regular expression, a line separator ends `.`).
const indent = fc.constantFrom("", " ", "  ", "   ", "    ", "\t");
const word = fc.constantFrom("word", "Title", "a *b*", "`code`", "[link](https://x.org/a)", "[ref]", "<b>bold</b>", "x | y", "2 > 1", "a\u00a0b", "é", "**", "_", "~~s~~", "\\", "&amp;", "=", "-", "|");
const line = fc.oneof(
  fc.array(word, { minLength: 1, maxLength: 4 }).map((words) => words.join(" ")),
  fc.constantFrom("", " ", "\t", "\u00a0", " \u00a0 ", "\u2028", "\u3000", "\r", "\f", "\v"),
  fc.constantFrom("=", "==", "===", "-", "--", "---", "= =", "-=", "=== ", "---\t", "***", "___", "* * *", "- - -"),
  fc.constantFrom("| a | b |", "|---|---|", "| :-- | --: |", ":-:|:-:", "a | b", "--- | ---", "-|-", "|a|", "| - |", "|:", "-:", "| --- |"),
  fc.constantFrom(">", "> quote", ">> nested", "> > x", ">", "> [!NOTE]", "> - item", "> # h", "> ---", "> | a |"),
  fc.constantFrom("<div>", "</div>", "<!-- comment -->", "<!--", "-->", "<span>x</span>", "<pre>", "</pre>", "<?php ?>", "<!DOCTYPE html>", "<![CDATA[ x ]]>", "<p class=\"a\">", "<custom-tag>", "<a href=\"u\">", "<script>", "</script>"),
  fc.constantFrom("- item", "* item", "+ item", "1. one", "2) two", "-", "1.", "- [ ] task", "- [x] done", "10. ten"),
  fc.constantFrom("# h1", "## See also", "###### h6", "#nohash", "# h #", "```", "```js", "~~~", "````", "[ref]: https://x.org/r", "[ref]: <https://x.org> \"t\"", "    code", "\tcode"),
);
const markdown = fc.array(fc.tuple(indent, line).map(([space, text]) => space + text), { maxLength: 14 }).map((lines) => lines.join("\n"));

describe("lexMarkdown", () => {
  it("gives marked's own tokens for random Markdown", () => {
    fc.assert(
      fc.property(markdown, (text) => lexed(lexMarkdown(text)) === stock(text)),
      { numRuns: 20000 },
    );
  });

  it("gives marked's own tokens for the page's usual blocks and the rules it skips", () => {
    const samples = [
      "Title\n=====\n\nText",
      "Title\nand more\n---\n",
      "Not\n\n---\n",
      "Not a heading\n \n===",
      "a\u00a0\n\u00a0\n---",
      "| a | b |\n| --- | :-: |\n| 1 | 2 |",
      "a | b\n-- | --\n",
      "> quote\ncontinued\n\n> [!NOTE]\n> Text",
      "<div>\nhtml\n</div>\n\ntext <span>x</span>",
      "- item\n  ===\n- [link](https://x.org)\n\n1. a\n   | a | b |\n   | - | - |",
      "[ref]\n\n[ref]: https://x.org/r",
      "```js\ncode\n```\n  ~~~\n  x\n  ~~~",
    ];
    for (const text of samples) expect(lexed(lexMarkdown(text))).toBe(stock(text));
  });

  it("meets every block the skipped rules make, in the random Markdown", () => {
    const seen = new Set<string>();
    fc.assert(fc.property(markdown, (text) => void types(lexMarkdown(text), seen)), { numRuns: 3000, seed: 16 });
    expect([...seen]).toEqual(expect.arrayContaining(["heading", "table", "blockquote", "html", "list", "code", "paragraph", "def", "hr", "space"]));
    // Setext headings, tables, blockquotes, HTML, fenced code and definitions: the rules skipped where they cannot match.
    expect(lexMarkdown("Title\n---\n")[0]).toMatchObject({ type: "heading", depth: 2, text: "Title" });
    expect(lexMarkdown("| a |\n| - |\n")[0]?.type).toBe("table");
    expect(lexMarkdown("> a\n")[0]?.type).toBe("blockquote");
    expect(lexMarkdown("<div>\nx\n</div>\n")[0]?.type).toBe("html");
    expect(lexMarkdown("   ~~~js\nx\n~~~\n")[0]).toMatchObject({ type: "code", lang: "js", text: "x" });
    expect(lexMarkdown("[a]: https://x.org/a\n")[0]).toMatchObject({ type: "def", tag: "a", href: "https://x.org/a" });
  });
});

describe("Markdown nested deeper than marked's recursion can follow", () => {
  it("is read as plain text, every mark kept as written, instead of exhausting the stack", () => {
    const text = (tokens: TokensList): string => JSON.stringify(tokens);
    for (const markdown of [`${"> ".repeat(3000)}deep`, `${"*".repeat(30_000)}deep${"*".repeat(30_000)}`, `${"_".repeat(150)}deep`]) {
      const tokens = lexMarkdown(markdown);
      expect(tokens.map((token) => token.type)).toEqual(["paragraph"]);
      expect(text(tokens)).toContain("deep");
    }
  });

  it("is read by marked as usual below that depth", () => {
    const markdown = `${"> ".repeat(20)}quoted, ***strong and emphasised***`;
    expect(lexMarkdown(markdown)).toEqual(new Lexer().lex(markdown));
  });
});

describe("marks in code", () => {
  it("are no nesting: a banner comment of a hundred stars in a code block is read as marked reads it", () => {
    const markdown = `A **banner** comment:\n\n\`\`\`c\n/${"*".repeat(120)}/\n\`\`\`\n\n- one\n- two, \`${"_".repeat(120)}\`\n`;
    expect(lexMarkdown(markdown)).toEqual(new Lexer().lex(markdown));
  });
});
