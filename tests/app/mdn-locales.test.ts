// Real MDN pages in ten locales (tests/fixtures/mdn-locales, see its ATTRIBUTION.md): each is found by its
// title, by each name its title holds and by its slug, and reads cleanly in every format.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { showEntry } from "../../src/app/entry-view.js";
import { renderEntry } from "../../src/app/lookup-command.js";
import { openGlossary } from "../../src/app/open.js";
import { lookup } from "../../src/query/lookup.js";
import { type Format, type Settings } from "../../src/types.js";
import { FIXTURES, ROOT, golden } from "../helpers.js";

const FIXTURE = path.join(FIXTURES, "mdn-locales");
interface FixturePage {
  file: string;
  locale: string;
  slug: string;
  title: string;
  names: string[];
  features: string[];
}
const pages = JSON.parse(fs.readFileSync(path.join(FIXTURE, "pages.json"), "utf8")) as FixturePage[];
const glossary = await openGlossary({ sources: [FIXTURE], bundled: false, packageRoot: ROOT, verbose: () => {}, cache: null });

const WIDTH = 60;
const settings = (format: Format, locale: string): Settings => ({
  locale: { locale, explicit: true },
  sources: [FIXTURE],
  bundled: false,
  format,
  short: false,
  width: WIDTH,
  colorLevel: format === "ansi" ? 1 : 0,
  verbose: false,
  pager: false,
  terminal: false,
  hyperlinks: false,
});

const ESCAPES = /\u001b\[[0-9;]*m|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)/g;
/**
 * Markup that must never reach the output: closing tags and tags with attributes (an element's name, such as
 * the `<p>` of {{HTMLElement("p")}}, is content).
 */
