// The loader and the code caches: a cache that does not match is made again in the user's cache folder (never
// in the package), a damaged one is never used, a bundle without one still runs, a cache that cannot be saved
// changes nothing, a package that is not built says so, and marked and js-yaml load only for pages that need them.

import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { HANG_MS, MDN_FIXTURE, ROOT, cleanEnv, runCli, tempFolder } from "../helpers.js";

/** A copy of the built package, to spoil. */
function packageCopy(): string {
  const copy = tempFolder("glossary-package-");
  for (const name of ["bin", "dist", "data", "package.json"]) fs.cpSync(path.join(ROOT, name), path.join(copy, name), { recursive: true });
  return copy;
}

function run(packageRoot: string, args: readonly string[], env: Record<string, string> = cleanEnv()) {
  const result = spawnSync(process.execPath, [path.join(packageRoot, "bin", "glossary.cjs"), ...args], { env, encoding: "utf8", timeout: HANG_MS });
  return { stdout: result.stdout, stderr: result.stderr, status: result.status ?? -1 };
}

/** The code caches saved in a user cache folder (`$XDG_CACHE_HOME/glossary/code`). */
function userCaches(env: Record<string, string>): Map<string, Buffer> {
  const folder = path.join(env["XDG_CACHE_HOME"]!, "glossary", "code");
  if (!fs.existsSync(folder)) return new Map();
  return new Map(fs.readdirSync(folder).map((name) => [name, fs.readFileSync(path.join(folder, name))]));
}

/** Every file of a folder with its size, time and content hash: what a run must not change in a package. */
function snapshot(folder: string): string[] {
  return fs
    .readdirSync(folder, { recursive: true })
    .map(String)
    .sort()
    .map((name) => {
      const file = path.join(folder, name);
      const stat = fs.statSync(file);
      return stat.isDirectory() ? `${name}/` : `${name} ${stat.size} ${stat.mtimeMs} ${createHash("sha256").update(fs.readFileSync(file)).digest("hex")}`;
    });
}

