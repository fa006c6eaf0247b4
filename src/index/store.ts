// Serialises an index to a folder of JSON pieces and packs of them, and reads back only the pieces a query needs.

import fs from "node:fs";
import path from "node:path";
import type { EntryRecord, KeyKind, RenderedAhead, StoredView, StoredViewReader, ViewBody } from "../types.js";
import { type KeyPiece, lineValue, linesHolding } from "./pieces.js";
import { type GlossaryIndex, SMALL_VOCABULARY, type TitleItem, letterGroup } from "./reader.js";
import type { SearchHit, SearchMeta, SearchReader, StoredPostings } from "./search.js";
import { READ_NO_WAIT, readAt, readTextFile } from "../sources/read-file.js";

/** Bumped whenever the files' layout or meaning changes: other versions are rebuilt, never read. */
export const INDEX_FORMAT_VERSION = 16;
export const FORMAT_NAME = "glossary-index";
export const RECORDS_PER_BLOCK = 8;
export const KEYS_PER_SHARD = 128;

/**
 * The packs of an index: its key shards, record blocks and search posting buckets, each piece the JSON a
 * file of its own would hold, one after another in one file, in the order written. Tens of thousands of
 * small files cost a file system a creation each: a third of a large build on the machine measured (see
 * DESIGN.md).
 */
export const PACKS = ["keys", "records", "postings"] as const;
export type PackName = (typeof PACKS)[number];
export const packFile = (pack: PackName): string => `${pack}.pack`;
/** Bytes of one piece's entry in a pack's table: its start and its length, as little-endian doubles. */
export const PACK_ENTRY_BYTES = 16;

/** Where a pack's table is (after its pieces) and how many pieces it has. */
export interface PackTable {
  table: number;
  pieces: number;
}

export interface Manifest {
  format: typeof FORMAT_NAME;
  version: number;
  /** Identifies one build: every file of the build carries it, so files of two builds never mix. */
  stamp: string;
  size: number;
  locales: Record<string, number>;
  keyShards: number;
  recordBlocks: number;
  /** Vocabulary buckets that exist, as `<length>-<letter group>`. */
  vocabularyBuckets: string[];
  /** How many keys the vocabulary holds. */
  vocabularySize: number;
  /** Search dictionary shards that exist (the others hold no term). */
  searchShards: number[];
  /** Each pack's table (see {@link PACKS}). */
  packs: Record<PackName, PackTable>;
  /** Anything the writer wants to keep with the index (the cache keeps freshness data here). */
  extra?: unknown;
}

/** The index on disk is missing, of another version, truncated, or mixed with another build. */
export class IndexCorruptError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "IndexCorruptError";
  }
}

/** An index out of date rather than damaged: a page it names is gone, or no longer of the slug indexed. */
export class IndexStaleError extends IndexCorruptError {
  constructor(message: string) {
    super(message);
    this.name = "IndexStaleError";
  }
}

/**
 * 32-bit FNV-1a hash of a string: spreads keys over shards the same way in writer and reader.
 * @example keyHash("dom") // a number in [0, 2^32)
 */
export function keyHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

export const localeFile = (locale: string): string => `titles-${locale.replace(/[^A-Za-z0-9-]/g, "_")}.json`;
/** A search dictionary shard's file: a JSON header (stamp, shard, and the bytes of the lines), then its `term<TAB>bucket` lines as they are. */
export const dictionaryFile = (shard: number): string => `search-dictionary-${shard}.txt`;

/** The first line of a locale's title file: its titles follow, one a line (see {@link DiskIndex.titlesBefore}). */
export const titlesHead = (stamp: string, locale: string): string => `{"stamp":${JSON.stringify(stamp)},"locale":${JSON.stringify(locale)},"titles":[\n`;

