// The loader and the code caches: a cache that does not match is made again, a bundle without one still
// runs, a cache that cannot be saved changes nothing, and a package that is not built says so.

import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ROOT, cleanEnv, runCli, tempFolder } from "../helpers.js";

/** A copy of the built package, to spoil. */
function packageCopy(): string {
  const copy = tempFolder("glossary-package-");
  for (const name of ["bin", "dist", "data", "package.json"]) fs.cpSync(path.join(ROOT, name), path.join(copy, name), { recursive: true });
  return copy;
}

function run(packageRoot: string, args: readonly string[]) {
  const result = spawnSync(process.execPath, [path.join(packageRoot, "bin", "glossary.cjs"), ...args], { env: cleanEnv(), encoding: "utf8", timeout: 60_000 });
  return { stdout: result.stdout, stderr: result.stderr, status: result.status ?? -1 };
}

describe("the loader", () => {
  let lookup: string;
  let json: string;
  beforeAll(() => {
    lookup = runCli(["asynchrone"]).stdout;
    json = runCli(["--json", "closure"]).stdout;
  });

  it("makes a core cache that does not match again, and uses it from then on", () => {
    const copy = packageCopy();
    const cache = path.join(copy, "dist", "glossary.cjs.cache");
    fs.writeFileSync(cache, "not a code cache");
    expect(run(copy, ["asynchrone"])).toEqual({ stdout: lookup, stderr: "", status: 0 });
    const remade = fs.readFileSync(cache);
    expect(remade.toString()).not.toBe("not a code cache");
    expect(remade.length).toBeGreaterThan(1000);
    expect(run(copy, ["asynchrone"])).toEqual({ stdout: lookup, stderr: "", status: 0 });
    expect(fs.readFileSync(cache).equals(remade)).toBe(true); // a matching cache is left alone
  });
  it("runs a bundle without its cache, and saves one", () => {
    const copy = packageCopy();
    const cache = path.join(copy, "dist", "lazy", "render-json.cjs.cache");
    fs.rmSync(cache);
    expect(run(copy, ["--json", "closure"])).toEqual({ stdout: json.replaceAll(JSON.stringify(ROOT).slice(1, -1), JSON.stringify(copy).slice(1, -1)), stderr: "", status: 0 });
    expect(fs.statSync(cache).size).toBeGreaterThan(100);
  });
  it("starts as well when a cache can be neither read nor saved", () => {
    const copy = packageCopy();
    const cache = path.join(copy, "dist", "glossary.cjs.cache");
    fs.rmSync(cache);
    fs.mkdirSync(cache); // reading it fails, and so does renaming a new cache onto it
    expect(run(copy, ["asynchrone"])).toEqual({ stdout: lookup, stderr: "", status: 0 });
    expect(fs.readdirSync(path.dirname(cache)).filter((name) => name.includes(".tmp-"))).toEqual([]);
  });
  it("says in one line when the build is out of date, unreadable, damaged or missing a bundle", () => {
    const build = (copy: string) => `run \`npm install\` or \`npm run build\` in ${copy}`;
    const outdated = packageCopy();
    fs.writeFileSync(path.join(outdated, "dist", "glossary.cjs"), "module.exports = { run() {} };\n");
    expect(run(outdated, ["asynchrone"])).toEqual({ stdout: "", stderr: `glossary: the program's build is out of date; ${build(outdated)}\n`, status: 2 });
    const unreadable = packageCopy();
    fs.rmSync(path.join(unreadable, "dist", "glossary.cjs"));
    fs.mkdirSync(path.join(unreadable, "dist", "glossary.cjs"));
    expect(run(unreadable, ["asynchrone"])).toEqual({ stdout: "", stderr: `glossary: cannot read the program (EISDIR); ${build(unreadable)}\n`, status: 2 });
    const damaged = packageCopy();
    const core = path.join(damaged, "dist", "glossary.cjs");
    fs.writeFileSync(core, fs.readFileSync(core, "utf8").slice(0, 5000));
    const broken = run(damaged, ["asynchrone"]);
    expect(broken.status).toBe(2);
    expect(broken.stderr).toMatch(new RegExp(`^glossary: the program's build is damaged \\([^\\n]+\\); run \`npm install\` or \`npm run build\` in [^\\n]+\\n$`));
    const incomplete = packageCopy();
    fs.rmSync(path.join(incomplete, "dist", "lazy", "cli-main.cjs"));
    expect(run(incomplete, ["--help"])).toEqual({
      stdout: "",
      stderr: `glossary: the program's build is incomplete or damaged: ${path.join("dist", "lazy", "cli-main.cjs")} (ENOENT)\nglossary: run: npm run build (in ${incomplete})\n`,
      status: 2,
    });
  });
  it("runs when a launcher requires the binary instead of running it", () => {
    const launcher = path.join(tempFolder(), "launcher.cjs");
    fs.writeFileSync(launcher, "const bin = process.argv[2];\nprocess.argv.splice(1, 2, bin);\nrequire(bin);\n");
    const result = spawnSync(process.execPath, [launcher, path.join(ROOT, "bin", "glossary.cjs"), "asynchrone"], { env: cleanEnv(), encoding: "utf8", timeout: 60_000 });
    expect({ stdout: result.stdout, stderr: result.stderr, status: result.status }).toEqual({ stdout: lookup, stderr: "", status: 0 });
  });
  it("says in one line that a package without its build must be built", () => {
    const copy = packageCopy();
    fs.rmSync(path.join(copy, "dist"), { recursive: true });
    const result = run(copy, ["asynchrone"]);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe(`glossary: the program is not built; run \`npm install\` or \`npm run build\` in ${copy}\n`);
  });
});
