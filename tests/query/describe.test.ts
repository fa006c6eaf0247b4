import { describe, expect, it } from "vitest";
import { openGlossary } from "../../src/app/open.js";
import { describeEntry, describeWithInputs } from "../../src/query/describe.js";
import { lookup } from "../../src/query/lookup.js";
import { readPage } from "../../src/sources/page.js";
import fs from "node:fs";
import path from "node:path";
import { MDN_FIXTURE, ROOT, countingSlugLookups, tempFolder } from "../helpers.js";

const glossary = await openGlossary({ sources: [MDN_FIXTURE], bundled: false, packageRoot: ROOT, verbose: () => {} });
export function view(term: string, locale = "en-US") {
  const result = lookup(glossary, term, { locale, explicit: true });
  if (!result.found) throw new Error(`fixture term missing: ${term}`);
  const page = readPage(result.entry.file, result.entry.locale);
  if (page.kind !== "page") throw new Error("fixture page unreadable");
  return describeEntry(page.page, result.entry, glossary);
}

describe("describeEntry", () => {
  it("lists See also items with titles in the entry's locale and glossary slugs", () => {
    const asynchrone = view("asynchrone", "fr");
    expect(asynchrone.seeAlso).toEqual([
      { title: "Synchrone", slug: "Glossary/Synchronous", url: "https://developer.mozilla.org/fr/docs/Glossary/Synchronous" },
      // No French page: the en-US title is shown, as MDN falls back to English.
      { title: "Callback function", slug: "Glossary/Callback_function", url: "https://developer.mozilla.org/fr/docs/Glossary/Callback_function" },
    ]);
  });
  it("marks links to missing terms with a null slug", () => {
    const macros = view("macros");
    expect(macros.seeAlso).toEqual([
      { title: "Asynchronous", slug: "Glossary/Asynchronous", url: "https://developer.mozilla.org/en-US/docs/Glossary/Asynchronous" },
      { title: "Missing term", slug: null, url: "https://developer.mozilla.org/en-US/docs/Glossary/Missing_term" },
      { title: "Relative", slug: null, url: "https://developer.mozilla.org/en-US/docs/Web/API" },
    ]);
    expect(macros.links.find((l) => l.text === "sync")).toEqual({ text: "sync", url: "https://developer.mozilla.org/en-US/docs/Glossary/Synchronous", slug: "Glossary/Synchronous" });
    expect(macros.markdown).not.toContain("{{Glossary(\"DOM\")}}");
  });
  it("gives the summary, URL and source file", () => {
    const asynchronous = view("asynchronous");
    expect(asynchronous.summary).toBe("Asynchronous work starts now and finishes later, while the program goes on with other things; it is the opposite of synchronous work.");
    expect(asynchronous.url).toBe("https://developer.mozilla.org/en-US/docs/Glossary/Asynchronous");
    expect(asynchronous.source.endsWith("files/en-us/glossary/asynchronous/index.md")).toBe(true);
  });
  it("resolves each glossary term once, as the expansion meets it, and notes every key it looked up", async () => {
    const source = tempFolder();
    const write = (slug: string, title: string, body: string) => {
      const folder = path.join(source, "files", "en-us", "glossary", ...slug.split("/").slice(1).map((part) => part.toLowerCase()));
      fs.mkdirSync(folder, { recursive: true });
      fs.writeFileSync(path.join(folder, "index.md"), `---\ntitle: ${title}\nslug: ${slug}\n---\n\n${body}\n`);
    };
    write("Glossary/Baseline/Typography", "Baseline (typography)", "The line letters sit on.");
    write("Glossary/Grid", "Grid", "Rows and columns.");
    // A leading slash, as MDN's Leading page writes it; a macro inside code with other text gives no link.
    write("Glossary/Leading", "Leading", 'Below the {{glossary("/Baseline/Typography", "alphabetic baseline")}}, see `x {{Glossary("Grid")}}`.\n\n## See also\n\n- {{Glossary("Grid")}}');
    const local = await openGlossary({ sources: [source], bundled: false, packageRoot: ROOT, verbose: () => {} });
    const result = lookup(local, "leading", { locale: "en-US", explicit: true });
    if (!result.found) throw new Error("page missing");
    const page = readPage(result.entry.file, result.entry.locale);
    if (page.kind !== "page") throw new Error("page unreadable");
    const lookups: string[] = [];
    const counting = countingSlugLookups(local, lookups);
    const { view: leading, inputs } = describeWithInputs(page.page, result.entry, counting);
    expect(leading.links[0]).toEqual({ text: "alphabetic baseline", url: "https://developer.mozilla.org/en-US/docs/Glossary/Baseline/Typography", slug: "Glossary/Baseline/Typography" });
    expect(leading.seeAlso).toEqual([{ title: "Grid", slug: "Glossary/Grid", url: "https://developer.mozilla.org/en-US/docs/Glossary/Grid" }]);
    expect(inputs.refKeys).toEqual(["glossary/baseline/typography", "glossary/grid"]);
    expect(lookups).toEqual(["glossary/baseline/typography", "glossary/grid"]);
  });
  it("lists the pages below a disambiguation page, in its locale", () => {
    expect(view("node").markdown).toContain("- [Node (DOM)](https://developer.mozilla.org/en-US/docs/Glossary/Node/DOM): In the document tree, a node is any single point: an element, a text run or a comment.");
    expect(view("node").links.map((l) => l.slug)).toEqual(["Glossary/Node/DOM", "Glossary/Node/networking"]);
  });
});
