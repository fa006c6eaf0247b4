// Third-party notices for the build (scripts/build.mjs): which packages esbuild inlined into the files the
// package ships (from its metafiles' inputs), and each one's licence text, written as one Markdown file.

import fs from "node:fs";
import path from "node:path";

/** A licence or notice file at the top of a package: LICENSE, LICENCE, LICENSE.md, LICENSE-MIT, COPYING, NOTICE... */
const LICENCE_FILE = /^(licen[cs]e|copying|notice)([.-].*)?$/i;

/**
 * The package folder an esbuild input belongs to (`node_modules/a/node_modules/@b/c/lib/x.js` ->
 * `node_modules/a/node_modules/@b/c`), or null for the project's own files.
 */
export function packageFolderOf(input) {
  const at = input.lastIndexOf("node_modules/");
  if (at === -1) return null;
  const parts = input.slice(at + "node_modules/".length).split("/");
  const length = parts[0].startsWith("@") ? 2 : 1;
  return input.slice(0, at) + ["node_modules", ...parts.slice(0, length)].join("/");
}

/**
 * The packages some of these inputs (paths relative to root, as esbuild's metafile names them) come from:
 * name, version, declared licence, author, and the text of each licence file, sorted by name and version.
 */
export function inlinedPackages(root, inputs) {
  const folders = new Set();
  for (const input of inputs) {
    const folder = packageFolderOf(input);
    if (folder !== null) folders.add(folder);
  }
  const byIdentity = new Map();
  for (const folder of folders) {
    const absolute = path.join(root, folder);
    const manifest = JSON.parse(fs.readFileSync(path.join(absolute, "package.json"), "utf8"));
    const identity = `${manifest.name}@${manifest.version}`;
    if (byIdentity.has(identity)) continue;
    const licenceFiles = fs
      .readdirSync(absolute)
      .filter((name) => LICENCE_FILE.test(name) && fs.statSync(path.join(absolute, name)).isFile())
      .sort()
      .map((name) => ({ name, text: fs.readFileSync(path.join(absolute, name), "utf8").replace(/\r\n?/g, "\n").trim() }));
    const author = typeof manifest.author === "string" ? manifest.author : manifest.author?.name;
    byIdentity.set(identity, { name: manifest.name, version: manifest.version, license: String(manifest.license ?? "UNKNOWN"), author, homepage: manifest.homepage, licenceFiles });
  }
  return [...byIdentity.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.version < b.version ? -1 : a.version > b.version ? 1 : 0));
}

/** Writes the notices file: one section per package, its licence text verbatim (in a fence that cannot close early). */
export function writeNotices(file, packages) {
  const lines = [
    "# Third-party notices",
    "",
    "The files in `dist/` include code of the packages below, bundled by the build (scripts/build.mjs).",
    "Their licences follow, as each package states them.",
    "",
  ];
  for (const pkg of packages) {
    lines.push(`## ${pkg.name}@${pkg.version}`, "", `Licence: ${pkg.license}${pkg.author ? `. Author: ${pkg.author}` : ""}${pkg.homepage ? `. ${pkg.homepage}` : ""}`, "");
    if (pkg.licenceFiles.length === 0) lines.push(`The package has no licence file; its package.json declares ${pkg.license}.`, "");
    for (const { name, text } of pkg.licenceFiles) {
      const fence = "`".repeat(Math.max(3, ...[...text.matchAll(/`+/g)].map((run) => run[0].length + 1)));
      lines.push(`${name}:`, "", `${fence}text`, text, fence, "");
    }
  }
  fs.writeFileSync(file, lines.join("\n"));
}
