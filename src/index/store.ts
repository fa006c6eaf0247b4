// Serialises an index to a folder of small JSON files and reads back only the files a query needs.

import fs from "node:fs";
import path from "node:path";
import type { StoredView } from "../query/view.js";
import type { EntryRecord, KeyKind } from "../types.js";
import { type KeyPiece, linesHolding } from "./pieces.js";
import { type GlossaryIndex, SMALL_VOCABULARY, letterGroup } from "./reader.js";
import type { SearchHit } from "./search.js";

/** Bumped whenever the files' layout or meaning changes: other versions are rebuilt, never read. */
export const INDEX_FORMAT_VERSION = 5;
export const FORMAT_NAME = "glossary-index";
export const RECORDS_PER_BLOCK = 8;
export const KEYS_PER_SHARD = 128;

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
    typeof manifest.locales !== "object" || manifest.locales === null
  ) {
    throw new IndexCorruptError(`index manifest is incomplete: ${folder}`);
  }
  return manifest as Manifest;
}

function readJson(file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    throw new IndexCorruptError(`index file missing: ${path.basename(file)}`);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new IndexCorruptError(`index file damaged: ${path.basename(file)}`);
  }
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
  readonly #keyShards = new Map<number, Map<string, ReadonlyArray<readonly [number, KeyKind]>>>();
  readonly #blocks = new Map<number, EntryRecord[]>();

  constructor(folder: string, root: string, manifest: Manifest = readManifest(folder)) {
    this.folder = folder;
    this.root = root;
    this.manifest = manifest;
    this.stamp = manifest.stamp;
    this.size = manifest.size;
    this.locales = new Map(Object.entries(manifest.locales));
    this.vocabularySize = manifest.vocabularySize;
  }

  #read(name: string, check: (content: Record<string, unknown>) => boolean): Record<string, unknown> {
    const content = readJson(path.join(this.folder, name));
    if (!content || typeof content !== "object" || (content as Record<string, unknown>)["stamp"] !== this.manifest.stamp) {
      throw new IndexCorruptError(`index file from another build: ${name}`);
    }
    if (!check(content as Record<string, unknown>)) throw new IndexCorruptError(`index file malformed: ${name}`);
    return content as Record<string, unknown>;
  }

  lookup(key: string): ReadonlyArray<readonly [number, KeyKind]> {
    const shard = keyHash(key) % this.manifest.keyShards;
    let table = this.#keyShards.get(shard);
    if (!table) {
      const content = this.#read(`keys-${shard}.json`, (c) => c["shard"] === shard && Array.isArray(c["entries"]));
      table = new Map(content["entries"] as Array<[string, Array<readonly [number, KeyKind]>]>);
      this.#keyShards.set(shard, table);
    }
    return table.get(key) ?? [];
  }

  record(id: number): EntryRecord {
    if (!Number.isInteger(id) || id < 0 || id >= this.size) throw new IndexCorruptError(`no record ${id}`);
    const block = Math.floor(id / RECORDS_PER_BLOCK);
    let records = this.#blocks.get(block);
    if (!records) {
      const content = this.#read(`records-${block}.json`, (c) => c["block"] === block && Array.isArray(c["records"]));
      records = content["records"] as EntryRecord[];
      this.#blocks.set(block, records);
    }
    const record = records[id - block * RECORDS_PER_BLOCK];
    if (!record || record.id !== id) throw new IndexCorruptError(`record ${id} out of place`);
    return record;
  }

  titles(locale: string): ReadonlyArray<readonly [string, number]> {
    if (!this.locales.has(locale)) return [];
    const content = this.#read(localeFile(locale), (c) => c["locale"] === locale && Array.isArray(c["titles"]));
    return content["titles"] as Array<readonly [string, number]>;
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

  async search(query: string, limit: number): Promise<SearchHit[]> {
    const { searchStored } = await import("./search.js");
    const shards = new Set(this.manifest.searchShards);
    let meta: Record<string, unknown> | undefined;
    // Each query word runs over the shard of its letter: a shard is read once for them all.
    const lines = new Map<number, string>();
    const shardLines = (shard: number): string => {
      let text = lines.get(shard);
      if (text === undefined) {
        text = this.#read(`search-dictionary-${shard}.json`, (c) => c["shard"] === shard && typeof c["lines"] === "string")["lines"] as string;
        lines.set(shard, text);
      }
      return text;
    };
    const reader = {
      meta: () => (meta ??= this.#read("search-meta.json", (c) => typeof c["meta"] === "object" && c["meta"] !== null)["meta"] as Record<string, unknown>),
      dictionary: (shard: number, pieces?: readonly KeyPiece[]) => (shards.has(shard) ? [...linesHolding(shardLines(shard), pieces)] : []),
      postings: (bucket: number) =>
        this.#read(`search-postings-${bucket}.json`, (c) => c["bucket"] === bucket && Array.isArray(c["postings"]))["postings"] as Array<[string, Record<string, number[]>]>,
    };
    try {
      return searchStored(reader, query, limit);
    } catch (error) {
      if (error instanceof IndexCorruptError) throw error;
      throw new IndexCorruptError(`search index unreadable (${error instanceof Error ? error.message : String(error)})`);
    }
  }

  view(id: number): StoredView | null {
    try {
      const content = JSON.parse(fs.readFileSync(path.join(this.folder, "views", `${id}.json`), "utf8")) as Record<string, unknown>;
      return content["stamp"] === this.manifest.stamp && content["id"] === id ? (content["view"] as StoredView) : null;
    } catch {
      return null;
    }
  }

  saveView(id: number, view: StoredView): void {
    const folder = path.join(this.folder, "views");
    const file = path.join(folder, `${id}.json`);
    const temporary = `${file}.tmp-${process.pid}`;
    try {
      fs.mkdirSync(folder, { recursive: true });
      fs.writeFileSync(temporary, JSON.stringify({ stamp: this.manifest.stamp, id, view }));
      fs.renameSync(temporary, file);
    } catch {
      // A read-only index (an installed package, a shared cache): views are then computed each time.
      fs.rmSync(temporary, { force: true });
    }
  }
}
