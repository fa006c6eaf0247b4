// The commands: each takes settings and a glossary and returns what to print; errors are thrown typed.

import path from "node:path";
import { GlossaryError, NotFoundError } from "../errors.js";
import { stripControls, toJson } from "../output/sanitize.js";
import { describeEntry, type EntryView } from "../query/describe.js";
import type { Glossary } from "../query/glossary.js";
import { lintScans } from "../query/lint.js";
import { lookup } from "../query/lookup.js";
import { suggest } from "../query/suggest.js";
import { entryJson, summaryJson } from "../render/json.js";
import { markGlossaryLinks, renderMarkdown } from "../render/markdown.js";
import { renderText } from "../render/text.js";
import { wrapText } from "../render/wrap.js";
import { resolveLocale } from "../sources/locale.js";
import { checkSourceFolder } from "../sources/discover.js";
import { readPage } from "../sources/page.js";
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

/** Looks a term up and renders its entry in the chosen format. */
export async function showCommand(words: readonly string[], settings: Settings, glossary: Glossary): Promise<CommandOutput> {
  const term = words.join(" ");
  const result = lookup(glossary, term, settings.locale);
  if (!result.found) {
    const preferred = resolveLocale(settings.locale.locale, glossary.locales());
    const suggestions = suggest(glossary, term, preferred);
    const names = suggestions.map(({ entry }) => (entry.locale === preferred ? entry.title : `${entry.title} (${entry.locale})`));
    throw new NotFoundError(
      `no entry for ${quoteTerm(term)}`,
      names.length > 0 ? `did you mean: ${names.map(stripControls).join(", ")}?` : "list the terms with: glossary list",
    );
  }
  const notes: string[] = [];
  if (result.note) notes.push(result.note);
  if (settings.verbose && result.alsoMatched.length > 0) {
    notes.push(`also matches: ${result.alsoMatched.map((e) => `${e.title} (${e.slug})`).join(", ")}`);
  }
  const page = readPage(result.entry.file, result.entry.locale);
  if (page.kind !== "page") {
    const reason = page.kind === "problem" ? page.problem.message : "it is no longer a glossary page";
    throw new GlossaryError(`cannot read the entry for ${quoteTerm(term)}: ${result.entry.file}: ${reason}`, 2, "rebuild the index with: glossary index --rebuild");
  }
  const view = describeEntry(page.page, result.entry, glossary);
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
