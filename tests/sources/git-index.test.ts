// Tests of reading Git's index: what real Git writes (each version, SHA-1 and SHA-256, long names), what Git
// itself reads of index files written here, and nothing but a list or null from damaged ones.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { readGitIndex } from "../../src/sources/git-index.js";
import { pathSetHash } from "../../src/sources/path-set-hash.js";
import { tempFolder } from "../helpers.js";
import { git } from "../mirrors.js";

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) fs.rmSync(folder, { recursive: true, force: true });
});

/** A new repository (`git init` with these options). */
function repository(...options: string[]): string {
  const root = tempFolder("glossary-git-index-");
  folders.push(root);
  git(["init", "-q", ...options], root);
  return root;
}

/** Writes files of a work tree with the modification times given (seconds since the epoch). */
function writeTimed(root: string, files: Record<string, number>): void {
  for (const [name, seconds] of Object.entries(files)) {
    const file = path.join(root, ...name.split("/"));
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, `${name}\n`);
    fs.utimesSync(file, seconds, seconds);
  }
}

/** Each entry of an index as Git reads it (`git ls-files --debug`): its path, and its times of change and modification in seconds. */
function gitsReading(root: string, env: Record<string, string> = {}): Array<[string, number, number]> {
  const result = spawnSync("git", ["ls-files", "-z", "--debug"], { cwd: root, encoding: "utf8", env: { PATH: process.env["PATH"] ?? "/usr/bin:/bin", HOME: root, GIT_CONFIG_NOSYSTEM: "1", ...env } });
  if (result.status !== 0) throw new Error(`git ls-files: ${result.stderr}`);
  const entries: Array<[string, number, number]> = [];
  // Each entry: its path and a NUL, then five lines of stat data, the first two its times.
  const entry = /([^\0]*)\0 {2}ctime: (\d+):\d+\n {2}mtime: (\d+):\d+\n[^\0]*?flags: [0-9a-f]+\n/gy;
  let read = 0;
  for (let match = entry.exec(result.stdout); match !== null; match = entry.exec(result.stdout)) {
    entries.push([match[1]!, Number(match[2]), Number(match[3])]);
    read = entry.lastIndex;
  }
  expect(read).toBe(result.stdout.length);
  return entries;
}

/** The paths of `entries` Git may have written since `seconds`: changed or modified in or after it, or with no times. */
const since = (entries: ReadonlyArray<[string, number, number]>, seconds: number): string[] =>
  entries.filter(([, changed, modified]) => changed >= seconds || modified >= seconds || (changed === 0 && modified === 0)).map(([name]) => name);

/** The files of a whole work tree Git may have written since a time, as an index's bytes tell (null: not read). */
const filesWrittenSince = (bytes: Uint8Array, seconds: number): string[] | null => readGitIndex(bytes, "", seconds * 1000, "index.md")?.written ?? null;

const indexOf = (root: string): Buffer => fs.readFileSync(path.join(root, ".git", "index"));

