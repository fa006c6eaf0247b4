// The commands: each takes settings and a glossary and returns what to print; errors are thrown typed.

import path from "node:path";
import { NotFoundError, UsageError } from "../errors.js";
import { slugKey } from "../index/normalize.js";
import { IndexCorruptError } from "../index/store.js";
import { stripControls, toJson } from "../output/sanitize.js";
import { describeEntry, type EntryView } from "../query/describe.js";
import type { Glossary } from "../query/glossary.js";
import { lintScans } from "../query/lint.js";
import { localeCounts, translationsOf } from "../query/langs.js";
import { lookup } from "../query/lookup.js";
import { neighbourhood, related } from "../query/related.js";
import { searchGlossary } from "../query/search.js";
import { suggest } from "../query/suggest.js";
import { renderDot } from "../render/dot.js";
import { entryJson, summaryJson } from "../render/json.js";
import { markGlossaryLinks, renderMarkdown } from "../render/markdown.js";
import { renderText } from "../render/text.js";
import { wrapText } from "../render/wrap.js";
import { resolveLocale } from "../sources/locale.js";
import { openSourceIndex } from "../index/cache.js";
import { checkSourceFolder } from "../sources/discover.js";
import { readPage } from "../sources/page.js";
import type { Entry } from "../types.js";
import { scanSource } from "../sources/scan.js";
import type { Settings } from "./settings.js";

/** What a command prints: stdout text, and notes for stderr. */
export interface CommandOutput {
  stdout: string;
  notes: string[];
}

/** A term as quoted back in messages: one line, no control characters, not endless. */
export function quoteTerm(term: string): string {
  const clean = stripControls(term).replace(/\s+/g, " ").trim();
  return `"${clean.length > 60 ? `${clean.slice(0, 57)}...` : clean}"`;
}

/** Finds the entry a term means, or throws a not-found error with the closest spellings as its hint. */
export function findEntry(words: readonly string[], settings: Settings, glossary: Glossary): { entry: Entry; notes: string[] } {
  const term = words.join(" ");
  const result = lookup(glossary, term, settings.locale);
  if (!result.found) {
    const preferred = resolveLocale(settings.locale.locale, glossary.locales());
    const suggestions = suggest(glossary, term, preferred);
    const names = suggestions.map(({ entry }) => (entry.locale === preferred ? entry.title : `${entry.title} (${entry.locale})`));
    throw new NotFoundError(
      `no entry for ${quoteTerm(term)}`,
      names.length > 0 ? `did you mean: ${names.map(stripControls).join(", ")}?` : `search the texts with: glossary search ${stripControls(term).slice(0, 60)}`,
    );
  }
  const notes: string[] = [];
  if (result.note) notes.push(result.note);
  if (settings.verbose && result.alsoMatched.length > 0) {
    notes.push(`also matches: ${result.alsoMatched.map((e) => `${e.title} (${e.slug})`).join(", ")}`);
  }
  return { entry: result.entry, notes };
}

/** Looks a term up and renders its entry in the chosen format. */
export async function showCommand(words: readonly string[], settings: Settings, glossary: Glossary): Promise<CommandOutput> {
  onlyTextOrJson(settings, "looking terms up");
  const { entry, notes } = findEntry(words, settings, glossary);
  const page = readPage(entry.file, entry.locale);
  if (page.kind !== "page" || slugKey(page.page.slug) !== slugKey(entry.slug)) {
    // The page changed since it was indexed (removed, broken, or given another slug): read the sources again.
    const reason = page.kind === "problem" ? page.problem.message : "its slug changed";
    throw new IndexCorruptError(`${entry.file}: ${reason}`);
  }
  const view = describeEntry(page.page, entry, glossary);
  return { stdout: await renderEntry(view, settings), notes };
}

