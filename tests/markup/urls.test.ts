import { describe, expect, it } from "vitest";
import { absoluteUrl, glossaryKeyOfUrl, mdnUrl } from "../../src/markup/urls.js";

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
