// Reads a file that may well not exist (the config file, the record of fetched sources) at little cost when it does not.

import fs from "node:fs";

/**
 * A file's text; null when there is no such file (nor folder above it). Any other failure throws, as
 * `fs.readFileSync` does. A missing file is told by a stat that throws nothing: a lookup asks for two such
 * files on every call, and an exception costs more than the stat.
 * @example readOptionalFile("/home/u/.config/glossary/config.toml") // null when there is none
 */
export function readOptionalFile(file: string): string | null {
  try {
    if (fs.statSync(file, { throwIfNoEntry: false }) === undefined) return null;
    return fs.readFileSync(file, "utf8");
  } catch (error) {
    const code = error instanceof Error && "code" in error ? error.code : undefined;
    if (code === "ENOENT" || code === "ENOTDIR") return null;
    throw error;
  }
}
