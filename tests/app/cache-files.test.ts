// Tests of a build's page files kept as sorted lines: every search answers as a scan of the whole list does.
import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BuildFiles, FILES_FILE, insertSorted, sortedUnique, writeBuildFiles } from "../../src/app/cache-files.js";
import type { BuildFile } from "../../src/app/cache-types.js";
import { IndexCorruptError } from "../../src/index/store.js";
import { tempFolder } from "../helpers.js";

// Path segments that sort around `/` and the characters JSON escapes, with non-ASCII letters and a quote.
const SEGMENT = fc.constantFrom("a", "a-b", "a0", "b", "index.md", "é", "a\"b", "a\\b", "z\u007f", "\u{1f600}", "A", "a b", "ab");
const relativePath = fc.array(SEGMENT, { minLength: 1, maxLength: 4 }).map((segments) => segments.join("/"));
const group = fc.option(fc.constantFrom("en-US\u0000glossary/a", "fr\u0000glossary/a", "en-US\u0000glossary/b", "en-US\u0000glossary/é"), { nil: null });

const buildFiles = fc.uniqueArray(
  fc.record({ relative: relativePath, group, parent: group, id: fc.integer({ min: -1, max: 50 }), mtime: fc.nat(), size: fc.nat() }),
  { selector: (file) => file.relative, maxLength: 40 },
).map((files) =>
  files.map(({ relative, group, parent, id, mtime, size }): BuildFile => [relative, mtime, size, group === null ? null : group.split("\u0000")[0]!, group, group === null ? -1 : id, id & 3, parent]),
);

/** The folders holding a list's files (each as a prefix: its path and `/`), and the source itself (empty). */
function prefixes(files: readonly BuildFile[]): string[] {
  const found = new Set([""]);
  for (const [relative] of files) for (let end = relative.indexOf("/"); end >= 0; end = relative.indexOf("/", end + 1)) found.add(relative.slice(0, end + 1));
  return [...found];
}

const sorted = (files: readonly BuildFile[]): BuildFile[] => [...files].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));

describe("a build's page files", () => {
  it("are found by path, by folder (the names in it), by slug group and by parent group as a scan of the list finds them", () => {
    const folder = tempFolder("glossary-files-");
    try {
      fc.assert(
        // Read in pieces of a few bytes too, so that lines span pieces.
        fc.property(buildFiles, relativePath, fc.nat(1), fc.constantFrom(5, 64, 65536), (files, missing, parity, chunkBytes) => {
          // The names of every other folder are listed as the build watches it; the others are found from the paths.
          const watched = prefixes(files).filter((_, n) => n % 2 === parity).map((prefix) => prefix.slice(0, -1));
          writeBuildFiles(folder, "stamp-1", files, watched);
          const table = new BuildFiles(folder, chunkBytes);
          expect(table.stamp).toBe("stamp-1");
          expect(table.count).toBe(files.length);
          for (const file of files) expect(table.get(file[0])).toEqual(file);
          expect(table.get(missing)).toEqual(files.find((file) => file[0] === missing));
          // Read whole, then searched by path from memory.
          const whole = new BuildFiles(folder, chunkBytes);
          expect(sorted(whole.all())).toEqual(sorted(files));
          for (const file of files) expect(whole.get(file[0])).toEqual(file);
          expect(whole.get(missing)).toEqual(files.find((file) => file[0] === missing));
          for (const prefix of [...prefixes(files), `${missing}/`]) {
            const below = files.filter((file) => file[0].startsWith(prefix));
            expect(sorted(table.under(prefix))).toEqual(sorted(below));
            expect(table.names(prefix)).toEqual(sortedUnique([...table.names(prefix)]));
            expect([...table.names(prefix)].sort()).toEqual([...new Set(below.map((file) => file[0].slice(prefix.length).split("/")[0]!))].sort());
          }
          for (const key of [...new Set(files.flatMap((file) => [file[4], file[7]]))]) {
            if (key === null) continue;
            expect(sorted(table.ofGroup(key))).toEqual(sorted(files.filter((file) => file[4] === key)));
            expect(sorted(table.childrenOf(key))).toEqual(sorted(files.filter((file) => file[7] === key && file[5] >= 0)));
          }
        }),
        { numRuns: 300 },
      );
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  it("refuses a damaged list", () => {
    const folder = tempFolder("glossary-files-");
    try {
      writeBuildFiles(folder, "stamp-1", [["a/index.md", 1, 2, "en-US", "en-US\u0000glossary/a", 0, 1, null]], [""]);
      fs.writeFileSync(path.join(folder, FILES_FILE), `${JSON.stringify({ stamp: "stamp-1", count: 1 })}\n"a/index.md"\t[1, 2`);
      expect(() => new BuildFiles(folder).get("a/index.md")).toThrow(IndexCorruptError);
      fs.writeFileSync(path.join(folder, FILES_FILE), "not a header");
      expect(() => new BuildFiles(folder)).toThrow(IndexCorruptError);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  it("refuses each of its files when it lost a line or gained one", () => {
    const folder = tempFolder("glossary-files-");
    try {
      const files: BuildFile[] = ["a", "b", "c"].map((name, id) => [`${name}/index.md`, 1, 2, "en-US", `en-US\u0000glossary/${name}`, id, 1, "en-US\u0000glossary"]);
      const names = ["files.tsv", "files-by-group.tsv", "files-by-parent.tsv", "files-by-folder.tsv"];
      // Each file read as a delta reads it: a search of each kind, and the whole list.
      const use = (table: BuildFiles): unknown => [table.get("b/index.md"), table.ofGroup("en-US\u0000glossary/b"), table.childrenOf("en-US\u0000glossary"), table.names(""), table.all()];
      writeBuildFiles(folder, "stamp-1", files, [""]);
      expect(() => use(new BuildFiles(folder))).not.toThrow();
      expect([...new BuildFiles(folder).paths()]).toEqual(["a/index.md", "b/index.md", "c/index.md"]);
      for (const name of names) {
        const file = path.join(folder, name);
        const text = fs.readFileSync(file, "utf8");
        const lines = text.split("\n");
        // The second line of the file dropped (the header kept), then a line added.
        for (const changed of [[lines[0], ...lines.slice(2)].join("\n"), `${text}"z"\t"z"\n`]) {
          fs.writeFileSync(file, changed);
          expect(() => use(new BuildFiles(folder)), `${name}: ${JSON.stringify(changed)}`).toThrow(IndexCorruptError);
          // The paths alone, read without the rest of each line, too.
          if (name === "files.tsv") expect(() => [...new BuildFiles(folder).paths()], JSON.stringify(changed)).toThrow(IndexCorruptError);
        }
        fs.writeFileSync(file, text);
      }
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe("sortedUnique and insertSorted", () => {
  it("gives the strings once each in code unit order, as a set of them sorted does", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(SEGMENT, fc.string({ unit: "binary", maxLength: 4 })), { maxLength: 30 }), (strings) => {
        const expected = [...new Set(strings)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
        expect(sortedUnique([...strings])).toEqual(expected);
        expect(sortedUnique([...expected])).toEqual(expected);
      }),
    );
  });
  it("insert a string in its place once, as sorting the strings with it does", () => {
    fc.assert(
      fc.property(fc.array(SEGMENT, { maxLength: 20 }), fc.array(fc.oneof(SEGMENT, fc.string({ unit: "binary", maxLength: 3 })), { maxLength: 6 }), (strings, more) => {
        const sorted = sortedUnique([...strings]);
        for (const text of more) insertSorted(sorted, text);
        expect(sorted).toEqual(sortedUnique([...strings, ...more]));
      }),
    );
  });
});
