import fc from "fast-check";
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
  it("cuts a URL longer than the line after its slashes, and nothing that fits", () => {
    const url = "https://developer.mozilla.org/en-US/docs/Web/API/Element/addEventListener";
    expect(wrapText(`see ${url} now`, 20)).toEqual(["see", "https://developer.", "mozilla.org/en-US/", "docs/Web/API/", "Element/addEventList", "ener now"]);
    expect(wrapText(`see ${url} now`, 80)).toEqual([`see ${url}`, "now"]);
  });
  it("keeps no-break spaces together and breaks between CJK characters", () => {
    expect(wrapText("mot\u00a0: suite de texte", 8)).toEqual(["mot\u00a0:", "suite de", "texte"]);
    expect(wrapText("日本語の文章です。", 8)).toEqual(["日本語の", "文章で", "す。"]);
  });
  it("keeps line breaks", () => {
    expect(wrapText("a\nb c", 80)).toEqual(["a", "b c"]);
  });
});

describe("wrapText and typography", () => {
  it("never starts a line with : ; ? ! » nor ends one with «", () => {
    const text = "Le mot « asynchrone » veut dire ceci : on n'attend pas ; est-ce clair ? Oui ! Encore « une » fois : voilà.";
    for (let width = 16; width <= 40; width++) {
      for (const line of wrapText(text, width)) {
        expect(line, `width ${width}`).not.toMatch(/^\s*[:;?!»]/);
        expect(line, `width ${width}`).not.toMatch(/«$/);
      }
    }
  });
  it("keeps CJK brackets with what they enclose", () => {
    for (let width = 6; width <= 20; width++) {
      for (const line of wrapText("これは「スレッド」と（関数）の説明です。", width)) {
        expect(line).not.toMatch(/[「（]$/);
        expect(line).not.toMatch(/^[」）。]/);
      }
    }
  });
  it("cuts a word longer than a line, after a / where it can, so that no line is wider than the width", () => {
    const url = "(https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Access-Control-Allow-Origin)";
    const lines = wrapText(`See ${url} now`, 40);
    expect(lines.every((line) => displayWidth(line) <= 40)).toBe(true);
    expect(lines.join("").replace(/ /g, "")).toBe(`See ${url} now`.replace(/ /g, ""));
    expect(lines[1]).toMatch(/\/$/);
    // Styles and hyperlinks stay whole.
    const styled = `\u001b[2m${url}\u001b[22m`;
    const cut = wrapText(styled, 30);
    expect(cut.every((line) => displayWidth(line) <= 30)).toBe(true);
    expect(cut.join("")).toBe(styled);
  });
  it("never makes a line wider than the width (property)", () => {
    const word = fc.oneof(fc.string({ minLength: 1, maxLength: 30 }), fc.constantFrom("«", "»", ":", "?", "日本語", "https://example.com/a/very/long/path/to/a/page"));
    fc.assert(
      fc.property(fc.array(word, { maxLength: 30 }), fc.integer({ min: 10, max: 100 }), (words, width) => {
        const text = words.join(" ").replace(/[\n\u0000-\u001f\u007f-\u009f]/g, "");
        for (const line of wrapText(text, width)) if (displayWidth(line) > width) return false;
        return true;
      }),
    );
  });
});

describe("wrapText at the narrowest widths", () => {
  it("keeps every line within the width, even when the hanging indent leaves little room", () => {
    const text = "Encapsulation keeps https://developer.mozilla.org/en-US/docs/Glossary/Encapsulation apart.";
    for (const width of [10, 12, 15]) for (const line of wrapText(text, width, "  • ", "    ")) expect(displayWidth(line), `${width}: ${line}`).toBeLessThanOrEqual(width);
  });
});
