import { describe, expect, it } from "vitest";
import { otherStemmer } from "../../src/index/other-stemmers.js";
import { OTHER_STEMMED_LANGUAGES, stem } from "../../src/index/stemmers.js";

// Every language MDN has, by subtag.
const MDN_LANGUAGES = ["de", "en", "es", "fr", "ja", "ko", "pt", "ru", "zh"];

describe("stemmers", () => {
  it("know which languages other than English have a stemmer, as their module holds them", () => {
    for (const language of MDN_LANGUAGES.filter((language) => language !== "en")) {
      expect(OTHER_STEMMED_LANGUAGES.has(language), language).toBe(otherStemmer(language) !== undefined);
    }
  });
  it("stem in the reader's language, and leave words of a language without a stemmer as they are", () => {
    expect(stem("declared", "en-US")).toBe("declar");
    expect(stem("fermeture", "fr")).toBe("fermetur");
    expect(stem("funktionen", "de")).not.toBe("funktionen");
    expect(stem("関数", "ja")).toBe("関数");
    expect(stem("closures", "zh-CN")).toBe("closures");
  });
});
