// Tests of the watch a command starts in the background for a large source (GLOSSARY_AUTO_WATCH), run as a
// user runs the program: started once, used by the next lookups, stopped by a signal; and its settings.
import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { isWatchRunning, readWatchRecord, watchRecordFile } from "../../src/app/watch-record.js";
import { afterClockStep, cleanEnv, generatedSource, runCli, settled, tempFolder } from "../helpers.js";

/** Watches started by the tests, stopped after each. */
const started: number[] = [];

afterEach(() => {
  for (const pid of started.splice(0)) if (isWatchRunning(pid)) process.kill(pid, "SIGKILL");
});

/** Waits until `ready` holds, trying again every few milliseconds (the test's timeout bounds it). */
async function until(ready: () => boolean): Promise<void> {
  while (!ready()) await new Promise((resolve) => setTimeout(resolve, 20));
}

/** The cache folder of the one source a clean environment's cache holds. */
function sourceHome(env: Record<string, string>): string {
  const sources = path.join(env["XDG_CACHE_HOME"]!, "glossary", "sources");
  const [only] = fs.readdirSync(sources);
  return path.join(sources, only!);
}

describe("a command reading a large source", () => {
  it("starts a watch in the background, which indexes each change before the next lookup and ends on SIGTERM", { timeout: 180_000 }, async () => {
    const source = settled(generatedSource("glossary-auto-watch-", 600));
    const env = cleanEnv({ GLOSSARY_AUTO_WATCH: "500" });
    const folder = path.join(source, "files", "en-us", "glossary");
    const term = fs.readdirSync(folder).sort()[5]!;
    const args = ["--source", source, "--no-bundled", "--verbose"];
    const first = runCli([...args, term], env);
    expect(first.status).toBe(0);
    expect(first.stderr).toContain(`glossary: ${source}: watching it in the background, to keep its index fresh (GLOSSARY_AUTO_WATCH=0: never)`);
    const home = sourceHome(env);
    // Claimed for it by the lookup that started it: there once the lookup has ended.
    const { pid } = readWatchRecord(home)!;
    started.push(pid);
    await until(() => (readWatchRecord(home)?.checked ?? null) !== null);
    expect(readWatchRecord(home)?.pid).toBe(pid);
    expect(isWatchRunning(pid)).toBe(true);
    expect(runCli(["index", "--status"], env).stdout).toMatch(new RegExp(`\tpresent\t[^\t]+\t[^\t]+\twatched by ${pid}\n$`));

    // The next lookup finds it running: it starts no other, and marks it used when it was not lately.
    const second = runCli([...args, term], env);
    expect(second.stderr).not.toContain("watching it in the background");
    const longAgo = new Date(Date.now() - 120_000);
    fs.utimesSync(watchRecordFile(home), longAgo, longAgo);
    runCli([...args, term], env);
    expect(readWatchRecord(home)?.pid).toBe(pid);
    expect(fs.statSync(watchRecordFile(home)).mtimeMs).toBeGreaterThan(longAgo.getTime() + 60_000);

    // A page added and one edited in place: indexed by the watch, so the lookup after it indexes nothing itself.
    const before = readWatchRecord(home)!.checked!;
    const page = path.join(folder, term, "index.md");
    afterClockStep(page);
    fs.writeFileSync(page, fs.readFileSync(page, "utf8").replace(/\n---\n\n/, "\n---\n\nEdited while watched. "));
    fs.mkdirSync(path.join(folder, "watched_addition"));
    fs.writeFileSync(path.join(folder, "watched_addition", "index.md"), "---\ntitle: Watched addition\nslug: Glossary/Watched_addition\n---\n\nAdded while watched.\n");
    await until(() => (readWatchRecord(home)?.checked ?? before) > before && fs.readdirSync(home).some((name) => name.startsWith("delta-")));
    // Both changes may come to it as one check or two: the record's time after the later one.
    afterClockStep(Date.now());
    await until(() => readWatchRecord(home)!.checked! > fs.statSync(path.join(folder, "watched_addition")).mtimeMs);
    const edited = runCli([...args, term], env);
    expect(edited.stdout).toContain("Edited while watched.");
    expect(edited.stderr).not.toMatch(/indexed|looking for what changed/);
    const added = runCli([...args, "watched addition"], env);
    expect(added.stdout).toContain("Added while watched.");
    expect(added.stderr).not.toMatch(/indexed|looking for what changed/);

    process.kill(pid, "SIGTERM");
    await until(() => !isWatchRunning(pid));
    expect(fs.existsSync(watchRecordFile(home))).toBe(false);
  });

  it("starts none for a source smaller than GLOSSARY_AUTO_WATCH or the config file's auto-watch, or with 0", { timeout: 120_000 }, async () => {
    const source = settled(generatedSource("glossary-auto-watch-small-", 600));
    const term = fs.readdirSync(path.join(source, "files", "en-us", "glossary")).sort()[5]!;
    const config = tempFolder("glossary-auto-watch-config-");
    fs.mkdirSync(path.join(config, "glossary"));
    fs.writeFileSync(path.join(config, "glossary", "config.toml"), "auto-watch = 0\n");
    const extras: Array<Record<string, string>> = [{}, { GLOSSARY_AUTO_WATCH: "0" }, { GLOSSARY_AUTO_WATCH: "601" }, { XDG_CONFIG_HOME: config }];
    for (const extra of extras) {
      const env = cleanEnv(extra);
      const result = runCli(["--source", source, "--no-bundled", "--verbose", term], env);
      expect(result.status).toBe(0);
      expect(result.stderr).not.toContain("watching it in the background");
      expect(fs.existsSync(watchRecordFile(sourceHome(env)))).toBe(false);
    }
  });

  it("refuses a GLOSSARY_AUTO_WATCH or an auto-watch that is not a whole number of pages", () => {
    const env = cleanEnv({ GLOSSARY_AUTO_WATCH: "many" });
    const result = runCli(["closure"], env);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe('glossary: GLOSSARY_AUTO_WATCH takes a whole number of pages (0: never), not "many"\n');
    const config = tempFolder("glossary-auto-watch-bad-config-");
    fs.mkdirSync(path.join(config, "glossary"));
    fs.writeFileSync(path.join(config, "glossary", "config.toml"), "auto-watch = -1\n");
    const bad = runCli(["closure"], cleanEnv({ XDG_CONFIG_HOME: config }));
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("config.toml:1: auto-watch: expected a whole number of pages (0: never)");
  });
});
