// Reads a file, or asks whether a folder is there, that may well not exist (the config file, the record of
// fetched sources, a folder just made or removed) at little cost when it does not.

import fs from "node:fs";
import { errorCode } from "../errors.js";
import { readTextFile } from "../sources/read-file.js";

/**
 * A file's text; null when there is no such file (nor folder above it). Any other failure throws, as
 * `fs.readFileSync` does, and so does anything but a regular file (code `ENOTREG`: a named pipe would
 * make every call wait for a writer). A missing file is told by a stat that throws nothing: a lookup asks for two such
 * files on every call, and an exception costs more than the stat.
 * @example readOptionalFile("/home/u/.config/glossary/config.toml") // null when there is none
 */
export function readOptionalFile(file: string): string | null {
  try {
    const stats = fs.statSync(file, { throwIfNoEntry: false });
    if (stats === undefined) return null;
    if (!stats.isFile()) {
      const code = stats.isDirectory() ? "EISDIR" : "ENOTREG";
      throw Object.assign(new Error(`${code}: not a regular file, read '${file}'`), { code });
    }
    return readTextFile(file);
  } catch (error) {
    const code = errorCode(error);
    if (code === "ENOENT" || code === "ENOTDIR") return null;
    throw error;
  }
}

/** True when a path is a folder now (through links); false when it is missing, or anything else. */
export function isFolder(file: string): boolean {
  try {
    return fs.statSync(file, { throwIfNoEntry: false })?.isDirectory() === true;
  } catch {
    return false;
  }
}
