import { describe, expect, it } from "vitest";
import { NO_SEARCH_KEYWORDS, buildIndex, combineIndex, pageKeys } from "../../src/index/build.js";
import type { SearchDocument } from "../../src/index/search.js";
import { foldTerm } from "../../src/text/fold.js";
import { BACKLINK_PREFIX, KeyKind, type Page } from "../../src/types.js";

const page = (locale: string, slug: string, title: string, body = "Body.", path = `/p/${locale}/${slug}`): Page => ({
  locale, slug, title, body, path, pageType: "", bodyLine: 5, aliases: [],
});

describe("pageKeys", () => {
  it("derives keys from the title, the slug and its last segment", () => {
    expect(pageKeys({ title: "Asynchrone", slug: "Glossary/Asynchronous", aliases: [] })).toEqual([
      ["asynchrone", KeyKind.Title],
      ["glossary/asynchronous", KeyKind.Slug],
      ["asynchronous", KeyKind.Slug],
    ]);
    expect(pageKeys({ title: "Node (DOM)", slug: "Glossary/Node/DOM", aliases: ["Glossaire/Noeud"] })).toEqual([
      ["node (dom)", KeyKind.Title],
      ["glossaire/noeud", KeyKind.Slug],
      ["glossary/node/dom", KeyKind.Slug],
      ["node/dom", KeyKind.Slug],
      ["noeud", KeyKind.Slug],
      ["dom", KeyKind.Segment],
    ]);
  });
});

describe("buildIndex", () => {
  const pages = [
    page("en-US", "Glossary/Node", "Node", "Meanings:\n\n{{GlossaryDisambiguation}}"),
    page("en-US", "Glossary/Node/DOM", "Node (DOM)", "A **node** is a point. More."),
    page("en-US", "Glossary/A", "A", 'Links to {{Glossary("B")}}.\n\n## See also\n\n- {{Glossary("Node/DOM")}}'),
    page("en-US", "Glossary/B", "B", "Plain."),
    page("fr", "Glossary/A", "A (fr)", 'Vers {{Glossary("B")}}.'),
    page("en-US", "Glossary/B", "B again", "Duplicate.", "/p/zz-duplicate"),
  ];
  const data = buildIndex(pages, (p) => p.path, NO_SEARCH_KEYWORDS);
  const bySlug = (locale: string, slug: string) => data.records.find((r) => r.locale === locale && r.slug === slug)!;

  it("keeps one record per locale and slug, and reports duplicates", () => {
    expect(data.records).toHaveLength(5);
    expect(data.duplicates).toHaveLength(1);
    expect(data.duplicates[0]!.message).toContain("duplicate slug Glossary/B");
    expect(Object.fromEntries(data.locales)).toEqual({ "en-US": 4, fr: 1 });
  });
  it("stores summaries, references and see-also keys", () => {
    const a = bySlug("en-US", "Glossary/A");
    expect(a.summary).toBe("Links to B.");
    expect(a.refs).toEqual(["glossary/b", "glossary/node/dom"]);
    expect(a.seeAlso).toEqual(["glossary/node/dom"]);
  });
  it("links children, and records backlinks under their target's key", () => {
    expect(bySlug("en-US", "Glossary/Node").children).toEqual([bySlug("en-US", "Glossary/Node/DOM").id]);
    const a = bySlug("en-US", "Glossary/A").id;
    const frA = bySlug("fr", "Glossary/A").id;
    expect(data.keys.get(`${BACKLINK_PREFIX}glossary/b`)).toEqual([[a, KeyKind.Backlink], [frA, KeyKind.Backlink]]);
    expect(data.keys.get(`${BACKLINK_PREFIX}glossary/node/dom`)).toEqual([[a, KeyKind.Backlink]]);
  });
  it("keeps the searchable text of each record", () => {
    const a = bySlug("en-US", "Glossary/A");
    // The summary is its own field: the body is searched without it, so its words do not count twice.
    expect(data.searchDocuments[a.id]).toEqual({ id: a.id, locale: "en-US", title: "A", names: [], summary: "Links to B.", body: expect.stringContaining("## See also") });
    expect((data.searchDocuments[a.id] as SearchDocument).body).not.toContain("Links to");
  });
  it("maps user-keyed words without touching Object.prototype", () => {
    const hostile = buildIndex([page("en-US", "Glossary/constructor", "constructor"), page("en-US", "Glossary/__proto__", "__proto__")], (p) => p.path, NO_SEARCH_KEYWORDS);
    const idOf = (slug: string) => hostile.records.find((r) => r.slug === slug)!.id;
    expect(hostile.keys.get("constructor")).toEqual([[idOf("Glossary/constructor"), KeyKind.Title]]);
    expect(hostile.keys.get(foldTerm("__proto__"))).toEqual([[idOf("Glossary/__proto__"), KeyKind.Title]]);
    expect(hostile.keys.get("tostring")).toBeUndefined();
  });
});

