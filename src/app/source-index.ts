// The index of a source folder: from the cache when it is fresh, else built (and cached when the cache can
// be written), rebuilt whenever it is stale, damaged or of another version.

import fs from "node:fs";
import type { GlossaryIndex } from "../index/reader.js";
import { BUILD_ID } from "../version.js";
import { type CacheOptions, openCurrent, sourceCacheFolder } from "./cache.js";

/**
 * The index of a source folder (already checked to exist): from the cache when it is fresh, else built
 * (and cached when the cache can be written). Never fails because of the cache: an unusable cache location
 * means working without one. Building loads the page reader and indexer, so it happens only when needed.
 */
export async function openSourceIndex(folder: string, options: CacheOptions): Promise<GlossaryIndex> {
  const real = fs.realpathSync.native(folder);
  if (options.root !== null && !options.rebuild) {
    const cached = openCurrent(sourceCacheFolder(options.root, real), real, options.program ?? BUILD_ID);
    if (cached) return cached;
  }
  const { buildSourceIndex } = await import("./cache-build.js");
  return buildSourceIndex(real, options);
}
