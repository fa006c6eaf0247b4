// Writes an index to a folder: packs of key shards, record blocks and postings; vocabulary, titles, search files.

import fs from "node:fs";
import path from "node:path";
import type { KeyKind } from "../types.js";
import type { IndexData } from "./build.js";
import { SMALL_VOCABULARY, countSuggestible, isSuggestible, sortedTitles, vocabularyBucket, vocabularyLength } from "./reader.js";
import { toLines } from "./pieces.js";
import { type BuiltSegment, type GatheredPostings, type SegmentStatistics, gatherPostings, segmentOfPostings } from "./search-build.js";
import {
  FORMAT_NAME,
  INDEX_FORMAT_VERSION,
  KEYS_PER_SHARD,
  type Manifest,
  PACK_ENTRY_BYTES,
  type PackTable,
  RECORDS_PER_BLOCK,
  dictionaryFile,
  keyHash,
  localeFile,
  packFile,
  titlesHead,
} from "./store.js";

/** A pack's pieces are written in runs of about this many bytes. */
const PACK_WRITE_BYTES = 1 << 20;

/** Writes one pack (see `PACKS` in store.ts): pieces appended as they come, in any order, then their table. */
export class PackWriter {
  readonly #fd: number;
  /** By piece, its start and length (a piece never given has neither, and reads as damaged). */
  readonly #entries: number[] = [];
  #written = 0;
  #run: Buffer[] = [];
  #runBytes = 0;
  #closed = false;

  constructor(file: string) {
    this.#fd = fs.openSync(file, "wx");
  }

