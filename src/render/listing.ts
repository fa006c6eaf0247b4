// Lists of entries (search results, related entries, titles) for people: on a terminal, each title styled
// with its summary cut to one line at the width; as Markdown, a list of links. Pipes get tab-separated lines,
// written by the commands themselves.

import { Chalk } from "chalk";
import { escapeMarkdown } from "../markup/escape.js";
import { mdnUrl } from "../markup/urls.js";
import { stripControls } from "../text/sanitize.js";
import { type Labels, localLabel } from "../text/labels.js";
import { displayWidth } from "./wrap.js";
import type { ColorLevel, Entry } from "../types.js";

/** How a listing is drawn on a terminal. */
export interface ListingOptions {
  /** Columns of a line. */
  width: number;
  colorLevel: ColorLevel;
  /** The reader's locale: entries of another locale show theirs after the title. */
  locale: string;
}

/** Entries under a heading: one group of a listing. */
export interface ListingGroup {
  heading: string;
  entries: readonly Entry[];
}

const ELLIPSIS = "…";
/** The indent of a summary under its title. */
const INDENT = "  ";

/** Text from an entry as one line: no control characters, runs of white space as one space. */
function oneLine(text: string): string {
  return stripControls(text).replace(/\s+/g, " ").trim();
}

/**
 * Text cut to fit `width` columns on one line, ending with an ellipsis when cut (wide characters count
 * two columns: a cut never splits one).
 * @example cutToWidth("A closure is a function", 12) // "A closure i…"
 * @example cutToWidth("日本語の用語", 7) // "日本語…"
 */
export function cutToWidth(text: string, width: number): string {
  const line = oneLine(text);
  if (displayWidth(line) <= width) return line;
  let used = 0;
  let kept = "";
  for (const char of line) {
    const columns = displayWidth(char);
    if (used + columns > width - 1) break;
    kept += char;
    used += columns;
  }
  return `${kept.trimEnd()}${ELLIPSIS}`;
}

/**
 * Entries for a terminal: each title (styled when in colour, its locale after it when not the reader's),
 * then its summary on one line below it, cut at the width.
 */
export function renderEntryLines(entries: readonly Entry[], options: ListingOptions): string {
  const c = new Chalk({ level: options.colorLevel });
  return entries
    .map((entry) => {
      const locale = entry.locale === options.locale ? "" : ` ${c.dim(`(${entry.locale})`)}`;
      const title = `${c.bold(cutToWidth(entry.title, options.width - (locale ? entry.locale.length + 3 : 0)))}${locale}`;
      const summary = oneLine(entry.summary);
      return summary === "" ? `${title}\n` : `${title}\n${INDENT}${cutToWidth(summary, options.width - INDENT.length)}\n`;
    })
    .join("");
}

/** Groups of entries for a terminal: each heading styled as an entry's sections, then its entries. */
export function renderGroupLines(groups: readonly ListingGroup[], options: ListingOptions): string {
  const c = new Chalk({ level: options.colorLevel });
  return groups
    .filter((group) => group.entries.length > 0)
    .map((group) => `${c.green.bold(oneLine(group.heading))}\n\n${renderEntryLines(group.entries, options)}`)
    .join("\n");
}

/**
 * Entries as a Markdown list: each title linked to its page on developer.mozilla.org, with its summary.
 * @example markdownList([closure]) // "- [Closure](https://developer.mozilla.org/en-US/docs/Glossary/Closure): A closure is...\n"
 */
export function markdownList(entries: readonly Entry[], withSummary = true): string {
  return entries
    .map((entry) => {
      const link = `[${escapeMarkdown(oneLine(entry.title))}](${mdnUrl(entry.locale, entry.slug)})`;
      const summary = withSummary ? oneLine(entry.summary) : "";
      return summary === "" ? `- ${link}\n` : `- ${link}: ${escapeMarkdown(summary)}\n`;
    })
    .join("");
}

/** Groups of entries as Markdown: a second-level heading each, then its list. */
export function markdownGroups(groups: readonly ListingGroup[]): string {
  return groups
    .filter((group) => group.entries.length > 0)
    .map((group) => `## ${escapeMarkdown(oneLine(group.heading))}\n\n${markdownList(group.entries)}`)
    .join("\n");
}

/** The headings of `related`, one per relation, in the entry's language. */
export const RELATION_HEADINGS: Readonly<Record<"see-also" | "links-to" | "linked-from", Labels>> = {
  "see-also": { en: "See also", fr: "Voir aussi", es: "Véase también", de: "Siehe auch", pt: "Veja também", it: "Vedi anche", ja: "関連情報", ko: "같이 보기", zh: "参见", ru: "Смотрите также" },
  "links-to": { en: "Its text links to", fr: "Son texte renvoie à", es: "Su texto enlaza a", de: "Sein Text verweist auf", pt: "O texto remete a", it: "Il testo rimanda a" },
  "linked-from": { en: "Linked from", fr: "Pages qui y renvoient", es: "Enlazado desde", de: "Verlinkt von", pt: "Páginas que remetem a ele", it: "Pagine che vi rimandano" },
};

/**
 * The heading of a relation in a locale's language (English where the language has none).
 * @example relationHeading("linked-from", "fr") // "Pages qui y renvoient"
 */
export function relationHeading(relation: keyof typeof RELATION_HEADINGS, locale: string): string {
  return localLabel(RELATION_HEADINGS[relation], locale);
}