/** Reads and checks an index manifest; throws {@link IndexCorruptError} for anything unexpected. */
export function readManifest(folder: string): Manifest {
  const manifest = readJson(path.join(folder, "manifest.json")) as Partial<Manifest> | null;
  if (!manifest || typeof manifest !== "object" || manifest.format !== FORMAT_NAME) {
    throw new IndexCorruptError(`not an index: ${folder}`);
  }
  if (manifest.version !== INDEX_FORMAT_VERSION) {
    throw new IndexCorruptError(`index version ${String(manifest.version)} is not ${INDEX_FORMAT_VERSION}`);
  }
  if (
    typeof manifest.stamp !== "string" || typeof manifest.size !== "number" || typeof manifest.keyShards !== "number" ||
    typeof manifest.recordBlocks !== "number" || !Array.isArray(manifest.vocabularyBuckets) || !Array.isArray(manifest.searchShards) ||
    typeof manifest.vocabularySize !== "number" ||
    typeof manifest.locales !== "object" || manifest.locales === null ||
    !isObject(manifest.packs) || !PACKS.every((pack) => isPackTable(manifest.packs?.[pack]))
  ) {
    throw new IndexCorruptError(`index manifest is incomplete: ${folder}`);
  }
  return manifest as Manifest;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

function isPackTable(value: unknown): value is PackTable {
  return isObject(value) && isCount(value["table"]) && isCount(value["pieces"]);
}

/**
 * Piece `piece` of a pack, as text: its table entry read at the table's place, then the piece. Throws
 * {@link IndexCorruptError} for anything else: a piece the table does not hold, a pack cut short, a table
 * of nonsense, a pack that is not a file (a folder, a named pipe: the reads fail).
 */
export function readPackPiece(file: string, table: PackTable, piece: number, label: string): string {
  if (!Number.isInteger(piece) || piece < 0 || piece >= table.pieces) throw new IndexCorruptError(`index file missing: ${label}`);
  let fd: number;
  try {
    fd = fs.openSync(file, READ_NO_WAIT);
  } catch {
    throw new IndexCorruptError(`index file missing: ${path.basename(file)}`);
  }
  try {
    const entry = Buffer.allocUnsafe(PACK_ENTRY_BYTES);
    if (readAt(fd, entry, table.table + piece * PACK_ENTRY_BYTES) < entry.length) throw new Error("table cut short");
    const start = entry.readDoubleLE(0);
    const length = entry.readDoubleLE(8);
    // The piece lies before the table, which lies in the file: nothing larger than the file is asked for.
    if (!isCount(start) || !isCount(length) || length === 0 || start + length > table.table) throw new Error("no such piece");
    const text = Buffer.allocUnsafe(length);
    if (readAt(fd, text, start) < length) throw new Error("piece cut short");
    return text.toString("utf8");
  } catch {
    throw new IndexCorruptError(`index file damaged: ${label}`);
  } finally {
    fs.closeSync(fd);
  }
}

/** True for the first line of a stored view as it is written (anything else is not used). */
function isViewBasis(value: unknown): value is StoredView["basis"] {
  return (
    isObject(value) &&
    ["slug", "locale", "pageText", "signature"].every((key) => typeof value[key] === "string") &&
    typeof value["listsChildren"] === "boolean" &&
    Array.isArray(value["refKeys"]) &&
    value["refKeys"].every((key) => typeof key === "string") &&
    Array.isArray(value["terms"]) &&
    value["terms"].every((term) => Array.isArray(term) && term.length === 3 && term.every((part) => typeof part === "string")) &&
    Array.isArray(value["children"]) &&
    value["children"].every((child) => isObject(child) && typeof child["slug"] === "string" && typeof child["title"] === "string")
  );
}

/** A line of a locale's title file: `[title, record id, slug]`. */
function isTitleItem(item: unknown): item is TitleItem {
  return Array.isArray(item) && typeof item[0] === "string" && Number.isInteger(item[1]) && typeof item[2] === "string";
}

function isRendered(value: unknown): value is StoredView["rendered"] {
  return isObject(value) && Object.values(value).every((rendering) => typeof rendering === "string");
}

/** The renderings a stored view keeps on its second line: only colour output needs them. */
const ANSI_RENDERINGS: ReadonlyArray<keyof RenderedAhead> = ["ansi", "ansiHyperlinks", "ansiLaidOut", "ansiLaidOutWide"];

/** A stored view's first line is read this many bytes at a time: most fit in one read. */
const VIEW_HEAD_READ = 8192;

/** The first line of a file, read until its end only; null when the file has no line break. */
function readFirstLine(file: string): string | null {
  const fd = fs.openSync(file, READ_NO_WAIT);
  try {
    let buffer = Buffer.allocUnsafe(VIEW_HEAD_READ);
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        const larger = Buffer.allocUnsafe(buffer.length * 2);
        buffer.copy(larger, 0, 0, length);
        buffer = larger;
      }
      const read = fs.readSync(fd, buffer, length, buffer.length - length, length);
      const newline = read > 0 ? buffer.indexOf(10, length) : -1;
      if (newline >= 0 && newline < length + read) return buffer.toString("utf8", 0, newline);
      length += read;
      if (read === 0) return null;
    }
  } finally {
    fs.closeSync(fd);
  }
}

