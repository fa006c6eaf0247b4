// Checks glossary folders for authors: front matter, duplicates, macros, links to missing terms, orphans.

import { NO_SEARCH_KEYWORDS, buildIndex } from "../index/build.js";
import { glossaryRefKey, slugKey } from "../text/fold.js";
import { macroName, parseMacroCall } from "../markup/macro-call.js";
import { isKnownMacro } from "../markup/macros.js";
import { glossaryKeyOfUrl } from "../markup/urls.js";
import type { SourceScan } from "../sources/scan.js";
import { FALLBACK_LOCALE, type Page, type PageProblem } from "../types.js";


/** A glossary reference found in a page body, with its line in the file. */
interface Reference {
  key: string;
  written: string;
  line: number;
}

const FENCE = /^\s*(`{3,}|~{3,})/;
const MARKDOWN_LINK = /\]\(\s*<?((?:https?:\/\/developer\.mozilla\.org)?\/[^/\s)>]+\/docs\/Glossary\/[^\s)>#?]+)/gi;

/**
 * Reads the macros and glossary links of a page body outside fenced code, with file line numbers.
 * @returns the glossary references and the problems found on the way (unknown and garbled macros).
 */
export function scanBody(page: Page): { references: Reference[]; problems: PageProblem[] } {
  const references: Reference[] = [];
  const problems: PageProblem[] = [];
  let fence: string | null = null;
  page.body.split("\n").forEach((text, n) => {
    const line = page.bodyLine + n;
    const marker = FENCE.exec(text)?.[1];
    if (fence) {
      if (marker && marker[0] === fence[0] && marker.length >= fence.length) fence = null;
      return;
    }
    if (marker) {
      fence = marker;
      return;
    }
    for (let i = text.indexOf("{{"); i >= 0; i = text.indexOf("{{", i + 2)) {
      const call = parseMacroCall(text, i);
      if (!call.wellFormed) {
        problems.push({ path: page.path, line, severity: "error", message: `garbled macro: ${text.slice(i, Math.min(call.end, i + 60))}` });
        continue;
      }
      if (!isKnownMacro(macroName(call.rawName))) {
        problems.push({ path: page.path, line, severity: "warning", message: `unknown macro ${call.rawName}` });
      }
      if (call.name === "glossary" && call.args[0]) {
        references.push({ key: glossaryRefKey(call.args[0]), written: call.args[0], line });
      }
    }
    for (const match of text.matchAll(MARKDOWN_LINK)) {
      const url = match[1]!.startsWith("/") ? `https://developer.mozilla.org${match[1]}` : match[1]!;
      const key = glossaryKeyOfUrl(url);
      if (key) references.push({ key, written: match[1]!, line });
    }
  });
  return { references, problems };
}

/**
 * Lints scanned folders together: every page problem, duplicate slugs within a locale, unknown or garbled
 * macros, glossary links to terms found neither in the page's locale nor in en-US, and translations with no
 * en-US original. Problems are sorted by file and line.
 * @param display how a file is named inside messages (e.g. relative to the working directory).
 * @param elsewhere whether an entry of that slug key exists in that locale in the other sources of the
 *   glossary (the bundled entries, configured folders): links to it resolve, translations of it have an
 *   original.
 */
export function lintScans(scans: readonly SourceScan[], display: (file: string) => string = (file) => file, elsewhere: (locale: string, key: string) => boolean = () => false): PageProblem[] {
  const problems: PageProblem[] = scans.flatMap((scan) => scan.problems);
  const pages = scans.flatMap((scan) => scan.pages);
  // Lint reads keys and records alone: no search keywords.
  const index = buildIndex(pages, (page) => display(page.path), NO_SEARCH_KEYWORDS);
  problems.push(...index.duplicates);
  const slugs = new Set(index.records.map((record) => `${record.locale}\u0000${slugKey(record.slug)}`));
  const has = (locale: string, key: string): boolean => slugs.has(`${locale}\u0000${key}`) || elsewhere(locale, key);
  const duplicatePaths = new Set(index.duplicates.map((d) => d.path));

  for (const page of pages) {
    if (duplicatePaths.has(page.path)) continue;
    const body = scanBody(page);
    problems.push(...body.problems);
    for (const reference of body.references) {
      if (!has(page.locale, reference.key) && !has(FALLBACK_LOCALE, reference.key)) {
        problems.push({
          path: page.path,
          line: reference.line,
          severity: "error",
          message: `link to a missing glossary term: ${reference.written}`,
        });
      }
    }
    if (page.locale !== FALLBACK_LOCALE && !has(FALLBACK_LOCALE, slugKey(page.slug))) {
      problems.push({ path: page.path, line: 1, severity: "error", message: `translation without an en-US original: ${page.slug}` });
    }
  }
  return problems.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line));
}
