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

if (require.main === module) {
  const packageRoot = path.join(__dirname, "..");
  let program;
  try {
    program = loadProgram(packageRoot);
  } catch (error) {
    if (error === null || typeof error !== "object" || error.code !== "ENOENT") throw error;
    process.stderr.write(`glossary: the program is not built; run \`npm install\` or \`npm run build\` in ${packageRoot}\n`);
    process.exit(2);
  }
  program.core.exports.boot(packageRoot, program);
} else {
  module.exports = { loadProgram };
}
