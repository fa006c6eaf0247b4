// Opens a cached build with the delta segment beside it (loaded only when a source has one).

import path from "node:path";
import { OverlayIndex, isDeltaPatch } from "../index/overlay.js";
import { DiskIndex, IndexCorruptError } from "../index/store.js";
import { readTextFile } from "../sources/read-file.js";

/** The file of a delta folder holding its {@link DeltaPatch}. */
export const PATCH_FILE = "patch.json";

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
