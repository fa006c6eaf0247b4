// The package as people get it: `npm pack`, then a global install into a fresh prefix (the command, its man
// page, completion, the library by import, require and TypeScript), and `npx glossary-cli` from the tarball.
// Offline: the package has no dependency, so nothing but the tarball is installed.

import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { HANG_MS, ROOT, cleanEnv, tempFolder } from "../helpers.js";

const npmVersion = spawnSync("npm", ["--version"], { encoding: "utf8" });
const hasNpm = npmVersion.status === 0;
if (!hasNpm) console.warn("tests/package/install.test.ts skipped: npm is not installed");
const hasMan = spawnSync("man", ["--version"], { encoding: "utf8" }).status === 0;
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { name: string; version: string; dependencies?: Record<string, string> };

/** Runs npm with its own cache and configuration in a temporary folder: nothing of the user's is read or written. */
function npm(args: readonly string[], npmHome: string, cwd = ROOT) {
  const env = {
    ...cleanEnv(),
    HOME: npmHome,
    npm_config_cache: path.join(npmHome, "cache"),
    npm_config_userconfig: path.join(npmHome, "npmrc"),
    npm_config_update_notifier: "false",
    npm_config_audit: "false",
    npm_config_fund: "false",
  };
  const result = spawnSync("npm", args, { cwd, env, encoding: "utf8", timeout: 600_000 });
  if (result.status !== 0) throw new Error(`npm ${args.join(" ")} failed (${result.status}): ${result.stderr}`);
  return result;
}

