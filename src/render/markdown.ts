// Renders an entry as Markdown: a title heading and the expanded body, glossary links titled "glossary: ...".

import { escapeMarkdown } from "../markup/escape.js";
import { stripControls } from "../text/sanitize.js";
import { glossaryTarget } from "../markup/urls.js";
import type { EntryView } from "../types.js";

const LINK_DESTINATION = /\]\((<[^>\n]*>|[^\s)]+)\)/g;

/**
 * Gives each link to a loaded glossary term the title `glossary: <Title>`, so the Markdown says which
 * links can be looked up with this tool.
 * @example markGlossaryLinks("[x](https://developer.mozilla.org/en-US/docs/Glossary/DOM)", terms)
 * // '[x](https://developer.mozilla.org/en-US/docs/Glossary/DOM "glossary: DOM")'
 */
export function markGlossaryLinks(markdown: string, terms: EntryView["terms"]): string {
  return markdown.replace(LINK_DESTINATION, (whole, destination: string) => {
    const url = destination.startsWith("<") ? destination.slice(1, -1) : destination;
    const target = glossaryTarget(terms, url);
    return target ? `](${destination} "glossary: ${target.title.replace(/["\\]/g, "\\$&")}")` : whole;
  });
}

/** Renders a whole entry as Markdown. */
export function renderMarkdown(view: EntryView): string {
  const parts = [`# ${escapeMarkdown(stripControls(view.title))}`];
  const definition = markGlossaryLinks(view.definition, view.terms);
  if (definition) parts.push(definition);
  if (view.seeAlsoSection) {
    parts.push(`## ${view.seeAlsoSection.heading}\n\n${markGlossaryLinks(view.seeAlsoSection.markdown, view.terms)}`);
  }
  return `${stripControls(parts.join("\n\n"))}\n`;
}
