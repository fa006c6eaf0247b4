// Build step: writes the man page, man/glossary.1, from the command definitions (the source of `--help`).

import fs from "node:fs";
import path from "node:path";
import { manualPage, programDefinitions } from "../src/cli/manual.js";

const [root, version] = process.argv.slice(2) as [string, string];
const file = path.join(root, "man", "glossary.1");
const page = manualPage(programDefinitions(version), version);
fs.mkdirSync(path.dirname(file), { recursive: true });
if (!fs.existsSync(file) || fs.readFileSync(file, "utf8") !== page) fs.writeFileSync(file, page);
