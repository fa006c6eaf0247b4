import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { codeSpan, escapeMarkdown } from "../../src/markup/escape.js";
import { foldTerm } from "../../src/text/fold.js";
import { SEE_ALSO_HEADINGS, expandBody, firstSentence, isSeeAlsoHeading } from "../../src/markup/expand.js";

const expand = (body: string, locale = "en-US") => expandBody(body, { locale, slug: "Glossary/Test" });
const MDN = "https://developer.mozilla.org";

describe("expandBody", () => {
  it("expands macros into Markdown links", () => {
    expect(expand('Not {{Glossary("Synchronous", "synchronous")}}.').markdown).toBe(`Not [synchronous](${MDN}/en-US/docs/Glossary/Synchronous).`);
    expect(expand('A {{HTMLElement("a")}} tag.').markdown).toBe(`A [\`<a>\`](${MDN}/en-US/docs/Web/HTML/Reference/Elements/a) tag.`);
  });
  it("leaves code blocks and code spans verbatim", () => {
    const body = '```html\n<p>{{Glossary("X")}} &nbsp;</p>\n```\n\nUse `{{not a macro` and `&amp;`.';
    expect(expand(body).markdown).toBe(body);
  });
  it("expands a macro that fills a code span, as MDN does", () => {
    expect(expand('A `{{HTMLElement("input/submit", "&lt;input&gt;")}}` field.').markdown).toBe(
      `A [\`<input>\`](${MDN}/en-US/docs/Web/HTML/Reference/Elements/input/submit) field.`,
    );
  });
  it("copies the text between the characters it acts on as it is", () => {
    expect(expand("a{b} c&d e]f [g] h<i").markdown).toBe("a{b} c&d e]f [g] h<i");
    expect(expand('{{Glossary("A")}}z').markdown).toBe(`[A](${MDN}/en-US/docs/Glossary/A)z`);
    expect(expand('z{{Glossary("A")}}').markdown).toBe(`z[A](${MDN}/en-US/docs/Glossary/A)`);
    expect(expand("x &amp; y &lt;").markdown).toBe("x & y \\<");
    expect(expand("une phrase : oui", "fr").markdown).toBe("une phrase\u00a0: oui");
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom("a", "é", "日", "1", ".", ",", "*", "_", "(", ")", "-", "!", ":", "}") }), (text) => {
        expect(expandBody(text, { locale: "fr", slug: "Glossary/Test" }).markdown).toBe(text);
      }),
    );
  });
  it("never leaves a raw {{, even for garbled macros", () => {
    const { markdown } = expand('Odd {{Broken("x"}} and {{ unclosed here and {{}} end.');
    expect(markdown).not.toContain("{{");
    expect(markdown).toContain("`x`");
  });
  it("makes relative links absolute, in the page's locale", () => {
    expect(expand("[Fetch](/fr/docs/Web/API/Fetch_API) and [anchor](#syntax)", "fr").markdown).toBe(
      `[Fetch](${MDN}/fr/docs/Web/API/Fetch_API) and [anchor](${MDN}/fr/docs/Glossary/Test#syntax)`,
    );
    expect(expand("[Fork](<https://en.wikipedia.org/wiki/Fork_(software)>)").markdown).toBe("[Fork](<https://en.wikipedia.org/wiki/Fork_(software)>)");
    expect(expand("[ref]: /en-US/docs/Web\n\nSee [ref].").markdown).toBe(`[ref]: ${MDN}/en-US/docs/Web\n\nSee [ref].`);
  });
  it("turns inline HTML and entities into readable text", () => {
    expect(expand('<i lang="en">callback</i>, x<sup>2</sup>, H<sub>2</sub>O, <kbd>Ctrl</kbd>, a&nbsp;b &amp; c&lt;d').markdown).toBe(
      "*callback*, x², H₂O, `Ctrl`, a\u00a0b & c\\<d",
    );
    expect(expand("<b>bold</b> <code>&lt;p&gt;</code> <a href=\"/en-US/docs/Web\">web</a> <!-- gone --> end").markdown).toBe(
      `**bold** \`<p>\` [web](${MDN}/en-US/docs/Web)  end`,
    );
    expect(expand('<span class="x">kept</span> <color> stays').markdown).toBe("kept <color> stays");
  });
  it("splits off the See also section in any MDN locale", () => {
    const result = expand("Definition.\n\n## Voir aussi\n\n- [A](/fr/docs/A)\n", "fr");
    expect(result.definition).toBe("Definition.");
    expect(result.seeAlso).toEqual({ heading: "Voir aussi", markdown: `- [A](${MDN}/fr/docs/A)` });
    expect(result.markdown).toBe(`Definition.\n\n## Voir aussi\n\n- [A](${MDN}/fr/docs/A)`);
  });
  it("lists the pages below for GlossaryDisambiguation", () => {
    const result = expandBody("Several meanings:\n\n{{GlossaryDisambiguation}}\n", {
      locale: "en-US",
      slug: "Glossary/Node",
      children: [{ slug: "Glossary/Node/DOM", title: "Node (DOM)", summary: "A point in the tree. More text." }],
    });
    expect(result.markdown).toBe(`Several meanings:\n\n- [Node (DOM)](${MDN}/en-US/docs/Glossary/Node/DOM): A point in the tree.`);
  });
});