/** Renders one entry in the format of the settings. */
export async function renderEntry(view: EntryView, settings: Settings): Promise<string> {
  if (settings.short) {
    switch (settings.format) {
      case "json":
        return `${toJson(summaryJson(view))}\n`;
      case "markdown":
        return `${markGlossaryLinks(view.summary, view.terms)}\n`;
      default:
        return `${stripControls(wrapText(view.summary, settings.width).join("\n"))}\n`;
    }
  }
  switch (settings.format) {
    case "json":
      return `${toJson(entryJson(view))}\n`;
    case "markdown":
      return stripControls(renderMarkdown(view));
    case "text":
      return stripControls(renderText(view, { width: settings.width }));
    case "dot":
      throw new UsageError("--format dot is for the related command");
    case "ansi": {
      // Loaded on demand: marked-terminal and its dependencies take longer to load than the rest.
      const { renderAnsi } = await import("../render/ansi.js");
      const hyperlinks = settings.colorLevel > 0 && (await import("./terminal.js")).supportsHyperlinks(settings.terminal);
      return renderAnsi(view, { width: settings.width, colorLevel: settings.colorLevel, hyperlinks });
    }
  }
}

/** Lists the titles of a locale, sorted for its readers. */
export function listCommand(settings: Settings, glossary: Glossary): CommandOutput {
  onlyTextOrJson(settings, "list");
  const locale = resolveLocale(settings.locale.locale, glossary.locales());
  const entries = glossary.titles(locale);
  if (entries.length === 0) {
    throw new NotFoundError(`no entries in ${locale}`, `locales with entries: ${glossary.locales().join(", ") || "none"}`);
  }
  if (settings.format === "json") {
    return {
      stdout: `${toJson(entries.map((e) => ({ title: e.title, slug: e.slug, locale: e.locale, summary: e.summary })))}\n`,
      notes: [],
    };
  }
  return { stdout: entries.map((e) => `${stripControls(e.title).replace(/\s+/g, " ")}\n`).join(""), notes: [] };
}

/**
 * Lints glossary folders (default: the configured sources, else the bundled entries). One line per
 * problem, `path:line: severity: message`; exit status 1 when any problem is an error.
 */
export function lintCommand(folders: readonly string[], settings: Settings, bundledData: string, cwd: string): CommandOutput & { exitCode: number } {
  const targets = folders.length > 0 ? folders : settings.sources.length > 0 ? settings.sources : [bundledData];
  const scans = targets.map((folder) => scanSource(checkSourceFolder(folder)));
  const shown = (file: string): string => {
    const relative = path.relative(cwd, file);
    return relative.startsWith("..") || path.isAbsolute(relative) ? file : relative;
  };
  const problems = lintScans(scans, shown);
  const errors = problems.filter((p) => p.severity === "error").length;
  const warnings = problems.length - errors;
  const pages = scans.reduce((n, scan) => n + scan.fileCount, 0);
  const stdout =
    settings.format === "json"
      ? `${toJson(problems.map((p) => ({ ...p, path: shown(p.path) })))}\n`
      : problems.map((p) => `${stripControls(shown(p.path))}:${p.line}: ${p.severity}: ${stripControls(p.message)}\n`).join("");
  const count = (n: number, word: string): string => `${n} ${word}${n === 1 ? "" : "s"}`;
  return {
    stdout,
    notes: [`${count(errors, "error")}, ${count(warnings, "warning")} in ${count(pages, "page")}`],
    exitCode: errors > 0 ? 1 : 0,
  };
}

/** One line of a tab-separated listing: no tabs or line breaks inside a field. */
function tsv(...fields: string[]): string {
  return `${fields.map((f) => stripControls(f).replace(/\s+/g, " ").trim()).join("\t")}\n`;
}

function onlyTextOrJson(settings: Settings, command: string): void {
  if (settings.format === "dot") {
    throw new UsageError(`--format dot is for the related command, not ${command}`, "try: glossary related --format dot <term>");
  }
}

/** Full-text search: `title<TAB>summary` per result, best first; JSON with scores. */
export function searchCommand(words: readonly string[], limit: number, settings: Settings, glossary: Glossary): CommandOutput {
  onlyTextOrJson(settings, "search");
  const query = words.join(" ");
  const locale = settings.locale.explicit ? resolveLocale(settings.locale.locale, glossary.locales()) : undefined;
  const results = searchGlossary(glossary, query, locale === undefined ? { limit } : { limit, locale });
  if (results.length === 0) throw new NotFoundError(`nothing found for ${quoteTerm(query)}`, "try fewer or other words");
  if (settings.format === "json") {
    const json = results.map(({ entry, score }) => ({ title: entry.title, slug: entry.slug, locale: entry.locale, summary: entry.summary, score: Math.round(score * 1000) / 1000 }));
    return { stdout: `${toJson(json)}\n`, notes: [] };
  }
  return { stdout: results.map(({ entry }) => tsv(entry.title, entry.summary)).join(""), notes: [] };
}

