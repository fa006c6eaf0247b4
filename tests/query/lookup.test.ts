import { describe, expect, it } from "vitest";
import { openGlossary } from "../../src/app/open.js";
import { lookup } from "../../src/query/lookup.js";
import { MDN_FIXTURE, ROOT, TEAM_FIXTURE } from "../helpers.js";

const open = (sources: string[] = [MDN_FIXTURE]) => openGlossary({ sources, bundled: false, packageRoot: ROOT, verbose: () => {} });
const glossary = await open();
const find = (term: string, locale = "en-US", explicit = false) => {
  const result = lookup(glossary, term, { locale, explicit });
  return result.found ? { title: result.entry.title, locale: result.entry.locale, note: result.note } : null;
};

describe("lookup", () => {
  it("matches titles, slugs and slug segments, folding case, accents and separators", () => {
    expect(find("Asynchronous")?.title).toBe("Asynchronous");
    expect(find("  ASYNCHRONOUS ")?.title).toBe("Asynchronous");
    expect(find("Glossary/Asynchronous")?.title).toBe("Asynchronous");
    expect(find("callback-function")?.title).toBe("Callback function");
    expect(find("callback_function")?.title).toBe("Callback function");
    expect(find("Node/DOM")?.title).toBe("Node (DOM)");
    expect(find("networking")?.title).toBe("Node (networking)");
    expect(find("Macro page")?.title).toBe("Macro test page");
  });
  it("prefers the preferred locale", () => {
    expect(find("asynchronous", "fr")).toEqual({ title: "Asynchrone", locale: "fr", note: undefined });
    expect(find("asynchronous", "pt-BR")?.title).toBe("Assíncrono");
    expect(find("asynchronous", "pt")?.title).toBe("Assíncrono");
  });
  it("shows the matched page when the term exists only in another locale", () => {
    expect(find("asynchrone", "en-US")).toEqual({ title: "Asynchrone", locale: "fr", note: undefined });
    expect(find("ASSÍNCRONO", "en-US")?.title).toBe("Assíncrono");
    expect(find("nœud")?.title).toBe("Nœud");
    expect(find("noeud")?.title).toBe("Nœud");
  });
  it("shows the same slug in an explicitly chosen locale", () => {
    expect(find("asynchrone", "en-US", true)).toEqual({ title: "Asynchronous", locale: "en-US", note: undefined });
    expect(find("assíncrono", "fr", true)?.title).toBe("Asynchrone");
  });
  it("falls back to en-US with a note when the locale lacks the slug", () => {
    expect(find("callback function", "fr", true)).toEqual({
      title: "Callback function", locale: "en-US", note: "no fr entry for Glossary/Callback_function; showing en-US",
    });
    expect(find("asynchrone", "de", true)).toMatchObject({ title: "Asynchronous", note: expect.stringContaining("no de entry") });
    expect(find("callback function", "fr", false)).toMatchObject({ locale: "en-US", note: expect.stringContaining("no fr entry") });
  });
  it("misses cleanly on anything else, hostile names included", () => {
    for (const term of ["nothing here", "", "   ", "toString", "__proto__", "hasOwnProperty", "../../etc/passwd", "\u0000", "x".repeat(100_000)]) {
      expect(find(term), JSON.stringify(term.slice(0, 20))).toBeNull();
    }
    expect(find("constructor")?.title).toBe("constructor");
  });
  it("lets user sources win over later ones for the same locale and slug", async () => {
    const layered = await open([TEAM_FIXTURE, MDN_FIXTURE]);
    const result = lookup(layered, "asynchronous", { locale: "en-US", explicit: false });
    expect(result.found && result.entry.title).toBe("Async (team)");
    // The shadowed page is not found by its own title either.
    expect(lookup(layered, "Asynchronous", { locale: "en-US", explicit: false })).toMatchObject({ found: true, entry: { title: "Async (team)" } });
    const reversed = await open([MDN_FIXTURE, TEAM_FIXTURE]);
    expect(lookup(reversed, "asynchronous", { locale: "en-US", explicit: false })).toMatchObject({ entry: { title: "Asynchronous" } });
  });
});

describe("lookup with the reader's next languages", () => {
  it("shows the entry in the next language the reader reads before falling back to en-US", () => {
    const result = lookup(glossary, "asynchronous", { locale: "de", explicit: false, alternatives: ["fr"] });
    expect(result.found && [result.entry.locale, result.entry.title, result.note]).toEqual(["fr", "Asynchrone", "no de entry for Glossary/Asynchronous; showing fr"]);
    const english = lookup(glossary, "asynchronous", { locale: "de", explicit: false, alternatives: ["ja"] });
    expect(english.found && english.entry.locale).toBe("en-US");
  });
});

describe("lookup with a LANGUAGE list that repeats the preferred language", () => {
  it("goes on to the next language instead of stopping at a regional variant", () => {
    const result = lookup(glossary, "synchronous", { locale: "pt-BR", explicit: false, alternatives: ["pt", "fr"] });
    expect(result.found && [result.entry.locale, result.entry.title]).toEqual(["fr", "Synchrone"]);
  });
});
