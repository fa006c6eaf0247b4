// The everyday commands (show, list, search, related, langs): each takes settings and a glossary and
// returns what to print; errors are thrown typed. Heavier modules are imported only where needed.

import { NotFoundError, UsageError } from "../errors.js";
import { stripControls, toJson } from "../output/sanitize.js";
import type { Glossary } from "../query/glossary.js";
import { localeCounts, translationsOf } from "../query/langs.js";
import { lookup } from "../query/lookup.js";
import { neighbourhood, related } from "../query/related.js";
import { searchGlossary } from "../query/search.js";
import { suggest } from "../query/suggest.js";
import { renderDot } from "../render/dot.js";
import { entryJson, listItemJson, localeCountJson, relatedJson, searchResultJson, summaryJson, translationJson } from "../render/json.js";
import { markGlossaryLinks, renderMarkdown } from "../render/markdown.js";
import { renderText } from "../render/text.js";
import { wrapText } from "../render/wrap.js";
import { entryView } from "../query/show.js";
import type { EntryView } from "../query/view.js";
import { resolveLocale } from "../sources/locale.js";
import type { Entry } from "../types.js";
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
  const view = await entryView(entry, glossary);
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
      stdout: `${toJson(entries.map(listItemJson))}\n`,
      notes: [],
    };
  }
  return { stdout: entries.map((e) => `${stripControls(e.title).replace(/\s+/g, " ")}\n`).join(""), notes: [] };
}

/** One line of a tab-separated listing: no tabs or line breaks inside a field. */
export function tsv(...fields: string[]): string {
  return `${fields.map((f) => stripControls(f).replace(/\s+/g, " ").trim()).join("\t")}\n`;
}

export function onlyTextOrJson(settings: Settings, command: string): void {
  if (settings.format === "dot") {
    throw new UsageError(`--format dot is for the related command, not ${command}`, "try: glossary related --format dot <term>");
  }
}

/** Full-text search: `title<TAB>summary` per result, best first; JSON with scores. */
export async function searchCommand(words: readonly string[], limit: number, settings: Settings, glossary: Glossary): Promise<CommandOutput> {
  onlyTextOrJson(settings, "search");
  const query = words.join(" ");
  const locale = settings.locale.explicit ? resolveLocale(settings.locale.locale, glossary.locales()) : undefined;
  const results = await searchGlossary(glossary, query, locale === undefined ? { limit } : { limit, locale });
  if (results.length === 0) throw new NotFoundError(`nothing found for ${quoteTerm(query)}`, "try fewer or other words");
  if (settings.format === "json") {
    return { stdout: `${toJson(results.map(searchResultJson))}\n`, notes: [] };
  }
  return { stdout: results.map(({ entry }) => tsv(entry.title, entry.summary)).join(""), notes: [] };
}

/** The entries related to a term: titles, JSON with the relation, or a Graphviz graph. */
export function relatedCommand(words: readonly string[], depth: number, settings: Settings, glossary: Glossary): CommandOutput {
  const { entry, notes } = findEntry(words, settings, glossary);
  if (settings.format === "dot") return { stdout: renderDot(neighbourhood(glossary, entry, depth), entry), notes };
  const items = related(glossary, entry);
  if (settings.format === "json") {
    return { stdout: `${toJson(items.map(relatedJson))}\n`, notes };
  }
  return { stdout: items.map(({ entry: e }) => tsv(e.title)).join(""), notes };
}

/** Without a term: each locale and its entry count. With one: the term in every locale that has it. */
export function langsCommand(words: readonly string[], settings: Settings, glossary: Glossary): CommandOutput {
  onlyTextOrJson(settings, "langs");
  if (words.length === 0) {
    const counts = localeCounts(glossary);
    if (settings.format === "json") return { stdout: `${toJson(counts.map(localeCountJson))}\n`, notes: [] };
    return { stdout: counts.map(([locale, count]) => tsv(locale, String(count))).join(""), notes: [] };
  }
  const { entry, notes } = findEntry(words, settings, glossary);
  const translations = translationsOf(glossary, entry);
  if (settings.format === "json") {
    return { stdout: `${toJson(translations.map(translationJson))}\n`, notes };
  }
  return { stdout: translations.map((e) => tsv(e.locale, e.title)).join(""), notes };
}
