import { spawnSync } from "node:child_process";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { oneLine, shellQuote, stripControls, toJson } from "../../src/text/sanitize.js";

const ESC = "\u001b";

describe("stripControls", () => {
  it("removes whole CSI sequences, 7-bit and 8-bit", () => {
    expect(stripControls(`a${ESC}[2J${ESC}[Hb`)).toBe("ab");
    expect(stripControls(`a${ESC}[38;5;196mred${ESC}[0m`)).toBe("ared");
    expect(stripControls(`a${ESC}[?1049hb`)).toBe("ab");
    expect(stripControls("a\u009b31mb\u009b2Jc")).toBe("abc");
    expect(stripControls(`a${ESC}[ 1`)).toBe("a1"); // intermediate then a digit: no final byte, the digit is text
  });
  it("removes whole OSC sequences, ended by BEL or ST, 7-bit and 8-bit", () => {
    expect(stripControls(`a${ESC}]52;c;SGVsbG8=\u0007b`)).toBe("ab");
    expect(stripControls(`a${ESC}]0;title${ESC}\\b`)).toBe("ab");
    expect(stripControls(`a${ESC}]8;;https://evil.example${ESC}\\link${ESC}]8;;${ESC}\\`)).toBe("alink");
    expect(stripControls("a\u009d0;title\u009cb")).toBe("ab");
    expect(stripControls("a\u009d0;title\u0007b")).toBe("ab");
  });
  it("removes DCS, SOS, PM and APC strings, 7-bit and 8-bit", () => {
    for (const introducer of ["P", "X", "^", "_"]) {
      expect(stripControls(`a${ESC}${introducer}payload;1|2${ESC}\\b`), introducer).toBe("ab");
    }
    for (const introducer of ["\u0090", "\u0098", "\u009e", "\u009f"]) {
      expect(stripControls(`a${introducer}payload${ESC}\\b`)).toBe("ab");
      expect(stripControls(`a${introducer}payload\u009cb`)).toBe("ab");
    }
    expect(stripControls(`a${ESC}Ptmux;${ESC}${ESC}]52;c;x\u0007${ESC}\\b`)).not.toMatch(/52|tmux/);
  });
  it("removes an unterminated string up to the end of its line, and leaves the next lines", () => {
    expect(stripControls(`a${ESC}]52;c;SGVsbG8=\nnext`)).toBe("a\nnext");
    expect(stripControls(`a${ESC}Pdata`)).toBe("a");
  });
  it("removes other escape sequences and lone controls", () => {
    expect(stripControls(`a${ESC}7b${ESC}8c${ESC}(0d${ESC}#8e${ESC}cf${ESC}`)).toBe("abcdef");
    expect(stripControls("a\u0007b\u0000c\u007fd\u0085e\u009cf\rg")).toBe("abcdefg");
    expect(stripControls("tab\tand\nnewline")).toBe("tab\tand\nnewline");
  });
  it("leaves nothing that a terminal reads as a control, whatever the input", () => {
    const piece = fc.oneof(fc.string({ unit: "binary", maxLength: 10 }), fc.constantFrom(ESC, "[", "]", "P", "_", "^", "X", "\\", "\u0007", "\u009b", "\u009d", "\u0090", "\u009c", ";", "2J", "\n"));
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 20 }), (pieces) => {
        const clean = stripControls(pieces.join(""));
        expect(clean).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
        expect(stripControls(clean)).toBe(clean);
      }),
      { numRuns: 500 },
    );
  });
});

describe("oneLine", () => {
  it("makes one line without controls", () => {
    expect(oneLine(`a\nb\r\n\tc ${ESC}[2J d`, 60)).toEqual({ text: "a b c d", cut: false });
  });
  it("cuts at a word boundary with an ellipsis", () => {
    const words = Array.from({ length: 30 }, (_, n) => `word${n}`).join(" ");
    const { text, cut } = oneLine(words, 60);
    expect(cut).toBe(true);
    expect(text.endsWith(" …")).toBe(true);
    expect([...text].length).toBeLessThanOrEqual(60);
    expect(words.startsWith(text.slice(0, -2))).toBe(true);
    expect(words[text.length - 2]).toBe(" ");
    expect(oneLine("x".repeat(100), 60).text).toBe(`${"x".repeat(58)} …`);
  });
});

describe("shellQuote", () => {
  it("quotes for a POSIX shell where needed", () => {
    expect(shellQuote("closure")).toBe("closure");
    expect(shellQuote("$(id)")).toBe("'$(id)'");
    expect(shellQuote("it's")).toBe("'it'\\''s'");
    expect(shellQuote("a b")).toBe("'a b'");
    expect(shellQuote("")).toBe("''");
    expect(shellQuote("`id`;rm")).toBe("'`id`;rm'");
  });
  it("gives back the very text when a shell reads it", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 12 }).map((s) => s.replace(/\u0000/g, "")), { minLength: 1, maxLength: 4 }), (words) => {
        const result = spawnSync("sh", ["-c", `printf '%s\\0' ${words.map(shellQuote).join(" ")}`], { encoding: "utf8" });
        expect(result.stdout).toBe(words.map((word) => `${word}\u0000`).join(""));
      }),
      { numRuns: 40 },
    );
  });
});

describe("toJson", () => {
  it("takes escape sequences out of every string, and escapes line separators", () => {
    expect(toJson({ a: "\u009b2J\u2028", b: [`x${ESC}]52;c;y\u0007z`], c: 1 })).toBe('{\n  "a": "\\u2028",\n  "b": [\n    "xz"\n  ],\n  "c": 1\n}');
  });
});
