import fc from "fast-check";
import { CORE_SCHEMA, load } from "js-yaml";
import { describe, expect, it } from "vitest";
import { simpleFrontMatter, splitFrontMatter } from "../../src/sources/frontmatter.js";
import { checkFastPath } from "../helpers.js";

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

describe("simpleFrontMatter", () => {
  /** What js-yaml's core schema reads, or the error it throws. */
  const jsYaml = (text: string): unknown => {
    try {
      return load(text, { schema: CORE_SCHEMA });
    } catch (error) {
      return error;
    }
  };

  it("reads the front matter of MDN's pages and of generated ones without js-yaml", () => {
    const texts = [
      "title: Asynchronous\nslug: Glossary/Asynchronous\npage-type: glossary-definition\n",
      'title: "Babrivenze"\nslug: Glossary/Babrivenze\npage-type: glossary-definition\n',
      "title: CORS-safelisted request header\nslug: Glossary/CORS-safelisted_request_header\n",
      "title: Requête préliminaire\nshort-title: 'Preflight: CORS'\nslug: Glossary/Preflight_request\n",
    ];
    for (const text of texts) {
      expect(simpleFrontMatter(text)).not.toBeNull();
      expect(simpleFrontMatter(text)).toStrictEqual(jsYaml(text));
    }
  });

  it("leaves to js-yaml what is not one simple string a line", () => {
    for (const text of ["", "title: A", "title: Null\n", "title: true\n", "title: 404\n", "title:\n", "title: A # note\n", "title: A\ntitle: B\n", "tags:\n  - a\n", "l10n:\n  sourceCommit: abc\n", 'title: "a\\"b"\n', "title: A\r\n", "title:\tA\n", "title: A \n", "# c\ntitle: A\n", "title: A\n\nslug: B\n"]) {
      expect(simpleFrontMatter(text)).toBeNull();
    }
  });

  it("reads exactly what js-yaml's core schema reads, whenever it reads the text at all", () => {
    // Keys and values made of the characters that change how YAML reads a line: indicators, quotes,
    // escapes, comments, spaces and tabs, words of other types, and characters YAML refuses or JavaScript
    // reads differently (no-break space, byte order mark, line separator, a lone surrogate, an emoji).
    const piece = fc.constantFrom("a", "Title", "x1", "-", "_", ".", "/", "(", ")", "'", '"', "\\", "#", " #", ":", ": ", " ", "  ", "\t", "null", "Null", "~", "true", "FALSE", "0", "12", "0x1F", "1e3", ".inf", "é", "À", "×", "\u00a0", "\ufeff", "\u2028", "\ud800", "😀", "[", "{", "&a", "*a", "!", "|", ">", "%", "@", "`", ",", "?");
    // Most lines near the simple form: characters it reads, now and then one it does not.
    const safe = fc.constantFrom("a", "Title", "x1", "-", "_", ".", "/", "(", ")", "'", " ", "é", "À", "×", "Null", "true");
    const near = fc.oneof({ weight: 6, arbitrary: safe }, { weight: 1, arbitrary: piece });
    const text = (pieces: string[]): string => pieces.join("");
    const key = fc.oneof({ weight: 4, arbitrary: fc.constantFrom("title", "slug", "page-type", "short-title", "original_slug", "null", "Null", "True", "x-1") }, { weight: 1, arbitrary: fc.array(piece, { minLength: 1, maxLength: 3 }).map(text) });
    const plain = fc.oneof(fc.array(piece, { minLength: 0, maxLength: 5 }), fc.array(near, { minLength: 1, maxLength: 6 })).map(text);
    const value = fc.oneof(plain, plain.map((inner) => `"${inner}"`), plain.map((inner) => `'${inner}'`), fc.constantFrom("Glossary/A_b", "Don't stop", "a.b (c)", "A  b", "Null", "true"));
    const separator = fc.oneof({ weight: 4, arbitrary: fc.constant(": ") }, { weight: 1, arbitrary: fc.constantFrom(":  ", ":", ":\t", " : ") });
    const line = fc.tuple(key, separator, value).map(([k, s, v]) => `${k}${s}${v}`);
    const front = fc.tuple(fc.array(line, { minLength: 1, maxLength: 4 }), fc.constantFrom("\n", "\n", "\n", "", "\n\n")).map(([lines, end]) => lines.join("\n") + end);
    const read = checkFastPath(front, simpleFrontMatter, (yaml, fast) => {
      const slow = jsYaml(yaml);
      expect(fast).toStrictEqual(slow);
      expect(Object.keys(fast)).toEqual(Object.keys(slow as object));
    });
    // The comparison means something only if the fast path read many of the texts.
    expect(read).toBeGreaterThan(1000);
  });
});
