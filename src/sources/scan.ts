// Reads every page of a source folder: the good ones become pages, the bad ones problems; none stops the rest.

import path from "node:path";
import { DEFAULT_MAX_PAGE_BYTES, type Page, type PageProblem } from "../types.js";
import { type Discovery, discoverPages } from "./discover.js";
import { readPageWithStat } from "./page.js";

export interface SourceScan {
  root: string;
  pages: Page[];
  /** Pages that could not be used, and warnings about pages that could. */
  problems: PageProblem[];
  folders: Discovery["folders"];
  /** Every `index.md` found (glossary entry or not), with its size and modification time. */
  files: Array<{ relative: string; mtimeMs: number; size: number }>;
  /** How many `index.md` files were found, glossary entries or not. */
  fileCount: number;
}

/**
 * Reads all pages below an (already checked) source folder.
 * @param onProgress called after each file with the count done and the total, for progress bars.
 * @param maxPageBytes pages larger than this are read for their front matter only (with a warning).
 */
export function scanSource(root: string, onProgress?: (done: number, total: number) => void, maxPageBytes = DEFAULT_MAX_PAGE_BYTES): SourceScan {
  // Reading a source for its pages alone (lint): no folder's time is needed.
  const discovery = discoverPages(root, 0);
  const pages: Page[] = [];
  const problems: PageProblem[] = [...discovery.problems];
  const files: SourceScan["files"] = [];
  discovery.files.forEach((found, n) => {
    const { result, mtimeMs, size } = readPageWithStat(found.file, found.locale, maxPageBytes);
    files.push({ relative: found.relative, mtimeMs, size });
    if (result.kind === "page") {
      pages.push(result.page);
      problems.push(...result.warnings);
      if (found.assumedLocale) {
        problems.push({
          path: found.file,
          line: 1,
          severity: "warning",
          message: `no <locale>/glossary/ folder in the path; read as ${found.locale}`,
        });
      }
    } else if (result.kind === "problem") {
      problems.push(result.problem);
    }
    onProgress?.(n + 1, discovery.files.length);
  });
  return { root, pages, problems, folders: discovery.folders, files, fileCount: discovery.files.length };
}

/** The path of a page relative to its source root, with `/` separators. */
export function relativeTo(root: string): (page: { path: string }) => string {
  return (page) => path.relative(root, page.path).split(path.sep).join("/");
}