describe("titleNames", () => {
  it("gives the names a title holds in brackets, ASCII or full-width, and the name before them", async () => {
    const { titleNames } = await import("../../src/index/build.js");
    expect(titleNames("Cross-site request forgery (CSRF)", "Glossary/CSRF")).toEqual(["CSRF", "Cross-site request forgery"]);
    expect(titleNames("Thread (スレッド)", "Glossary/Thread")).toEqual(["スレッド", "Thread"]);
    expect(titleNames("Closure（闭包）", "Glossary/Closure")).toEqual(["闭包", "Closure"]);
    expect(titleNames("Fonction de rappel (callback)", "Glossary/Callback_function")).toEqual(["callback", "Fonction de rappel"]);
    expect(titleNames("RTP（实时传输协议）和 SRTP（安全 RTP）", "Glossary/RTP")).toEqual(["RTP", "实时传输协议", "SRTP", "安全 RTP"]);
    expect(titleNames("Asynchronous", "Glossary/Asynchronous")).toEqual([]);
  });
  it("reads the brackets of a page below another that say which sense it is as no name", async () => {
    const { titleNames } = await import("../../src/index/build.js");
    expect(titleNames("Block (CSS)", "Glossary/Block/CSS")).toEqual([]);
    expect(titleNames("Signature (security)", "Glossary/Signature/Security")).toEqual([]);
    expect(titleNames("Boolean attribute (論理属性) (ARIA)", "Glossary/Boolean/ARIA")).toEqual(["論理属性", "Boolean attribute (ARIA)", "Boolean attribute"]);
    expect(titleNames("Signature (functions)（函数签名）", "Glossary/Signature/Function")).toEqual(["函数签名", "Signature (functions)", "Signature"]);
  });
  it("makes them keys that rank after the title and the slug", () => {
    expect(pageKeys({ title: "Cross-site request forgery (CSRF)", slug: "Glossary/Cross-site_request_forgery", aliases: [] })).toContainEqual(["csrf", KeyKind.TitleName]);
  });
});

describe("pageKeys and the names a title holds", () => {
  it("keeps a key that is also the slug as a slug key (the better rank)", () => {
    const keys = pageKeys({ title: "Localization (l10n)", slug: "Glossary/Localization", aliases: [] });
    expect(keys).toContainEqual(["localization", KeyKind.Slug]);
    expect(keys).toContainEqual(["l10n", KeyKind.TitleName]);
  });
});

describe("longForm", () => {
  it("finds the long form of an abbreviation a page is titled by in its summary, either side of the brackets", async () => {
    const { longForm } = await import("../../src/index/build.js");
    expect(longForm("DNS", "DNS (Domain Name System) is a hierarchical naming system.")).toBe("Domain Name System");
    expect(longForm("WCAG", "Web Content Accessibility Guidelines (WCAG) is a recommendation.")).toBe("Web Content Accessibility Guidelines");
    // The fewest words before the bracket that hold the letters in order, from the first.
    expect(longForm("ATAG", "Authoring Tool Accessibility Guidelines (ATAG) is a W3C recommendation.")).toBe("Authoring Tool Accessibility Guidelines");
    expect(longForm("SRI", "Subresource Integrity (SRI) is a security feature.")).toBe("Subresource Integrity");
  });
  it("gives none for a title that is no abbreviation, or brackets that do not spell it out", async () => {
    const { longForm } = await import("../../src/index/build.js");
    expect(longForm("Closure", "A closure (a function with its scope) is...")).toBeNull();
    expect(longForm("DNS", "DNS (see RFC 1034) names hosts.")).toBeNull();
    expect(longForm("CSS", "Styles (CSS) are rules.")).toBeNull();
    expect(longForm("API", "An API is a set of features.")).toBeNull();
  });
  it("adds the long form to the names a page is searched by", () => {
    const page = { path: "/s/en-us/glossary/dns/index.md", locale: "en-US", slug: "Glossary/DNS", title: "DNS", pageType: "glossary-definition", aliases: [], summary: "DNS (Domain Name System) names hosts.", refs: [], seeAlso: [], searchBody: "" };
    expect((combineIndex([page], () => "en-us/glossary/dns/index.md", NO_SEARCH_KEYWORDS).searchDocuments[0] as SearchDocument).names).toEqual(["Domain Name System"]);
  });
});
