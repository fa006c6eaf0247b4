// The page files of a cached build (see BuildFile) as sorted lines a delta looks up by binary search: by
// path, by a folder's path, by slug group and by parent group, parsing only the lines it asks for.

import fs from "node:fs";
import path from "node:path";
import { IndexCorruptError } from "../index/store.js";
import { READ_NO_WAIT, readAt } from "../sources/read-file.js";
import type { BuildFile } from "./cache-types.js";
import { writeLines } from "./cache-folder.js";

/** The build's page files by path: `"path"<TAB>[mtimeMs, size, locale, group, id, suggestible, parent]` lines. */
export const FILES_FILE = "files.tsv";
/** The build's page files that gave a page, by slug group: `"group"<TAB>"path"` lines. */
const GROUPS_FILE = "files-by-group.tsv";
/** The build's page files whose entry has a parent group, by that group: `"parent"<TAB>"path"` lines. */
const PARENTS_FILE = "files-by-parent.tsv";
/**
 * The names of the entries holding the build's page files in each folder its freshness record watches, by
 * the folder's path and `/` (empty for the source): `"prefix"<TAB>"name/name/..."` lines (no name holds a `/`:
 * one string, split at once, rather than a list parsed name by name).
 */
const FOLDERS_FILE = "files-by-folder.tsv";

/**
 * A key as a JSON string with every character outside printable ASCII escaped: the lines then sort alike as
 * strings and as bytes, and a path's encoding (without its closing quote) starts every encoding of a longer
 * path it starts.
 */
