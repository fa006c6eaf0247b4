#!/usr/bin/env node
// Command-line entry point: starts the program bundled into dist/ (built by `npm install`).
"use strict";

const path = require("node:path");

let start;
try {
  start = require("../dist/boot.cjs");
} catch {
  process.stderr.write(`glossary: the program is not built; run \`npm install\` or \`npm run build\` in ${path.join(__dirname, "..")}\n`);
  process.exit(2);
}
start.boot(path.join(__dirname, ".."));
