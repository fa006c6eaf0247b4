import { describe, expect, it } from "vitest";
import { MDN_LOCALES, canonicalLocale, localeFromPath, posixLocaleTag, resolveLocale } from "../../src/sources/locale.js";

describe("canonicalLocale", () => {
  it("writes folder names in BCP 47 case", () => {
    expect(canonicalLocale("en-us")).toBe("en-US");
    expect(canonicalLocale("fr")).toBe("fr");
    expect(canonicalLocale("pt-br")).toBe("pt-BR");
    expect(canonicalLocale("zh-cn")).toBe("zh-CN");
    expect(canonicalLocale("zh_tw")).toBe("zh-TW");
    expect(canonicalLocale("FR")).toBe("fr");
  });
  it("takes MDN's locales as they are only because they are canonical", () => {
    for (const locale of MDN_LOCALES) expect(Intl.getCanonicalLocales(locale)).toEqual([locale]);
  });
  it("keeps an invalid tag readable instead of failing", () => {
    expect(canonicalLocale("not a locale!")).toBe("not a locale!");
  });
});

describe("localeFromPath", () => {
  it("reads the folder above the glossary folder", () => {
    expect(localeFromPath("/x/files/fr/glossary/asynchronous/index.md")).toBe("fr");
    expect(localeFromPath("/x/files/en-us/glossary/node/dom/index.md")).toBe("en-US");
    expect(localeFromPath("/x/pt-br/Glossary/a/index.md")).toBe("pt-BR");
  });
  it("is null when the path has no glossary folder", () => {
    expect(localeFromPath("/x/terms/a/index.md")).toBeNull();
  });
});

describe("posixLocaleTag", () => {
  it("reads POSIX locales", () => {
    expect(posixLocaleTag("fr_FR.UTF-8")).toBe("fr-FR");
    expect(posixLocaleTag("de_DE@euro")).toBe("de-DE");
    expect(posixLocaleTag("pt_BR")).toBe("pt-BR");
  });
  it("says nothing for C, POSIX and empty values", () => {
    expect(posixLocaleTag("C")).toBeNull();
    expect(posixLocaleTag("C.UTF-8")).toBeNull();
    expect(posixLocaleTag("POSIX")).toBeNull();
    expect(posixLocaleTag("")).toBeNull();
    expect(posixLocaleTag(undefined)).toBeNull();
  });
});

describe("resolveLocale", () => {
  const available = ["en-US", "fr", "pt-BR", "zh-CN"];
  it("maps regional and differently written tags onto the loaded locales", () => {
    expect(resolveLocale("fr-FR", available)).toBe("fr");
    expect(resolveLocale("fr_FR", available)).toBe("fr");
    expect(resolveLocale("FR", available)).toBe("fr");
    expect(resolveLocale("en", available)).toBe("en-US");
    expect(resolveLocale("en-GB", available)).toBe("en-US");
    expect(resolveLocale("pt", available)).toBe("pt-BR");
    expect(resolveLocale("zh-cn", available)).toBe("zh-CN");
  });
  it("keeps a locale nothing matches", () => {
    expect(resolveLocale("de-DE", available)).toBe("de-DE");
    expect(resolveLocale("de", available)).toBe("de");
  });
});

describe("preferredLocale", () => {
  it("reads LANGUAGE as gettext does: a list, the first language preferred and the others next", async () => {
    const { preferredLocale } = await import("../../src/sources/locale.js");
    expect(preferredLocale(undefined, { LANG: "de_DE.UTF-8", LANGUAGE: "de:fr" })).toEqual({ locale: "de", explicit: false, alternatives: ["fr"] });
    expect(preferredLocale(undefined, { LANG: "de_DE.UTF-8", LANGUAGE: "pt_BR:fr:en" })).toEqual({ locale: "pt-BR", explicit: false, alternatives: ["fr", "en"] });
    expect(preferredLocale(undefined, { LANG: "C", LANGUAGE: "de:fr" })).toEqual({ locale: "en-US", explicit: false });
    expect(preferredLocale("ja", { LANG: "de_DE.UTF-8", LANGUAGE: "de:fr" })).toEqual({ locale: "ja", explicit: true });
  });
});
