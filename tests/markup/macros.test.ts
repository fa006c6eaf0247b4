import { describe, expect, it } from "vitest";
import { type MacroContext, expandMacro } from "../../src/markup/macros.js";

const context = (locale = "en-US", extra: Partial<MacroContext> = {}): MacroContext => ({
  locale,
  terms: new Map(),
  children: [],
  inSeeAlso: false,
  ...extra,
});
const MDN = "https://developer.mozilla.org";

describe("expandMacro", () => {
  it("links Glossary with one and two arguments, in the entry's locale", () => {
    expect(expandMacro("glossary", ["callback function"], context("fr"))).toEqual({
      kind: "link", text: "callback function", url: `${MDN}/fr/docs/Glossary/callback_function`, code: false,
    });
    expect(expandMacro("glossary", ["Synchronous", "synchrone"], context("fr"))).toMatchObject({ text: "synchrone" });
  });
  it("reads a term written with a leading slash as the term", () => {
    expect(expandMacro("glossary", ["/Baseline/Typography", "baseline"], context())).toEqual({
      kind: "link", text: "baseline", url: `${MDN}/en-US/docs/Glossary/Baseline/Typography`, code: false,
    });
  });
  it("shows the resolved title in See also", () => {
    const terms = new Map([["glossary/synchronous", { slug: "Glossary/Synchronous", title: "Synchrone" }]]);
    expect(expandMacro("glossary", ["synchronous"], context("fr", { terms, inSeeAlso: true }))).toMatchObject({
      text: "Synchrone", url: `${MDN}/fr/docs/Glossary/Synchronous`,
    });
    expect(expandMacro("glossary", ["synchronous"], context("fr", { terms }))).toMatchObject({ text: "synchronous" });
  });
  it("links the reference macros where MDN does", () => {
    const cases: Array<[string, string[], string, string]> = [
      ["cssxref", ["color"], "color", "/en-US/docs/Web/CSS/Reference/Properties/color"],
      ["cssxref", ["&lt;color&gt;"], "<color>", "/en-US/docs/Web/CSS/Reference/Values/color_value"],
      ["cssxref", ["calc()"], "calc()", "/en-US/docs/Web/CSS/Reference/Values/calc"],
      ["cssxref", [":hover"], ":hover", "/en-US/docs/Web/CSS/Reference/Selectors/:hover"],
      ["cssxref", ["@media"], "@media", "/en-US/docs/Web/CSS/Reference/At-rules/@media"],
      ["httpheader", ["Cache-Control"], "Cache-Control", "/en-US/docs/Web/HTTP/Reference/Headers/Cache-Control"],
      ["htmlelement", ["a"], "<a>", "/en-US/docs/Web/HTML/Reference/Elements/a"],
      ["domxref", ["Element.addEventListener()"], "Element.addEventListener()", "/en-US/docs/Web/API/Element/addEventListener"],
      ["domxref", ["window.btoa()"], "window.btoa()", "/en-US/docs/Web/API/Window/btoa"],
      ["jsxref", ["Promise"], "Promise", "/en-US/docs/Web/JavaScript/Reference/Global_Objects/Promise"],
      ["jsxref", ["JSON.parse()"], "JSON.parse()", "/en-US/docs/Web/JavaScript/Reference/Global_Objects/JSON/parse"],
      ["jsxref", ["Statements/let", "let"], "let", "/en-US/docs/Web/JavaScript/Reference/Statements/let"],
      ["httpmethod", ["GET"], "GET", "/en-US/docs/Web/HTTP/Reference/Methods/GET"],
      ["httpstatus", ["404"], "404 Not Found", "/en-US/docs/Web/HTTP/Reference/Status/404"],
      ["httpstatus", ["429", "429 Too Many Requests"], "429 Too Many Requests", "/en-US/docs/Web/HTTP/Reference/Status/429"],
      ["csp", ["script-src"], "script-src", "/en-US/docs/Web/HTTP/Reference/Headers/Content-Security-Policy/script-src"],
      ["svgelement", ["svg"], "<svg>", "/en-US/docs/Web/SVG/Reference/Element/svg"],
      ["svgattr", ["viewBox"], "viewBox", "/en-US/docs/Web/SVG/Reference/Attribute/viewBox"],
    ];
    for (const [name, args, text, path] of cases) {
      expect(expandMacro(name, args, context()), name).toMatchObject({ kind: "link", text, url: MDN + path, code: true });
    }
  });
  it("honours DOMxRef's nocode argument", () => {
    expect(expandMacro("domxref", ["WorkerGlobalScope.btoa()", "available in workers", "", "nocode"], context())).toMatchObject({ code: false, text: "available in workers" });
  });
  it("writes RFC references with section and content", () => {
    expect(expandMacro("rfc", ["4648", "", "5"], context())).toEqual({
      kind: "link", text: "RFC 4648, section 5", url: "https://datatracker.ietf.org/doc/html/rfc4648#section-5", code: false,
    });
    expect(expandMacro("rfc", ["9114", "the HTTP/3 specification"], context())).toMatchObject({ text: "RFC 9114: the HTTP/3 specification" });
  });
  it("shows badges in the entry's language and hides web-only macros", () => {
    expect(expandMacro("optional_inline", [], context())).toEqual({ kind: "badge", text: "Optional" });
    expect(expandMacro("optional_inline", [], context("fr"))).toEqual({ kind: "badge", text: "Facultatif" });
    expect(expandMacro("deprecated_inline", [], context("fr"))).toEqual({ kind: "badge", text: "Obsolète" });
    expect(expandMacro("glossarysidebar", [], context())).toEqual({ kind: "none" });
    expect(expandMacro("embedlivesample", ["Example", "300"], context())).toEqual({ kind: "none" });
    expect(expandMacro("cssref", [], context())).toEqual({ kind: "none" });
  });
  it("shows an unknown macro's first argument as code", () => {
    expect(expandMacro("somethingnew", ["value"], context())).toEqual({ kind: "text", text: "value", code: true });
    expect(expandMacro("somethingnew", [], context())).toEqual({ kind: "none" });
  });
  it("lists the pages below for GlossaryDisambiguation", () => {
    const children = [{ slug: "Glossary/Node/DOM", title: "Node (DOM)", summary: "A point in the tree." }];
    expect(expandMacro("glossarydisambiguation", [], context("en-US", { children }))).toEqual({ kind: "children", pages: children });
  });
});

describe("rarer macros and what pages put in arguments", () => {
  const context: MacroContext = { locale: "fr", terms: new Map(), children: [], inSeeAlso: false };
  it("shows inline HTML in an argument as its text, and keeps data types like <color>", () => {
    expect(expandMacro("glossary", ["throttle", "l'étranglement (<i lang=\"en\">throttling</i>)"], context)).toMatchObject({ text: "l'étranglement (throttling)" });
    expect(expandMacro("cssxref", ["&lt;color&gt;"], context)).toMatchObject({ text: "<color>" });
  });
  it("links {{Link}} to the page it names, and drops navigation macros", () => {
    expect(expandMacro("link", ["/fr/docs/Web/API"], context)).toEqual({ kind: "link", text: "API", url: "https://developer.mozilla.org/fr/docs/Web/API", code: false });
    expect(expandMacro("includesubnav", ["/fr/docs/MDN"], context)).toEqual({ kind: "none" });
    expect(expandMacro("discussionlist", [], context)).toEqual({ kind: "none" });
    expect(expandMacro("quicklinkswithsubpages", ["/fr/docs/Glossary"], context)).toEqual({ kind: "none" });
  });
});
