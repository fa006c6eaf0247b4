// Reads the beginning of a page file, up to a size limit, without loading any page reader (lookups use it).

import fs from "node:fs";

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
 * The first `maxBytes` of a text file read from an open descriptor, cut after its last whole line (so no
 * character is cut in two).
 */
export function readHead(fd: number, size: number, maxBytes: number): string {
  const wanted = Math.min(size, maxBytes);
  const buffer = Buffer.allocUnsafe(wanted);
  let length = 0;
  while (length < wanted) {
    const read = fs.readSync(fd, buffer, length, wanted - length, length);
    if (read === 0) break;
    length += read;
  }
  if (length < size) {
    const newline = buffer.lastIndexOf(10, length - 1);
    if (newline >= 0) length = newline + 1;
  }
  return buffer.toString("utf8", 0, length);
}
