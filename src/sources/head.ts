// Reads the beginning of a page file, up to a size limit, without loading any page reader (lookups use it).

import fs from "node:fs";

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
