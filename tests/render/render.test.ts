import { describe, expect, it } from "vitest";
import { renderAnsi } from "../../src/render/ansi.js";
import { entryJson } from "../../src/render/json.js";
import { markGlossaryLinks, renderMarkdown } from "../../src/render/markdown.js";
import { TERMINAL_SUMMARY_STYLE, renderSummary, renderText } from "../../src/render/text.js";
import { golden } from "../helpers.js";
import { view } from "../query/describe.test.js";

const ESCAPE = /[\u001b\u009b]/;
/** Text outside code blocks (which the text format indents by four spaces and keeps verbatim). */
const prose = (text: string) => text.replace(/^ {4}.*$/gm, "");

describe("renderText", () => {
  it("renders the French seed term", () => {
    const { actual, expected } = golden("asynchrone.fr.txt", renderText(view("asynchrone", "fr"), { width: 80 }));
    expect(actual).toBe(expected);
  });
  it("renders every macro readably", () => {
    const text = renderText(view("macros"), { width: 80 });
    const { actual, expected } = golden("macros.txt", text);
    expect(actual).toBe(expected);
    expect(prose(text)).not.toContain("{{");
    expect(text).not.toMatch(ESCAPE);
    expect(text).not.toContain("<!--");
    expect(prose(text)).not.toContain("&nbsp;");
    expect(text).toContain('    <p>{{Glossary("NotExpanded")}} &nbsp; stays</p>');
  });
  it("wraps to the width with hanging indents, cutting only what is longer than a line (URLs, after a slash)", () => {
    const text = renderText(view("macros"), { width: 40 });
    const { actual, expected } = golden("macros.width40.txt", text);
    expect(actual).toBe(expected);
    for (const line of prose(text).split("\n")) expect(line.length, line).toBeLessThanOrEqual(40);
    expect(text).toContain("(https://developer.mozilla.org/en-US/\ndocs/Web/CSS/Reference/Properties/\ncolor)");
  });
  it("renders a disambiguation page", () => {
    const { actual, expected } = golden("node.txt", renderText(view("node"), { width: 80 }));
    expect(actual).toBe(expected);
  });
});

describe("renderMarkdown", () => {
  it("titles the glossary links that can be looked up", () => {
    const { actual, expected } = golden("asynchrone.fr.md", renderMarkdown(view("asynchrone", "fr")));
    expect(actual).toBe(expected);
    expect(actual).toContain('(https://developer.mozilla.org/fr/docs/Glossary/Synchronous "glossary: Synchrone")');
  });
  it("leaves other links alone", () => {
    const v = view("macros");
    expect(markGlossaryLinks("[x](https://example.com) [y](<https://developer.mozilla.org/en-US/docs/Glossary/Asynchronous>)", v.terms)).toBe(
      '[x](https://example.com) [y](<https://developer.mozilla.org/en-US/docs/Glossary/Asynchronous> "glossary: Asynchronous")',
    );
  });
});

describe("entryJson", () => {
  it("has the documented fields", () => {
    const json = entryJson(view("asynchrone", "fr"));
    expect(Object.keys(json)).toEqual(["title", "slug", "locale", "url", "summary", "markdown", "seeAlso", "source", "pageType", "links", "licence"]);
    expect(json.licence).toBeNull();
    expect(json).toMatchObject({ title: "Asynchrone", slug: "Glossary/Asynchronous", locale: "fr", url: "https://developer.mozilla.org/fr/docs/Glossary/Asynchronous" });
    expect(json.markdown).not.toContain("{{");
    expect(json.markdown).not.toContain("](/fr/");
  });
});