describe("the files Git's index records as written since a time, or with no times", () => {
  // Modification times after the files' times of change (now), which only they then tell apart.
  const files = { "a.md": 3_000_000_000, "files/en-us/glossary/dom/index.md": 3_600_000_000, "files/fr/glossary/éte/index.md": 3_700_000_000, "z/y/x.md": 3_100_000_000 };

  it.each([2, 3, 4])("reads an index of version %i as Git reads it", (version) => {
    const root = repository();
    writeTimed(root, files);
    git(["add", "-A"], root);
    // Version 3 is written when an entry needs its extended flags: a file added with intent to add.
    if (version === 3) {
      writeTimed(root, { "later.md": 3_650_000_000 });
      git(["add", "--intent-to-add", "later.md"], root);
    } else git(["update-index", "--index-version", String(version)], root);
    const bytes = indexOf(root);
    expect(bytes.readUInt32BE(4)).toBe(version);
    const entries = gitsReading(root);
    expect(entries.length).toBe(version === 3 ? 5 : 4);
    for (const seconds of [0, 3_100_000_000, 3_600_000_000, 3_650_000_001, 4_000_000_000]) {
      expect(filesWrittenSince(bytes, seconds)).toEqual(since(entries, seconds));
    }
    // (A file added with intent to add has no times yet.)
    expect(filesWrittenSince(bytes, 3_600_000_000)).toEqual(["files/en-us/glossary/dom/index.md", "files/fr/glossary/éte/index.md", ...(version === 3 ? ["later.md"] : [])]);
  });

  it("reads the index of a SHA-256 repository", () => {
    const root = repository("--object-format=sha256");
    writeTimed(root, files);
    git(["add", "-A"], root);
    expect(filesWrittenSince(indexOf(root), 3_600_000_000)).toEqual(["files/en-us/glossary/dom/index.md", "files/fr/glossary/éte/index.md"]);
  });

  it("reads the times Git gives the files it writes in a checkout, with the extensions a commit adds", () => {
    const root = repository();
    writeTimed(root, files);
    git(["add", "-A"], root);
    git(["commit", "-qm", "first"], root);
    git(["checkout", "-qb", "other"], root);
    for (const name of ["a.md", "files/en-us/glossary/dom/index.md"]) {
      fs.appendFileSync(path.join(root, name), "changed\n");
      fs.utimesSync(path.join(root, name), 3_800_000_000, 3_800_000_000);
    }
    git(["commit", "-qam", "second"], root);
    git(["checkout", "-q", "-"], root);
    const bytes = indexOf(root);
    // The checkout wrote the two files back, now: Git recorded the times it gave them.
    const now = Math.floor(Date.now() / 1000);
    expect(gitsReading(root).filter(([, , modified]) => modified < now + 60).map(([name]) => name)).toEqual(["a.md", "files/en-us/glossary/dom/index.md"]);
    expect(filesWrittenSince(bytes, now - 60)).toEqual(expect.arrayContaining(["a.md", "files/en-us/glossary/dom/index.md"]));
    expect(filesWrittenSince(bytes, 0)).toEqual(gitsReading(root).map(([name]) => name));
  });

  it("gives the files Git wrote and has not looked at since, which it records with no times: brought back from a stash, or in conflict", () => {
    const root = repository();
    writeTimed(root, files);
    git(["add", "-A"], root);
    git(["commit", "-qm", "first"], root);
    const edit = (name: string, text: string) => fs.writeFileSync(path.join(root, name), text);
    edit("a.md", "stashed\n");
    git(["stash", "-q"], root);
    git(["stash", "pop", "-q"], root);
    expect(filesWrittenSince(indexOf(root), 4_000_000_000)).toEqual(["a.md"]);
    git(["checkout", "-q", "--", "a.md"], root);
    git(["checkout", "-qb", "other"], root);
    edit("z/y/x.md", "other\n");
    git(["commit", "-qam", "other"], root);
    git(["checkout", "-q", "-"], root);
    edit("z/y/x.md", "main\n");
    git(["commit", "-qam", "main"], root);
    expect(spawnSync("git", ["merge", "-q", "other"], { cwd: root, env: { PATH: process.env["PATH"] ?? "", HOME: root, GIT_CONFIG_NOSYSTEM: "1", GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@example.com", GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@example.com" } }).status).toBe(1);
    // Its stages in the merge (the common one, ours and theirs), each with no times.
    expect(filesWrittenSince(indexOf(root), 4_000_000_000)).toEqual(["z/y/x.md", "z/y/x.md", "z/y/x.md"]);
    expect(filesWrittenSince(indexOf(root), 4_000_000_000)).toEqual(since(gitsReading(root), 4_000_000_000));
    // Counted once among the files tracked.
    expect(readGitIndex(indexOf(root), "", 0, "x.md")?.tracked()).toEqual(["z/y/x.md"]);
    expect(readGitIndex(indexOf(root), "", 0, "x.md")?.trackedHash).toEqual(pathSetHash(["z/y/x.md"]));
  });

  it("tells of the files below a folder: those written, those tracked of a name (in the work tree), and whether any are beyond the index", () => {
    const root = repository();
    writeTimed(root, { ...files, "files/en-us/glossary/skipped/index.md": 3_000_000_000, "files/en-us/glossary/dom/image.svg": 3_000_000_000 });
    git(["add", "-A"], root);
    git(["update-index", "--skip-worktree", "files/en-us/glossary/skipped/index.md"], root);
    const reading = readGitIndex(indexOf(root), "files", 3_600_000_000_000, "index.md");
    const pages = ["en-us/glossary/dom/index.md", "fr/glossary/éte/index.md"];
    expect(reading).toEqual({ written: pages, tracked: expect.any(Function), trackedHash: pathSetHash(pages), beyond: false });
    expect(reading?.tracked()).toEqual(pages);
    expect(readGitIndex(indexOf(root), "", 3_650_000_000_000, "index.md")?.tracked()).toEqual(["files/en-us/glossary/dom/index.md", "files/fr/glossary/éte/index.md"]);
    // A symbolic link Git may have written since (now: its time of change), and a submodule there or holding the folder.
    fs.symlinkSync("en-us", path.join(root, "files", "link"));
    git(["add", "files/link"], root);
    expect(readGitIndex(indexOf(root), "files", 0, "index.md")?.beyond).toBe(true);
    expect(readGitIndex(indexOf(root), "files", 3_600_000_000_000, "index.md")?.beyond).toBe(false);
    expect(readGitIndex(indexOf(root), "z", 0, "index.md")?.beyond).toBe(false);
    git(["update-index", "--add", "--cacheinfo", `160000,${"1".repeat(40)},files/sub`], root);
    for (const folder of ["files", "files/sub", "files/sub/en-us", ""]) expect(readGitIndex(indexOf(root), folder, 4_000_000_000_000, "index.md")?.beyond).toBe(true);
    for (const folder of ["z", "files/en-us", "files/su"]) expect(readGitIndex(indexOf(root), folder, 4_000_000_000_000, "index.md")?.beyond).toBe(false);
  });

  it("refuses a split index and a sparse one, whose entries are not every file", () => {
    const split = repository();
    writeTimed(split, files);
    git(["add", "-A"], split);
    git(["update-index", "--split-index"], split);
    expect(filesWrittenSince(indexOf(split), 0)).toBeNull();

    const sparse = repository();
    writeTimed(sparse, files);
    git(["add", "-A"], sparse);
    git(["commit", "-qm", "first"], sparse);
    git(["sparse-checkout", "set", "--cone", "--sparse-index", "files"], sparse);
    expect(indexOf(sparse).includes("sdir")).toBe(true);
    expect(filesWrittenSince(indexOf(sparse), 0)).toBeNull();
  });

  it("reads index files written here as Git reads them: any version, names of any length, shared prefixes and extended flags", () => {
    const root = repository();
    const indexFile = path.join(root, "written-index");
    const entry = fc.record({
      // Names from a few parts so that neighbours share prefixes; some longer than the 4,095 bytes an entry's
      // flags can give.
      name: fc.array(fc.constantFrom("files", "en-us", "glossary", "dom", "été", "a", "x".repeat(300), "y".repeat(2_000)), { minLength: 1, maxLength: 6 }).map((parts) => parts.join("/")),
      seconds: fc.oneof(fc.constant(0), fc.nat(2 ** 32 - 1)),
      // No times at all (a conflict, a file brought back from a stash), or a time of change.
      changed: fc.oneof(fc.constant(0), fc.nat(2 ** 32 - 1)),
      extended: fc.boolean(),
    });
    const input = fc.record({
      version: fc.constantFrom(2, 3, 4),
      entries: fc.uniqueArray(entry, { selector: (e) => e.name, maxLength: 12 }),
      extension: fc.boolean(),
      since: fc.nat(2 ** 32 - 1),
    });
    fc.assert(
      fc.property(input, ({ version, entries, extension, since: seconds }) => {
        const sorted = [...entries].sort((a, b) => Buffer.compare(Buffer.from(a.name), Buffer.from(b.name)));
        fs.writeFileSync(indexFile, encodeIndex(version, sorted, extension));
        const read = gitsReading(root, { GIT_INDEX_FILE: indexFile });
        expect(read).toEqual(sorted.map((e): [string, number, number] => [e.name, e.changed, e.seconds]));
        expect(filesWrittenSince(fs.readFileSync(indexFile), seconds)).toEqual(since(read, seconds));
        const reading = readGitIndex(fs.readFileSync(indexFile), "", seconds * 1000, "index.md")!;
        expect(reading.trackedHash).toEqual(pathSetHash(reading.tracked()));
        // Below a folder: the same files, by their paths from there.
        for (const folder of ["files", "files/en-us"]) {
          const inside = since(read, seconds).filter((name) => name.startsWith(`${folder}/`)).map((name) => name.slice(folder.length + 1));
          expect(readGitIndex(fs.readFileSync(indexFile), folder, seconds * 1000, "index.md")?.written).toEqual(inside);
        }
      }),
      { numRuns: 60 },
    );
  });

  it("takes no path as below a folder for what an earlier, longer path left after it (version 4)", () => {
    // "files" keeps "fil" of "filas/en-us/x", whose "/en-us/x" is still there after it: not below files/en-us.
    const entries = [{ name: "filas/en-us/x", changed: 0, seconds: 0, extended: false }, { name: "files", changed: 0, seconds: 0, extended: false }];
    const root = repository();
    const indexFile = path.join(root, "synthetic-index");
    fs.writeFileSync(indexFile, encodeIndex(4, entries, false));
    expect(gitsReading(root, { GIT_INDEX_FILE: indexFile }).map(([name]) => name)).toEqual(["filas/en-us/x", "files"]);
    const reading = readGitIndex(fs.readFileSync(indexFile), "files/en-us", 0, "x");
    expect(reading?.written).toEqual([]);
    expect(reading?.tracked()).toEqual([]);
  });

  it("gives a list or null, and nothing else, for any damage to an index", () => {
    const root = repository();
    writeTimed(root, files);
    git(["add", "-A"], root);
    for (const version of [2, 4]) {
      git(["update-index", "--index-version", String(version)], root);
      const bytes = indexOf(root);
      fc.assert(
        fc.property(fc.array(fc.tuple(fc.nat(bytes.length - 1), fc.nat(255)), { minLength: 1, maxLength: 4 }), fc.nat(bytes.length), (changes, length) => {
          const damaged = Buffer.from(bytes.subarray(0, length));
          for (const [at, value] of changes) if (at < damaged.length) damaged[at] = value;
          const found = filesWrittenSince(damaged, 0);
          expect(found === null || (Array.isArray(found) && found.every((name) => typeof name === "string"))).toBe(true);
        }),
        { numRuns: 2_000 },
      );
      expect(filesWrittenSince(bytes.subarray(0, bytes.length - 1), 0)).toBeNull();
      expect(filesWrittenSince(Buffer.concat([bytes, Buffer.alloc(1)]), 0)).toBeNull();
    }
  });
});