/** One JSON line of an index file. */
function parseLine(line: string, file: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    throw new IndexCorruptError(`index file damaged: ${file}`);
  }
}

function readJson(file: string): unknown {
  let text: string;
  try {
    text = readTextFile(file);
  } catch {
    throw new IndexCorruptError(`index file missing: ${path.basename(file)}`);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new IndexCorruptError(`index file damaged: ${path.basename(file)}`);
  }
}

/**
 * Copies the view stored for entry `fromId` of the index in `from` (stamp `fromStamp`) to entry `toId` of
 * the index being written in `to` (stamp `toStamp`): for an entry whose page a new index keeps, as a new
 * delta keeps the pages of the one it replaces. Whether the view still holds is decided when it is read
 * (the page's text, the terms it links to and the pages below it are compared then). False when there is
 * no such view (or it cannot be copied).
 */
export function copyStoredView(from: { folder: string; stamp: string; id: number }, to: { folder: string; stamp: string; id: number }): boolean {
  let text: string;
  try {
    text = readTextFile(path.join(from.folder, "views", `${from.id}.jsonl`));
  } catch {
    return false;
  }
  const end = text.indexOf("\n");
  if (end < 0) return false;
  let head: unknown;
  try {
    head = JSON.parse(text.slice(0, end));
  } catch {
    return false;
  }
  if (!isObject(head) || head["stamp"] !== from.stamp || head["id"] !== from.id) return false;
  try {
    fs.mkdirSync(path.join(to.folder, "views"), { recursive: true });
    fs.writeFileSync(path.join(to.folder, "views", `${to.id}.jsonl`), `${JSON.stringify({ ...head, stamp: to.stamp, id: to.id })}${text.slice(end)}`);
    return true;
  } catch {
    return false;
  }
}

/** A failure while searching stored files: the index is unreadable (damaged or of another build). */
export function searchError(error: unknown): IndexCorruptError {
  if (error instanceof IndexCorruptError) return error;
  return new IndexCorruptError(`search index unreadable (${error instanceof Error ? error.message : String(error)})`);
}

/** An index read from disk, file by file, as queries ask for them. */
export class DiskIndex implements GlossaryIndex {
  readonly root: string;
  readonly folder: string;
  readonly manifest: Manifest;
  readonly stamp: string;
  readonly size: number;
  readonly locales: ReadonlyMap<string, number>;
  readonly vocabularySize: number;
  /** Key shards read so far, as their `key<TAB>JSON` lines. */
  readonly #keyShards = new Map<number, string>();
  /** Record blocks read so far, as their JSON lines, and the records parsed from them. */
  readonly #blocks = new Map<number, string[]>();
  readonly #records = new Map<number, EntryRecord>();
  /** Title files read for {@link titlesBefore}: their text and where each line starts. */
  readonly #titleLines = new Map<string, { text: string; starts: Int32Array }>();

  constructor(folder: string, root: string, manifest: Manifest = readManifest(folder)) {
    this.folder = folder;
    this.root = root;
    this.manifest = manifest;
    this.stamp = manifest.stamp;
    this.size = manifest.size;
    this.locales = new Map(Object.entries(manifest.locales));
    this.vocabularySize = manifest.vocabularySize;
  }

