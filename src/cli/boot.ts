// Starts the bundled program through V8's code cache: compiled code saved beside each bundle is reused, so
// starting costs little more than Node.js itself. A cache from another Node.js is rebuilt, never trusted.
// The core bundle (glossary.cjs) is loaded first; every other bundle (lazy/*.cjs, vendor/*.cjs) the first
// time one of its modules is needed, asked for as `glossary-module:<bundle>:<file>` or `glossary-vendor:<name>`.

import fs from "node:fs";
import path from "node:path";
import vm from "node:vm";
import type { ProcessLike } from "../output/stream.js";

/** What the core bundle exports (see scripts/build.mjs). */
interface Core {
  run(packageRoot: string): Promise<void>;
  start(proc: ProcessLike, options: { packageRoot: string; version: string }): Promise<number>;
  version: string;
}

interface Bundle {
  exports: { modules?: Record<string, unknown> } & Record<string, unknown>;
  /** Saves the code compiled so far as the cache for next time. */
  saveCache(): void;
  /** True when no usable cache was found. */
  cacheMissed: boolean;
}

const MODULE_PREFIX = "glossary-module:";
const VENDOR_PREFIX = "glossary-vendor:";
let dist = "";
const bundles = new Map<string, Bundle>();

/**
 * The `require` bundles are given: the program's own modules from their bundles, anything else (Node's
 * modules: the bundles hold every package they use) from Node.
 */
function bundleRequire(): (id: string) => unknown {
  return (id) => {
    if (id.startsWith(MODULE_PREFIX)) {
      const [bundle, module] = splitOnce(id.slice(MODULE_PREFIX.length), ":");
      const exports = loadBundle(bundle).exports.modules?.[module];
      if (exports === undefined) throw new Error(`${module} is not in the bundle ${bundle}: rebuild with npm run build`);
      return exports;
    }
    if (id.startsWith(VENDOR_PREFIX)) return loadBundle(`vendor/${id.slice(VENDOR_PREFIX.length)}`).exports;
    return require(id);
  };
}

function splitOnce(text: string, separator: string): [string, string] {
  const at = text.indexOf(separator);
  return [text.slice(0, at), text.slice(at + 1)];
}

/** Loads `dist/<name>.cjs` once, with its code cache when that matches. */
function loadBundle(name: string): Bundle {
  const loaded = bundles.get(name);
  if (loaded) return loaded;
  const file = path.join(dist, `${name}.cjs`);
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
  const module = { exports: {} as Bundle["exports"] };
  const bundle: Bundle = {
    get exports() {
      return module.exports;
    },
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
  bundles.set(name, bundle);
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, bundleRequire(), module, file, path.dirname(file));
  return bundle;
}

function loadCore(packageRoot: string): Core {
  dist = path.join(packageRoot, "dist");
  return loadBundle("glossary").exports as unknown as Core;
}

function saveMissedCaches(): void {
  for (const bundle of bundles.values()) if (bundle.cacheMissed) bundle.saveCache();
}

/** Runs the program with this process's arguments; refreshes a code cache that did not match. */
export async function boot(packageRoot: string): Promise<void> {
  const core = loadCore(packageRoot);
  process.once("exit", saveMissedCaches);
  await core.run(packageRoot);
}

type CommandLine = readonly string[] | { argv: readonly string[]; env: Record<string, string> };

/**
 * Build step: runs typical command lines in one process (output discarded), then saves the compiled code
 * of everything they used as the code caches. The core's cache holds only what `lookups` use: the smaller a
 * cache, the sooner it is read at start, and the everyday lookup is what must start fastest (the others
 * compile the little more they need).
 */
export async function warmUp(packageRoot: string, lookups: readonly CommandLine[], others: readonly CommandLine[]): Promise<void> {
  const core = loadCore(packageRoot);
  const sink = { write: () => true, isTTY: false };
  const run = async (lines: readonly CommandLine[]): Promise<void> => {
    for (const line of lines) {
      const { argv, env } = "argv" in line ? line : { argv: line, env: { LANG: "C" } };
      await core.start({ argv, env, stdout: sink, stderr: sink, cwd: packageRoot }, { packageRoot, version: core.version });
    }
  };
  await run(lookups);
  bundles.get("glossary")!.saveCache();
  await run(others);
  for (const [name, bundle] of bundles) if (name !== "glossary") bundle.saveCache();
}
