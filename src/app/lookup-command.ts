// The lookup command: finds the entry a term means (or says which spellings are close) and renders it in
// the chosen format. Part of the program's core: the everyday lookup needs nothing else of the commands.

import { NotFoundError, UsageError } from "../errors.js";
import { oneLine, shellQuote, stripControls, toJson } from "../text/sanitize.js";
import type { Glossary } from "../query/glossary.js";
import { lookup } from "../query/lookup.js";
import { type ShownEntry, showEntry } from "./entry-view.js";
import { resolveLocale } from "../sources/locale.js";
import { type CommandOutput, DEFAULT_WIDTH, type Entry, READABLE_WIDTH, type RenderedAhead, type Settings } from "../types.js";

/** The most characters of a term quoted back in a message. */
const QUOTED_LENGTH = 60;

/** A term as quoted back in messages: one line, no control characters, cut at a word with an ellipsis. */
export function quoteTerm(term: string): string {
  return `"${oneLine(term, QUOTED_LENGTH).text}"`;
}

/**
 * The search to suggest for a term: one line, each word quoted for a POSIX shell (pasting it runs nothing
 * but the search), cut at a word when long, saying so; undefined when no word is left.
 * @example searchHint("$(id)") // "search the texts with: glossary search '$(id)'"
 */
export function searchHint(term: string): string | undefined {
  const { text, cut } = oneLine(term, QUOTED_LENGTH);
  const words = (cut ? text.slice(0, -2) : text).split(" ").filter((word) => word !== "");
  if (words.length === 0) return undefined;
  const endOfOptions = words.some((word) => word.startsWith("-")) ? "-- " : "";
  return `search the texts with: glossary search ${endOfOptions}${words.map(shellQuote).join(" ")}${cut ? " … (the query is cut)" : ""}`;
}

/**
 * Finds the entry a term means, or throws a not-found error with the closest spellings as its hint (the
 * suggestion code is loaded only then).
 */
export async function findEntry(words: readonly string[], settings: Settings, glossary: Glossary): Promise<{ entry: Entry; notes: string[] }> {
  const term = words.join(" ");
  const result = lookup(glossary, term, settings.locale);
  if (!result.found) {
    const preferred = resolveLocale(settings.locale.locale, glossary.locales());
    const names = (await suggestedEntries(glossary, term, preferred)).map((entry) => (entry.locale === preferred ? entry.title : `${entry.title} (${entry.locale})`));
    throw new NotFoundError(
      `no entry for ${quoteTerm(term)}`,
      names.length > 0 ? `did you mean: ${names.map((name) => oneLine(name, QUOTED_LENGTH).text).join(", ")}?` : searchHint(term),
    );
  }
  const notes: string[] = [];
  if (result.note) notes.push(result.note);
  if (settings.verbose && result.alsoMatched.length > 0) {
    notes.push(`also matches: ${result.alsoMatched.map((e) => `${e.title} (${e.slug})`).join(", ")}`);
  }
  return { entry: result.entry, notes };
}

/**
 * The entries to suggest for a term that matched nothing (the suggestion code is loaded only then): the
 * closest spellings; in scripts where spelling distance says little (Chinese, Japanese, Korean), the
 * entries whose titles hold the term, else the best search hits.
 */
export async function suggestedEntries(glossary: Glossary, term: string, preferred: string): Promise<Entry[]> {
  const { isUnspacedScript, suggest, titlesContaining } = await import("../query/suggest.js");
  const spelt = suggest(glossary, term, preferred).map(({ entry }) => entry);
  if (spelt.length > 0 || !isUnspacedScript(term)) return spelt;
  const containing = titlesContaining(glossary, term, preferred);
  if (containing.length > 0) return containing;
  const { searchGlossary } = await import("../query/search.js");
  return (await searchGlossary(glossary, term, { limit: 5 })).map(({ entry }) => entry);
}

/** Looks a term up and renders its entry in the chosen format. */
export async function showCommand(words: readonly string[], settings: Settings, glossary: Glossary): Promise<CommandOutput> {
  onlyTextOrJson(settings, "looking terms up");
  const { entry, notes } = await findEntry(words, settings, glossary);
  const licence = glossary.layers[entry.layer]?.licence ?? null;
  const shown = await showEntry(entry, glossary, settings.maxPageBytes);
  if (shown.cutShort) {
    const { size, limit, shown: part } = shown.cutShort;
    notes.push(`${entry.file} is ${size} bytes, over the page size limit of ${limit} (--max-page-bytes): only its first ${part} bytes are shown`);
  }
  const stdout = await renderEntry(shown, settings, licence);
  shown.keepView();
  if (!licence || settings.short || settings.format === "json") return { stdout, notes };
  // Loaded only for an entry with a licence to name: the bundled entries have none.
  const { mdnUrl } = await import("../markup/urls.js");
  return { stdout: withAttribution(stdout, `${licence}: ${mdnUrl(entry.locale, entry.slug)}`, settings), notes };
}

