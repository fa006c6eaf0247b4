import { describe, expect, it } from "vitest";
import { absoluteUrl, glossaryKeyOfUrl, isRunnableUrl, mdnUrl, safeUrl } from "../../src/markup/urls.js";

describe("urls", () => {
  it("builds MDN URLs", () => {
    expect(mdnUrl("pt-BR", "Glossary/Same-origin_policy")).toBe("https://developer.mozilla.org/pt-BR/docs/Glossary/Same-origin_policy");
    expect(mdnUrl("en-US", "Glossary/callback function")).toBe("https://developer.mozilla.org/en-US/docs/Glossary/callback_function");
    expect(mdnUrl("en-US", "Web/CSS/Reference/Values/fit_content_function")).toContain("fit_content_function");
  });
  it("resolves relative links against the page", () => {
    const page = "https://developer.mozilla.org/fr/docs/Glossary/API";
    expect(absoluteUrl("/fr/docs/Web/API", page)).toBe("https://developer.mozilla.org/fr/docs/Web/API");
    expect(absoluteUrl("#syntax", page)).toBe(`${page}#syntax`);
    expect(absoluteUrl("https://example.com/x", page)).toBe("https://example.com/x");
    expect(absoluteUrl("mailto:a@b.c", page)).toBe("mailto:a@b.c");
  });
  it("reads glossary keys from URLs", () => {
    expect(glossaryKeyOfUrl("https://developer.mozilla.org/fr/docs/Glossary/Synchronous")).toBe("glossary/synchronous");
    expect(glossaryKeyOfUrl("https://developer.mozilla.org/en-US/docs/Glossary/Node/DOM#x")).toBe("glossary/node/dom");
    expect(glossaryKeyOfUrl("https://developer.mozilla.org/en-US/docs/Web/API")).toBeNull();
  });
});

describe("isRunnableUrl and safeUrl", () => {
  it("tell URLs that run code, however written", () => {
    for (const url of ["javascript:alert(1)", "JaVaScRiPt:x", " \tjavascript:x", "java\tscript:x", "java&#x09;script:x", "&#106;avascript:x", "&#x6A;avascript&colon;x", "\u0001javascript:x", "vbscript:msgbox", "VBScript:x", "data:text/html,<script>", "DATA:x", "java\nscript:x"]) {
      expect(isRunnableUrl(url), JSON.stringify(url)).toBe(true);
      expect(safeUrl(url)).toBe("");
    }
    for (const url of ["https://example.com/javascript:x", "mailto:a@b.c", "http://x/data:y", "#data:x", "/docs/javascript", "javascript", "&#xFFFFFFF;"]) {
      expect(isRunnableUrl(url), url).toBe(false);
      expect(safeUrl(url)).toBe(url);
    }
  });
  it("makes absolute no URL that runs code", () => {
    expect(absoluteUrl("javascript:alert(1)", "https://developer.mozilla.org/en-US/docs/Glossary/X")).toBe("");
    expect(absoluteUrl("java&#x09;script:alert(1)", "https://developer.mozilla.org/en-US/docs/Glossary/X")).toBe("");
  });
});