describe.skipIf(!hasNpm)("the package, packed and installed globally into a fresh prefix", () => {
  let tarball: string;
  let prefix: string;
  let npmHome: string;
  let installLog: string;
  const run = (command: string, args: readonly string[], env: Record<string, string> = {}) =>
    spawnSync(command, args, { env: cleanEnv({ PATH: `${path.join(prefix, "bin")}${path.delimiter}${process.env["PATH"] ?? ""}`, ...env }), encoding: "utf8", timeout: HANG_MS });

  beforeAll(() => {
    npmHome = tempFolder("glossary-npm-");
    const packed = npm(["pack", "--ignore-scripts", "--json", "--pack-destination", npmHome], npmHome);
    const [{ filename }] = JSON.parse(packed.stdout) as [{ filename: string }];
    tarball = path.join(npmHome, filename);
    prefix = tempFolder("glossary-prefix-");
    const installed = npm(["install", "--global", "--offline", "--prefix", prefix, tarball], npmHome);
    installLog = installed.stdout + installed.stderr;
  }, 900_000);

  it("is named glossary-cli, installs no other package, and warns of nothing but the build it does not need", () => {
    expect(path.basename(tarball)).toBe(`glossary-cli-${pkg.version}.tgz`);
    expect(fs.readdirSync(path.join(prefix, "lib", "node_modules"))).toEqual(["glossary-cli"]);
    expect(fs.existsSync(path.join(prefix, "lib", "node_modules", "glossary-cli", "node_modules"))).toBe(false);
    expect(installLog).toMatch(/added 1 package/);
    // From a tarball or a folder (not from the registry), npm 11 names the package's `prepare` script (the
    // build, which the packed package does not need, and which npm does not run for a tarball) as not run.
    const warnings = installLog.split("\n").filter((line) => /\bwarn\b/i.test(line));
    const scripts = warnings.filter((line) => /^npm warn install-scripts {3}\S/.test(line));
    expect(scripts.every((line) => line === `npm warn install-scripts   glossary-cli@${pkg.version} (prepare: node scripts/build.mjs)`)).toBe(true);
    expect(warnings.filter((line) => !line.startsWith("npm warn install-scripts"))).toEqual([]);
  });

  it("puts the command glossary on the PATH", () => {
    const result = run("glossary", ["asynchrone"]);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout.split("\n")[0]).toBe("Asynchrone");
    expect(run("glossary", ["--version"]).stdout.trim()).toBe(pkg.version);
  });

  it("links the man page", () => {
    const page = path.join(prefix, "share", "man", "man1", "glossary.1");
    expect(fs.readFileSync(page, "utf8")).toBe(fs.readFileSync(path.join(ROOT, "man", "glossary.1"), "utf8"));
  });

  it.skipIf(!hasMan)("has its man page found by man (skipped where man is not installed)", () => {
    const shown = run("man", ["-M", path.join(prefix, "share", "man"), "glossary"], { MANPAGER: "cat", PAGER: "cat", MANWIDTH: "80" });
    expect(shown.status).toBe(0);
    expect(shown.stdout).toMatch(/glossary - /);
  });

  it("makes its code caches at the first run, in the user's cache folder, and uses them from then on (on this Node.js)", () => {
    const env = cleanEnv();
    const caches = () => {
      const folder = path.join(env["XDG_CACHE_HOME"]!, "glossary", "code");
      return fs.existsSync(folder) ? new Map(fs.readdirSync(folder).map((name) => [name, fs.readFileSync(path.join(folder, name))])) : new Map();
    };
    const lookup = () => spawnSync(process.execPath, [path.join(prefix, "bin", "glossary"), "asynchrone"], { env, encoding: "utf8" });
    expect(caches().size).toBe(0);
    expect(lookup().status).toBe(0);
    const made = caches();
    expect([...made.keys()].some((name) => /^glossary-[0-9a-f]{8}\.cache$/.test(name))).toBe(true);
    expect(lookup().status).toBe(0);
    expect(caches()).toEqual(made); // a cache V8 refused would be made again at exit
  });

  it("completes in bash, as the README's Shell completion says", () => {
    const script = `source <(glossary completion bash)
COMP_WORDS=(glossary asynch); COMP_CWORD=1; _glossary; printf '%s\\n' "\${COMPREPLY[@]}"`;
    const result = run("bash", ["-c", script]);
    expect(result.stderr).toBe("");
    expect(result.stdout.trim().split("\n").sort()).toEqual(["asynchrone", "asynchronous"]);
  });

  it("ships no code cache, no test build, and the licences (its own and those of the code it bundles)", () => {
    const installed = path.join(prefix, "lib", "node_modules", "glossary-cli");
    const files = fs.readdirSync(installed, { recursive: true }).map(String);
    expect(files.filter((file) => file.endsWith(".cache") || file === path.join("dist", "plain.cjs"))).toEqual([]);
    expect(fs.readFileSync(path.join(installed, "LICENSE"), "utf8")).toMatch(/^MIT License\n\nCopyright \(c\) 2026 glossary contributors\n/);
    expect(fs.readFileSync(path.join(installed, "dist", "THIRD-PARTY-NOTICES.md"), "utf8")).toMatch(/^## highlight\.js@/m);
  });

  it("serves the library by import and by require (this Node.js), with declarations that compile without skipLibCheck", () => {
    const consumer = path.join(prefix, "lib");
    const check = `console.log((await glossary.openGlossary({ cache: false })).lookup("asynchronous").then((entry) => entry.title));`;
    fs.writeFileSync(path.join(consumer, "imported.mjs"), `import * as glossary from "glossary-cli";\n${check.replace("console.log(", "console.log(await ")}\n`);
    fs.writeFileSync(path.join(consumer, "required.cjs"), `const glossary = require("glossary-cli");\n(async () => { ${check.replace("console.log(", "console.log(await ")} })();\n`);
    for (const script of ["imported.mjs", "required.cjs"]) {
      const result = spawnSync(process.execPath, [path.join(consumer, script)], { env: cleanEnv(), encoding: "utf8" });
      expect(result.stderr, script).toBe("");
      expect(result.stdout, script).toBe("Asynchronous\n");
    }
    fs.writeFileSync(
      path.join(consumer, "typed.mts"),
      `import { openGlossary, type EntryJson, UsageError } from "glossary-cli";\nconst entry: EntryJson | null = await (await openGlossary({ locale: "fr" })).lookup("closure");\nexport const title: string | undefined = entry?.title;\nexport const usage = UsageError;\n`,
    );
    const options = { module: "nodenext", target: "es2022", strict: true, noEmit: true, skipLibCheck: false, types: [] };
    fs.writeFileSync(path.join(consumer, "tsconfig.json"), JSON.stringify({ compilerOptions: options, files: ["typed.mts"] }));
    const tsc = spawnSync(process.execPath, [path.join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", consumer], { encoding: "utf8" });
    expect(tsc.stdout + tsc.stderr).toBe("");
    expect(tsc.status).toBe(0);
  });

  it("runs as npx glossary-cli asynchrone, from the tarball", () => {
    // `npx glossary-cli asynchrone` installs the published package; the same from the packed tarball:
    const result = npm(["exec", "--offline", "--yes", `--package=${tarball}`, "--", "glossary", "asynchrone"], npmHome, tempFolder("glossary-npx-"));
    expect(result.stdout.split("\n")[0]).toBe("Asynchrone");
  });
});
