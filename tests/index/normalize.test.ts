import { describe, expect, it } from "vitest";
import { foldTerm, glossaryRefKey, slugKey, titleComparer } from "../../src/index/normalize.js";

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
