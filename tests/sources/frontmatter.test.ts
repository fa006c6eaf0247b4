import { describe, expect, it } from "vitest";
import { splitFrontMatter } from "../../src/sources/frontmatter.js";

describe("splitFrontMatter", () => {
  it("splits YAML front matter from the body and counts lines", () => {
    const result = splitFrontMatter("---\ntitle: A\nslug: Glossary/A\n---\n\nBody\n");
    expect(result).toEqual({ ok: true, data: { title: "A", slug: "Glossary/A" }, raw: { title: "A", slug: "Glossary/A" }, body: "\nBody\n", bodyLine: 5 });
  });
  it("reads every front matter variant MDN has used", () => {
    const text = "---\ntitle: Asynchrone\nslug: Glossary/Asynchronous\npage-type: glossary-definition\ntags:\n  - Glossaire\ntranslation_of: Glossary/Asynchronous\noriginal_slug: Glossaire/Asynchrone\nl10n:\n  sourceCommit: abc\n---\nx";
    const result = splitFrontMatter(text);
    expect(result.ok && result.data).toMatchObject({ tags: ["Glossaire"], l10n: { sourceCommit: "abc" }, original_slug: "Glossaire/Asynchrone" });
  });
  it("accepts CRLF line endings and a byte order mark", () => {
    const result = splitFrontMatter("\uFEFF---\r\ntitle: A\r\n---\r\nBody");
    expect(result.ok && result.data["title"]).toBe("A");
    expect(result.ok && result.body).toBe("Body");
  });
  it("keeps the source text of scalars YAML reads as other types", () => {
    const result = splitFrontMatter("---\ntitle: Null\n---\n");
    expect(result.ok && result.data["title"]).toBeNull();
    expect(result.ok && result.raw["title"]).toBe("Null");
  });
  it("reports missing, unclosed and invalid front matter with a line", () => {
    expect(splitFrontMatter("No front matter")).toMatchObject({ ok: false, line: 1, message: expect.stringContaining("missing") });
    expect(splitFrontMatter("---\ntitle: A\n")).toMatchObject({ ok: false, message: expect.stringContaining("unclosed") });
    expect(splitFrontMatter("---\ntitle: A\nslug: [x\n---\n")).toMatchObject({ ok: false, message: expect.stringContaining("invalid YAML") });
    expect(splitFrontMatter("---\n- a\n- b\n---\n")).toMatchObject({ ok: false, message: expect.stringContaining("mapping") });
  });
});