describe("the loader", () => {
  let lookup: string;
  let json: string;
  beforeAll(() => {
    lookup = runCli(["asynchrone"]).stdout;
    json = runCli(["--json", "closure"]).stdout;
  });

  it("makes a core cache that does not match again in the user's cache folder, and uses it from then on", () => {
    const copy = packageCopy();
    const cache = path.join(copy, "dist", "glossary.cjs.cache");
    fs.writeFileSync(cache, "not a code cache");
    const env = cleanEnv();
    expect(run(copy, ["asynchrone"], env)).toEqual({ stdout: lookup, stderr: "", status: 0 });
    expect(fs.readFileSync(cache, "utf8")).toBe("not a code cache"); // the package is never written at run time
    const saved = userCaches(env);
    const core = [...saved].filter(([name]) => name.startsWith("glossary-"));
    expect(core).toHaveLength(1);
    expect(core[0]![1].length).toBeGreaterThan(1000);
    expect(run(copy, ["asynchrone"], env)).toEqual({ stdout: lookup, stderr: "", status: 0 });
    expect(userCaches(env)).toEqual(saved); // a matching cache is left alone
  });
  it("leaves the package's code caches to the runtime that made them: under other NODE_OPTIONS it makes and uses the user's", () => {
    const copy = packageCopy();
    const env = cleanEnv({ NODE_OPTIONS: "--no-warnings" });
    expect(run(copy, ["asynchrone"], env)).toEqual({ stdout: lookup, stderr: "", status: 0 });
    const saved = userCaches(env);
    expect([...saved.keys()].filter((name) => name.startsWith("glossary-"))).toHaveLength(1);
    expect(run(copy, ["asynchrone"], env)).toEqual({ stdout: lookup, stderr: "", status: 0 });
    expect(userCaches(env)).toEqual(saved);
    // The runtime that built the package uses the package's, and saves none (the tests may run under another
    // Node.js than the build's: the package's caches then name another runtime).
    let hash = 0x811c9dc5;
    for (const char of `${process.version}\0\0`) hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193);
    const builtHere = fs.readFileSync(path.join(copy, "dist", "glossary.cjs.cache")).readUInt32LE(12) === hash >>> 0;
    const own = cleanEnv();
    expect(run(copy, ["asynchrone"], own)).toEqual({ stdout: lookup, stderr: "", status: 0 });
    expect(userCaches(own).size === 0).toBe(builtHere);
  });
  it("runs a bundle without its cache, and saves one in the user's cache folder", () => {
    const copy = packageCopy();
    const cache = path.join(copy, "dist", "lazy", "render-json.cjs.cache");
    fs.rmSync(cache);
    const env = cleanEnv();
    expect(run(copy, ["--json", "closure"], env)).toEqual({ stdout: json.replaceAll(JSON.stringify(ROOT).slice(1, -1), JSON.stringify(copy).slice(1, -1)), stderr: "", status: 0 });
    expect(fs.existsSync(cache)).toBe(false);
    expect([...userCaches(env).keys()].filter((name) => name.startsWith("render-json-"))).toHaveLength(1);
  });
  it("starts as well when a cache can be neither read nor saved", () => {
    const copy = packageCopy();
    const cache = path.join(copy, "dist", "glossary.cjs.cache");
    fs.rmSync(cache);
    fs.mkdirSync(cache); // reading it fails
    for (const unusable of ["/proc/self", "/dev/null", path.join(copy, "package.json")]) {
      // A cache folder on a special file system, or below a file: nothing can be saved, and nothing hangs.
      const env = cleanEnv({ XDG_CACHE_HOME: unusable });
      expect(run(copy, ["asynchrone"], env), unusable).toEqual({ stdout: lookup, stderr: "", status: 0 });
    }
    expect(fs.readdirSync(path.dirname(cache)).filter((name) => name.includes(".tmp-"))).toEqual([]);
  });
  it("never uses a damaged code cache, even one whose headers are intact", () => {
    const copy = packageCopy();
    const cache = path.join(copy, "dist", "glossary.cjs.cache");
    const original = fs.readFileSync(cache);
    const env = cleanEnv();
    // One byte of the compiled code spoilt, V8's header and the loader's intact.
    const once = Buffer.from(original);
    const spoilt = Math.floor(once.length / 3);
    once[spoilt] = once[spoilt]! ^ 0x5a;
    fs.writeFileSync(cache, once);
    expect(run(copy, ["asynchrone"], env)).toEqual({ stdout: lookup, stderr: "", status: 0 });
    // Many bytes spoilt all over the data.
    const bytes = Buffer.from(original);
    for (let i = 200; i < bytes.length - 16; i += 97) bytes[i] = bytes[i]! ^ 0x5a;
    fs.writeFileSync(cache, bytes);
    expect(run(copy, ["asynchrone"], env)).toEqual({ stdout: lookup, stderr: "", status: 0 });
    expect(run(copy, ["--format", "ansi", "--color", "always", "asynchrone"], env).status).toBe(0);
    // The same in the user's cache folder.
    const saved = path.join(env["XDG_CACHE_HOME"]!, "glossary", "code");
    for (const name of fs.readdirSync(saved)) {
      const file = path.join(saved, name);
      const data = fs.readFileSync(file);
      for (let i = 200; i < data.length - 16; i += 89) data[i] = data[i]! ^ 0xa5;
      fs.writeFileSync(file, data);
    }
    // A header naming far more data than there is (nothing that size is allocated).
    const huge = Buffer.from(original);
    huge.writeUInt32LE(0xfffffff0, 8);
    fs.writeFileSync(cache, huge);
    expect(run(copy, ["asynchrone"], env)).toEqual({ stdout: lookup, stderr: "", status: 0 });
    // Cut short in its second copy, and spoilt in its last byte only.
    fs.writeFileSync(cache, original.subarray(0, original.length - 1000));
    expect(run(copy, ["asynchrone"], env)).toEqual({ stdout: lookup, stderr: "", status: 0 });
    const last = Buffer.from(original);
    last[last.length - 1] = last[last.length - 1]! ^ 0x01;
    fs.writeFileSync(cache, last);
    expect(run(copy, ["asynchrone"], env)).toEqual({ stdout: lookup, stderr: "", status: 0 });
    fs.writeFileSync(cache, original.subarray(16, 16 + original.readUInt32LE(8))); // V8's data alone, without the loader's header
    expect(run(copy, ["asynchrone"], env)).toEqual({ stdout: lookup, stderr: "", status: 0 });
  });
  it("works from a read-only package: nothing in it changes, caches go to the user's folder", () => {
    const copy = packageCopy();
    // As if installed by another Node.js: no code cache the build made matches.
    for (const name of fs.readdirSync(path.join(copy, "dist"), { recursive: true }).map(String)) {
      if (name.endsWith(".cache")) fs.writeFileSync(path.join(copy, "dist", name), "made by another Node.js");
    }
    const before = snapshot(copy);
    const readOnly = (mode: number) => {
      for (const name of ["", ...fs.readdirSync(copy, { recursive: true }).map(String)]) fs.chmodSync(path.join(copy, name), fs.statSync(path.join(copy, name)).isDirectory() ? mode | 0o111 : mode);
    };
    readOnly(0o444);
    try {
      const env = cleanEnv();
      for (const args of [["asynchrone"], ["--json", "closure"], ["search", "closure"], ["list"], ["--format", "ansi", "--color", "always", "promise"]]) {
        expect(run(copy, args, env).status, args.join(" ")).toBe(0);
      }
      expect(run(copy, ["asynchrone"], env)).toEqual({ stdout: lookup, stderr: "", status: 0 });
      expect(userCaches(env).size).toBeGreaterThan(3);
    } finally {
      readOnly(0o644);
    }
    expect(snapshot(copy)).toEqual(before);
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
    fs.rmSync(path.join(incomplete, "dist", "lazy", "cli-program.cjs"));
    expect(run(incomplete, ["--help"])).toEqual({
      stdout: "",
      stderr: `glossary: the program's build is incomplete or damaged: ${path.join("dist", "lazy", "cli-program.cjs")} (ENOENT)\nglossary: run: npm run build (in ${incomplete})\n`,
      status: 2,
    });
  });
  it("runs when a launcher requires the binary instead of running it", () => {
    const launcher = path.join(tempFolder(), "launcher.cjs");
    fs.writeFileSync(launcher, "const bin = process.argv[2];\nprocess.argv.splice(1, 2, bin);\nrequire(bin);\n");
    const result = spawnSync(process.execPath, [launcher, path.join(ROOT, "bin", "glossary.cjs"), "asynchrone"], { env: cleanEnv(), encoding: "utf8", timeout: HANG_MS });
    expect({ stdout: result.stdout, stderr: result.stderr, status: result.status }).toEqual({ stdout: lookup, stderr: "", status: 0 });
  });
  it("says in one line that a package without its bundled entries must be installed again, and works without them", () => {
    const copy = packageCopy();
    fs.rmSync(path.join(copy, "data"), { recursive: true });
    expect(run(copy, ["asynchrone"])).toEqual({
      stdout: "",
      stderr: `glossary: the bundled entries are missing: ${path.join(copy, "data")}\nglossary: install glossary again, or leave them out with --no-bundled\n`,
      status: 2,
    });
    expect(run(copy, ["--no-bundled", "--source", MDN_FIXTURE, "asynchronous"]).status).toBe(0);
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

describe("marked and js-yaml", () => {
  /** A source of one page of plain Markdown and one that needs both: a quote, and a list in its front matter. */
  function pages(): string {
    const source = tempFolder("glossary-pages-");
    const page = (slug: string, text: string) => {
      fs.mkdirSync(path.join(source, slug.toLowerCase()));
      fs.writeFileSync(path.join(source, slug.toLowerCase(), "index.md"), text);
    };
    page("Plain", '---\ntitle: "Plain"\nslug: Glossary/Plain\n---\n\n**Plain** is a [term](/en-US/docs/Glossary/Rich) of *few* words.\n\n## See also\n\n- [Rich](/en-US/docs/Glossary/Rich)\n');
    page("Rich", "---\ntitle: Rich\nslug: Glossary/Rich\ntags:\n  - Example\n---\n\n> A quote.\n");
    return source;
  }

  it("load only for a page that needs them: a package without their bundles shows a plain page as a whole one does", () => {
    const source = pages();
    const args = ["--source", source, "--no-bundled"];
    const whole = run(ROOT, [...args, "plain"]);
    expect(whole).toMatchObject({ stderr: "", status: 0 });
    expect(whole.stdout).toContain("Plain is a term* of few words.");
    // Indexed by the whole package (indexing reads every page's front matter), each page then laid out by the copy.
    const env = cleanEnv();
    expect(run(ROOT, [...args, "index"], env).status).toBe(0);
    const copy = packageCopy();
    fs.rmSync(path.join(copy, "dist", "lazy", "markup-marked.cjs"));
    fs.rmSync(path.join(copy, "dist", "vendor", "yaml.cjs"));
    expect(run(copy, [...args, "plain"], env)).toEqual(whole);
    const rich = run(copy, [...args, "rich"], env);
    expect(rich.status).toBe(2);
    expect(rich.stderr).toMatch(/incomplete or damaged: dist\/(lazy\/markup-marked|vendor\/yaml)\.cjs \(ENOENT\)/);
  });
});