/**
 * The entry's rendering followed by the attribution its licence asks for: one line (dim in colour, in
 * emphasis in Markdown) naming the licence and the page.
 * @example withAttribution("Asynchrone\n", "CC-BY-SA 2.5, Mozilla Contributors: https://developer.mozilla.org/fr/docs/Glossary/Asynchronous", settings)
 */
export function withAttribution(rendered: string, line: string, settings: Settings): string {
  if (settings.format === "markdown") return `${rendered.replace(/\n*$/, "")}\n\n_${line}_\n`;
  const shown = settings.format === "ansi" && settings.colorLevel > 0 ? `\u001b[2m${line}\u001b[22m` : line;
  return `${rendered.replace(/\n*$/, "")}\n\n${shown}\n`;
}

/**
 * Renders one entry in the format of the settings, from what was rendered ahead when that fits (the view
 * is read, and each renderer loaded, only when needed); renderings worth keeping are remembered for the
 * next calls.
 */
export async function renderEntry(shown: ShownEntry, settings: Settings, licence: string | null = null): Promise<string> {
  if (settings.short) {
    const view = await shown.view();
    switch (settings.format) {
      case "json":
        return `${toJson({ ...(await import("../render/json.js")).summaryJson(view), licence })}\n`;
      case "markdown":
        return `${(await import("../render/markdown.js")).markGlossaryLinks(stripControls(view.summary), view.terms)}\n`;
      default: {
        const { TERMINAL_SUMMARY_STYLE, renderSummary } = await import("../render/text.js");
        return renderSummary({ ...view, summary: stripControls(view.summary) }, { width: settings.width }, settings.format === "ansi" && settings.colorLevel > 0 ? TERMINAL_SUMMARY_STYLE : undefined);
      }
    }
  }
  switch (settings.format) {
    case "json":
      return `${toJson((await import("../render/json.js")).entryJson(await shown.view(), licence))}\n`;
    case "markdown":
      return stripControls((await import("../render/markdown.js")).renderMarkdown(await shown.view()));
    case "text": {
      if (settings.width !== DEFAULT_WIDTH) return stripControls((await import("../render/text.js")).renderText(await shown.view(), { width: settings.width }));
      if (shown.rendered.text !== undefined) return shown.rendered.text;
      const text = stripControls((await import("../render/text.js")).renderText(await shown.view(), { width: DEFAULT_WIDTH }));
      shown.remember({ text });
      return text;
    }
    case "dot":
      throw new UsageError("--format dot is for the related command");
    case "ansi": {
      const colour = settings.colorLevel > 0;
      const hyperlinks = colour && settings.hyperlinks === true;
      const key = hyperlinks ? "ansiHyperlinks" : "ansi";
      // Colours without hyperlinks at the default width (a pipe) or the readable measure (a wide terminal):
      // the output itself may have been kept.
      const laidOutKey = !colour || hyperlinks ? null : settings.width === DEFAULT_WIDTH ? "ansiLaidOut" : settings.width === READABLE_WIDTH ? "ansiLaidOutWide" : null;
      const kept = laidOutKey === null ? undefined : shown.rendered[laidOutKey];
      if (kept !== undefined) return kept;
      let unwrapped = colour ? shown.rendered[key] : undefined;
      const made: RenderedAhead = {};
      if (unwrapped === undefined) {
        // marked-terminal and its dependencies take longer to load than all the rest: only when needed.
        unwrapped = (await import("../render/ansi.js")).renderAnsiUnwrapped(await shown.view(), { colorLevel: settings.colorLevel, hyperlinks });
        if (colour) made[key] = unwrapped;
      }
      const { TABLE, layOutAnsi } = await import("../render/wrap.js");
      // The table layout is loaded only for an entry that has a table.
      const laidOut = layOutAnsi(unwrapped, settings.width, unwrapped.includes(TABLE) ? (await import("../render/table.js")).layOutTable : undefined);
      if (laidOutKey !== null) made[laidOutKey] = laidOut;
      if (Object.keys(made).length > 0) shown.remember(made);
      return laidOut;
    }
  }
}

/** Refuses the graph format, which only `related` writes. */
export function onlyTextOrJson(settings: Settings, command: string): void {
  if (settings.format === "dot") {
    throw new UsageError(`--format dot is for the related command, not ${command}`, "try: glossary related --format dot <term>");
  }
}
