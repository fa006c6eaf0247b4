import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { foldTerm, glossaryRefKey, slugKey, titleComparer } from "../../src/text/fold.js";

describe("foldTerm", () => {
  it("folds case and diacritics, and treats space, _ and - alike", () => {
    expect(foldTerm("  Même_Origine ")).toBe("meme origine");
    expect(foldTerm("Same-origin policy")).toBe("same origin policy");
    expect(foldTerm("ASYNCHRONE")).toBe("asynchrone");
    expect(foldTerm("Évènement")).toBe("evenement");
  });
  it("folds letters that do not decompose", () => {
    expect(foldTerm("Łódź")).toBe("lodz");
    expect(foldTerm("Đorđe")).toBe("dorde");
    expect(foldTerm("Ørsted")).toBe("orsted");
    expect(foldTerm("Straße")).toBe("strasse");
    expect(foldTerm("Æsir")).toBe("aesir");
    expect(foldTerm("Nœud")).toBe("noeud");
    expect(foldTerm("İstanbul")).toBe("istanbul");
  });
});

/** foldTerm as written without its shortcuts for ASCII and Latin text: they must not change a result. */
function foldTermReference(text: string): string {
  const folded: Record<string, string> = { đ: "d", ð: "d", ø: "o", ł: "l", ß: "ss", ẞ: "ss", æ: "ae", œ: "oe", þ: "th", ı: "i", ħ: "h", ŧ: "t", ŀ: "l", ĸ: "k", ŋ: "n", ſ: "s", ɨ: "i", ʉ: "u", ƀ: "b", ɍ: "r" };
  return text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(new RegExp(`[${Object.keys(folded).join("")}]`, "g"), (letter) => folded[letter] ?? letter)
    .replace(/[\s_\-\u00A0\u2010-\u2015\u202F]+/gu, " ")
    .trim();
}

describe("foldTerm's shortcuts", () => {
  it("give what the full folding gives, for any text", () => {
    const latin = fc.string({ unit: fc.integer({ min: 0, max: 0x36f }).map((code) => String.fromCodePoint(code)), maxLength: 30 });
    const any = fc.string({ unit: "binary", maxLength: 30 });
    fc.assert(fc.property(fc.oneof(fc.string({ maxLength: 30 }), latin, any), (text) => foldTerm(text) === foldTermReference(text)), { numRuns: 3000 });
  });
});

describe("keys", () => {
  it("keeps the Glossary/ prefix in slug keys", () => {
    expect(slugKey("Glossary/Callback_function")).toBe("glossary/callback function");
    expect(glossaryRefKey("callback function")).toBe("glossary/callback function");
    expect(glossaryRefKey("Glossary/Callback_function")).toBe("glossary/callback function");
  });
  it("sorts titles for humans", () => {
    const titles = ["Zèbre", "été", "Arbre", "Élément", "item 10", "item 9"];
    expect(titles.sort(titleComparer("fr"))).toEqual(["Arbre", "Élément", "été", "item 9", "item 10", "Zèbre"]);
  });
});
