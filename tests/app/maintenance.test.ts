// Tests of the cache's maintenance (app/maintenance.ts): what `index --status` and `index --prune` are told of each cached source.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { openSourceIndex } from "../../src/app/cache.js";
import { cachedSources } from "../../src/app/maintenance.js";
import { watchRecordFile } from "../../src/app/watch-record.js";
import { SHOWS_COMMAND_LINES, settled, tempFolder, watchLikeProcess } from "../helpers.js";

afterEach(() => {
  vi.restoreAllMocks();
});

/** A source of one page, indexed into a new cache folder. */
async function indexedSource(): Promise<{ source: string; cache: string }> {
  const source = tempFolder("glossary-maintenance-");
  fs.mkdirSync(path.join(source, "en-us", "glossary", "term"), { recursive: true });
  fs.writeFileSync(path.join(source, "en-us", "glossary", "term", "index.md"), "---\ntitle: Term\nslug: Glossary/Term\n---\n\nA term.\n");
  settled(source);
  const cache = path.join(tempFolder("glossary-maintenance-cache-"), "glossary");
  await openSourceIndex(source, { root: cache, verbose: () => {} });
  return { source: fs.realpathSync(source), cache };
}

describe("cachedSources", () => {
  it("tells when a source's index was made by its build's stamp, not by its folder's time, which a lookup moves", async () => {
    const before = Date.now();
    const { cache } = await indexedSource();
    const [cached] = await cachedSources(cache);
    expect(cached!.builtMs).toBeGreaterThanOrEqual(before - 1);
    expect(cached!.builtMs).toBeLessThanOrEqual(Date.now());
    // A lookup storing a view in the build's folder gives the folder a new time.
    const build = fs.readdirSync(cached!.cache).find((name) => name.startsWith("build-"))!;
    const later = new Date(Date.now() + 3_600_000);
    fs.utimesSync(path.join(cached!.cache, build), later, later);
    expect((await cachedSources(cache))[0]!.builtMs).toBe(cached!.builtMs);
  });

  it("names the process of a background watch of a source while it runs", async () => {
    const { cache } = await indexedSource();
    const [cached] = await cachedSources(cache);
    expect(cached!.watchedBy).toBeNull();
    const watch = watchLikeProcess();
    const record = { pid: watch.pid, program: "any build", started: 1, checked: null };
    try {
      fs.writeFileSync(watchRecordFile(cached!.cache), JSON.stringify(record));
      expect((await cachedSources(cache))[0]!.watchedBy).toBe(watch.pid);
    } finally {
      watch.stop();
    }
    // A record left by a watch whose pid a process that is no watch took since, or by one that has ended, names none.
    fs.writeFileSync(watchRecordFile(cached!.cache), JSON.stringify({ ...record, pid: process.pid }));
    expect((await cachedSources(cache))[0]!.watchedBy).toBe(SHOWS_COMMAND_LINES ? null : process.pid);
    const ended = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
    fs.writeFileSync(watchRecordFile(cached!.cache), JSON.stringify({ ...record, pid: Number(ended.stdout) }));
    expect((await cachedSources(cache))[0]!.watchedBy).toBeNull();
  });

  it("takes a source the system will not let this user look at as present, and one it says is gone as missing", async () => {
    const { source, cache } = await indexedSource();
    const realStat = fs.statSync;
    vi.spyOn(fs, "statSync").mockImplementation(((file: fs.PathLike, options?: fs.StatSyncOptions) => {
      if (file === source) throw Object.assign(new Error(`EACCES: permission denied, stat '${source}'`), { code: "EACCES" });
      return realStat(file, options);
    }) as typeof fs.statSync);
    expect((await cachedSources(cache)).map((cached) => cached.exists)).toEqual([true]);
    vi.restoreAllMocks();
    fs.rmSync(source, { recursive: true });
    expect((await cachedSources(cache)).map((cached) => cached.exists)).toEqual([false]);
  });
});
