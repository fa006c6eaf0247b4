import { describe, expect, it } from "vitest";
import { parsePage } from "../../src/sources/page.js";

const FILE = "/x/fr/glossary/a/index.md";

describe("parsePage", () => {
  it("reads a glossary page", () => {
    const result = parsePage("---\ntitle: Asynchrone\nslug: Glossary/Asynchronous\noriginal_slug: Glossaire/Asynchrone\nl10n:\n  sourceCommit: abc\n---\nTexte\n", FILE, "fr");
    expect(result.kind).toBe("page");
    if (result.kind !== "page") return;
    expect(result.page).toMatchObject({
      title: "Asynchrone",
      slug: "Glossary/Asynchronous",
      locale: "fr",
      body: "Texte\n",
      bodyLine: 8,
      aliases: ["Glossaire/Asynchrone"],
      sourceCommit: "abc",
    });
  });
  it("skips pages that are not glossary entries", () => {
    expect(parsePage("---\ntitle: API\nslug: Web/API\n---\n", FILE, "fr").kind).toBe("other");
  });
  it("turns bad pages into problems, never exceptions", () => {
    const cases: Array<[string, string]> = [
      ["", "empty"],
      ["---\ntitle: A\u0000\n---\n", "NUL"],
      ["---\ntitle: A\n", "unclosed"],
      ["---\nslug: Glossary/A\n---\n", "no title"],
      ["---\ntitle: A\n---\n", "no slug"],
      ["---\ntitle:\n  a: b\nslug: Glossary/A\n---\n", "not a string"],
      ["---\ntitle: A\nslug: 3\n---\n", "slug is not a string"],
    ];
    for (const [text, message] of cases) {
      const result = parsePage(text, FILE, "fr");
      expect(result.kind, message).toBe("problem");
      if (result.kind === "problem") expect(result.problem.message).toContain(message);
    }
  });
  it("keeps titles YAML reads as numbers or null, with a warning", () => {
    const result = parsePage("---\ntitle: 404\nslug: Glossary/Not_found\n---\n", FILE, "en-US");
    expect(result.kind === "page" && result.page.title).toBe("404");
    expect(result.kind === "page" && result.warnings[0]?.message).toContain("not a string");
    const nullTitle = parsePage("---\ntitle: Null\nslug: Glossary/Null\n---\n", FILE, "en-US");
    expect(nullTitle.kind === "page" && nullTitle.page.title).toBe("Null");
  });
});
