// Reads files that another program could have replaced by a named pipe (cache files, pages, the config
// file) without waiting on it: opened without blocking, a pipe reads as empty instead of hanging the call.

import fs from "node:fs";

/**
 * The flags to open a file for reading without waiting: a named pipe (FIFO) opens at once and reads as
 * empty, where a plain open would wait forever for a writer. Regular files read as always.
 */
export const READ_NO_WAIT = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0);

/**
 * Reads an open file from `position` into the whole of `buffer`, or until the file ends: a read may give
 * fewer bytes than asked for, so reads follow until it is full. Returns the bytes read.
 */
export function readAt(fd: number, buffer: Buffer, position: number): number {
  let done = 0;
  while (done < buffer.length) {
    const read = fs.readSync(fd, buffer, done, buffer.length - done, position + done);
    if (read === 0) break;
    done += read;
  }
  return done;
}

/**
 * A file's text, read as `fs.readFileSync(file, "utf8")` reads it (and throwing as it does), except that a
 * named pipe is not waited on: it reads as empty, which every reader of cache files takes as damaged.
 * @example readTextFile("/home/u/.cache/glossary/sources/1a2b/current.json") // '{"version":...}'
 */
export function readTextFile(file: string): string {
  const fd = fs.openSync(file, READ_NO_WAIT);
  try {
    return fs.readFileSync(fd, "utf8");
  } finally {
    fs.closeSync(fd);
  }
}
