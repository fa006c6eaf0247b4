// Reads the beginning of a page file, up to a size limit, without loading any page reader (lookups use it).

import fs from "node:fs";
import { readAt } from "./read-file.js";

/**
 * The whole text of a file of at most `maxBytes` bytes and its size, read from an open descriptor without
 * asking for its size (a read, then one that finds its end: asking costs a lookup more than reading); null
 * when the file is larger.
 */
export function readWhole(fd: number, maxBytes: number): { text: string; size: number } | null {
  const buffer = Buffer.allocUnsafe(maxBytes + 1);
  let length = 0;
  for (;;) {
    const read = fs.readSync(fd, buffer, length, buffer.length - length, length);
    if (read === 0) return { text: buffer.toString("utf8", 0, length), size: length };
    length += read;
    if (length > maxBytes) return null;
  }
}

/**
 * The first `maxBytes` of a text file read from an open descriptor, cut after its last whole line, unless
 * that would leave out more than a quarter of them (a page of long lines): then before the character the
 * limit cuts in two, if it cuts one.
 */
export function readHead(fd: number, size: number, maxBytes: number): string {
  const wanted = Math.min(size, maxBytes);
  const buffer = Buffer.allocUnsafe(wanted);
  let length = readAt(fd, buffer, 0);
  if (length < size) {
    const newline = buffer.lastIndexOf(10, length - 1);
    length = newline >= 0 && newline + 1 >= length * 0.75 ? newline + 1 : wholeCharacters(buffer, length);
  }
  return buffer.toString("utf8", 0, length);
}

/** The length of the longest start of `length` bytes of UTF-8 that ends with a whole character. */
function wholeCharacters(buffer: Buffer, length: number): number {
  // The last byte that starts a character (not 10xxxxxx), within the longest character's four bytes.
  for (let at = length - 1; at >= Math.max(0, length - 4); at--) {
    const byte = buffer[at]!;
    if ((byte & 0xc0) === 0x80) continue;
    const bytes = byte < 0x80 ? 1 : byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2;
    return at + bytes <= length ? length : at;
  }
  return length;
}
