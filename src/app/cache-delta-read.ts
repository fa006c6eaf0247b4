// Opens a cached build with the delta segment beside it (loaded only when a source has one).

import fs from "node:fs";
import path from "node:path";
import { OverlayIndex, isDeltaPatch } from "../index/overlay.js";
import { DiskIndex, IndexCorruptError } from "../index/store.js";

/** The file of a delta folder holding its {@link DeltaPatch}. */
export const PATCH_FILE = "patch.json";

/** A build read with its delta (see {@link OverlayIndex}); throws {@link IndexCorruptError} if they do not fit. */
export function openDelta(base: DiskIndex, folder: string, real: string): OverlayIndex {
  let patch: unknown;
  try {
    patch = JSON.parse(fs.readFileSync(path.join(folder, PATCH_FILE), "utf8"));
  } catch {
    throw new IndexCorruptError(`delta patch unreadable: ${folder}`);
  }
  if (!isDeltaPatch(patch)) throw new IndexCorruptError(`delta patch malformed: ${folder}`);
  return new OverlayIndex(base, new DiskIndex(folder, real), patch);
}
