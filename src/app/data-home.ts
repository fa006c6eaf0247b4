// The data folder of fetched sources (`$XDG_DATA_HOME/glossary`) and the record naming what it serves:
// read at every start, so it costs one failed open when nothing was ever fetched.

import path from "node:path";
import { errorCode } from "../errors.js";
import type { Env, FetchedSource } from "../types.js";
import { readOptionalFile } from "./optional-file.js";

/** The record of the served sources inside the data folder; replaced whole (by a rename) at each update. */
export const STATE_FILE = "sources.json";

/** The version of {@link STATE_FILE}'s format; a record of another version is not read. */
export const STATE_VERSION = 1;

/** What the data folder serves. */
export interface DataState {
  version: number;
  sources: FetchedSource[];
}

/**
 * The data folder: `$XDG_DATA_HOME/glossary`, else `~/.local/share/glossary`; null when neither can be named.
 * @example dataRoot({ XDG_DATA_HOME: "/tmp/d" }) // "/tmp/d/glossary"
 */
export function dataRoot(env: Env): string | null {
  const xdg = env["XDG_DATA_HOME"];
  if (xdg && path.isAbsolute(xdg)) return path.join(xdg, "glossary");
  const home = env["HOME"] || env["USERPROFILE"];
  return home ? path.join(home, ".local", "share", "glossary") : null;
}

/**
 * The sources the data folder serves, in the order they were fetched; empty when nothing was fetched or
 * the record cannot be read (`damaged` then says why: an update writes it again).
 */
export function readDataState(root: string | null): { sources: FetchedSource[]; damaged: string | null } {
  if (root === null) return { sources: [], damaged: null };
  let text: string | null;
  try {
    text = readOptionalFile(path.join(root, STATE_FILE));
  } catch (error) {
    // A record that cannot be read is said, not taken for nothing fetched.
    return { sources: [], damaged: `${STATE_FILE} cannot be read (${errorCode(error) || "error"})` };
  }
  if (text === null) return { sources: [], damaged: null };
  try {
    const state = JSON.parse(text) as Partial<DataState>;
    if (state.version !== STATE_VERSION || !Array.isArray(state.sources)) return { sources: [], damaged: `${STATE_FILE} is of another version` };
    const sources = state.sources.filter((source) => typeof source?.path === "string" && path.isAbsolute(source.path) && (source.kind === "mdn" || source.kind === "git"));
    return { sources, damaged: null };
  } catch {
    return { sources: [], damaged: `${STATE_FILE} is damaged` };
  }
}
