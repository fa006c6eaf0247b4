// The commands besides the lookup (list, search, related, langs): each takes settings and a glossary and
// returns what to print; errors are thrown typed. Heavier modules are imported only where needed.

import { NotFoundError } from "../errors.js";
import { stripControls, toJson } from "../text/sanitize.js";
import type { Glossary } from "../query/glossary.js";
import { localeCounts, translationsOf } from "../query/langs.js";
import { neighbourhood, related } from "../query/related.js";
import { type SearchResult, searchGlossary } from "../query/search.js";
import { meaningfulQuery } from "../query/stop-words.js";
import { foldTerm } from "../text/fold.js";
import { renderDot } from "../render/dot.js";
import { listItemJson, localeCountJson, relatedJson, searchResultJson, translationJson } from "../render/json.js";
import { resolveLocale } from "../sources/locale.js";
import { findEntry, onlyTextOrJson, quoteTerm } from "./lookup-command.js";
import { type CommandOutput, FALLBACK_LOCALE, type LocalePreference, type Settings } from "../types.js";

/**
 * What a command that found nothing prints: with `--json`, an empty array (with the message on stderr and
 * the exit status of a miss); otherwise the error is thrown as it is.
 */
function noResult(error: unknown, settings: Settings): CommandOutput {
  if (!(error instanceof NotFoundError) || settings.format !== "json") throw error;
  return { stdout: "[]\n", notes: error.hint ? [error.message, error.hint] : [error.message], exitCode: error.exitCode };
}

/** The listing renderer, loaded only for a terminal or Markdown. */
const listing = () => import("../render/listing.js");

/** How listings are drawn on a terminal with these settings. */
function listingOptions(settings: Settings, glossary: Glossary): { width: number; colorLevel: Settings["colorLevel"]; locale: string } {
  return { width: settings.width, colorLevel: settings.colorLevel, locale: resolveLocale(settings.locale.locale, glossary.locales()) };
}

/** Lists the titles of a locale, sorted for its readers: one per line, JSON, or a Markdown list of links. */
export async function listCommand(settings: Settings, glossary: Glossary): Promise<CommandOutput> {
  onlyTextOrJson(settings, "list");
  const locale = resolveLocale(settings.locale.locale, glossary.locales());
  // The titles alone, from the title lists; JSON and Markdown also need each entry's record.
  const titles = glossary.titleList(locale);
  if (titles.length === 0) {
    return noResult(new NotFoundError(`no entries in ${locale}`, `locales with entries: ${glossary.locales().join(", ") || "none"}`), settings);
  }
  if (settings.format === "json") {
    return {
      stdout: `${toJson(titles.map(({ layer, id }) => listItemJson(glossary.entry(layer, id))))}\n`,
      notes: [],
    };
  }
  if (settings.format === "markdown") {
    return { stdout: (await listing()).markdownList(titles.map(({ layer, id }) => glossary.entry(layer, id)), false), notes: [] };
  }
  return { stdout: titles.map(({ title }) => `${stripControls(title).replace(/\s+/g, " ")}\n`).join(""), notes: [] };
}

/** One line of a tab-separated listing: no tabs or line breaks inside a field. */
export function tsv(...fields: string[]): string {
  return `${fields.map((f) => stripControls(f).replace(/\s+/g, " ").trim()).join("\t")}\n`;
}

/**
 * Full-text search, best first: `title<TAB>summary` per result, on a terminal each title with its summary
 * cut to one line, JSON with scores, or a Markdown list. Stop words of the reader's
 * language and of English are left out of the query (a query of nothing else is a miss, unless it is a
 * title); an explicit locale without a match falls back to en-US, as lookups do, and says so.
 */
export async function searchCommand(words: readonly string[], limit: number, settings: Settings, glossary: Glossary): Promise<CommandOutput> {
  onlyTextOrJson(settings, "search");
  const query = words.join(" ");
  let found: Awaited<ReturnType<typeof searchWithFallback>>;
  try {
    found = await searchWithFallback(glossary, query, limit, settings.locale);
  } catch (error) {
    return noResult(error, settings);
  }
  const { results, notes } = found;
  const entries = results.map(({ entry }) => entry);
  switch (settings.format) {
    case "json":
      return { stdout: `${toJson(results.map(searchResultJson))}\n`, notes };
    case "markdown":
      return { stdout: (await listing()).markdownList(entries), notes };
    case "ansi":
      return { stdout: (await listing()).renderEntryLines(entries, listingOptions(settings, glossary)), notes };
    default:
      return { stdout: entries.map((entry) => tsv(entry.title, entry.summary)).join(""), notes };
  }
}

