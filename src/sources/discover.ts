// Finds the `index.md` pages below a source folder, with their locales, without following symlink loops.

import fs from "node:fs";
import path from "node:path";
import { UsageError } from "../errors.js";
import type { PageProblem } from "../types.js";
import { localeFromPath } from "./locale.js";

/** The locale of pages whose path has no `<locale>/glossary/` folder. */
export const DEFAULT_LOCALE = "en-US";

export interface PageFile {
  /** Absolute path of the `index.md` file. */
  file: string;
  /** Path relative to the source root, `/`-separated. */
  relative: string;
  locale: string;
  /** True when the locale was not found in the path and {@link DEFAULT_LOCALE} was assumed. */
  assumedLocale: boolean;
}

export interface Discovery {
  files: PageFile[];
  /**
   * Folders read, with their modification times (what changes when a page is added, removed or renamed),
   * whether they hold other folders, and whether they hold a page (`index.md`).
   */
  folders: Array<{ relative: string; mtimeMs: number; hasFolders: boolean; hasPage: boolean }>;
  problems: PageProblem[];
}

const SKIPPED_FOLDERS = new Set(["node_modules", ".git", ".hg", ".svn"]);

/**
 * Checks that a source folder exists and can be read; throws a usage error naming it otherwise.
 * @returns the absolute path of the folder.
 */
export function checkSourceFolder(folder: string): string {
  const absolute = path.resolve(folder);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(absolute);
  } catch {
    throw new UsageError(`source folder not found: ${folder}`, "check the --source and GLOSSARY_PATH folders");
  }
  if (!stat.isDirectory()) {
    throw new UsageError(`source is not a folder: ${folder}`, "give the folder that holds <locale>/glossary/");
  }
  try {
    fs.accessSync(absolute, fs.constants.R_OK | fs.constants.X_OK);
    fs.readdirSync(absolute);
  } catch {
    throw new UsageError(`source folder cannot be read: ${folder}`, "check its permissions");
  }
  return absolute;
}

/**
 * Lists every `index.md` below `root` (sorted by path), each with the locale its path gives.
 * Unreadable folders become problems; symlinked folders are followed once each.
 */
export function discoverPages(root: string): Discovery {
  const files: PageFile[] = [];
  const folders: Discovery["folders"] = [];
  const problems: PageProblem[] = [];
  const visited = new Set<string>();

  const walk = (folder: string, relative: string): void => {
    let dirents: fs.Dirent[];
    const record = { relative, mtimeMs: 0, hasFolders: false, hasPage: false };
    try {
      const stat = fs.statSync(folder);
      // A folder reached twice (through a symbolic link) is read once: no loops.
      const identity = `${stat.dev}:${stat.ino}`;
      if (visited.has(identity)) return;
      visited.add(identity);
      record.mtimeMs = stat.mtimeMs;
      dirents = fs.readdirSync(folder, { withFileTypes: true });
      folders.push(record);
    } catch (error) {
      const code = error instanceof Error && "code" in error ? String(error.code) : "unreadable";
      problems.push({ path: folder, line: 1, severity: "error", message: `cannot read folder (${code})` });
      return;
    }
    dirents.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const dirent of dirents) {
      const child = path.join(folder, dirent.name);
      const childRelative = relative === "" ? dirent.name : `${relative}/${dirent.name}`;
      let isDirectory = dirent.isDirectory();
      let isFile = dirent.isFile();
      if (dirent.isSymbolicLink()) {
        try {
          const stat = fs.statSync(child);
          isDirectory = stat.isDirectory();
          isFile = stat.isFile();
        } catch {
          problems.push({ path: child, line: 1, severity: "warning", message: "broken symbolic link" });
          continue;
        }
      }
      if (isDirectory) {
        if (SKIPPED_FOLDERS.has(dirent.name)) continue;
        record.hasFolders = true;
        walk(child, childRelative);
      } else if (isFile && dirent.name === "index.md") {
        record.hasPage = true;
        const locale = localeFromPath(child);
        files.push({ file: child, relative: childRelative, locale: locale ?? DEFAULT_LOCALE, assumedLocale: !locale });
      }
    }
  };

  walk(root, "");
  return { files, folders, problems };
}
