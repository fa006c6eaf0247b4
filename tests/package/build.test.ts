// The build is reproducible: two builds of the same files, in two folders, write the same dist/ and the same
// package (V8's code caches aside: they are not shipped, see DESIGN.md), and the notices it writes list every
// package it inlines into what the package ships, with that package's licence text.

import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ROOT, tempFolder } from "../helpers.js";

/** What the build reads (anything else it needed would make it fail here). */
const BUILD_INPUTS = ["bin", "data", "man", "scripts", "src", "package.json", "package-lock.json", "tsconfig.json", "tsconfig.library.json"];
const hasNpm = spawnSync("npm", ["--version"], { encoding: "utf8" }).status === 0;

/** Copies the project's sources into a new folder, builds there, and returns the folder. */
function buildCopy(env: Record<string, string> = {}): string {
  const copy = tempFolder("glossary-build-");
  for (const name of BUILD_INPUTS) fs.cpSync(path.join(ROOT, name), path.join(copy, name), { recursive: true });
  fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(copy, "node_modules"));
  const built = spawnSync(process.execPath, ["scripts/build.mjs"], { cwd: copy, env: { ...process.env, ...env }, encoding: "utf8", timeout: 900_000 });
  if (built.status !== 0) throw new Error(`the build failed: ${built.stderr}`);
  return copy;
}

/** Every file below a folder, relative to it, sorted. */
const filesBelow = (folder: string) =>
  fs
    .readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(folder, path.join(entry.parentPath, entry.name)))
    .sort();

/** The section of the notices about one package: from its heading to the next package's (`## name@version`). */
function sectionOf(notices: string, identity: string): string | undefined {
  const start = notices.indexOf(`\n## ${identity}\n`);
  if (start === -1) return undefined;
  const rest = notices.slice(start + 1);
  const end = rest.slice(1).search(/^## \S+@\d\S*$/m);
  return end === -1 ? rest : rest.slice(0, end + 1);
}

describe("the build", () => {
  let first: string;
  let second: string;
  let inputsFile: string;
  beforeAll(() => {
    inputsFile = path.join(tempFolder("glossary-inputs-"), "inputs.txt");
    first = buildCopy({ GLOSSARY_BUILD_INPUTS: inputsFile });
    second = buildCopy();
  }, 1_800_000);

  it("writes the same dist/ and man page twice, in other folders (code caches aside)", () => {
    const files = filesBelow(path.join(first, "dist"));
    expect(filesBelow(path.join(second, "dist"))).toEqual(files);
    expect(files.length).toBeGreaterThan(1000);
    const compared = files.filter((file) => !file.endsWith(".cache"));
    const differing = compared.filter((file) => !fs.readFileSync(path.join(first, "dist", file)).equals(fs.readFileSync(path.join(second, "dist", file))));
    expect(differing).toEqual([]);
    expect(fs.readFileSync(path.join(second, "man", "glossary.1"), "utf8")).toBe(fs.readFileSync(path.join(first, "man", "glossary.1"), "utf8"));
  });

  it.skipIf(!hasNpm)("makes the same package twice, byte for byte", () => {
    const pack = (folder: string) => {
      const result = spawnSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: folder, encoding: "utf8", timeout: 300_000 });
      if (result.status !== 0) throw new Error(result.stderr);
      return (JSON.parse(result.stdout) as [{ integrity: string; entryCount: number }])[0];
    };
    const one = pack(first);
    expect(one.entryCount).toBeGreaterThan(1000);
    expect(pack(second).integrity).toBe(one.integrity);
  });

  it("lists every package it inlines into the shipped files in dist/THIRD-PARTY-NOTICES.md, with its licence text", () => {
    const notices = fs.readFileSync(path.join(first, "dist", "THIRD-PARTY-NOTICES.md"), "utf8");
    const inputs = fs.readFileSync(inputsFile, "utf8").split("\n").filter(Boolean);
    expect(inputs.some((input) => input.startsWith("src/"))).toBe(true);
    const folders = new Set(inputs.filter((input) => input.includes("node_modules/")).map((input) => input.replace(/^(.*node_modules\/(@[^/]+\/)?[^/]+)\/.*$/, "$1")));
    expect(folders.size).toBeGreaterThan(10);
    for (const input of folders) {
      // esbuild names inputs relative to the folder it built in (the copy), through node_modules' real path.
      const folder = path.resolve(first, input);
      const manifest = JSON.parse(fs.readFileSync(path.join(folder, "package.json"), "utf8")) as { name: string; version: string; license: string };
      const section = sectionOf(notices, `${manifest.name}@${manifest.version}`);
      expect(section, `${manifest.name}@${manifest.version} is inlined but not listed`).toBeDefined();
      expect(section).toContain(`Licence: ${manifest.license}`);
      const licences = fs.readdirSync(folder).filter((name) => /^licen[cs]e/i.test(name));
      expect(licences.length, `${folder} has a licence file`).toBeGreaterThan(0);
      for (const name of licences) expect(section).toContain(fs.readFileSync(path.join(folder, name), "utf8").replace(/\r\n?/g, "\n").trim());
    }
    const highlight = sectionOf(notices, /highlight\.js@[\d.]+/.exec(notices)?.[0] ?? "highlight.js");
    expect(highlight).toContain("Licence: BSD-3-Clause");
    expect(highlight).toMatch(/Redistribution and use in source and binary forms/);
  });
});
