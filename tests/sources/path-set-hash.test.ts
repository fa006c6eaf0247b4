// Tests of the order-independent hash of a set of paths.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PathSetHasher, changedPathSet, pathSetHash, samePathSet } from "../../src/sources/path-set-hash.js";

const paths = fc.uniqueArray(fc.string({ unit: "grapheme", maxLength: 40 }), { maxLength: 30 });

describe("pathSetHash", () => {
  it("is the same for the same paths in any order, and for paths taken out as for paths never added", () => {
    fc.assert(
      fc.property(paths, fc.uniqueArray(fc.string({ maxLength: 20 }), { maxLength: 10 }), fc.nat(), (set, extra, seed) => {
        const shuffled = [...set].sort((a, b) => (((a.length * 31 + seed) % 7) - ((b.length * 31 + seed) % 7)));
        expect(pathSetHash(shuffled)).toEqual(pathSetHash(set));
        const others = extra.filter((path) => !set.includes(path));
        const hasher = new PathSetHasher(pathSetHash([...set, ...others]));
        for (const path of others) hasher.add(path, -1);
        expect(hasher.hash).toEqual(pathSetHash(set));
        expect(samePathSet(hasher.hash, pathSetHash(set))).toBe(true);
        expect(changedPathSet(pathSetHash([...set, ...others]), others, [])).toEqual(pathSetHash(set));
        expect(changedPathSet(pathSetHash(set), [], others)).toEqual(pathSetHash([...others, ...set]));
      }),
    );
  });

  it("differs for different sets of paths, of the same size too", () => {
    fc.assert(
      fc.property(paths, fc.string({ maxLength: 40 }), fc.string({ maxLength: 40 }), (set, one, other) => {
        fc.pre(one !== other && !set.includes(one) && !set.includes(other));
        expect(samePathSet(pathSetHash([...set, one]), pathSetHash([...set, other]))).toBe(false);
        expect(samePathSet(pathSetHash([...set, one]), pathSetHash(set))).toBe(false);
      }),
    );
    // Paths that differ by one bit, or by where a byte is.
    expect(samePathSet(pathSetHash(["en-us/glossary/a/index.md"]), pathSetHash(["en-us/glossary/c/index.md"]))).toBe(false);
    expect(samePathSet(pathSetHash(["ab", "ba"]), pathSetHash(["aa", "bb"]))).toBe(false);
  });

  it("hashes a path as its UTF-8 bytes, however long", () => {
    for (const path of ["", "fr/glossary/été/index.md", "ja/glossary/非同期/index.md", "😀".repeat(200)]) {
      const bytes = new TextEncoder().encode(`..${path}..`);
      const byBytes = new PathSetHasher();
      byBytes.addBytes(bytes, 2, bytes.length - 2);
      expect(byBytes.hash).toEqual(pathSetHash([path]));
    }
  });

  it("is no set's hash when missing", () => {
    expect(samePathSet(undefined, pathSetHash([]))).toBe(false);
    expect(samePathSet(pathSetHash([]), undefined)).toBe(false);
    expect(samePathSet(pathSetHash([]), [0, 0, 0])).toBe(true);
  });
});
