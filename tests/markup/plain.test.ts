import { Lexer } from "marked";
import { describe, expect, it } from "vitest";
import { glossaryKeysIn, inlineText, linksIn, summarize } from "../../src/markup/plain.js";

describe("plain text", () => {
  it("drops Markdown syntax and decodes entities", () => {
    expect(inlineText(Lexer.lexInline("a *b* **c** `d` [e](u) &amp; ![alt](x.png)"))).toBe("a b c d e & alt");
  });
  it("summarises the first paragraph on one line", () => {
    expect(summarize("## Heading\n\nThe **first** paragraph\nhere.\n\nSecond.")).toBe("The first paragraph here.");
    expect(summarize("```js\nx\n```\n\nAfter code.")).toBe("After code.");
    expect(summarize("- only a list item")).toBe("only a list item");
    expect(summarize("")).toBe("");
  });
  it("finds links and glossary keys", () => {
    const markdown = "[the DOM](https://developer.mozilla.org/fr/docs/Glossary/DOM) and [x](https://example.com)\n\n- [cb](https://developer.mozilla.org/en-US/docs/Glossary/Callback_function#x)";
    expect(linksIn(markdown)).toEqual([
      { text: "the DOM", url: "https://developer.mozilla.org/fr/docs/Glossary/DOM" },
      { text: "x", url: "https://example.com" },
      { text: "cb", url: "https://developer.mozilla.org/en-US/docs/Glossary/Callback_function#x" },
    ]);
    expect(glossaryKeysIn(markdown)).toEqual(["glossary/dom", "glossary/callback function"]);
  });
});