describe("HTML elements nested thousands deep", () => {
  it("are expanded to a depth, then kept as plain text, and so never exhaust the stack", () => {
    const body = `${"<b>".repeat(3000)}deep ${"<em>".repeat(10)}text${"</em>".repeat(10)}${"</b>".repeat(3000)}`;
    const { markdown } = expandBody(body, { locale: "en-US", slug: "Glossary/Deep" });
    expect(markdown).toContain("deep text");
    expect(markdown.startsWith("**".repeat(32))).toBe(true);
    expect(markdown).not.toContain("<");
  });

  it("left open by the thousand, are each found without a closing tag", () => {
    const { markdown } = expandBody(`${"<b>".repeat(16_000)}open`, { locale: "en-US", slug: "Glossary/Open" });
    expect(markdown).toBe("open");
  });
});

describe("helpers", () => {
  it("recognises See also headings", () => {
    for (const heading of ["See also", "See Also", "Voir aussi", "Véase también", "Siehe auch", "関連情報", "参见", "См. также"]) {
      expect(isSeeAlsoHeading(heading), heading).toBe(true);
    }
    expect(isSeeAlsoHeading("Examples")).toBe(false);
  });
  it("recognises exactly the headings whose folded text is one of the See also headings folded", () => {
    const folded = new Set(SEE_ALSO_HEADINGS.map(foldTerm));
    // Headings in other scripts than Latin fold to text of that script (what the Latin ones are told apart by).
    for (const heading of SEE_ALSO_HEADINGS) expect(/^[\u0000-\u036f]*$/.test(heading), heading).toBe(/^[\u0000-\u036f]*$/.test(foldTerm(heading)));
    const variant = fc
      .tuple(fc.constantFrom(...SEE_ALSO_HEADINGS, "Examples", "Syntax", "Exemple", "Примеры", "例", "예제", ""), fc.constantFrom("", ":", " :", "：", "\u0301", "s"), fc.boolean())
      .map(([heading, suffix, upper]) => (upper ? heading.toUpperCase() : heading) + suffix);
    fc.assert(
      fc.property(fc.oneof(variant, fc.string({ maxLength: 12 })), (text) => isSeeAlsoHeading(text) === folded.has(foldTerm(text.replace(/[:：]\s*$/, "")))),
      { numRuns: 5000 },
    );
  });
  it("writes code spans and escapes Markdown", () => {
    expect(codeSpan("a`b")).toBe("``a`b``");
    expect(codeSpan("`x")).toBe("`` `x ``");
    expect(escapeMarkdown("a*b_[c]<d>&amp;")).toBe("a\\*b\\_\\[c\\]\\<d>\\&amp;");
  });
  it("finds the first sentence", () => {
    expect(firstSentence("A node is a point. It has children.")).toBe("A node is a point.");
    expect(firstSentence("No full stop")).toBe("No full stop");
    expect(firstSentence("Version 1.5 is out. Next.")).toBe("Version 1.5 is out.");
  });
});

describe("MDN's own markup", () => {
  const expand = (body: string, locale = "en-US") => expandBody(body, { locale, slug: "Glossary/Test" });
  it("turns definition lists into a bold term and its definition below it", async () => {
    const { definitionLists } = await import("../../src/markup/expand.js");
    expect(definitionLists(["- `a`", "  - : The a.", "    More of a.", "- b", "  - : The b."])).toEqual(["- **`a`**", "", "  The a.", "    More of a.", "- **b**", "", "  The b."]);
    const markdown = expand("Headers:\n\n- {{HTTPHeader(\"Origin\")}}\n  - : Where the request comes from.\n").markdown;
    expect(markdown).not.toMatch(/- :/);
    expect(markdown).toContain("Where the request comes from.");
  });
  it("sets French no-break spaces before : ; ? ! » and after «, outside code and table rules", () => {
    const { markdown } = expand("Exemple : « mot » ; vraiment ? Oui ! `a ? b : c`\n\n| a | b |\n| :-- | --: |\n", "fr");
    expect(markdown).toContain("Exemple\u00a0: «\u00a0mot\u00a0»\u00a0; vraiment\u00a0? Oui\u00a0! `a ? b : c`");
    expect(markdown).toContain("| :-- | --: |");
    expect(expand("Example : yes", "en-US").markdown).toBe("Example : yes");
  });
  it("reads headings written in HTML, and finds See also under the headings of every locale", () => {
    const body = "Text.\n\n<h2 id=\"see_also\">See also</h2>\n\n- [A](/en-US/docs/A)\n";
    expect(expand(body).seeAlso?.heading).toBe("See also");
    for (const heading of ["Pour en savoir plus", "En savoir plus", "Pour approfondir", "Siehe auch", "Erfahren Sie mehr", "Saber más", "関連情報", "같이 보기", "Veja também", "Смотрите также", "Подробнее:", "参见", "了解更多", "相關連結"]) {
      expect(isSeeAlsoHeading(heading), heading).toBe(true);
    }
    expect(isSeeAlsoHeading("Exemple")).toBe(false);
  });
});

describe("several see-also sections", () => {
  it("keeps them all: the first names the section, the others keep their headings", () => {
    const { seeAlso, definition } = expandBody('Text.\n\n## Learn more\n\n- {{Glossary("DOM")}}\n\n## See also\n\n- {{Glossary("HTML")}}\n', { locale: "en-US", slug: "Glossary/Test" });
    expect(seeAlso?.heading).toBe("Learn more");
    expect(seeAlso?.markdown).toContain("Glossary/DOM");
    expect(seeAlso?.markdown).toContain("### See also");
    expect(seeAlso?.markdown).toContain("Glossary/HTML");
    expect(definition).toBe("Text.");
  });
});
