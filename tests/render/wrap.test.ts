import { eastAsianWidth } from "get-east-asian-width";
import { describe, expect, it } from "vitest";
import { displayWidth, wrapText } from "../../src/render/wrap.js";

describe("displayWidth", () => {
  it("counts as one column each the characters it does not measure one by one, as measuring them would", () => {
    // An emoji after the character sends the text down the measuring path: 2 columns more.
    const ranges: Array<[number, number]> = [[0x20, 0x7e], [0xa0, 0x2ff], [0x2010, 0x205e]];
    for (const [from, to] of ranges) {
      for (let code = from; code <= to; code++) {
        const char = String.fromCodePoint(code);
        expect(displayWidth(char), `U+${code.toString(16)}`).toBe(displayWidth(`${char}👍`) - 2);
      }
    }
    expect(displayWidth("‼ ™ ↔")).toBe(5); // drawn as text, one column each
    expect(displayWidth("a\u200bb\u202ec\u2066")).toBe(3);
    expect(displayWidth("• « l’asynchrone » — …")).toBe(22);
  });
  it("counts one column for every character of its Latin shortcut (U+00A0 to U+02FF), as the full measure does", () => {
    for (let code = 0xa0; code < 0x300; code++) {
      const char = String.fromCodePoint(code);
      expect(/[\p{Mn}\p{Me}]/u.test(char) || (/\p{Extended_Pictographic}/u.test(char) && code > 0xff), char).toBe(false);
      expect(eastAsianWidth(code, { ambiguousAsWide: false }), char).toBe(1);
      expect(displayWidth(`a${char}b`)).toBe(3);
    }
  });
  it("counts terminal columns", () => {
    expect(displayWidth("hello")).toBe(5);
    expect(displayWidth("日本語")).toBe(6);
    expect(displayWidth("é")).toBe(1);
    expect(displayWidth("e\u0301")).toBe(1);
    expect(displayWidth("👍")).toBe(2);
    expect(displayWidth("👩‍💻")).toBe(2);
    expect(displayWidth("\u001b[31mred\u001b[0m")).toBe(3);
    expect(displayWidth("\u001b]8;;https://x.y\u001b\\link\u001b]8;;\u001b\\")).toBe(4);
    expect(displayWidth("a\u200bb")).toBe(2);
    expect(displayWidth("❤️ ❤ ⌚")).toBe(7); // emoji presentation asked for (U+FE0F): 2, text style: 1, emoji by default: 2
  });
});

describe("wrapText", () => {
  it("wraps at spaces with a hanging indent", () => {
    expect(wrapText("one two three four", 9)).toEqual(["one two", "three", "four"]);
    expect(wrapText("one two three four", 12, "- ", "  ")).toEqual(["- one two", "  three four"]);
  });
  it("never splits a word or a URL longer than the line", () => {
    const url = "https://developer.mozilla.org/en-US/docs/Web/API/Element/addEventListener";
    expect(wrapText(`see ${url} now`, 20)).toEqual(["see", url, "now"]);
  });
  it("keeps no-break spaces together and breaks between CJK characters", () => {
    expect(wrapText("mot\u00a0: suite de texte", 8)).toEqual(["mot\u00a0:", "suite de", "texte"]);
    expect(wrapText("日本語の文章です。", 8)).toEqual(["日本語の", "文章で", "す。"]);
  });
  it("keeps line breaks", () => {
    expect(wrapText("a\nb c", 80)).toEqual(["a", "b c"]);
  });
});
