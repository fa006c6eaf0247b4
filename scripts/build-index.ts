// Build step: reads the bundled entries in data/ and writes their prebuilt index to dist/index/.

import path from "node:path";
import { buildIndex } from "../src/index/build.js";
import { writeIndex } from "../src/index/store.js";
import { relativeTo, scanSource } from "../src/sources/scan.js";

const [dataFolder, indexFolder] = process.argv.slice(2);
if (!dataFolder || !indexFolder) throw new Error("usage: build-index <data folder> <index folder>");
const root = path.resolve(dataFolder);
const scan = scanSource(root);
const errors = scan.problems.filter((p) => p.severity === "error");
for (const problem of scan.problems) console.error(`${problem.path}:${problem.line}: ${problem.severity}: ${problem.message}`);
const data = buildIndex(scan.pages, relativeTo(root));
for (const problem of data.duplicates) console.error(`${problem.path}:${problem.line}: error: ${problem.message}`);
if (errors.length > 0 || data.duplicates.length > 0) process.exit(1);
const stamp = `bundled-${Date.now().toString(36)}`;
writeIndex(data, path.resolve(indexFolder), stamp);
console.log(`indexed ${data.records.length} bundled entries (${[...data.locales].map(([l, n]) => `${l} ${n}`).join(", ")})`);
