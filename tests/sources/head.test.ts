// Tests of reading the start of a page file: whole when small, cut at a line's end (or before a character, in a long line) when over a limit.
import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readHead, readWhole } from "../../src/sources/head.js";
import { tempFolder } from "../helpers.js";

function withFile<T>(content: string, read: (fd: number) => T): T {
  const file = path.join(tempFolder(), "index.md");
  fs.writeFileSync(file, content);
  const fd = fs.openSync(file, "r");
  try {
    return read(fd);
  } finally {
    fs.closeSync(fd);
  }
}

describe("readWhole", () => {
  it("gives what reading the whole file gives when it is at most the limit, and nothing when it is larger", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 200 }), fc.integer({ min: 1, max: 300 }), (content, limit) => {
        const size = Buffer.byteLength(content);
        expect(withFile(content, (fd) => readWhole(fd, limit))).toEqual(size <= limit ? { text: content, size } : null);
      }),
    );
  });
  it("reads an empty file and one of exactly the limit", () => {
    expect(withFile("", (fd) => readWhole(fd, 10))).toEqual({ text: "", size: 0 });
    expect(withFile("0123456789", (fd) => readWhole(fd, 10))).toEqual({ text: "0123456789", size: 10 });
    expect(withFile("0123456789a", (fd) => readWhole(fd, 10))).toBeNull();
  });
});

describe("readHead", () => {
  it("cuts a file over the limit after its last whole line, when that keeps three quarters of the limit", () => {
    const content = "first line\nsecond line\nthird";
    expect(withFile(content, (fd) => readHead(fd, Buffer.byteLength(content), 26))).toBe("first line\nsecond line\n");
    expect(withFile(content, (fd) => readHead(fd, Buffer.byteLength(content), 100))).toBe(content);
  });

  it("cuts a long line at the limit, before a character it would cut in two, rather than leave it out", () => {
    const content = `---\ntitle: A\n---\n\n${"é".repeat(200)}\n`;
    const head = withFile(content, (fd) => readHead(fd, Buffer.byteLength(content), 100));
    expect(head).toBe(content.slice(0, 18 + 41));
    expect(Buffer.byteLength(head)).toBe(100);
  });

  it("gives a start of the text, of whole characters, at least three quarters of the limit long (property)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", minLength: 1, maxLength: 200 }), fc.integer({ min: 4, max: 300 }), (content, limit) => {
        fc.pre(!content.includes("\ufffd"));
        const size = Buffer.byteLength(content);
        const head = withFile(content, (fd) => readHead(fd, size, limit));
        expect(content.startsWith(head)).toBe(true);
        expect(head).not.toContain("\ufffd");
        expect(Buffer.byteLength(head)).toBeLessThanOrEqual(limit);
        if (size > limit) expect(Buffer.byteLength(head)).toBeGreaterThanOrEqual(Math.min(limit * 0.75, limit - 3));
        else expect(head).toBe(content);
      }),
    );
  });
});
