// What the package depends on at run time: exactly the packages its shipped code loads (the build inlines
// the others, which are then devDependencies), and a fresh `npm ci` asks no question about install scripts.

import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { isBuiltin } from "node:module";
import path from "node:path";
import * as esbuild from "esbuild";
import { describe, expect, it } from "vitest";
import { ROOT, tempFolder } from "../helpers.js";

const hasNpm = spawnSync("npm", ["--version"], { encoding: "utf8" }).status === 0;
if (!hasNpm) console.warn("tests/package/dependencies.test.ts skipped: npm is not installed");
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { dependencies?: Record<string, string>; scripts?: unknown };

/** The files `npm pack` would put in the package. */
function packedFiles(): string[] {
  const result = spawnSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: ROOT, encoding: "utf8", timeout: 300_000 });
  if (result.status !== 0) throw new Error(`npm pack --dry-run failed: ${result.stderr}`);
  return (JSON.parse(result.stdout) as [{ files: { path: string }[] }])[0].files.map((file) => file.path);
}

/** Every module name a file imports or requires by a literal (esbuild reads it; nothing is bundled). */
async function specifiersOf(file: string): Promise<string[]> {
  const found: string[] = [];
  await esbuild.build({
    entryPoints: [file],
    bundle: true,
    write: false,
    platform: "node",
    format: file.endsWith(".js") ? "esm" : "cjs",
    logLevel: "silent",
    plugins: [
      {
        name: "record",
        setup(build) {
          build.onResolve({ filter: /.*/ }, (args) => {
            if (args.kind === "entry-point") return undefined;
            found.push(args.path);
            return { path: args.path, external: true };
          });
        },
      },
    ],
  });
  return found;
}

/** The package a bare specifier names (`a/b` -> `a`, `@s/a/b` -> `@s/a`). */
const packageOf = (specifier: string) => specifier.split("/").slice(0, specifier.startsWith("@") ? 2 : 1).join("/");

describe.skipIf(!hasNpm)("the package's runtime dependencies", () => {
  it("are exactly the packages its shipped code loads: every other package is inlined by the build", async () => {
    const files = packedFiles();
    expect(files).not.toContain("dist/plain.cjs");
    const code = files.filter((file) => /\.(c|m)?js$/.test(file) && !file.startsWith("dist/types/"));
    expect(code).toContain("bin/glossary.cjs");
    expect(code).toContain("dist/glossary.cjs");
    expect(code).toContain("dist/library.js");
    expect(code).toContain("dist/analyze-worker.cjs");
    const loaded = new Map<string, string>();
    for (const file of code) {
      for (const specifier of await specifiersOf(path.join(ROOT, file))) {
        // Relative files, Node.js's own modules, and the bundles' names for each other (answered by src/startup/boot.ts).
        if (/^(\.|\/)/.test(specifier) || isBuiltin(specifier) || /^glossary-(module|vendor):/.test(specifier)) continue;
        loaded.set(packageOf(specifier), file);
      }
    }
    const declared = Object.keys(pkg.dependencies ?? {});
    for (const [name, file] of loaded) expect(declared, `${file} loads ${name}, which is not in dependencies`).toContain(name);
    for (const name of declared) expect([...loaded.keys()], `${name} is in dependencies, but no shipped file loads it: the build inlines it, so it belongs in devDependencies`).toContain(name);
  });

  it("npm ci in a fresh copy prints no warning about install scripts, and esbuild works without its own", () => {
    const copy = tempFolder("glossary-clone-");
    // The project's own scripts (the build) are left out: they are not what npm's install-script policy is about.
    const { scripts: _scripts, ...manifest } = pkg;
    fs.writeFileSync(path.join(copy, "package.json"), JSON.stringify(manifest, null, 2));
    fs.copyFileSync(path.join(ROOT, "package-lock.json"), path.join(copy, "package-lock.json"));
    const env = { ...process.env, npm_config_update_notifier: "false", npm_config_audit: "false", npm_config_fund: "false" };
    const installed = spawnSync("npm", ["ci", "--prefer-offline"], { cwd: copy, env, encoding: "utf8", timeout: 600_000 });
    expect(installed.status, installed.stderr).toBe(0);
    expect(installed.stdout + installed.stderr).not.toMatch(/install-scripts|allowScripts|allow-scripts/);
    const transformed = spawnSync(process.execPath, ["-e", 'process.stdout.write(require("esbuild").transformSync("let a = 1", { minify: true }).code)'], { cwd: copy, encoding: "utf8" });
    expect(transformed.stderr).toBe("");
    expect(transformed.stdout).toBe("let a=1;\n");
  }, 900_000);
});