/**
 * An index file as Git writes it (gitformat-index): the header, each entry's stat data (only its times of
 * change and modification set), object name and flags (the extended ones when asked, from version 3), its name (prefix-compressed
 * in version 4, padded with NULs to 8 bytes before), an optional extension, and the SHA-1 of it all.
 */
function encodeIndex(version: number, entries: ReadonlyArray<{ name: string; changed: number; seconds: number; extended: boolean }>, extension: boolean): Buffer {
  const parts: Buffer[] = [];
  const header = Buffer.alloc(12);
  header.write("DIRC", 0, "latin1");
  header.writeUInt32BE(version, 4);
  header.writeUInt32BE(entries.length, 8);
  parts.push(header);
  let previous = Buffer.alloc(0);
  for (const entry of entries) {
    const name = Buffer.from(entry.name);
    const extended = version >= 3 && entry.extended;
    const fixed = Buffer.alloc(62 + (extended ? 2 : 0));
    fixed.writeUInt32BE(entry.changed, 0);
    fixed.writeUInt32BE(entry.seconds, 8);
    fixed.writeUInt32BE(0o100644, 24);
    createHash("sha1").update(entry.name).digest().copy(fixed, 40);
    fixed.writeUInt16BE((extended ? 0x4000 : 0) | Math.min(name.length, 0xfff), 60);
    // Intent to add: a flag Git reads in the extended word.
    if (extended) fixed.writeUInt16BE(0x2000, 62);
    parts.push(fixed);
    if (version === 4) {
      let common = 0;
      while (common < previous.length && common < name.length && previous[common] === name[common]) common++;
      parts.push(varint(previous.length - common), name.subarray(common), Buffer.alloc(1));
      previous = name;
    } else {
      const size = (fixed.length + name.length + 8) & ~7;
      parts.push(name, Buffer.alloc(size - fixed.length - name.length));
    }
  }
  // An extension Git does not know and may leave out (its signature starts with a capital letter).
  if (extension) {
    const data = Buffer.from("extension data");
    const head = Buffer.alloc(8);
    head.write("ZZZZ", 0, "latin1");
    head.writeUInt32BE(data.length, 4);
    parts.push(head, data);
  }
  const body = Buffer.concat(parts);
  return Buffer.concat([body, createHash("sha1").update(body).digest()]);
}

/** A number as Git's index version 4 writes it (varint.c's encode_varint). */
function varint(value: number): Buffer {
  const bytes = [value & 0x7f];
  while ((value >>= 7) > 0) {
    value -= 1;
    bytes.unshift(0x80 | (value & 0x7f));
  }
  return Buffer.from(bytes);
}
