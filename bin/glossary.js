#!/usr/bin/env node
// Command-line entry point: runs the bundled program (built into dist/ by `npm install`).

import { fileURLToPath } from "node:url";

const packageRoot = fileURLToPath(new URL("..", import.meta.url));
let program;
try {
  program = await import("../dist/glossary.js");
} catch {
  process.stderr.write("glossary: the program is not built; run `npm install` or `npm run build` in " + packageRoot + "\n");
  process.exit(2);
}
await program.run(packageRoot);