  /** A file of the index, parsed and checked as one of this build. */
  #read(name: string, check: (content: Record<string, unknown>) => boolean): Record<string, unknown> {
    return this.#checked(readJson(path.join(this.folder, name)), name, check);
  }

  /** A piece of one of the index's packs, parsed and checked as one of this build; `label` names it in errors. */
  #readPiece(pack: PackName, piece: number, label: string, check: (content: Record<string, unknown>) => boolean): Record<string, unknown> {
    return this.#checked(parseLine(readPackPiece(path.join(this.folder, packFile(pack)), this.manifest.packs[pack], piece, label), label), label, check);
  }

  #checked(content: unknown, name: string, check: (content: Record<string, unknown>) => boolean): Record<string, unknown> {
    if (!content || typeof content !== "object" || (content as Record<string, unknown>)["stamp"] !== this.manifest.stamp) {
      throw new IndexCorruptError(`index file from another build: ${name}`);
    }
    if (!check(content as Record<string, unknown>)) throw new IndexCorruptError(`index file malformed: ${name}`);
    return content as Record<string, unknown>;
  }

  lookup(key: string): ReadonlyArray<readonly [number, KeyKind]> {
    const shard = keyHash(key) % this.manifest.keyShards;
    let lines = this.#keyShards.get(shard);
    if (lines === undefined) {
      lines = this.#readPiece("keys", shard, `keys-${shard}`, (c) => c["shard"] === shard && typeof c["lines"] === "string")["lines"] as string;
      this.#keyShards.set(shard, lines);
    }
    const value = lineValue(lines, key);
    if (value === undefined) return [];
    const entries = parseLine(value, `keys-${shard}`);
    if (!Array.isArray(entries)) throw new IndexCorruptError(`index file malformed: keys-${shard}`);
    return entries as ReadonlyArray<readonly [number, KeyKind]>;
  }

  record(id: number): EntryRecord {
    if (!Number.isInteger(id) || id < 0 || id >= this.size) throw new IndexCorruptError(`no record ${id}`);
    const parsed = this.#records.get(id);
    if (parsed) return parsed;
    const block = Math.floor(id / RECORDS_PER_BLOCK);
    let lines = this.#blocks.get(block);
    if (!lines) {
      const content = this.#readPiece("records", block, `records-${block}`, (c) => c["block"] === block && typeof c["lines"] === "string");
      lines = (content["lines"] as string).split("\n");
      this.#blocks.set(block, lines);
    }
    const line = lines[id - block * RECORDS_PER_BLOCK];
    const record = line === undefined ? undefined : (parseLine(line, `records-${block}`) as EntryRecord | null);
    if (!record || record.id !== id) throw new IndexCorruptError(`record ${id} out of place`);
    this.#records.set(id, record);
    return record;
  }

  titles(locale: string): readonly TitleItem[] {
    if (!this.locales.has(locale)) return [];
    const content = this.#read(localeFile(locale), (c) => c["locale"] === locale && Array.isArray(c["titles"]) && c["titles"].every(isTitleItem));
    return content["titles"] as TitleItem[];
  }

  /**
   * How many of a locale's titles, in rank order, come before a point: `before` tells whether an item does,
   * and holds for a first run of the items and for no other. A binary search over the title file's lines
   * (one title a line), parsing only the lines it compares.
   */
  titlesBefore(locale: string, before: (item: TitleItem) => boolean): number {
    const count = this.locales.get(locale);
    if (count === undefined) return 0;
    const name = localeFile(locale);
    let lines = this.#titleLines.get(locale);
    if (lines === undefined) {
      const text = this.#readText(name);
      const head = titlesHead(this.manifest.stamp, locale);
      if (!text.startsWith(head)) throw new IndexCorruptError(`index file from another build: ${name}`);
      const starts = new Int32Array(count + 1);
      let at = head.length;
      for (let n = 0; n < count; n++) {
        starts[n] = at;
        const end = text.indexOf("\n", at);
        if (end < 0) throw new IndexCorruptError(`index file malformed: ${name}`);
        at = end + 1;
      }
      starts[count] = at;
      if (text.slice(at) !== "]}") throw new IndexCorruptError(`index file malformed: ${name}`);
      lines = { text, starts };
      this.#titleLines.set(locale, lines);
    }
    const { text, starts } = lines;
    const item = (n: number): TitleItem => {
      const line = text.slice(starts[n], starts[n + 1]! - (n + 1 < count ? 2 : 1));
      const parsed = parseLine(line, name);
      if (!isTitleItem(parsed)) throw new IndexCorruptError(`index file malformed: ${name}`);
      return parsed;
    };
    let low = 0;
    let high = count;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (before(item(middle))) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  *vocabulary(minLength: number, maxLength: number, firstLetters: string, pieces?: readonly KeyPiece[]): Iterable<readonly [string, number]> {
    // A small vocabulary is read whole (typos in the first letter are found too); a large one, only the
    // keys that start with the query's first letter.
    const large = this.vocabularySize > SMALL_VOCABULARY;
    const groups = large ? new Set([...firstLetters.slice(0, 1)].map(letterGroup)) : null;
    // In a large vocabulary, only close spellings: titles much longer than the query (that it merely
    // starts) are too many to be useful suggestions.
    const longest = large ? Math.min(maxLength, minLength + 6) : maxLength;
    // A bucket is one text of `key<TAB>id` lines: the keys holding a piece are found by one regular expression.
    for (const name of this.manifest.vocabularyBuckets) {
      const [length, group] = name.split("-").map(Number) as [number, number];
      if (length < minLength || length > longest || (groups && !groups.has(group))) continue;
      const content = this.#read(`vocabulary-${name}.json`, (c) => c["bucket"] === name && typeof c["lines"] === "string");
      yield* linesHolding(content["lines"] as string, pieces);
    }
  }

  *records(): Iterable<EntryRecord> {
    for (let id = 0; id < this.size; id++) yield this.record(id);
  }

  async search(query: string, limit: number, locale?: string): Promise<SearchHit[]> {
    const { searchStored } = await import("./search.js");
    try {
      return searchStored(this.searchReader(), query, limit, locale);
    } catch (error) {
      throw searchError(error);
    }
  }

  /** One of this index's files as text; missing or unreadable: {@link IndexCorruptError}. */
  #readText(name: string): string {
    try {
      return readTextFile(path.join(this.folder, name));
    } catch {
      throw new IndexCorruptError(`index file missing: ${name}`);
    }
  }

  /** A search dictionary shard's lines (see {@link dictionaryFile}), refused when of another build, of another shard, or cut short. */
  #dictionaryShard(shard: number): string {
    const name = dictionaryFile(shard);
    const text = this.#readText(name);
    const end = text.indexOf("\n");
    const header = end < 0 ? null : (parseLine(text.slice(0, end), name) as Record<string, unknown> | null);
    if (!isObject(header) || header["stamp"] !== this.manifest.stamp) throw new IndexCorruptError(`index file from another build: ${name}`);
    const lines = text.slice(end + 1);
    if (header["shard"] !== shard || header["bytes"] !== Buffer.byteLength(lines)) throw new IndexCorruptError(`index file damaged: ${name}`);
    return lines;
  }

  /** Reads this index's search files as a query asks for them (each shard and bucket once). */
  searchReader(): SearchReader {
    const shards = new Set(this.manifest.searchShards);
    let meta: SearchMeta | undefined;
    // Each query word runs over the shard of its letter: a shard is read once for them all.
    const lines = new Map<number, string>();
    const shardLines = (shard: number): string => {
      let text = lines.get(shard);
      if (text === undefined) {
        text = this.#dictionaryShard(shard);
        lines.set(shard, text);
      }
      return text;
    };
    return {
      meta: () => (meta ??= this.#read("search-meta.json", (c) => typeof c["meta"] === "object" && c["meta"] !== null)["meta"] as SearchMeta),
      dictionary: (shard: number, pieces?: readonly KeyPiece[]) => (shards.has(shard) ? [...linesHolding(shardLines(shard), pieces)] : []),
      // One term: its line found by a plain search of the shard's text, no expression over every line.
      term: (shard: number, term: string) => {
        const bucket = shards.has(shard) ? lineValue(shardLines(shard), term) : undefined;
        return bucket === undefined ? undefined : Number(bucket);
      },
      postings: (bucket: number) =>
        this.#readPiece("postings", bucket, `search-postings-${bucket}`, (c) => c["bucket"] === bucket && Array.isArray(c["postings"]))["postings"] as StoredPostings[],
    };
  }

  /**
   * A stored view is one file of three JSON lines: its basis with the renderings a lookup in plain text
   * needs, then its ANSI renderings, then its body. A lookup reads and parses the first line alone (read
   * until its end, a few kilobytes); the others are read when asked for.
   */
  view(id: number): StoredViewReader | null {
    const file = path.join(this.folder, "views", `${id}.jsonl`);
    try {
      const line = readFirstLine(file);
      if (line === null) return null;
      const head = JSON.parse(line) as Record<string, unknown> | null;
      if (!isObject(head) || head["stamp"] !== this.manifest.stamp || head["id"] !== id || !isViewBasis(head["basis"]) || !isRendered(head["rendered"])) return null;
      // The lines after the first, read when one of them is asked for (null: unreadable or damaged).
      let rest: [ansi: Record<string, unknown> | null, body: ViewBody | null] | undefined;
      const readRest = (): [Record<string, unknown> | null, ViewBody | null] => {
        if (rest !== undefined) return rest;
        let lines: string[];
        try {
          lines = readTextFile(file).split("\n");
        } catch {
          lines = [];
        }
        const parsed = (line: string | undefined): Record<string, unknown> | null => {
          try {
            const value: unknown = line === undefined ? null : JSON.parse(line);
            return isObject(value) ? value : null;
          } catch {
            return null;
          }
        };
        const ansi = parsed(lines[1]);
        return (rest = [ansi && isRendered(ansi) ? ansi : null, parsed(lines[2]) as ViewBody | null]);
      };
      const rendered = head["rendered"] as RenderedAhead;
      for (const key of ANSI_RENDERINGS) {
        Object.defineProperty(rendered, key, { enumerable: true, configurable: true, get: () => readRest()[0]?.[key] as string | undefined });
      }
      return { basis: head["basis"], rendered, body: () => readRest()[1] };
    } catch {
      return null;
    }
  }

  /**
   * Stores an entry's view over the one before, in place: a reader checks what it reads (a view half
   * written reads as none, and is computed again), and making a new file and renaming it over the old one
   * cost 1-2 ms more of the lookup storing it (measured on ext4).
   */
  viewedIds(): number[] {
    let names: string[];
    try {
      names = fs.readdirSync(path.join(this.folder, "views"));
    } catch {
      return [];
    }
    const ids: number[] = [];
    for (const name of names) {
      const id = /^(0|[1-9]\d{0,9})\.jsonl$/.exec(name)?.[1];
      if (id !== undefined && Number(id) < this.size) ids.push(Number(id));
    }
    return ids;
  }

  saveView(id: number, view: StoredView): void {
    const folder = path.join(this.folder, "views");
    const file = path.join(folder, `${id}.jsonl`);
    try {
      fs.mkdirSync(folder, { recursive: true });
      const plain: RenderedAhead = {};
      const ansi: RenderedAhead = {};
      for (const [key, rendering] of Object.entries(view.rendered) as Array<[keyof RenderedAhead, string | undefined]>) {
        if (rendering !== undefined) (ANSI_RENDERINGS.includes(key) ? ansi : plain)[key] = rendering;
      }
      fs.writeFileSync(file, `${JSON.stringify({ stamp: this.manifest.stamp, id, basis: view.basis, rendered: plain })}\n${JSON.stringify(ansi)}\n${JSON.stringify(view.body)}\n`);
    } catch {
      // A read-only index (an installed package, a shared cache): views are then computed each time.
    }
  }
}
