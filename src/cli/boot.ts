// Starts the bundled program through V8's code cache: compiled code saved beside each bundle is reused, so
// starting costs little more than Node.js itself. A cache from another Node.js is rebuilt, never trusted.
// The core bundle (glossary.cjs) loads the others (lazy/*.cjs) through `loadLazy` when it first needs them.

import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import vm from "node:vm";
import type { ProcessLike } from "../output/stream.js";

/** What the core bundle exports (see scripts/build.mjs). */
interface Core {
  run(packageRoot: string): Promise<void>;
  main(proc: ProcessLike, options: { packageRoot: string; version: string }): Promise<number>;
  version: string;
  coreModules: Record<string, unknown>;
}

interface Script<T> {
  exports: T;
  /** Saves the code compiled so far as the cache for next time. */
  saveCache(): void;
  /** True when no usable cache was found. */
  cacheMissed: boolean;
}

const CORE_PREFIX = "glossary-core:";
let dist = "";
let core: Script<Core> | undefined;
const lazy = new Map<string, Script<unknown>>();

function loadScript<T>(file: string, requireModule: (id: string) => unknown): Script<T> {
  const cacheFile = `${file}.cache`;
  const source = fs.readFileSync(file, "utf8");
  let cachedData: Buffer | undefined;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const wrapper = `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
  const script = new vm.Script(wrapper, { filename: file, ...(cachedData ? { cachedData } : {}) });
  const module = { exports: {} as T };
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, requireModule, module, file, path.dirname(file));
  return {
    exports: module.exports,
    cacheMissed: cachedData === undefined || script.cachedDataRejected === true,
    saveCache: () => {
      const temporary = `${cacheFile}.tmp-${process.pid}`;
      try {
        fs.writeFileSync(temporary, script.createCachedData());
        fs.renameSync(temporary, cacheFile);
      } catch {
        // An installed package may be read-only: the program then simply starts without the cache.
        fs.rmSync(temporary, { force: true });
      }
    },
  };
}

function loadCore(packageRoot: string): Script<Core> {
  dist = path.join(packageRoot, "dist");
  const file = path.join(dist, "glossary.cjs");
  core ??= loadScript<Core>(file, createRequire(file));
  return core;
}

/** The exports of a lazily loaded bundle, loaded on first call; its imports of core modules get the core's. */
export function loadLazy(name: string): unknown {
  let script = lazy.get(name);
  if (!script) {
    const file = path.join(dist, "lazy", `${name}.cjs`);
    const requireNode = createRequire(file);
    const modules = core!.exports.coreModules;
    script = loadScript(file, (id) => (id.startsWith(CORE_PREFIX) ? modules[id.slice(CORE_PREFIX.length)] : requireNode(id)));
    lazy.set(name, script);
  }
  return script.exports;
}

/** Loads a vendored dependency bundle (dist/vendor/<name>.cjs) through the code cache. */
export function loadVendor(name: string): unknown {
  let script = lazy.get(`vendor/${name}`);
  if (!script) {
    const file = path.join(dist, "vendor", `${name}.cjs`);
    script = loadScript(file, createRequire(file));
    lazy.set(`vendor/${name}`, script);
  }
  return script.exports;
}

function saveMissedCaches(): void {
  for (const script of [core, ...lazy.values()]) if (script?.cacheMissed) script.saveCache();
}

/** Runs the program with this process's arguments; refreshes a code cache that did not match. */
export async function boot(packageRoot: string): Promise<void> {
  const program = loadCore(packageRoot);
  process.once("exit", saveMissedCaches);
  await program.exports.run(packageRoot);
}

/**
 * Build step: runs typical command lines in one process (output discarded), then saves the compiled code
 * of everything they used as the code caches.
 */
export async function warmUp(packageRoot: string, commandLines: readonly string[][]): Promise<void> {
  const program = loadCore(packageRoot);
  const sink = { write: () => true, isTTY: false };
  for (const argv of commandLines) {
    const options = { packageRoot, version: program.exports.version };
    await program.exports.main({ argv, env: { LANG: "C" }, stdout: sink, stderr: sink, cwd: packageRoot }, options);
  }
  program.saveCache();
  for (const script of lazy.values()) script.saveCache();
}
