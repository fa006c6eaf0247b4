// Opens a cached build with the delta segment beside it (in the cache's bundle: a lookup of a changed source loads no other).

import path from "node:path";
import { OverlayIndex, isDeltaPatch } from "../index/overlay.js";
import { DiskIndex, IndexCorruptError } from "../index/store.js";
import { readTextFile } from "../sources/read-file.js";
import { PATCH_FILE } from "./cache-root.js";

/** A build read with its delta (see {@link OverlayIndex}); throws {@link IndexCorruptError} if they do not fit. */
export function openDelta(base: DiskIndex, folder: string, real: string): OverlayIndex {
  let patch: unknown;
  try {
    patch = JSON.parse(readTextFile(path.join(folder, PATCH_FILE)));
  } catch {
    throw new IndexCorruptError(`delta patch unreadable: ${folder}`);
  }
  if (!isDeltaPatch(patch)) throw new IndexCorruptError(`delta patch malformed: ${folder}`);
  return new OverlayIndex(base, new DiskIndex(folder, real), patch);
}
