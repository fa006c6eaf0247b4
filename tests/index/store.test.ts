import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { NO_SEARCH_KEYWORDS, buildIndex } from "../../src/index/build.js";
import { termPieces } from "../../src/index/pieces.js";
import { MemoryIndex } from "../../src/index/memory.js";
import { DiskIndex, INDEX_FORMAT_VERSION, IndexCorruptError, type PackName, keyHash, packFile, readManifest, readPackPiece } from "../../src/index/store.js";
import { writeIndex, writePack } from "../../src/index/store-write.js";
import { relativeTo, scanSource } from "../../src/sources/scan.js";
import { MDN_FIXTURE, tempFolder } from "../helpers.js";

/** A pack's pieces, read by its table as the format says (each entry: start and length, little-endian doubles). */
function packPieces(folder: string, pack: PackName): string[] {
  const { table, pieces } = readManifest(folder).packs[pack];
  const bytes = fs.readFileSync(path.join(folder, packFile(pack)));
  return Array.from({ length: pieces }, (_, piece) => {
    const start = bytes.readDoubleLE(table + 16 * piece);
    return bytes.subarray(start, start + bytes.readDoubleLE(table + 16 * piece + 8)).toString("utf8");
  });
}

/** Writes a pack of these pieces in the index's folder and its table in the manifest; a null piece is left out of the table. */
function rewritePack(folder: string, pack: PackName, pieces: ReadonlyArray<string | null>): void {
  const parts = pieces.map((piece) => Buffer.from(piece ?? ""));
  const table = Buffer.alloc(16 * parts.length);
  let at = 0;
  parts.forEach((part, piece) => {
    if (pieces[piece] !== null) table.writeDoubleLE(at, 16 * piece), table.writeDoubleLE(part.length, 16 * piece + 8);
    at += part.length;
  });
  fs.writeFileSync(path.join(folder, packFile(pack)), Buffer.concat([...parts, table]));
  const manifest = JSON.parse(fs.readFileSync(path.join(folder, "manifest.json"), "utf8"));
  fs.writeFileSync(path.join(folder, "manifest.json"), JSON.stringify({ ...manifest, packs: { ...manifest.packs, [pack]: { table: at, pieces: parts.length } } }));
}

function fixtureIndex() {
  const scan = scanSource(MDN_FIXTURE);
  return buildIndex(scan.pages, relativeTo(MDN_FIXTURE), NO_SEARCH_KEYWORDS);
}