/** The entries related to a term: titles, JSON with the relation, or a Graphviz graph. */
export function relatedCommand(words: readonly string[], depth: number, settings: Settings, glossary: Glossary): CommandOutput {
  const { entry, notes } = findEntry(words, settings, glossary);
  if (settings.format === "dot") return { stdout: renderDot(neighbourhood(glossary, entry, depth), entry), notes };
  const items = related(glossary, entry);
  if (settings.format === "json") {
    const json = items.map(({ entry: e, relation }) => ({ title: e.title, slug: e.slug, locale: e.locale, relation }));
    return { stdout: `${toJson(json)}\n`, notes };
  }
  return { stdout: items.map(({ entry: e }) => tsv(e.title)).join(""), notes };
}

/** Without a term: each locale and its entry count. With one: the term in every locale that has it. */
export function langsCommand(words: readonly string[], settings: Settings, glossary: Glossary): CommandOutput {
  onlyTextOrJson(settings, "langs");
  if (words.length === 0) {
    const counts = localeCounts(glossary);
    if (settings.format === "json") return { stdout: `${toJson(counts.map(([locale, count]) => ({ locale, count })))}\n`, notes: [] };
    return { stdout: counts.map(([locale, count]) => tsv(locale, String(count))).join(""), notes: [] };
  }
  const { entry, notes } = findEntry(words, settings, glossary);
  const translations = translationsOf(glossary, entry);
  if (settings.format === "json") {
    return { stdout: `${toJson(translations.map((e) => ({ locale: e.locale, title: e.title, slug: e.slug })))}\n`, notes };
  }
  return { stdout: translations.map((e) => tsv(e.locale, e.title)).join(""), notes };
}

/**
 * Builds or refreshes the cached index of every configured source and says what it did for each:
 * `folder<TAB>entries<TAB>built|up to date`.
 */
export function indexCommand(
  settings: Settings,
  rebuild: boolean,
  cache: string | null,
  progress: (label: string) => ((done: number, total: number) => void) | undefined,
): CommandOutput {
  onlyTextOrJson(settings, "index");
  if (settings.sources.length === 0) {
    return { stdout: "", notes: ["no source folders configured (use --source or GLOSSARY_PATH); the bundled entries are indexed when installed"] };
  }
  const rows: Array<{ source: string; entries: number; state: "built" | "up to date"; seconds: number; cache: string | null }> = [];
  const notes: string[] = [];
  const verbose = (message: string): void => {
    if (settings.verbose) notes.push(message);
  };
  for (const source of settings.sources) {
    const folder = checkSourceFolder(source);
    const started = performance.now();
    let built: { entries: number; folder: string | null } | null = null;
    const show = progress(`indexing ${source}`);
    const index = openSourceIndex(folder, {
      root: cache,
      rebuild,
      verbose,
      problems: (problems) => {
        for (const p of problems) verbose(`${p.path}:${p.line}: ${p.severity}: ${p.message}`);
      },
      built: (entries, where) => {
        built = { entries, folder: where };
      },
      ...(show ? { progress: show } : {}),
    });
    const result = built as { entries: number; folder: string | null } | null;
    rows.push({
      source,
      entries: result ? result.entries : index.size,
      state: result ? "built" : "up to date",
      seconds: Math.round(performance.now() - started) / 1000,
      cache: result ? result.folder : null,
    });
  }
  if (cache === null) notes.push("no cache folder (set XDG_CACHE_HOME or HOME): nothing was stored");
  if (settings.format === "json") return { stdout: `${toJson(rows)}\n`, notes };
  return { stdout: rows.map((r) => tsv(r.source, String(r.entries), r.state, `${r.seconds} s`)).join(""), notes };
}