/**
 * The search a reader asks for (see {@link searchCommand}): results, and notes on what was done instead.
 * Throws a not-found error when nothing is found.
 */
export async function searchWithFallback(glossary: Glossary, query: string, limit: number, preference: LocalePreference): Promise<{ results: SearchResult[]; notes: string[] }> {
  let terms = meaningfulQuery(query, preference.locale);
  if (terms === "") {
    if (query.trim() === "" || glossary.match(foldTerm(query)).length === 0) {
      throw new NotFoundError(`nothing to search for in ${quoteTerm(query)}: only common words`, "add a word that names what you are looking for");
    }
    terms = query; // A title made of common words ("this") is still searched for.
  }
  const locale = preference.explicit ? resolveLocale(preference.locale, glossary.locales()) : undefined;
  const notes: string[] = [];
  const language = preference.locale;
  let results = await searchGlossary(glossary, terms, locale === undefined ? { limit, language } : { limit, locale, language });
  if (results.length === 0 && locale !== undefined && locale !== FALLBACK_LOCALE) {
    results = await searchGlossary(glossary, terms, { limit, locale: FALLBACK_LOCALE, language });
    if (results.length > 0) notes.push(glossary.locales().includes(locale) ? `no ${locale} entry matches; showing ${FALLBACK_LOCALE}` : `no ${locale} entries; showing ${FALLBACK_LOCALE}`);
  }
  if (results.length === 0) throw new NotFoundError(`nothing found for ${quoteTerm(query)}`, "try fewer or other words");
  return { results, notes };
}

/** The default of `related --max`: the most entries a graph draws. */
export const GRAPH_MAX = 40;

/**
 * The entries related to a term: one title per line; on a terminal and in Markdown grouped under headings
 * in the entry's language (see also, links in its text, entries linking to it); JSON with the relation; or
 * a Graphviz graph of `depth` steps around it, of at most `max` entries (the nearest; a note says how many
 * were left out).
 */
export async function relatedCommand(words: readonly string[], depth: number, settings: Settings, glossary: Glossary, max = GRAPH_MAX): Promise<CommandOutput> {
  const { entry, notes } = await findEntry(words, settings, glossary);
  if (settings.format === "dot") {
    const graph = neighbourhood(glossary, entry, depth, max);
    const left = graph.reached - graph.nodes.length;
    if (left > 0) notes.push(`drew the ${graph.nodes.length} entries nearest to ${entry.title} of ${graph.reached} within ${depth} ${depth === 1 ? "step" : "steps"}; --max ${graph.reached} draws them all`);
    return { stdout: renderDot(graph, entry), notes };
  }
  const items = related(glossary, entry);
  switch (settings.format) {
    case "json":
      return { stdout: `${toJson(items.map(relatedJson))}\n`, notes };
    case "markdown":
    case "ansi": {
      const { markdownGroups, relationHeading, renderGroupLines } = await listing();
      const groups = (["see-also", "links-to", "linked-from"] as const).map((relation) => ({
        heading: relationHeading(relation, entry.locale),
        entries: items.filter((item) => item.relation === relation).map((item) => item.entry),
      }));
      return { stdout: settings.format === "markdown" ? markdownGroups(groups) : renderGroupLines(groups, { ...listingOptions(settings, glossary), locale: entry.locale }), notes };
    }
    default:
      return { stdout: items.map(({ entry: e }) => tsv(e.title)).join(""), notes };
  }
}

/** Without a term: each locale and its entry count. With one: the term in every locale that has it. */
export async function langsCommand(words: readonly string[], settings: Settings, glossary: Glossary): Promise<CommandOutput> {
  onlyTextOrJson(settings, "langs");
  if (words.length === 0) {
    const counts = localeCounts(glossary);
    if (settings.format === "json") return { stdout: `${toJson(counts.map(localeCountJson))}\n`, notes: [] };
    return { stdout: counts.map(([locale, count]) => tsv(locale, String(count))).join(""), notes: [] };
  }
  const { entry, notes } = await findEntry(words, settings, glossary);
  const translations = translationsOf(glossary, entry);
  if (settings.format === "json") {
    return { stdout: `${toJson(translations.map(translationJson))}\n`, notes };
  }
  return { stdout: translations.map((e) => tsv(e.locale, e.title)).join(""), notes };
}