describe("writeIndex and DiskIndex", () => {
  it("answer exactly as the in-memory index does", () => {
    const data = fixtureIndex();
    const folder = path.join(tempFolder(), "index");
    writeIndex(data, folder, "stamp-1");
    const disk = new DiskIndex(folder, MDN_FIXTURE);
    const memory = new MemoryIndex(data, MDN_FIXTURE);
    expect(disk.size).toBe(memory.size);
    expect(Object.fromEntries(disk.locales)).toEqual(Object.fromEntries(memory.locales));
    for (const key of [...data.keys.keys(), "asynchronous", "asynchrone", "glossary/node/dom", "dom", "constructor", "nothing", "asynchronou", "synchronous x"]) {
      expect(disk.lookup(key), key).toEqual(memory.lookup(key));
    }
    for (let id = 0; id < memory.size; id++) expect(disk.record(id)).toEqual(memory.record(id));
    expect(disk.titles("fr")).toEqual(memory.titles("fr"));
    expect([...disk.vocabulary(1, 48, "")].sort()).toEqual([...memory.vocabulary(1, 48)].sort());
    for (const term of ["asynchronus", "dom", "callbak", "fonction de rappel"]) {
      const pieces = termPieces(term, 2);
      expect([...disk.vocabulary(1, 48, "", pieces)].sort(), term).toEqual([...memory.vocabulary(1, 48, "", pieces)].sort());
    }
  });
  it("find how many of a locale's titles come before any point, as counting the whole list does", () => {
    const data = fixtureIndex();
    const folder = path.join(tempFolder(), "index");
    writeIndex(data, folder, "stamp-1");
    const disk = new DiskIndex(folder, MDN_FIXTURE);
    for (const locale of [...disk.locales.keys(), "xx"]) {
      const titles = disk.titles(locale);
      const rank = new Map(titles.map(([, id], n) => [id, n]));
      // Every point of the list: the titles of lower rank come before it, whatever they say.
      for (let point = 0; point <= titles.length; point++) {
        expect(disk.titlesBefore(locale, ([title, id, slug]) => titles[rank.get(id)!]![0] === title && titles[rank.get(id)!]![2] === slug && rank.get(id)! < point)).toBe(point);
      }
    }
    fs.writeFileSync(path.join(folder, "titles-fr.json"), fs.readFileSync(path.join(folder, "titles-fr.json"), "utf8").replace(/\n\]\}$/, "]}"));
    expect(() => new DiskIndex(folder, MDN_FIXTURE).titlesBefore("fr", () => true)).toThrow(IndexCorruptError);
  });

  it("search exactly as the in-memory index does", async () => {
    const data = fixtureIndex();
    const folder = path.join(tempFolder(), "index");
    writeIndex(data, folder, "stamp-1");
    const disk = new DiskIndex(folder, MDN_FIXTURE);
    const memory = new MemoryIndex(data, MDN_FIXTURE);
    for (const query of ["asynchronous", "fonction de rappel", "javascrpt", "callb", "dom node", "zzzz"]) {
      expect(await disk.search(query, 10), query).toEqual(await memory.search(query, 10));
    }
  });

  it("refuses a search dictionary shard cut short, grown, of another shard or of another build", async () => {
    const data = fixtureIndex();
    const folder = path.join(tempFolder(), "index");
    writeIndex(data, folder, "stamp-1");
    const file = fs.readdirSync(folder).find((name) => name.startsWith("search-dictionary-"))!;
    const shard = Number(/\d+/.exec(file)![0]);
    const text = fs.readFileSync(path.join(folder, file), "utf8");
    const end = text.indexOf("\n");
    const header = JSON.parse(text.slice(0, end)) as Record<string, unknown>;
    const lines = text.slice(end + 1);
    // Every word of the shard is found as long as the file is whole.
    const reader = new DiskIndex(folder, MDN_FIXTURE).searchReader();
    for (const line of lines.split("\n")) expect(reader.term!(shard, line.split("\t")[0]!), line).toBe(Number(line.split("\t")[1]));
    for (const changed of [
      text.slice(0, -1),
      `${text}\nzzz\t1`,
      `${JSON.stringify({ ...header, shard: shard + 1 })}\n${lines}`,
      `${JSON.stringify({ ...header, stamp: "stamp-2" })}\n${lines}`,
      lines,
    ]) {
      fs.writeFileSync(path.join(folder, file), changed);
      expect(() => new DiskIndex(folder, MDN_FIXTURE).searchReader().term!(shard, "zzz"), changed.slice(0, 80)).toThrow(IndexCorruptError);
    }
  });

  it("refuses other versions, damaged files and files of another build", () => {
    const data = fixtureIndex();
    const folder = path.join(tempFolder(), "index");
    writeIndex(data, folder, "stamp-1");
    const manifest = JSON.parse(fs.readFileSync(path.join(folder, "manifest.json"), "utf8"));

    fs.writeFileSync(path.join(folder, "manifest.json"), JSON.stringify({ ...manifest, version: INDEX_FORMAT_VERSION + 1 }));
    expect(() => readManifest(folder)).toThrow(IndexCorruptError);
    fs.writeFileSync(path.join(folder, "manifest.json"), JSON.stringify(manifest).slice(0, 20));
    expect(() => readManifest(folder)).toThrow(IndexCorruptError);
    fs.writeFileSync(path.join(folder, "manifest.json"), JSON.stringify(manifest));

    const shard = keyHash("asynchronous") % manifest.keyShards;
    const keys = packPieces(folder, "keys");
    const original = keys[shard]!;
    const withShard = (piece: string | null) => rewritePack(folder, "keys", keys.map((text, n) => (n === shard ? piece : text)));
    withShard(original.slice(0, original.length / 2));
    expect(() => new DiskIndex(folder, MDN_FIXTURE).lookup("asynchronous")).toThrow(IndexCorruptError);
    withShard(original.replace('"stamp-1"', '"stamp-2"'));
    expect(() => new DiskIndex(folder, MDN_FIXTURE).lookup("asynchronous")).toThrow(/another build/);
    // A damaged line is found when it is read.
    const content = JSON.parse(original);
    const damaged = content.lines.replace(/^(asynchronous\t)\[.*$/m, "$1[[1,");
    expect(damaged).not.toBe(content.lines);
    withShard(JSON.stringify({ ...content, lines: damaged }));
    expect(() => new DiskIndex(folder, MDN_FIXTURE).lookup("asynchronous")).toThrow(/damaged/);
    // A piece the table leaves out, a table cut short, a pack cut short, a pack missing.
    withShard(null);
    expect(() => new DiskIndex(folder, MDN_FIXTURE).lookup("asynchronous")).toThrow(/damaged/);
    rewritePack(folder, "keys", keys.slice(0, shard));
    expect(() => new DiskIndex(folder, MDN_FIXTURE).lookup("asynchronous")).toThrow(/missing/);
    withShard(original);
    expect(new DiskIndex(folder, MDN_FIXTURE).lookup("asynchronous")).not.toEqual([]);
    const pack = path.join(folder, packFile("keys"));
    const whole = fs.readFileSync(pack);
    const { table } = readManifest(folder).packs.keys;
    // The table cut in the shard's entry, then before it.
    fs.writeFileSync(pack, whole.subarray(0, table + 16 * shard + 8));
    expect(() => new DiskIndex(folder, MDN_FIXTURE).lookup("asynchronous")).toThrow(/damaged/);
    fs.writeFileSync(pack, whole.subarray(0, table));
    expect(() => new DiskIndex(folder, MDN_FIXTURE).lookup("asynchronous")).toThrow(/damaged/);
    // A pack that is a folder, or a named pipe, cannot be read from a place: damaged, not a crash.
    fs.rmSync(pack);
    fs.mkdirSync(pack);
    expect(() => new DiskIndex(folder, MDN_FIXTURE).lookup("asynchronous")).toThrow(/damaged/);
    fs.rmSync(pack, { recursive: true });
    if (process.platform !== "win32") {
      execFileSync("mkfifo", [pack]);
      expect(() => new DiskIndex(folder, MDN_FIXTURE).lookup("asynchronous")).toThrow(/damaged/);
      fs.rmSync(pack);
    }
    expect(() => new DiskIndex(folder, MDN_FIXTURE).lookup("asynchronous")).toThrow(/missing/);
    // A table said to be where no position can be: its second entry is past the largest one a read takes.
    fs.writeFileSync(pack, whole);
    expect(() => readPackPiece(pack, { table: Number.MAX_SAFE_INTEGER, pieces: 2 }, 1, "keys-1")).toThrow(/damaged/);
    fs.writeFileSync(path.join(folder, "manifest.json"), JSON.stringify({ ...manifest, packs: { ...manifest.packs, records: { table: -1, pieces: 2 } } }));
    expect(() => readManifest(folder)).toThrow(/incomplete/);
    fs.writeFileSync(path.join(folder, "manifest.json"), JSON.stringify(manifest));
    rewritePack(folder, "keys", keys);
    const titlesFile = path.join(folder, "titles-en-US.json");
    const titles = JSON.parse(fs.readFileSync(titlesFile, "utf8"));
    fs.writeFileSync(titlesFile, JSON.stringify({ ...titles, titles: titles.titles.map(([title, id]: [string, number]) => [title, id]) }));
    expect(() => new DiskIndex(folder, MDN_FIXTURE).titles("en-US")).toThrow(/malformed/);
    const blocks = packPieces(folder, "records");
    const block = JSON.parse(blocks[0]!);
    rewritePack(folder, "records", [JSON.stringify({ ...block, lines: block.lines.replace(/^\{/, "{{") }), ...blocks.slice(1)]);
    expect(() => new DiskIndex(folder, MDN_FIXTURE).record(0)).toThrow(/damaged/);
    expect(new DiskIndex(folder, MDN_FIXTURE).record(1).id).toBe(1);
    rewritePack(folder, "records", [JSON.stringify({ ...block, lines: block.lines.split("\n").slice(1).join("\n") }), ...blocks.slice(1)]);
    expect(() => new DiskIndex(folder, MDN_FIXTURE).record(0)).toThrow(/out of place/);
  });
  it("keep stored views as three lines, read the first alone, and give nothing for a view of another build, another record or another shape", () => {
    const data = fixtureIndex();
    const folder = path.join(tempFolder(), "index");
    writeIndex(data, folder, "stamp-1");
    const disk = new DiskIndex(folder, MDN_FIXTURE);
    const basis = { slug: "Glossary/Closure", locale: "en-US", pageText: "text", signature: "s", refKeys: ["glossary/function"], terms: [["glossary/function", "Glossary/Function", "Function"]] as Array<[string, string, string]>, listsChildren: false, children: [] };
    const body = { title: "Closure", summary: "A closure." } as never;
    const rendered = { text: "Closure\n", ansi: "\u001b[1mClosure\u001b[22m\n", ansiLaidOut: "\u001b[1mClosure\u001b[22m\n\n" };
    disk.saveView(3, { basis, rendered, body });
    const file = path.join(folder, "views", "3.jsonl");
    const lines = fs.readFileSync(file, "utf8").split("\n");
    expect(lines).toHaveLength(4); // three lines and the last line break
    expect(JSON.parse(lines[0]!).rendered).toEqual({ text: "Closure\n" }); // colour output on the second line
    const read = disk.view(3)!;
    expect(read.basis).toEqual(basis);
    expect(read.rendered).toEqual(rendered);
    expect({ ...read.rendered }).toEqual(rendered);
    expect(read.body()).toEqual(body);
    expect(new DiskIndex(folder, MDN_FIXTURE).view(4)).toBeNull();
    const [head, ansi, rest] = lines;
    const spoilt = (first: unknown, second = ansi, third = rest) => {
      fs.writeFileSync(file, `${JSON.stringify(first)}\n${second}\n${third}\n`);
      return new DiskIndex(folder, MDN_FIXTURE).view(3);
    };
    const parsed = JSON.parse(head!);
    expect(spoilt({ ...parsed, stamp: "stamp-2" })).toBeNull();
    expect(spoilt({ ...parsed, id: 4 })).toBeNull();
    expect(spoilt({ ...parsed, rendered: undefined })).toBeNull();
    expect(spoilt({ ...parsed, rendered: { text: 3 } })).toBeNull();
    expect(spoilt({ ...parsed, basis: { ...basis, pageText: undefined } })).toBeNull();
    expect(spoilt({ ...parsed, basis: { ...basis, terms: [["only two", "parts"]] } })).toBeNull();
    expect(spoilt({ ...parsed, basis: { ...basis, children: [null] } })).toBeNull();
    fs.writeFileSync(file, head!);
    expect(new DiskIndex(folder, MDN_FIXTURE).view(3)).toBeNull(); // one line, not ended
    expect(spoilt(parsed, ansi, "[1, 2]")!.body()).toBeNull();
    expect(spoilt(parsed, ansi, "{ damaged")!.body()).toBeNull();
    // Damaged colour renderings are not used (made again), and the rest of the view still is.
    const noColours = spoilt(parsed, "{ damaged")!;
    expect(noColours.rendered.text).toBe("Closure\n");
    expect(noColours.rendered.ansi).toBeUndefined();
    expect(noColours.body()).toEqual(body);
    expect(spoilt(parsed, JSON.stringify({ ansi: 3 }))!.rendered.ansiLaidOut).toBeUndefined();
    expect(spoilt(parsed)!.body()).toEqual(body);
  });
  it("write a view over the one before in place, and read one cut short anywhere as none, or as its first line without the rest", () => {
    const data = fixtureIndex();
    const folder = path.join(tempFolder(), "index");
    writeIndex(data, folder, "stamp-1");
    const disk = new DiskIndex(folder, MDN_FIXTURE);
    const basis = { slug: "Glossary/Closure", locale: "en-US", pageText: "text", signature: "s", refKeys: [], terms: [], listsChildren: false, children: [] };
    disk.saveView(3, { basis, rendered: { text: "A longer rendering of the first view\n" }, body: { title: "Closure", summary: "The first." } as never });
    const file = path.join(folder, "views", "3.jsonl");
    const inode = fs.statSync(file).ino;
    const body = { title: "Closure", summary: "The second." } as never;
    disk.saveView(3, { basis, rendered: { text: "Closure\n" }, body });
    expect(fs.statSync(file).ino).toBe(inode);
    expect(fs.readdirSync(path.join(folder, "views"))).toEqual(["3.jsonl"]);
    expect(disk.view(3)!.body()).toEqual(body);
    // What a reader may meet while a view is being written: any first part of it.
    const whole = fs.readFileSync(file, "utf8");
    const firstLineEnd = whole.indexOf("\n") + 1;
    for (let cut = 0; cut < whole.length; cut++) {
      fs.writeFileSync(file, whole.slice(0, cut));
      const read = new DiskIndex(folder, MDN_FIXTURE).view(3);
      if (cut < firstLineEnd) expect(read, `cut at ${cut}`).toBeNull();
      else expect([null, body], `cut at ${cut}`).toContainEqual(read!.body());
    }
  });
  it("read a stored view whose first line is longer than one read", () => {
    const data = fixtureIndex();
    const folder = path.join(tempFolder(), "index");
    writeIndex(data, folder, "stamp-1");
    const disk = new DiskIndex(folder, MDN_FIXTURE);
    const pageText = "é".repeat(20_000);
    const basis = { slug: "Glossary/Closure", locale: "en-US", pageText, signature: "s", refKeys: [], terms: [], listsChildren: false, children: [] };
    disk.saveView(2, { basis, rendered: { text: "x\n" }, body: { title: "Closure" } as never });
    const read = new DiskIndex(folder, MDN_FIXTURE).view(2)!;
    expect(read.basis.pageText).toBe(pageText);
    expect(read.body()).toEqual({ title: "Closure" });
  });
});