function encodedKey(text: string): string {
  return JSON.stringify(text).replace(/[\u007f-\uffff]/g, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/**
 * Writes `lines` (see {@link sortedLine}) sorted, below a header line holding the build's stamp, their count
 * and their length in bytes (line breaks included): a file that lost or gained lines is refused, never
 * searched as if the missing lines were not in the build.
 */
function writeSortedLines(file: string, stamp: string, lines: string[]): void {
  lines.sort();
  let bytes = 0;
  for (const line of lines) bytes += Buffer.byteLength(line) + 1;
  writeLines(file, JSON.stringify({ stamp, count: lines.length, bytes }), lines);
}

/** One line of a file of sorted lines (without its line break): the key encoded (see {@link encodedKey}), a tab, the value as JSON. */
function sortedLine(key: string, value: unknown): string {
  return `${encodedKey(key)}\t${JSON.stringify(value)}`;
}

/**
 * Writes a build's page files (see {@link BuildFile}) into its folder, with the names of the entries
 * holding them in each of `folders` (paths relative to the source, as its freshness record keeps them).
 */
export function writeBuildFiles(folder: string, stamp: string, files: readonly BuildFile[], folders: readonly string[]): void {
  writeSortedLines(path.join(folder, FILES_FILE), stamp, files.map((file) => sortedLine(file[0], file.slice(1))));
  const groups: string[] = [];
  const parents: string[] = [];
  for (const file of files) {
    if (file[4] !== null) groups.push(sortedLine(file[4], file[0]));
    if (file[7] !== null && file[5] >= 0) parents.push(sortedLine(file[7], file[0]));
  }
  writeSortedLines(path.join(folder, GROUPS_FILE), stamp, groups);
  writeSortedLines(path.join(folder, PARENTS_FILE), stamp, parents);
  // Each file's name in each watched folder above it.
  const names = new Map(folders.map((relative) => [relative === "" ? "" : `${relative}/`, new Set<string>()]));
  for (const [relative] of files) {
    for (let end = 0; end >= 0; end = relative.indexOf("/", end) + 1 || -1) {
      const segment = relative.indexOf("/", end);
      names.get(relative.slice(0, end))?.add(segment < 0 ? relative.slice(end) : relative.slice(end, segment));
    }
  }
  writeSortedLines(path.join(folder, FOLDERS_FILE), stamp, [...names].map(([prefix, found]) => sortedLine(prefix, [...found].join("/"))));
}

/**
 * The name of the entry of a folder that holds a path below it (`prefix`: the folder's path and `/`, or
 * empty for the source).
 * @example entryNameBelow("en-us/glossary/api/index.md", "en-us/") // "glossary"
 */
export function entryNameBelow(relative: string, prefix: string): string {
  const slash = relative.indexOf("/", prefix.length);
  return slash < 0 ? relative.slice(prefix.length) : relative.slice(prefix.length, slash);
}

const TAB = 9;
const NEWLINE = 10;

/** Sorted lines are read in pieces of this size, as a search asks for them. */
const CHUNK_BYTES = 64 * 1024;

/**
 * A file of sorted `key<TAB>value` lines (see {@link writeSortedLines}) searched in place: only the pieces
 * of the file that a search reaches are read (a build's list of page files is megabytes long).
 */
class SortedLines {
  readonly stamp: unknown;
  readonly count: number;
  readonly #file: string;
  readonly #size: number;
  readonly #chunks = new Map<number, Buffer>();
  readonly #chunkBytes: number;
  /** Where the first line after the header starts. */
  readonly #start: number;

  constructor(file: string, chunkBytes: number) {
    this.#file = file;
    this.#chunkBytes = chunkBytes;
    try {
      this.#size = fs.statSync(file).size;
    } catch {
      throw new IndexCorruptError(`index file missing: ${path.basename(file)}`);
    }
    const end = this.#indexOf(NEWLINE, 0);
    const header = this.#parse(0, end < 0 ? this.#size : end) as { stamp?: unknown; count?: unknown; bytes?: unknown } | null;
    if (end < 0 || typeof header !== "object" || header === null || typeof header.count !== "number" || header.bytes !== this.#size - end - 1) throw this.#damaged();
    this.stamp = header.stamp;
    this.count = header.count;
    this.#start = end + 1;
  }

  #damaged(): IndexCorruptError {
    return new IndexCorruptError(`index file damaged: ${path.basename(this.#file)}`);
  }

  /** The file's `n`th piece, read once. */
  #chunk(n: number): Buffer {
    const known = this.#chunks.get(n);
    if (known) return known;
    const length = Math.min(this.#chunkBytes, this.#size - n * this.#chunkBytes);
    const chunk = Buffer.allocUnsafe(length);
    let fd: number | undefined;
    try {
      fd = fs.openSync(this.#file, READ_NO_WAIT);
      if (readAt(fd, chunk, n * this.#chunkBytes) < length) throw this.#damaged();
    } catch {
      throw this.#damaged();
    } finally {
      if (fd !== undefined) fs.closeSync(fd);
    }
    this.#chunks.set(n, chunk);
    return chunk;
  }

  /** Where the first `byte` at or after `from` is; -1 when there is none. */
  #indexOf(byte: number, from: number): number {
    for (let n = Math.floor(from / this.#chunkBytes); n * this.#chunkBytes < this.#size; n++) {
      const found = this.#chunk(n).indexOf(byte, Math.max(0, from - n * this.#chunkBytes));
      if (found >= 0) return n * this.#chunkBytes + found;
    }
    return -1;
  }

  /** Where the last `byte` at or before `from` is; -1 when there is none. */
  #lastIndexOf(byte: number, from: number): number {
    for (let n = Math.floor(from / this.#chunkBytes); from >= 0 && n >= 0; n--) {
      const chunk = this.#chunk(n);
      const found = chunk.lastIndexOf(byte, Math.min(chunk.length - 1, from - n * this.#chunkBytes));
      if (found >= 0) return n * this.#chunkBytes + found;
    }
    return -1;
  }

  /** The bytes from `from` to `to`. */
  #bytes(from: number, to: number): Buffer {
    if (to <= from) return Buffer.alloc(0);
    const first = Math.floor(from / this.#chunkBytes);
    const last = Math.floor((to - 1) / this.#chunkBytes);
    if (first === last) return this.#chunk(first).subarray(from - first * this.#chunkBytes, to - first * this.#chunkBytes);
    const parts: Buffer[] = [];
    for (let n = first; n <= last; n++) parts.push(this.#chunk(n).subarray(Math.max(0, from - n * this.#chunkBytes), Math.min(this.#chunkBytes, to - n * this.#chunkBytes)));
    return Buffer.concat(parts);
  }

  #parse(from: number, to: number): unknown {
    try {
      return JSON.parse(this.#bytes(from, to).toString("utf8"));
    } catch {
      throw this.#damaged();
    }
  }

  /** Where the line holding byte `at` ends (its line break, or the end of the file). */
  #lineEnd(at: number): number {
    const end = this.#indexOf(NEWLINE, at);
    return end < 0 ? this.#size : end;
  }

  /** Where the key of the line starting at `start` ends, and the line itself. */
  #line(start: number): { tab: number; end: number } {
    const end = this.#lineEnd(start);
    const tab = this.#indexOf(TAB, start);
    if (tab < 0 || tab > end) throw this.#damaged();
    return { tab, end };
  }

  /** Where the first line whose key is not below `target` (ASCII bytes) starts; the end of the file when there is none. */
  #lowerBound(target: Buffer): number {
    let low = this.#start;
    let high = this.#size;
    while (low < high) {
      const middle = (low + high) >>> 1;
      const start = Math.max(this.#start, this.#lastIndexOf(NEWLINE, middle - 1) + 1);
      const { tab, end } = this.#line(start);
      if (this.#bytes(start, tab).compare(target) < 0) low = end + 1;
      else high = start;
    }
    return low;
  }

  /** True when the line at `start` has a key starting with `prefix`. */
  #startsWith(start: number, prefix: Buffer): boolean {
    return start + prefix.length <= this.#size && this.#bytes(start, start + prefix.length).equals(prefix);
  }

  /** The keys (as written) and values of the lines whose key starts with `encodedPrefix`, in order. */
  *lines(encodedPrefix: string): Iterable<[key: string, value: () => unknown]> {
    const prefix = Buffer.from(encodedPrefix, "latin1");
    for (let start = this.#lowerBound(prefix); start < this.#size && this.#startsWith(start, prefix); ) {
      const { tab, end } = this.#line(start);
      yield [this.#bytes(start, tab).toString("latin1"), () => this.#parse(tab + 1, end)];
      start = end + 1;
    }
  }

  /**
   * The distinct segments that follow `prefix` (a folder's path and `/`, or empty) in the keys starting with
   * it: the names of the folder's entries. A name holding many keys is skipped over by a search.
   */
  segments(prefix: string): Set<string> {
    const encoded = encodedKey(prefix).slice(0, -1);
    const names = new Set<string>();
    const prefixBytes = Buffer.from(encoded, "latin1");
    let previous: string | null = null;
    for (let at = this.#lowerBound(prefixBytes); at < this.#size && this.#startsWith(at, prefixBytes); ) {
      const { tab, end } = this.#line(at);
      const key = this.#bytes(at, tab).toString("latin1");
      const name = key.includes("\\") ? (this.#parse(at, tab) as string) : key.slice(1, -1);
      const segment = entryNameBelow(name, prefix);
      names.add(segment);
      if (segment.length < name.length - prefix.length && segment === previous) {
        // A second key below the same folder: skip the rest of them (the byte after `/` sorts after every key byte).
        at = this.#lowerBound(Buffer.from(`${encodedKey(`${prefix}${segment}/`).slice(0, -1)}\u007f`, "latin1"));
        previous = null;
        continue;
      }
      previous = segment;
      at = end + 1;
    }
    return names;
  }

  /** Every line's key and value, in order. */
  *all(): Iterable<[key: string, value: unknown]> {
    let count = 0;
    for (let start = this.#start; start < this.#size; count++) {
      const { tab, end } = this.#line(start);
      yield [this.#parse(start, tab) as string, this.#parse(tab + 1, end)];
      start = end + 1;
    }
    if (count !== this.count) throw this.#damaged();
  }
}

/** The page files of a cached build, read as a delta asks for them. */
export class BuildFiles {
  readonly stamp: unknown;
  /** How many page files the build had. */
  readonly count: number;
  readonly #folder: string;
  readonly #byPath: SortedLines;
  #byGroup: SortedLines | undefined;
  #byParent: SortedLines | undefined;
  #byFolder: SortedLines | undefined;
  readonly #found = new Map<string, BuildFile | undefined>();
  #all: BuildFile[] | undefined;
  readonly #chunkBytes: number;

  /** `chunkBytes`: how much of a file is read at a time (tests make it small). */
  constructor(folder: string, chunkBytes = CHUNK_BYTES) {
    this.#folder = folder;
    this.#chunkBytes = chunkBytes;
    this.#byPath = new SortedLines(path.join(folder, FILES_FILE), chunkBytes);
    this.stamp = this.#byPath.stamp;
    this.count = this.#byPath.count;
  }

  #file(relative: string, value: unknown): BuildFile {
    if (!Array.isArray(value) || value.length !== 7) throw new IndexCorruptError(`index file malformed: ${FILES_FILE}`);
    return [relative, ...value] as BuildFile;
  }

  #other(name: string): SortedLines {
    const lines = new SortedLines(path.join(this.#folder, name), this.#chunkBytes);
    if (lines.stamp !== this.stamp) throw new IndexCorruptError(`index file from another build: ${name}`);
    return lines;
  }

  /** The build's page file at a path, if it had one. */
  get(relative: string): BuildFile | undefined {
    if (this.#found.has(relative) || this.#all !== undefined) return this.#found.get(relative);
    const key = encodedKey(relative);
    let file: BuildFile | undefined;
    for (const [found, value] of this.#byPath.lines(key)) if (found === key) file = this.#file(relative, value());
    this.#found.set(relative, file);
    return file;
  }

  /** The paths of the build's page files, in order (cheaper than {@link all} until that has read them: their records are not read). */
  *paths(): Generator<string> {
    if (this.#all !== undefined) for (const file of this.#all) yield file[0];
    else for (const [key] of this.#byPath.lines("")) yield JSON.parse(key) as string;
  }

  /** The build's page files below a folder (`prefix` is its path and `/`). */
  under(prefix: string): BuildFile[] {
    const files: BuildFile[] = [];
    for (const [key, value] of this.#byPath.lines(encodedKey(prefix).slice(0, -1))) files.push(this.#file(JSON.parse(key) as string, value()));
    return files;
  }

  /**
   * The names of a folder's entries that hold the build's page files (`prefix` is the folder's path and `/`,
   * or empty for the source), once each in code unit order.
   */
  names(prefix: string): string[] {
    // A folder the build watched has its names listed (in path order: sorted already); any other is found
    // from the paths below it.
    this.#byFolder ??= this.#other(FOLDERS_FILE);
    const key = encodedKey(prefix);
    for (const [found, value] of this.#byFolder.lines(key)) {
      if (found !== key) continue;
      const names = value();
      if (typeof names !== "string") throw new IndexCorruptError(`index file malformed: ${FOLDERS_FILE}`);
      return sortedUnique(names === "" ? [] : names.split("/"));
    }
    return sortedUnique([...this.#byPath.segments(prefix)]);
  }

  /** The build's page files that gave a page of a slug group (see slugGroup in cache-folder.ts). */
  ofGroup(group: string): BuildFile[] {
    this.#byGroup ??= this.#other(GROUPS_FILE);
    return this.#paths(this.#byGroup, GROUPS_FILE, group);
  }

  /** The build's page files whose entry is a child of the entry of a slug group. */
  childrenOf(group: string): BuildFile[] {
    this.#byParent ??= this.#other(PARENTS_FILE);
    return this.#paths(this.#byParent, PARENTS_FILE, group);
  }

  #paths(lines: SortedLines, name: string, key: string): BuildFile[] {
    const encoded = encodedKey(key);
    const files: BuildFile[] = [];
    for (const [found, value] of lines.lines(encoded)) {
      if (found !== encoded) continue;
      const relative = value();
      const file = typeof relative === "string" ? this.get(relative) : undefined;
      if (file === undefined) throw new IndexCorruptError(`index file malformed: ${name}`);
      files.push(file);
    }
    return files;
  }

  /** Every page file of the build (read once: later searches by path are then answered from memory). */
  all(): BuildFile[] {
    if (this.#all === undefined) {
      this.#all = [...this.#byPath.all()].map(([relative, value]) => this.#file(relative, value));
      for (const file of this.#all) this.#found.set(file[0], file);
    }
    return this.#all;
  }
}

/** Strings once each in code unit order: `strings` itself when it is so already (checked, one pass), else sorted. */
export function sortedUnique(strings: string[]): string[] {
  let ordered = true;
  for (let n = 1; n < strings.length && ordered; n++) ordered = strings[n - 1]! < strings[n]!;
  if (ordered) return strings;
  return strings.sort().filter((text, n, all) => n === 0 || text !== all[n - 1]);
}

/** Puts `text` in its place among `sorted` (strings once each in code unit order), unless it is there already. */
export function insertSorted(sorted: string[], text: string): void {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]! < text) low = middle + 1;
    else high = middle;
  }
  if (sorted[low] !== text) sorted.splice(low, 0, text);
}
