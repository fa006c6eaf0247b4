// Reads one glossary page: checks the bytes are text, parses front matter, and validates the fields.

import fs from "node:fs";
import { errorCode } from "../errors.js";
import { DEFAULT_MAX_PAGE_BYTES, type Page, type PageProblem } from "../types.js";
import { frontMatterKeyLine, splitFrontMatter } from "./frontmatter.js";
import { readHead } from "./head.js";
import { READ_NO_WAIT } from "./read-file.js";

/** The most of an oversized page read for its front matter. */
const FRONT_MATTER_BYTES = 64 * 1024;

export type PageResult =
  | { kind: "page"; page: Page; warnings: PageProblem[] }
  | { kind: "problem"; problem: PageProblem }
  /** A well-formed page that is not a glossary entry (its slug does not start with `Glossary/`). */
  | { kind: "other" };

/**
 * Parses the text of an `index.md` file into a glossary page, or says what is wrong with it.
 * @example parsePage("---\ntitle: Asynchrone\nslug: Glossary/Asynchronous\n---\nTexte", "/d/fr/glossary/a/index.md", "fr")
 */
export function parsePage(text: string, file: string, locale: string): PageResult {
  const problem = (line: number, message: string): PageResult => ({
    kind: "problem",
    problem: { path: file, line, severity: "error", message },
  });
  if (text.trim() === "") return problem(1, "empty file");
  if (text.includes("\u0000")) return problem(1, "not a text file (contains NUL bytes)");

  const split = splitFrontMatter(text);
  if (!split.ok) return problem(split.line, split.message);
  const data = split.data;
  const warnings: PageProblem[] = [];

  const slug = data["slug"];
  if (slug === undefined) return problem(2, "front matter has no slug");
  if (typeof slug !== "string") return problem(frontMatterKeyLine(text, "slug"), "slug is not a string");
  if (!/^glossary\//i.test(slug.trim())) return { kind: "other" };
  const cleanSlug = "Glossary/" + slug.trim().slice("Glossary/".length).replace(/^\/+|\/+$/g, "");
  if (cleanSlug === "Glossary/") return problem(frontMatterKeyLine(text, "slug"), "slug names no term");

  const rawTitle = data["title"];
  const titleSource = split.raw["title"]?.trim() ?? "";
  let title: string;
  if (typeof rawTitle === "string" && rawTitle.trim() !== "") {
    title = rawTitle.trim();
  } else if ((typeof rawTitle === "number" || typeof rawTitle === "boolean" || rawTitle === null) && titleSource !== "") {
    // `title: Null` or `title: 404` is plainly meant as text; YAML reads it as another type.
    title = titleSource;
    warnings.push({
      path: file,
      line: frontMatterKeyLine(text, "title"),
      severity: "warning",
      message: `title is not a string (YAML reads ${titleSource} as ${rawTitle === null ? "null" : typeof rawTitle}); quote it`,
    });
  } else if (rawTitle === undefined || rawTitle === null || rawTitle === "") {
    return problem(2, "front matter has no title");
  } else {
    return problem(frontMatterKeyLine(text, "title"), "title is not a string");
  }

  const pageType = typeof data["page-type"] === "string" ? (data["page-type"] as string) : "";
  const aliases: string[] = [];
  for (const key of ["short-title", "original_slug"]) {
    const value = data[key];
    if (typeof value === "string" && value.trim() !== "") aliases.push(value.trim());
  }
  const l10n = data["l10n"];
  const sourceCommit =
    l10n && typeof l10n === "object" && typeof (l10n as Record<string, unknown>)["sourceCommit"] === "string"
      ? ((l10n as Record<string, unknown>)["sourceCommit"] as string)
      : undefined;
  const translationOf = typeof data["translation_of"] === "string" ? (data["translation_of"] as string) : undefined;
  const tags = Array.isArray(data["tags"]) ? data["tags"].filter((t): t is string => typeof t === "string") : undefined;

  const page: Page = {
    locale,
    slug: cleanSlug,
    title,
    pageType,
    body: split.body.replace(/\r\n?/g, "\n"),
    bodyLine: split.bodyLine,
    path: file,
    aliases,
  };
  if (translationOf !== undefined) page.translationOf = translationOf;
  if (sourceCommit !== undefined) page.sourceCommit = sourceCommit;
  if (tags !== undefined) page.tags = tags;
  return { kind: "page", page, warnings };
}

/** Reads and parses a page file; unreadable or oversized files become problems, never exceptions. */
export function readPage(file: string, locale: string, maxBytes = DEFAULT_MAX_PAGE_BYTES): PageResult {
  return readPageWithStat(file, locale, maxBytes).result;
}

/** The warning an oversized page gets: it is indexed by its title only and shown cut short. */
export function oversizedWarning(file: string, size: number, maxBytes: number): PageProblem {
  return { path: file, line: 1, severity: "warning", message: `page of ${size} bytes is over the limit of ${maxBytes}: indexed by its title only, shown cut short` };
}

/**
 * How the problem of a page that could not be read starts. Its file's time and size are recorded all the
 * same, so `glossary index` reads such a page again: making it readable changes neither.
 */
export const CANNOT_READ = "cannot read";

/**
 * Like {@link readPage}, also giving the file's size and modification time (for cache freshness). A page
 * over `maxBytes` is read for its front matter alone: its body is left empty, with a warning.
 */
export function readPageWithStat(file: string, locale: string, maxBytes = DEFAULT_MAX_PAGE_BYTES): { result: PageResult; mtimeMs: number; size: number } {
  const problem = (message: string): PageResult => ({ kind: "problem", problem: { path: file, line: 1, severity: "error", message } });
  // A page the system refuses to open (its permissions) keeps its time and size, when they can be asked
  // for: checks then take it as unchanged, rather than reading it at every call (`glossary index` opens it
  // again: see CANNOT_READ). Any other failure (gone, or one that may pass) is read again at the next check.
  const unreadable = (error: unknown) => {
    const code = errorCode(error);
    let stat: fs.Stats | undefined;
    try {
      if (code === "EACCES" || code === "EPERM") stat = fs.statSync(file, { throwIfNoEntry: false });
    } catch {
      // No time or size either: the next check reads it again.
    }
    return { result: problem(`${CANNOT_READ} (${code ?? "unreadable"})`), mtimeMs: stat?.mtimeMs ?? 0, size: stat?.size ?? -1 };
  };
  let fd: number;
  try {
    fd = fs.openSync(file, READ_NO_WAIT);
  } catch (error) {
    return unreadable(error);
  }
  // One open, one fstat, one read: the size and time come with the text, with no second look-up.
  try {
    const stat = fs.fstatSync(fd);
    const done = (result: PageResult) => ({ result, mtimeMs: stat.mtimeMs, size: stat.size });
    if (!stat.isFile()) return done(problem("not a regular file"));
    if (stat.size <= maxBytes) return done(parsePage(readHead(fd, stat.size, stat.size), file, locale));
    const head = readHead(fd, stat.size, Math.min(maxBytes, FRONT_MATTER_BYTES));
    const split = splitFrontMatter(head);
    if (!split.ok) return done(problem(`page of ${stat.size} bytes is over the limit of ${maxBytes}; its first ${head.length} bytes: ${split.message}`));
    const result = parsePage(head.slice(0, head.length - split.body.length), file, locale);
    if (result.kind === "page") result.warnings.push(oversizedWarning(file, stat.size, maxBytes));
    return done(result);
  } catch (error) {
    return unreadable(error);
  } finally {
    fs.closeSync(fd);
  }
}
