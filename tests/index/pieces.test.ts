import fc from "fast-check";
import { distance } from "fastest-levenshtein";
import { describe, expect, it } from "vitest";
import { holdsPiece, lineValue, linesHolding, termPieces, toLines } from "../../src/index/pieces.js";

/** A string at most `edits` edits from `text`, by random insertions, deletions and substitutions. */
const edited = (text: string, edits: number) =>
  fc.array(fc.tuple(fc.constantFrom("insert", "delete", "substitute"), fc.nat(), fc.constantFrom(..."abcxyz")), { maxLength: edits }).map((changes) => {
    let out = text;
    for (const [kind, at, letter] of changes) {
      const i = out.length === 0 ? 0 : at % (out.length + (kind === "insert" ? 1 : 0));
      if (kind === "insert") out = out.slice(0, i) + letter + out.slice(i);
      else if (out.length > 0 && kind === "delete") out = out.slice(0, i) + out.slice(i + 1);
      else if (out.length > 0) out = out.slice(0, i) + letter + out.slice(i + 1);
    }
    return out;
  });

describe("termPieces", () => {
  it("cuts a term into one piece more than the edits allowed", () => {
    expect(termPieces("barivenze", 2)).toEqual([
      { text: "bar", from: 0, to: 2 },
      { text: "ive", from: 1, to: 5 },
      { text: "nze", from: 4, to: 8 },
    ]);
    expect(termPieces("dom", 0)).toEqual([{ text: "dom", from: 0, to: 0 }]);
    expect(termPieces("ab", 2)).toBeUndefined();
  });
  it("gives pieces that every spelling a few edits away holds where they may be", () => {
    const case_ = fc.tuple(fc.stringMatching(/^[abcxyz]{1,14}$/), fc.integer({ min: 0, max: 3 })).chain(([term, edits]) => fc.tuple(fc.constant(term), fc.constant(edits), edited(term, edits)));
    fc.assert(
      fc.property(case_, ([term, edits, other]) => {
        const pieces = termPieces(term, edits);
        if (pieces === undefined || distance(term, other) > edits) return;
        expect(holdsPiece(other, pieces), `${term} -> ${other}`).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });
  it("is held by every word the term starts", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z]{1,10}$/), fc.stringMatching(/^[a-z ]{0,10}$/), fc.integer({ min: 0, max: 3 }), (term, rest, edits) => {
        const pieces = termPieces(term, edits);
        if (pieces) expect(holdsPiece(term + rest, pieces)).toBe(true);
      }),
    );
  });
});

describe("linesHolding", () => {
  it("finds in a list of lines exactly the keys that hold a piece", () => {
    const entry = fc.tuple(fc.stringMatching(/^[a-c .()-]{1,8}$/), fc.nat(1000));
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 40 }), fc.stringMatching(/^[a-c.(]{1,6}$/), fc.integer({ min: 0, max: 2 }), (entries, term, edits) => {
        const pieces = termPieces(term, edits);
        expect([...linesHolding(toLines(entries), pieces)]).toEqual(entries.filter(([key]) => holdsPiece(key, pieces)));
      }),
    );
  });
  it("finds the value of a key's line, and nothing for a key that only starts or ends another", () => {
    const key = fc.stringMatching(/^[ab ]{1,5}$/);
    fc.assert(
      fc.property(fc.uniqueArray(fc.tuple(key, fc.nat(1000)), { selector: ([k]) => k, maxLength: 30 }), key, (entries, asked) => {
        const found = entries.find(([k]) => k === asked);
        expect(lineValue(toLines(entries), asked)).toBe(found === undefined ? undefined : String(found[1]));
      }),
    );
    expect(lineValue(toLines([["a b", "[[1,0]]"]]), "a b")).toBe("[[1,0]]");
    expect(lineValue("a\t1", "a\t1")).toBeUndefined();
    expect(lineValue("", "a")).toBeUndefined();
  });
  it("gives every line without pieces, and nothing of an empty list", () => {
    expect([...linesHolding(toLines([["dom", 3], ["closure", 7]]), undefined)]).toEqual([["dom", 3], ["closure", 7]]);
    expect([...linesHolding("", termPieces("dom", 1))]).toEqual([]);
  });
});