  /** Adds a piece: never an empty one, since a piece of no bytes is how the table marks one never written. */
  add(piece: number, text: string): void {
    if (text === "") throw new Error(`piece ${piece} of a pack is empty`);
    const bytes = Buffer.from(text);
    this.#entries[2 * piece] = this.#written + this.#runBytes;
    this.#entries[2 * piece + 1] = bytes.length;
    this.#run.push(bytes);
    this.#runBytes += bytes.length;
    if (this.#runBytes >= PACK_WRITE_BYTES) this.#flush();
  }

  /** Writes the table and closes the file; returns where the table is. */
  finish(): PackTable {
    const pieces = Math.ceil(this.#entries.length / 2);
    const table = Buffer.alloc(pieces * PACK_ENTRY_BYTES);
    for (let piece = 0; piece < pieces; piece++) {
      table.writeDoubleLE(this.#entries[2 * piece] ?? 0, piece * PACK_ENTRY_BYTES);
      table.writeDoubleLE(this.#entries[2 * piece + 1] ?? 0, piece * PACK_ENTRY_BYTES + 8);
    }
    const at = this.#written + this.#runBytes;
    this.#run.push(table);
    this.#runBytes += table.length;
    this.#flush();
    this.close();
    return { table: at, pieces };
  }

  /** Closes the file, once. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    fs.closeSync(this.#fd);
  }

  #flush(): void {
    const run = Buffer.concat(this.#run, this.#runBytes);
    for (let done = 0; done < run.length; ) done += fs.writeSync(this.#fd, run, done, run.length - done);
    this.#written += run.length;
    this.#run = [];
    this.#runBytes = 0;
  }
}

/** Writes a pack: `fill` adds its pieces; the table follows them. The file is closed whatever happens. */
export function writePack(file: string, fill: (pack: PackWriter) => void): PackTable {
  const pack = new PackWriter(file);
  try {
    fill(pack);
    return pack.finish();
  } catch (error) {
    try {
      pack.close();
    } catch {
      // The failure that brought this here is the one to tell.
    }
    throw error;
  }
}

/** An index's files other than its search, written (see {@link writeIndexFiles}): what the manifest says of them. */
export type WrittenFiles = Pick<Manifest, "keyShards" | "recordBlocks" | "vocabularyBuckets" | "vocabularySize"> & { keys: PackTable; records: PackTable };

/** An index's search, written (see {@link writeSearch}): what the manifest says of it. */
export type WrittenSearch = Pick<Manifest, "searchShards"> & { postings: PackTable };

/**
 * Writes an index into `folder` (which must be new or empty). The manifest is written last, so a folder
 * without one is an unfinished build. `statistics`: those its search is built with (a delta segment takes
 * its base's, so that their scores compare).
 */
export function writeIndex(data: IndexData, folder: string, stamp: string, extra?: unknown, statistics?: SegmentStatistics): Manifest {
  const files = writeIndexFiles(data, folder, stamp);
  return writeManifest(data, folder, stamp, files, writeSearch(gatherPostings(data.searchDocuments), folder, stamp, statistics), extra);
}

const writeJson = (folder: string, name: string, content: unknown): void => {
  fs.writeFileSync(path.join(folder, name), JSON.stringify(content));
};

/**
 * Writes an index's files other than its search and its manifest into `folder` (made if missing): its
 * keys, records, vocabulary and titles. (A build whose search is written in another thread meanwhile calls
 * this, {@link writeSearch} there, then {@link writeManifest}.)
 */
export function writeIndexFiles(data: IndexData, folder: string, stamp: string): WrittenFiles {
  fs.mkdirSync(folder, { recursive: true });
  const keyShards = Math.max(1, 2 ** Math.ceil(Math.log2(Math.max(1, data.keys.size / KEYS_PER_SHARD))));
  const shards: Array<Array<[string, Array<readonly [number, KeyKind]>]>> = Array.from({ length: keyShards }, () => []);
  const buckets = new Map<string, Array<[string, number]>>();
  const vocabularySize = countSuggestible(data.keys);
  // A small vocabulary is read whole for suggestions: by length only, it is read from a few files.
  const small = vocabularySize <= SMALL_VOCABULARY;
  for (const [key, entries] of data.keys) {
    shards[keyHash(key) % keyShards]!.push([key, entries]);
    const name = small ? `${vocabularyLength(key)}-0` : vocabularyBucket(key);
    for (const [id, kind] of entries) {
      if (!isSuggestible(kind)) continue;
      let bucket = buckets.get(name);
      if (!bucket) buckets.set(name, (bucket = []));
      bucket.push([key, id]);
    }
  }
  // Keys as `key<TAB>[[id, kind], ...]` lines: a lookup finds its line without parsing the others.
  const keys = writePack(path.join(folder, packFile("keys")), (pack) =>
    shards.forEach((entries, shard) => pack.add(shard, JSON.stringify({ stamp, shard, lines: toLines(entries.map(([key, list]) => [key, JSON.stringify(list)])) }))),
  );
  const recordBlocks = Math.ceil(data.records.length / RECORDS_PER_BLOCK);
  const records = writePack(path.join(folder, packFile("records")), (pack) => {
    for (let block = 0; block < recordBlocks; block++) {
      const records = data.records.slice(block * RECORDS_PER_BLOCK, (block + 1) * RECORDS_PER_BLOCK);
      // One record per line (JSON has no line break of its own): a lookup parses the one it needs.
      pack.add(block, JSON.stringify({ stamp, block, lines: records.map((record) => JSON.stringify(record)).join("\n") }));
    }
  });
  for (const [name, entries] of buckets) writeJson(folder, `vocabulary-${name}.json`, { stamp, bucket: name, lines: toLines(entries) });
  // One title a line (JSON has no line break of its own): a search for a title's rank parses only the lines it compares.
  for (const locale of data.locales.keys()) {
    const titles = sortedTitles(data.records, locale).map((item) => JSON.stringify(item));
    fs.writeFileSync(path.join(folder, localeFile(locale)), `${titlesHead(stamp, locale)}${titles.join(",\n")}\n]}`);
  }
  return { keyShards, recordBlocks, vocabularyBuckets: [...buckets.keys()].sort(), vocabularySize, keys, records };
}

/**
 * Builds the search of an index's documents from their postings (see gatherPostings) and writes it into
 * `folder`: its postings pack, statistics and dictionary shards.
 */
export function writeSearch(gathered: GatheredPostings, folder: string, stamp: string, statistics?: SegmentStatistics): WrittenSearch {
  fs.mkdirSync(folder, { recursive: true });
  let search: BuiltSegment | undefined;
  const postings = writePack(path.join(folder, packFile("postings")), (pack) => {
    // Postings as they are built: a bucket holding one chunk at once, a bucket shared by several terms once
    // its last chunk came (they come one bucket after another).
    let open: { bucket: number; entries: string[] } | null = null;
    const done = new Set<number>();
    const postingsPiece = (bucket: number, entries: readonly string[]): void => {
      if (done.has(bucket)) throw new Error(`postings of bucket ${bucket} given twice`);
      done.add(bucket);
      pack.add(bucket, `{"stamp":${JSON.stringify(stamp)},"bucket":${bucket},"postings":[${entries.join(",")}]}`);
    };
    const close = (): void => {
      if (open !== null) postingsPiece(open.bucket, open.entries);
      open = null;
    };
    search = segmentOfPostings(
      gathered,
      {
        add: (bucket, alone, term, documents, later, triples) => {
          const entry = `[${JSON.stringify(term)},${documents},${JSON.stringify(later)},[${triples.join(",")}]]`;
          if (open !== null && open.bucket !== bucket) close();
          if (alone) return postingsPiece(bucket, [entry]);
          (open ??= { bucket, entries: [] }).entries.push(entry);
        },
      },
      statistics,
    );
    close();
  });
  const { meta, dictionary } = search!;
  writeJson(folder, "search-meta.json", { stamp, meta });
  // A search dictionary shard is its lines as they are, below a JSON header: hundreds of kilobytes in a large
  // source, which JSON would make a reader unescape as one string.
  for (const [shard, terms] of dictionary) {
    const lines = toLines(terms);
    fs.writeFileSync(path.join(folder, dictionaryFile(shard)), `${JSON.stringify({ stamp, shard, bytes: Buffer.byteLength(lines) })}\n${lines}`);
  }
  return { searchShards: [...dictionary.keys()].sort((a, b) => a - b), postings };
}

/** Writes the manifest of an index whose other files are written: the last file of an index. */
export function writeManifest(data: IndexData, folder: string, stamp: string, files: WrittenFiles, search: WrittenSearch, extra?: unknown): Manifest {
  const manifest: Manifest = {
    format: FORMAT_NAME,
    version: INDEX_FORMAT_VERSION,
    stamp,
    size: data.records.length,
    locales: Object.fromEntries(data.locales),
    keyShards: files.keyShards,
    recordBlocks: files.recordBlocks,
    vocabularyBuckets: files.vocabularyBuckets,
    vocabularySize: files.vocabularySize,
    searchShards: search.searchShards,
    packs: { keys: files.keys, records: files.records, postings: search.postings },
  };
  if (extra !== undefined) manifest.extra = extra;
  writeJson(folder, "manifest.json", manifest);
  return manifest;
}
