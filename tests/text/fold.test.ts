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
    .replace(/[\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g, "")
    .replace(/[\u2018\u2019\u201B\u02BC\u2032\uFF07]/g, "'")
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

describe("foldTerm on what readers paste", () => {
  it("reads every apostrophe as the plain one", () => {
    expect(foldTerm("fil d’exécution")).toBe(foldTerm("Fil d'exécution"));
    expect(foldTerm("l‘objet")).toBe("l'objet");
    expect(foldTerm("lʼobjet")).toBe("l'objet");
  });
  it("ignores zero-width characters, bidirectional marks and the byte order mark", () => {
    expect(foldTerm("\ufeffasynchrone")).toBe("asynchrone");
    expect(foldTerm("asyn\u200bchrone\u200e")).toBe("asynchrone");
    expect(foldTerm("\u2067閉包\u2069")).toBe("閉包");
    expect(foldTerm("\u202bclosure\u202c")).toBe("closure");
  });
});
