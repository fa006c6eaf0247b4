// The check of every page file of a cached index against the stamps its build and delta recorded, and the
// list of those files (loaded only by the commands that ask for them: `glossary index`, `index --watch`).

import fs from "node:fs";
import path from "node:path";
import { STAMPS_FILE } from "./cache-types.js";
import { writeLines } from "./cache-folder.js";
import { readTextFile } from "../sources/read-file.js";

/**
 * Writes a stamp file: each page file's path relative to the source, modification time and size, one a
 * line after the build's stamp (a size of -1: a file removed since the build).
 */
export function writeStamps(file: string, stamp: string, files: Iterable<readonly [string, number, number]>): void {
  const lines: string[] = [];
  for (const [relative, mtimeMs, size] of files) lines.push(`${relative}\t${mtimeMs}\t${size}`);
  writeLines(file, stamp, lines);
}

/** The stamps of a stamp file by path, added to `into`; false when it is missing or not of `stamp`. */
function readStamps(file: string, stamp: string, into: Map<string, [number, number]>): boolean {
  let text: string;
  try {
    text = readTextFile(file);
  } catch {
    return false;
  }
  const lines = text.split("\n");
  if (lines[0] !== stamp) return false;
  for (let n = 1; n < lines.length; n++) {
    const line = lines[n]!;
    if (line === "") continue;
    const size = line.lastIndexOf("\t");
    const time = line.lastIndexOf("\t", size - 1);
    into.set(line.slice(0, time), [Number(line.slice(time + 1, size)), Number(line.slice(size + 1))]);
  }
  return true;
}

/**
 * True when every page file the build (and its delta, when it has one) read is as it was then: same
 * modification time and size. One read of each stamp file and one `stat` a page; additions, removals and
 * renames are seen by the folders' times, which every call checks. With `only`, those of its page files
 * the build or delta read alone are checked (others are new files, which the folders show).
 */
export function pagesUnchanged(real: string, build: { folder: string; stamp: string }, delta: { folder: string; stamp: string } | null, only?: readonly string[]): boolean {
  const pages = recordedPageFiles(build, delta);
  if (pages === null) return false;
  const checked = only === undefined ? pages : only.flatMap((relative): Array<[string, [number, number]]> => {
    const stamp = pages.get(relative);
    return stamp === undefined ? [] : [[relative, stamp]];
  });
  for (const [relative, [mtimeMs, size]] of checked) {
    try {
      const stat = fs.statSync(`${real}${path.sep}${relative.split("/").join(path.sep)}`);
      if (stat.mtimeMs !== mtimeMs || stat.size !== size) return false;
    } catch {
      return false;
    }
  }
  return true;
}

/**
 * The page files that a build and its delta recorded as present, by path (relative to the source,
 * `/`-separated), with the modification time and size recorded; null when a stamp file is missing or not
 * of its stamp.
 */
export function recordedPageFiles(build: { folder: string; stamp: string }, delta: { folder: string; stamp: string } | null): Map<string, [number, number]> | null {
  const stamps = new Map<string, [number, number]>();
  if (!readStamps(path.join(build.folder, STAMPS_FILE), build.stamp, stamps)) return null;
  if (delta && !readStamps(path.join(delta.folder, STAMPS_FILE), delta.stamp, stamps)) return null;
  for (const [relative, [, size]] of stamps) if (size < 0) stamps.delete(relative);
  return stamps;
}