describe("packs", () => {
  it("give back each piece as written, whatever their order, sizes and characters, across the writer's runs, and refuse pieces never written", () => {
    const folder = tempFolder();
    let round = 0;
    fc.assert(
      fc.property(
        // Pieces of up to 400 KB (the writer writes runs of 1 MB), some left out, given in any order.
        fc.array(fc.option(fc.tuple(fc.string({ unit: "binary", maxLength: 40 }), fc.integer({ min: 0, max: 400_000 })), { nil: null, freq: 5 }), { maxLength: 12 }),
        fc.integer({ min: 0, max: 1000 }),
        (specs, seed) => {
          const pieces = specs.map((spec) => (spec === null ? null : spec[0].repeat(Math.max(1, Math.ceil(spec[1] / Math.max(1, spec[0].length)))) || "x"));
          const order = pieces.map((_, n) => n).sort((a, b) => ((a * 7919 + seed) % 97) - ((b * 7919 + seed) % 97) || a - b);
          const file = path.join(folder, `pack-${round++}`);
          const table = writePack(file, (pack) => {
            for (const n of order) if (pieces[n] !== null) pack.add(n, pieces[n]!);
          });
          pieces.forEach((piece, n) => {
            if (piece === null || n >= table.pieces) expect(() => readPackPiece(file, table, n, `piece ${n}`)).toThrow(IndexCorruptError);
            else expect(readPackPiece(file, table, n, `piece ${n}`)).toBe(piece);
          });
          expect(() => readPackPiece(file, table, pieces.length, "past the end")).toThrow(IndexCorruptError);
          fs.rmSync(file);
        },
      ),
      { numRuns: 60 },
    );
    // A piece of no bytes is how the table marks one never written: the writer refuses one.
    expect(() => writePack(path.join(folder, "empty"), (pack) => pack.add(0, ""))).toThrow(/empty/);
  });
});
