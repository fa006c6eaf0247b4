#!/usr/bin/env node
// Command-line entry point: starts the program bundled into dist/ (built by `npm install`).
"use strict";

const fs = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");

// dist/boot.cjs is run directly rather than required: Node's module resolution would cost more than the file.
const boot = path.join(__dirname, "..", "dist", "boot.cjs");
let source;
try {
  source = fs.readFileSync(boot, "utf8");
} catch {
  process.stderr.write(`glossary: the program is not built; run \`npm install\` or \`npm run build\` in ${path.join(__dirname, "..")}\n`);
  process.exit(2);
}
const module_ = { exports: {} };
vm.runInThisContext(`(function (exports, require, module) {${source}\n})`, { filename: boot })(module_.exports, require, module_);
module_.exports.boot(path.join(__dirname, ".."));
