// Start-up: links the bundles of the build and starts the program with start-up's shortcuts. Every start
// runs through V8's code cache (compiled code kept for each bundle, see bin/glossary.cjs), so starting costs
// little more than Node.js itself. bin/glossary.cjs loads the core bundle (glossary.cjs, which holds this
// module) and hands over its loader; every other bundle (lazy/*.cjs, vendor/*.cjs) is loaded the first time
// one of its modules is needed, asked for as `glossary-module:<bundle>:<file>` or `glossary-vendor:<name>`.

import path from "node:path";
import process from "node:process";
import { ExitCode, GlossaryError } from "../errors.js";
import { main } from "../cli/main.js";
import { run, version } from "../cli/run.js";
import { readEverydayLine } from "./arguments.js";
import { isTerminal } from "./terminal-probe.js";

/** A bundle loaded by bin/glossary.cjs's loader. */
export interface LoadedBundle {
  /** The bundle's file. */
  file: string;
  /** What the bundle exports; `modules` gives the exports of each module other bundles import from it. */
  exports: { modules?: Record<string, () => unknown> } & Record<string, unknown>;
  /** True when no usable cache was found. */
  cacheMissed: boolean;
  /**
   * Saves the code compiled so far as the cache for next time: in the user's cache folder unless told
   * where (never in the package at run time); false when it cannot be saved.
   */
  saveCache(target?: string): boolean;
}

type Require = (id: string) => unknown;

/** What bin/glossary.cjs hands over: the core it loaded, its loader, Node's `require`, and the core's. */
export interface Program {
  core: LoadedBundle;
  /** Loads `<file>` (a bundle, run with the `require` given) with its code cache when that matches. */
  load(file: string, require: Require): LoadedBundle;
  nodeRequire: Require;
  /** What the core's `require` calls: Node's own until the bundles are linked. */
  link: { require: Require };
}

const MODULE_PREFIX = "glossary-module:";
const VENDOR_PREFIX = "glossary-vendor:";

/**
 * Links the bundles of the package: from now on every bundle's `require` gives the program's own modules
 * from their bundles (loading a bundle the first time), and anything else (Node's modules: the bundles hold
 * every package they use) from Node. `loaded` is told of each bundle loaded, the core first.
 */
function linkBundles(packageRoot: string, program: Program, loaded: (bundle: LoadedBundle) => void): Map<string, LoadedBundle> {
  const dist = path.join(packageRoot, "dist");
  const bundles = new Map<string, LoadedBundle>([["glossary", program.core]]);
  loaded(program.core);
  const loadBundle = (name: string): LoadedBundle => {
    let bundle = bundles.get(name);
    if (!bundle) {
      const file = path.join(dist, `${name}.cjs`);
      try {
        bundle = program.load(file, bundleRequire);
      } catch (error) {
        const code = error instanceof Error && "code" in error ? String(error.code) : error instanceof Error ? error.message.split("\n")[0] : String(error);
        throw new GlossaryError(`the program's build is incomplete or damaged: ${path.relative(packageRoot, file)} (${code})`, ExitCode.Usage, `run: npm run build (in ${packageRoot})`);
      }
      bundles.set(name, bundle);
      loaded(bundle);
    }
    return bundle;
  };
  const bundleRequire = (id: string): unknown => {
    if (id.startsWith(MODULE_PREFIX)) {
      const rest = id.slice(MODULE_PREFIX.length);
      const at = rest.indexOf(":");
      const [bundle, module] = [rest.slice(0, at), rest.slice(at + 1)];
      const exports = loadBundle(bundle).exports.modules?.[module];
      if (exports === undefined) throw new Error(`${module} is not in the bundle ${bundle}: rebuild with npm run build`);
      return exports();
    }
    if (id.startsWith(VENDOR_PREFIX)) return loadBundle(`vendor/${id.slice(VENDOR_PREFIX.length)}`).exports;
    return program.nodeRequire(id);
  };
  program.link.require = bundleRequire;
  return bundles;
}

/**
 * Runs the program with this process's arguments and start-up's shortcuts (the fast reader of lookups and
 * searches, the terminal probe); refreshes a code cache that did not match.
 */
export async function boot(packageRoot: string, program: Program): Promise<void> {
  // Saved at exit, when everything the run needed is compiled. (No listener at all when every cache
  // matched, the usual case: even adding one costs time at start.)
  const missed: LoadedBundle[] = [];
  linkBundles(packageRoot, program, (bundle) => {
    if (!bundle.cacheMissed) return;
    if (missed.length === 0) process.once("exit", () => missed.forEach((each) => each.saveCache()));
    missed.push(bundle);
  });
  await run(packageRoot, { isTerminal, readEveryday: readEverydayLine });
}

/** A command line to warm up with: its words, or its words with an environment, and output to a terminal. */
type CommandLine = readonly string[] | { argv: readonly string[]; env: Record<string, string>; terminal?: boolean };

/**
 * Build step: runs typical command lines in one process (output discarded), then saves the compiled code
 * of everything they used as the code caches of the bundles other than the core. (The core's cache is made
 * by a real run of the everyday lookup, which compiles exactly what every start needs: see
 * scripts/build.mjs.)
 */
export async function warmUp(packageRoot: string, program: Program, commandLines: readonly CommandLine[]): Promise<void> {
  const bundles = linkBundles(packageRoot, program, () => {});
  const sink = { write: () => true, isTTY: false };
  // A terminal as tall as any page: nothing is paged (and no pager is given).
  const terminal = { write: () => true, isTTY: true, columns: 100, rows: 10_000 };
  for (const line of commandLines) {
    const { argv, env, terminal: toTerminal = false } = "argv" in line ? line : { argv: line, env: { LANG: "C" } };
    await main({ argv, env, stdout: toTerminal ? terminal : sink, stderr: sink, cwd: packageRoot }, { packageRoot, version }, readEverydayLine);
  }
  for (const bundle of bundles.values()) if (bundle !== program.core) bundle.saveCache(`${bundle.file}.cache`);
}
