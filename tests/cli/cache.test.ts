import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { BIN, cleanEnv, generatedSource, runCliAsync, tempFolder } from "../helpers.js";

/** A generated source large enough that building its index takes a while. */
let source = "";
let firstTerm = "";
beforeAll(() => {
  source = generatedSource("glossary-generated-", 1500);
  firstTerm = fs.readdirSync(path.join(source, "files", "en-us", "glossary")).sort()[0]!;
});

const run = runCliAsync;

/** Indexes the source into the environment's cache; returns the source's cache folder and its build folder. */
async function indexedSource(env: Record<string, string>): Promise<{ home: string; build: string }> {
  await run(["index", "--source", source], env);
  const base = path.join(env["XDG_CACHE_HOME"]!, "glossary", "sources");
  const home = path.join(base, fs.readdirSync(base)[0]!);
  return { home, build: path.join(home, fs.readdirSync(home).find((n) => n.startsWith("build-"))!) };
}

describe("the index cache under concurrency and crashes", () => {
  it("answers correctly from a dozen processes started at once on a cold cache", async () => {
    const env = cleanEnv();
    const results = await Promise.all(Array.from({ length: 12 }, () => run(["--source", source, "--no-bundled", "--short", firstTerm], env)));
    for (const result of results) {
      expect(result.stderr).toBe("");
      expect(result.status).toBe(0);
      expect(result.stdout).toBe(results[0]!.stdout);
    }
    const homes = fs.readdirSync(path.join(env["XDG_CACHE_HOME"]!, "glossary", "sources"));
    expect(homes).toHaveLength(1);
    const home = path.join(env["XDG_CACHE_HOME"]!, "glossary", "sources", homes[0]!);
    expect(fs.existsSync(path.join(home, "lock"))).toBe(false);
    expect(fs.readdirSync(home).filter((name) => name.startsWith("tmp-"))).toEqual([]);
  });

  it("is correct after a build killed at any moment", async () => {
    const env = cleanEnv();
    const expected = (await run(["--source", source, "--no-bundled", "--short", firstTerm], cleanEnv())).stdout;
    // Kill moments spread over a whole build, as long as one takes on this machine.
    const started = Date.now();
    await run(["index", "--rebuild", "--source", source], env);
    const buildMs = Date.now() - started;
    for (const share of [0.05, 0.15, 0.3, 0.45, 0.6, 0.75, 0.9]) {
      const child = spawn(process.execPath, [BIN, "index", "--rebuild", "--source", source], { env });
      // Listened for at once: a build may end before the kill.
      const closed = new Promise((resolve) => child.on("close", resolve));
      await new Promise((resolve) => setTimeout(resolve, Math.round(buildMs * share)));
      child.kill("SIGKILL");
      await closed;
      const after = await run(["--source", source, "--no-bundled", "--short", firstTerm], env);
      expect(after.status, `killed at ${share * 100}% of a build`).toBe(0);
      expect(after.stdout).toBe(expected);
      // Nothing the killed build left survives the next run: no unfinished or superseded build, no lock.
      const base = path.join(env["XDG_CACHE_HOME"]!, "glossary", "sources");
      const home = path.join(base, fs.readdirSync(base)[0]!);
      const names = fs.readdirSync(home);
      expect(names.filter((n) => n.startsWith("tmp-") || n.includes(".tmp-") || n === "lock"), `killed at ${share * 100}% of a build`).toEqual([]);
      expect(names.filter((n) => n.startsWith("build-"))).toHaveLength(1);
    }
  });

  it("replaces a corrupted cache file and a truncated one", async () => {
    const env = cleanEnv();
    const { build } = await indexedSource(env);
    const packs = fs.readdirSync(build).filter((n) => n.endsWith(".pack"));
    expect(packs.sort()).toEqual(["keys.pack", "postings.pack", "records.pack"]);
    for (const name of packs) {
      fs.writeFileSync(path.join(build, name), fs.readFileSync(path.join(build, name), "utf8").slice(0, 10));
    }
    const result = await run(["--source", source, "--no-bundled", "--short", firstTerm], env);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe("");
    expect(result.stdout.length).toBeGreaterThan(10);
  });

  it("replaces cache files written by another program", async () => {
    const env = cleanEnv();
    const { home, build } = await indexedSource(env);
    for (const name of fs.readdirSync(build)) fs.writeFileSync(path.join(build, name), JSON.stringify({ name: "other-tool", version: 3, data: [1, 2] }));
    const foreignBuild = await run(["--source", source, "--no-bundled", "--short", firstTerm], env);
    expect(foreignBuild).toMatchObject({ status: 0, stderr: "" });
    expect(foreignBuild.stdout.length).toBeGreaterThan(10);
    fs.writeFileSync(path.join(home, fs.readdirSync(home).find((name) => name.startsWith("current-"))!), "\u0000\u0001 not json at all");
    const foreignPointer = await run(["--source", source, "--no-bundled", "--short", firstTerm], env);
    expect(foreignPointer).toMatchObject({ status: 0, stderr: "", stdout: foreignBuild.stdout });
  });

  it("works without a cache when the cache location is not a folder", async () => {
    const home = tempFolder();
    fs.writeFileSync(path.join(home, "file"), "x");
    const env = { ...cleanEnv(), XDG_CACHE_HOME: path.join(home, "file") };
    const quiet = await run(["--source", source, "--no-bundled", "--short", firstTerm], env);
    expect(quiet).toMatchObject({ status: 0, stderr: "" });
    const verbose = await run(["--source", source, "--no-bundled", "--short", "--verbose", firstTerm], env);
    expect(verbose.stderr).toMatch(/cache not used/);
  });

  it("shows each cached source with --status, and removes those of deleted sources with --prune", async () => {
    const env = cleanEnv();
    await indexedSource(env);
    const gone = tempFolder("glossary-gone-");
    fs.mkdirSync(path.join(gone, "en-us", "glossary", "term"), { recursive: true });
    fs.writeFileSync(path.join(gone, "en-us", "glossary", "term", "index.md"), "---\ntitle: Term\nslug: Glossary/Term\n---\n\nA term.\n");
    expect((await run(["index", "--source", gone], env)).status).toBe(0);
    fs.rmSync(gone, { recursive: true });
    const status = await run(["index", "--status"], env);
    expect(status.status).toBe(0);
    const lines = status.stdout.trim().split("\n").map((line) => line.split("\t"));
    expect(lines.map(([folder, state]) => [folder, state]).sort()).toEqual([[fs.realpathSync(source), "present"], [fs.realpathSync(path.dirname(gone)) + path.sep + path.basename(gone), "missing"]].sort());
    for (const line of lines) expect(line[2]).toMatch(/^\d+(\.\d)? (B|kB|MB)$/);
    expect(status.stderr).toMatch(/2 cached sources/);
    const json = JSON.parse((await run(["index", "--status", "--json"], env)).stdout) as Array<{ source: string; exists: boolean; bytes: number; ageSeconds: number }>;
    expect(json.map((row) => row.exists).sort()).toEqual([false, true]);
    for (const row of json) {
      expect(row.bytes).toBeGreaterThan(0);
      expect(row.ageSeconds).toBeGreaterThanOrEqual(0);
    }
    const pruned = await run(["index", "--prune"], env);
    expect(pruned.stdout).toMatch(/^removed\t.*glossary-gone-/);
    const after = JSON.parse((await run(["index", "--status", "--json"], env)).stdout) as Array<{ source: string }>;
    expect(after.map((row) => row.source)).toEqual([fs.realpathSync(source)]);
  });
});