const TAG = /<\/[a-z][a-z0-9]*\s*>|<[a-z][a-z0-9]*\s+[a-z-]+\s*=/i;
const ENTITY = /&(?:[a-z][a-z0-9]*|#\d+|#x[0-9a-f]+);/i;
const RAW_DEFINITION = /^\s*(?:[-*•]|\d+\.)\s+:\s/m;

/** The prose lines of a text or ANSI rendering: code blocks (indented by `codeIndent` or more) left out. */
function proseLines(output: string, codeIndent: number): string[] {
  return output.split("\n").filter((line) => !new RegExp(`^ {${codeIndent},}\\S`).test(line) || /^\s*(?:[-•]|\d+\.) /.test(line));
}

describe("real MDN pages in ten locales", () => {
  it("cover every locale MDN has, fifteen pages or more each", () => {
    const counts = new Map<string, number>();
    for (const page of pages) counts.set(page.locale, (counts.get(page.locale) ?? 0) + 1);
    expect([...counts.keys()].sort()).toEqual(["de", "en-US", "es", "fr", "ja", "ko", "pt-BR", "ru", "zh-CN", "zh-TW"]);
    for (const [locale, count] of counts) expect(count, locale).toBeGreaterThanOrEqual(15);
    expect(glossary.layers[0]!.index.size).toBe(pages.length);
  });

  it("are found by their title, by each name their title holds, and by their slug", () => {
    // A name that two pages of a locale hold ("Boolean attribute (論理属性) (HTML)" and "(ARIA)") finds one of them.
    const holders = new Map<string, string[]>();
    for (const page of pages) for (const name of page.names) holders.set(`${page.locale} ${name}`, [...(holders.get(`${page.locale} ${name}`) ?? []), page.slug]);
    for (const page of pages) {
      for (const name of new Set([page.title, ...page.names, page.slug])) {
        const result = lookup(glossary, name, { locale: page.locale, explicit: true });
        const expected = name === page.slug ? [page.slug] : (holders.get(`${page.locale} ${name}`) ?? [page.slug]);
        expect(result.found && result.entry.locale, `${page.file}: ${name}`).toBe(page.locale);
        expect(expected, `${page.file}: ${name}`).toContain(result.found ? result.entry.slug : null);
      }
    }
  });

  it("read cleanly in every format: no macro, tag, entity or raw definition marker, no line wider than the width", async () => {
    for (const page of pages) {
      const found = lookup(glossary, page.slug, { locale: page.locale, explicit: true });
      if (!found.found) throw new Error(`${page.file} not found`);
      const shown = await showEntry(found.entry, glossary);
      const source = fs.readFileSync(path.join(FIXTURE, page.file), "utf8");
      const codes = [...source.matchAll(/`([^`\n]+)`|<code>([^<]*)<\/code>/g)].map((match) => (match[1] ?? match[2]!).replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&")).filter((code) => code.trim() !== "").sort((a, b) => b.length - a.length);
      for (const format of ["text", "ansi", "markdown", "json"] as const) {
        const output = await renderEntry(shown, settings(format, page.locale));
        const where = `${page.file} (${format})`;
        expect(output, where).not.toContain("{{");
        expect(output, where).not.toMatch(RAW_DEFINITION);
        if (format === "json") {
          const json = JSON.parse(output) as { summary: string; seeAlso: unknown[] };
          expect(json.summary, where).not.toMatch(TAG);
          expect(json.summary, where).not.toMatch(ENTITY);
          continue;
        }
        const visible = format === "ansi" ? output.replace(ESCAPES, "") : output;
        const prose = format === "markdown" ? visible.replace(/^```[^]*?^```/gm, "").replace(/`[^`\n]*`/g, "").split("\n") : proseLines(visible, format === "ansi" ? 2 : 4);
        // What the page wrote as code is shown as code (markup there is the point), maybe wrapped over lines.
        const joined = prose.join(" ").replace(/\s+/g, " ");
        const outsideCode = codes.reduce((text, code) => text.replaceAll(code.replace(/\s+/g, " "), ""), joined);
        expect(outsideCode, where).not.toMatch(TAG);
        expect(outsideCode, where).not.toMatch(ENTITY);
        if (format !== "markdown") {
          const wide = visible.split("\n").filter((line) => [...line].length > WIDTH && !/^ {2,}\S/.test(line));
          expect(wide, where).toEqual([]);
          // French typography survives wrapping.
          for (const line of visible.split("\n")) {
            expect(line, where).not.toMatch(/^\s*[:;?!»]/);
            expect(line, where).not.toMatch(/«\s*$/);
          }
        }
      }
      if (page.features.some((feature) => feature.startsWith("see-also:"))) {
        const view = await shown.view();
        expect(view.seeAlsoSection, `${page.file}: its see-also section`).not.toBeNull();
      }
    }
  });

  // One page a locale, chosen for what it holds: definition lists (cors), a table (falsy), raw HTML
  // (bootstrap, idempotent), bracketed titles (thread, hmac, hoisting, callback function), alerts.
  const GOLDEN: ReadonlyArray<readonly [locale: string, slug: string]> = [
    ["en-US", "Glossary/Idempotent"],
    ["de", "Glossary/CORS"],
    ["es", "Glossary/Closure"],
    ["fr", "Glossary/Callback_function"],
    ["ja", "Glossary/Falsy"],
    ["ko", "Glossary/Closure"],
    ["pt-BR", "Glossary/Origin"],
    ["ru", "Glossary/Bootstrap"],
    ["zh-CN", "Glossary/HMAC"],
    ["zh-TW", "Glossary/Hoisting"],
  ];
  it.each(GOLDEN)("read in %s as the golden file says (%s, text at 80 columns)", async (locale, slug) => {
    const found = lookup(glossary, slug, { locale, explicit: true });
    if (!found.found) throw new Error(`${locale} ${slug} not found`);
    const output = await renderEntry(await showEntry(found.entry, glossary), { ...settings("text", locale), width: 80 });
    const { actual, expected } = golden(`locales/${locale}.${slug.slice("Glossary/".length).toLowerCase()}.txt`, output);
    expect(actual).toBe(expected);
  });
});