describe("renderAnsi", () => {
  it("styles with the given colour level and no hyperlinks", () => {
    const { actual, expected } = golden("asynchrone.fr.ansi", renderAnsi(view("asynchrone", "fr"), { width: 80, colorLevel: 1, hyperlinks: false }));
    expect(actual).toBe(expected);
    expect(actual).toMatch(/\u001b\[/);
    expect(actual).not.toContain("\u001b]8;;");
  });
  it("writes OSC 8 hyperlinks when asked", () => {
    const text = renderAnsi(view("asynchrone", "fr"), { width: 80, colorLevel: 1, hyperlinks: true });
    expect(text).toContain("\u001b]8;;https://developer.mozilla.org/fr/docs/Glossary/Synchronous\u001b\\");
  });
  it("percent-encodes what a hyperlink's URL may not hold, lone surrogates included", () => {
    const v = view("asynchrone", "fr");
    const documents = { definition: [{ t: "p" as const, c: [{ t: "link" as const, href: "https://x.example/a b/\uD800/\u{10000}", c: ["x"] }] }], seeAlso: null };
    const out = renderAnsi({ ...v, documents, seeAlsoSection: null }, { width: 80, colorLevel: 1, hyperlinks: true });
    expect(out).toContain("\u001b]8;;https://x.example/a%20b/%EF%BF%BD/%F0%90%80%80\u001b\\");
  });
  it("has no escape codes at colour level 0", () => {
    expect(renderAnsi(view("macros"), { width: 80, colorLevel: 0, hyperlinks: false })).not.toMatch(ESCAPE);
  });
});

describe("code highlighted ahead", () => {
  it("draws exactly as highlighting at render time does", async () => {
    const { openGlossary } = await import("../../src/app/open.js");
    const { entryView } = await import("../../src/app/entry-view.js");
    const { ROOT } = await import("../helpers.js");
    const bundled = await openGlossary({ sources: [], bundled: true, packageRoot: ROOT, verbose: () => {} });
    let compared = 0;
    for (const term of ["asynchronous", "closure", "promise", "cors", "json", "flexbox"]) {
      for (const match of bundled.match(term)) {
        const view = await entryView(match.entry, bundled);
        const strip = (doc: typeof view.documents.definition): typeof doc =>
          doc.map((block) => (block.t === "code" ? { t: "code", text: block.text, lang: block.lang } : block));
        const plain = { ...view, documents: { definition: strip(view.documents.definition), seeAlso: view.documents.seeAlso && strip(view.documents.seeAlso) } };
        if (JSON.stringify(plain.documents) === JSON.stringify(view.documents)) continue;
        for (const colorLevel of [0, 1, 3] as const) {
          expect(renderAnsi(view, { width: 80, colorLevel, hyperlinks: false }), `${match.entry.slug} ${colorLevel}`).toBe(
            renderAnsi(plain, { width: 80, colorLevel, hyperlinks: false }),
          );
        }
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(3);
  });
});

describe("terms that can be looked up", () => {
  const SYNC = "https://developer.mozilla.org/en-US/docs/Glossary/Synchronous";
  const withDefinition = (definition: typeof v.documents.definition, locale = "en-US") => ({ ...v, locale, documents: { definition, seeAlso: null }, seeAlsoSection: null });
  const v = view("macros");
  const twice = [{ t: "p" as const, c: ["A ", { t: "link" as const, href: SYNC, c: ["sync"] }, " task, then ", { t: "link" as const, href: SYNC, c: ["sync"] }, " again."] }];
  it("are marked once each in text, and listed by title on a closing line in the entry's language", () => {
    expect(renderText(withDefinition(twice), { width: 80 })).toBe("Macro test page\n\nA sync* task, then sync again.\n\n* Glossary: Synchronous\n");
    expect(renderText(withDefinition(twice, "fr"), { width: 80 })).toContain("\n* Glossaire\u00a0: Synchronous\n");
    expect(renderText(withDefinition(twice, "fr"), { width: 80 })).not.toContain("(glossary");
  });
  it("are styled in colour, with no suffix, and listed on a closing line", () => {
    const out = renderAnsi(withDefinition(twice), { width: 80, colorLevel: 1, hyperlinks: false });
    expect(out).toContain("A \u001b[36m\u001b[4msync\u001b[24m\u001b[39m task, then \u001b[36m\u001b[4msync\u001b[24m\u001b[39m again.");
    expect(out).toMatch(/\u001b\[3mGlossary:\u001b\[23m \u001b\[36m\u001b\[4mSynchronous\u001b\[24m\u001b\[39m\n$/);
    expect(renderAnsi(withDefinition(twice), { width: 80, colorLevel: 0, hyperlinks: false })).toContain("A sync* task, then sync again.\n\n*\u00a0Glossary: Synchronous\n");
  });
  it("keep the link style when the link's text is code, hyperlinked where enabled", () => {
    const code = [{ t: "p" as const, c: ["See ", { t: "link" as const, href: "https://developer.mozilla.org/en-US/docs/Web/API/fetch", c: [{ t: "code" as const, text: "fetch()" }] }, "."] }];
    const out = renderAnsi(withDefinition(code), { width: 80, colorLevel: 1, hyperlinks: false });
    expect(out).toContain("See \u001b[34mfetch()\u001b[39m");
    expect(out).not.toContain("\u001b[33m");
    const linked = renderAnsi(withDefinition(code), { width: 80, colorLevel: 1, hyperlinks: true });
    expect(linked).toContain("\u001b]8;;https://developer.mozilla.org/en-US/docs/Web/API/fetch\u001b\\\u001b[34mfetch()\u001b[39m\u001b]8;;\u001b\\");
  });
});

describe("renderSummary (--short)", () => {
  it("marks the summary's terms as the whole entry does", () => {
    const v = view("macros");
    const out = renderSummary(v, { width: 80 });
    expect(out.startsWith(`${v.summary.slice(0, 20)}`)).toBe(true);
    expect(out).toContain("sync*");
    expect(out).toMatch(/\n\n\* Glossary: Synchronous\n$/);
    const styled = renderSummary(v, { width: 80 }, TERMINAL_SUMMARY_STYLE);
    expect(styled).toContain("\u001b[36m\u001b[4msync\u001b[24m\u001b[39m");
    expect(styled.replace(/\u001b\[[0-9;]*m/g, "")).not.toContain("sync*");
  });
  it("lists the meanings of a disambiguation page", () => {
    expect(renderSummary(view("node"), { width: 80 })).toBe(
      "The word node means different things in different places:\n\n- Node (DOM)*: In the document tree, a node is any single point: an element, a\n  text run or a comment.\n- Node (networking)*: On a network, a node is any device that can send or\n  receive data.\n\n* Glossary: Node (DOM), Node (networking)\n",
    );
  });
});
