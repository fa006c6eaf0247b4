#!/usr/bin/env node
// Command-line entry point: loads the program bundled into dist/ (built by `npm install`) and runs it.
"use strict";

const fs = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");

/**
 * Loads a bundle with the V8 code cache saved beside it when that matches (a cache made by another Node.js
 * is rejected by V8 and made again). The bundle is run directly rather than required: Node's module
 * resolution would cost more than the file.
 */
function load(file, requireModule) {
  const source = fs.readFileSync(file, "utf8");
  const cacheFile = `${file}.cache`;
  let cachedData;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: file, cachedData });
  const module_ = { exports: {} };
  script.runInThisContext()(module_.exports, requireModule, module_, file, path.dirname(file));
  return {
    exports: module_.exports,
    cacheMissed: cachedData === undefined || script.cachedDataRejected === true,
    saveCache() {
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

/** Loads the core bundle, which links the others (src/cli/boot.ts). */
function loadProgram(packageRoot) {
  const link = { require };
  const core = load(path.join(packageRoot, "dist", "glossary.cjs"), (id) => link.require(id));
  return { core, load, nodeRequire: require, link };
}

/** Why the program cannot start, in one line: a missing, unreadable, damaged or outdated build. */
function notStarted(error, packageRoot) {
  const build = `run \`npm install\` or \`npm run build\` in ${packageRoot}`;
  const code = error !== null && typeof error === "object" ? error.code : undefined;
  if (code === "ENOENT") return `the program is not built; ${build}`;
  if (typeof code === "string") return `cannot read the program (${code}); ${build}`;
  if (error === null) return `the program's build is out of date; ${build}`;
  const message = String(error instanceof Error ? error.message : error).split("\n")[0].replace(/[\u0000-\u001f\u007f-\u009f]/g, "");
  return `the program's build is damaged (${message}); ${build}`;
}

// The build loads the program through this file without running it (scripts/build.mjs).
if (globalThis[Symbol.for("glossary.loadOnly")] === true) {
  module.exports = { loadProgram };
} else {
  const packageRoot = path.join(__dirname, "..");
  let program;
  let problem = null;
  try {
    program = loadProgram(packageRoot);
    if (typeof program.core.exports.boot !== "function") problem = notStarted(null, packageRoot);
  } catch (error) {
    problem = notStarted(error, packageRoot);
  }
  if (problem !== null) {
    process.stderr.write(`glossary: ${problem}\n`);
    process.exit(2);
  }
  program.core.exports.boot(packageRoot, program);
}
