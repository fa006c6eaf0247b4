import fs from "node:fs";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { cacheRoot } from "../../src/app/cache-root.js";
import { pointerFile, sourceCacheFolder } from "../../src/app/cache.js";
import { DiskIndex } from "../../src/index/store.js";
import { MemoryIndex } from "../../src/index/memory.js";
import { BUILD_ID } from "../../src/version.js";
import { settled, tempFolder, touchPast } from "../helpers.js";
import { openSourceIndex } from "../../src/app/cache.js";
import type { CacheOptions } from "../../src/app/cache-types.js";
import { makeFolders } from "../../src/app/cache-build.js";
import { buildStamp, folderSize, indexFolderSize } from "../../src/app/cache-folder.js";

function page(root: string, slug: string, title: string, body = "A definition.") {
  const folder = path.join(root, "en-us", "glossary", slug.toLowerCase());
  fs.mkdirSync(folder, { recursive: true });
  fs.writeFileSync(path.join(folder, "index.md"), `---\ntitle: ${title}\nslug: Glossary/${slug}\n---\n\n${body}\n`);
  return path.join(folder, "index.md");
}

function setup() {
  const source = tempFolder("glossary-source-");
  page(source, "Alpha", "Alpha");
  page(source, "Beta", "Beta");
  settled(source);
  const cache = path.join(tempFolder("glossary-cache-"), "glossary");
  const notes: string[] = [];
  const built: number[] = [];
  const options = (extra: Partial<CacheOptions> = {}): CacheOptions => ({
    root: cache,
    verbose: (m) => notes.push(m),
    built: (n) => built.push(n),
    ...extra,
  });
  const titles = (index: Awaited<ReturnType<typeof openSourceIndex>>) => [...index.records()].map((r) => r.title).sort();
  return { source, cache, notes, built, options, titles };
}

describe("cacheRoot", () => {
  it("uses XDG_CACHE_HOME, else ~/.cache", async () => {
    expect(cacheRoot({ XDG_CACHE_HOME: "/x/cache", HOME: "/home/u" })).toBe("/x/cache/glossary");
    expect(cacheRoot({ XDG_CACHE_HOME: "relative", HOME: "/home/u" })).toBe("/home/u/.cache/glossary");
    expect(cacheRoot({ HOME: "/home/u" })).toBe("/home/u/.cache/glossary");
    expect(cacheRoot({})).toBeNull();
  });
});

describe("makeFolders", () => {
  it("makes missing folders one level at a time, a bounded number of them, and refuses special places", () => {
    const base = tempFolder();
    makeFolders(path.join(base, "a", "b", "c"));
    expect(fs.statSync(path.join(base, "a", "b", "c")).isDirectory()).toBe(true);
    makeFolders(path.join(base, "a", "b", "c")); // already there
    expect(() => makeFolders(path.join(base, ...Array.from({ length: 40 }, (_, n) => `d${n}`)))).toThrow(/more than 32 folders missing/);
    expect(fs.existsSync(path.join(base, "d0"))).toBe(false);
    fs.writeFileSync(path.join(base, "file"), "x");
    for (const unusable of ["/proc/self/glossary/sources", "/proc/glossary", "/dev/null/glossary", path.join(base, "file", "glossary")]) {
      expect(() => makeFolders(unusable), unusable).toThrow(/cannot create/);
    }
  });
});

describe("buildStamp", () => {
  it("has the same width whatever the random part, so two builds of the same pages are the same size", () => {
    const widths = new Set<number>();
    for (const value of [0, 1e-9, 0.03, 0.5, 0.999999999]) {
      const random = vi.spyOn(Math, "random").mockReturnValue(value);
      const stamp = buildStamp();
      random.mockRestore();
      expect(stamp).toMatch(/^[0-9a-z]{9}-[0-9a-z]{6}-[0-9a-z]{5}$/);
      widths.add(stamp.length);
    }
    expect(widths.size).toBe(1);
    expect(buildStamp()).not.toBe(buildStamp());
  });
});

describe("openSourceIndex", () => {
  it("tells the problems of a source's pages from the cached index too, and rebuilds when their file is damaged", async () => {
    const { source, options, built } = setup();
    fs.mkdirSync(path.join(source, "en-us", "glossary", "broken"));
    fs.writeFileSync(path.join(source, "en-us", "glossary", "broken", "index.md"), "---\ntitle: [unclosed\n---\n");
    settled(source);
    const told: string[][] = [];
    const problems = (list: readonly { message: string }[]) => told.push(list.map((p) => p.message));
    await openSourceIndex(source, options({ problems }));
    expect(built).toHaveLength(1);
    await openSourceIndex(source, options({ problems }));
    expect(built).toHaveLength(1);
    expect(told).toHaveLength(2);
    expect(told[1]).toEqual(told[0]);
    expect(told[0]!.length).toBeGreaterThan(0);
    const home = sourceCacheFolder(options().root!, fs.realpathSync(source));
    const build = fs.readdirSync(home).find((name) => name.startsWith("build-"))!;
    fs.writeFileSync(path.join(home, build, "problems.json"), '{"not": "a list"}');
    await openSourceIndex(source, options({ problems }));
    expect(built).toHaveLength(2);
    expect(told).toHaveLength(3);
  });
  it("builds on first use and reuses the cache afterwards", async () => {
    const { source, options, built, titles } = setup();
    const first = await openSourceIndex(source, options());
    expect(titles(first)).toEqual(["Alpha", "Beta"]);
    expect(built).toEqual([2]);
    const second = await openSourceIndex(source, options());
    expect(second).toBeInstanceOf(DiskIndex);
    expect(titles(second)).toEqual(["Alpha", "Beta"]);
    expect(built).toEqual([2]);
  });

  it("notices added, removed, renamed and edited pages", async () => {
    const { source, options, titles } = setup();
    await openSourceIndex(source, options());
    page(source, "Gamma", "Gamma");
    expect(titles(await openSourceIndex(source, options()))).toEqual(["Alpha", "Beta", "Gamma"]);
    fs.rmSync(path.join(source, "en-us", "glossary", "alpha"), { recursive: true });
    expect(titles(await openSourceIndex(source, options()))).toEqual(["Beta", "Gamma"]);
    fs.renameSync(path.join(source, "en-us", "glossary", "beta"), path.join(source, "en-us", "glossary", "beta2"));
    expect([...(await openSourceIndex(source, options())).records()].map((r) => r.path).sort()).toContain("en-us/glossary/beta2/index.md");
    const gamma = path.join(source, "en-us", "glossary", "gamma", "index.md");
    touchPast(gamma);
    await openSourceIndex(source, options());
    fs.writeFileSync(gamma, "---\ntitle: Gamma ray\nslug: Glossary/Gamma\n---\n\nEdited.\n");
    expect(titles(await openSourceIndex(source, options()))).toEqual(["Beta", "Gamma ray"]);
  });

  it("reuses an index of pages and folders dated in the future (a clock set ahead), rather than indexing them at every call", async () => {
    for (const fileCheckLimit of [500, 0]) {
      const { source, options, built } = setup();
      const ahead = new Date(Date.now() + 24 * 60 * 60 * 1000);
      fs.utimesSync(path.join(source, "en-us", "glossary", "alpha", "index.md"), ahead, ahead);
      fs.utimesSync(path.join(source, "en-us", "glossary"), ahead, ahead);
      await openSourceIndex(source, options({ fileCheckLimit }));
      expect(await openSourceIndex(source, options({ fileCheckLimit }))).toBeInstanceOf(DiskIndex);
      expect(await openSourceIndex(source, options({ fileCheckLimit, checkEveryPage: true }))).toBeInstanceOf(DiskIndex);
      expect(built).toEqual([2]);
    }
  });

  it("checks only folders for large sources: entries added, removed or renamed, and Git checkouts", async () => {
    const { source, options, titles } = setup();
    const large = (extra: Partial<CacheOptions> = {}) => options({ fileCheckLimit: 1, ...extra });
    await openSourceIndex(source, large());
    page(source, "Gamma", "Gamma");
    expect(titles(await openSourceIndex(source, large()))).toEqual(["Alpha", "Beta", "Gamma"]);
    fs.renameSync(path.join(source, "en-us", "glossary", "gamma"), path.join(source, "en-us", "glossary", "delta"));
    expect([...(await openSourceIndex(source, large())).records()].map((r) => r.path)).toContain("en-us/glossary/delta/index.md");
    // An edit in place is read when the entry is shown; the index learns it at the next refresh.
    const alpha = path.join(source, "en-us", "glossary", "alpha", "index.md");
    fs.writeFileSync(alpha, "---\ntitle: Alpha edited\nslug: Glossary/Alpha\n---\n\nEdited.\n");
    expect(titles(await openSourceIndex(source, large()))).toContain("Alpha");
    expect(titles(await openSourceIndex(source, large({ rebuild: true })))).toContain("Alpha edited");
    // A Git work tree: a checkout (which rewrites Git's index) is noticed even when no folder changes.
    fs.mkdirSync(path.join(source, ".git"));
    fs.writeFileSync(path.join(source, ".git", "index"), "a");
    const gitIndex = path.join(source, ".git", "index");
    touchPast(gitIndex);
    await openSourceIndex(source, large({ rebuild: true }));
    fs.writeFileSync(alpha, "---\ntitle: Alpha after checkout\nslug: Glossary/Alpha\n---\n\nEdited.\n");
    fs.writeFileSync(gitIndex, "b");
    expect(titles(await openSourceIndex(source, large()))).toContain("Alpha after checkout");
  });

  it("rebuilds an index that is damaged, of another version or build, or pointed at wrongly", async () => {
    const { source, cache, options, built } = setup();
    await openSourceIndex(source, options());
    const home = sourceCacheFolder(cache, fs.realpathSync(source));
    const pointer = JSON.parse(fs.readFileSync(pointerFile(home, BUILD_ID), "utf8"));
    const build = path.join(home, `build-${pointer.stamp}`);

    fs.writeFileSync(path.join(build, "manifest.json"), "{ truncated");
    expect([...(await openSourceIndex(source, options())).records()]).toHaveLength(2);
    expect(built).toHaveLength(2);

    const again = JSON.parse(fs.readFileSync(pointerFile(home, BUILD_ID), "utf8"));
    fs.writeFileSync(pointerFile(home, BUILD_ID), JSON.stringify({ ...again, version: 999 }));
    await openSourceIndex(source, options());
    expect(built).toHaveLength(3);

    fs.writeFileSync(pointerFile(home, BUILD_ID), "not json at all");
    await openSourceIndex(source, options());
    expect(built).toHaveLength(4);

    fs.writeFileSync(pointerFile(home, BUILD_ID), JSON.stringify({ version: 1, stamp: "../../etc" }));
    await openSourceIndex(source, options());
    expect(built).toHaveLength(5);

    // An index made by another build of the program (its views and renderings may differ) is made again.
    const latest = JSON.parse(fs.readFileSync(pointerFile(home, BUILD_ID), "utf8"));
    const freshness = path.join(home, `build-${latest.stamp}`, "freshness.json");
    fs.writeFileSync(freshness, JSON.stringify({ ...JSON.parse(fs.readFileSync(freshness, "utf8")), program: "0.0.1+another" }));
    await openSourceIndex(source, options());
    expect(built).toHaveLength(6);
    await openSourceIndex(source, options());
    expect(built).toHaveLength(6);
  });

  it("keeps the indexes of two builds of the program side by side", async () => {
    const { source, cache, options, built } = setup();
    const home = sourceCacheFolder(cache, fs.realpathSync(source));
    await openSourceIndex(source, options({ program: "0.1.0+aaaa" }));
    await openSourceIndex(source, options({ program: "0.2.0+bbbb" }));
    expect(built).toHaveLength(2);
    // Each install finds its own index: neither rebuilds the other's.
    for (const program of ["0.1.0+aaaa", "0.2.0+bbbb", "0.1.0+aaaa"]) expect(await openSourceIndex(source, options({ program }))).toBeInstanceOf(DiskIndex);
    expect(built).toHaveLength(2);
    // Even when the other's build is old enough to be removed if nothing named it.
    const other = JSON.parse(fs.readFileSync(pointerFile(home, "0.1.0+aaaa"), "utf8")).stamp;
    const hourAgo = new Date(Date.now() - 60 * 60 * 1000);
    fs.utimesSync(path.join(home, `build-${other}`), hourAgo, hourAgo);
    fs.writeFileSync(pointerFile(home, "0.0.9+garbage"), "not json at all"); // a pointer that names nothing
    await openSourceIndex(source, options({ program: "0.2.0+bbbb", rebuild: true }));
    expect(fs.existsSync(path.join(home, `build-${other}`))).toBe(true);
    expect(await openSourceIndex(source, options({ program: "0.1.0+aaaa" }))).toBeInstanceOf(DiskIndex);
    expect(built).toHaveLength(3);
  });

  it("forgets the index of a build not used for a month, and keeps others within twice the index size", async () => {
    const { source, cache, options, built } = setup();
    const home = sourceCacheFolder(cache, fs.realpathSync(source));
    const past = (file: string, ms: number) => fs.utimesSync(file, new Date(Date.now() - ms), new Date(Date.now() - ms));
    const stampOf = (program: string) => JSON.parse(fs.readFileSync(pointerFile(home, program), "utf8")).stamp as string;
    const day = 24 * 60 * 60 * 1000;
    await openSourceIndex(source, options({ program: "0.1.0+aaaa" }));
    // A read marks the pointer as in use, at most once a day.
    past(pointerFile(home, "0.1.0+aaaa"), 2 * day);
    await openSourceIndex(source, options({ program: "0.1.0+aaaa" }));
    expect(Date.now() - fs.statSync(pointerFile(home, "0.1.0+aaaa")).mtimeMs).toBeLessThan(day);
    // Not used for a month: the next build of another forgets it (and a pointer of the older layout).
    const stamp = stampOf("0.1.0+aaaa");
    past(pointerFile(home, "0.1.0+aaaa"), 31 * day);
    past(path.join(home, `build-${stamp}`), 60 * 60 * 1000);
    fs.writeFileSync(path.join(home, "current.json"), "{}");
    past(path.join(home, "current.json"), 31 * day);
    await openSourceIndex(source, options({ program: "0.2.0+bbbb" }));
    expect(fs.existsSync(pointerFile(home, "0.1.0+aaaa"))).toBe(false);
    expect(fs.existsSync(path.join(home, `build-${stamp}`))).toBe(false);
    expect(fs.existsSync(path.join(home, "current.json"))).toBe(false);
    // Other builds are kept while all builds together stay within twice the size of this one's: here,
    // one, the most recently used.
    for (const [n, program] of ["0.3.0+cccc", "0.4.0+dddd", "0.5.0+eeee"].entries()) {
      await openSourceIndex(source, options({ program }));
      past(pointerFile(home, program), (3 - n) * 60_000);
    }
    if (fs.existsSync(pointerFile(home, "0.2.0+bbbb"))) past(pointerFile(home, "0.2.0+bbbb"), 10 * 60_000);
    await openSourceIndex(source, options({ program: "0.6.0+ffff" }));
    const pointers = fs.readdirSync(home).filter((name) => name.startsWith("current")).sort();
    expect(pointers).toEqual(["current-0.5.0_eeee.json", "current-0.6.0_ffff.json"]);
    expect(fs.readdirSync(home).filter((n) => n.startsWith("build-")).sort()).toEqual(
      ["0.5.0+eeee", "0.6.0+ffff"].map((program) => `build-${stampOf(program)}`).sort(),
    );
    expect(built).toHaveLength(6);
  });

  it("measures a build's index files once, and its stored views each time", () => {
    const folder = path.join(tempFolder(), "build-x");
    fs.mkdirSync(path.join(folder, "views"), { recursive: true });
    fs.writeFileSync(path.join(folder, "manifest.json"), "x".repeat(1000));
    fs.writeFileSync(path.join(folder, "views", "1.jsonl"), "v".repeat(100));
    expect(indexFolderSize(folder)).toBe(1100);
    const record = fs.statSync(path.join(folder, "size.json")).size;
    fs.writeFileSync(path.join(folder, "views", "2.jsonl"), "v".repeat(50));
    expect(indexFolderSize(folder)).toBe(1150);
    expect(folderSize(folder)).toBe(1150 + record);
    // The index files are taken as recorded (they do not change once written).
    fs.writeFileSync(path.join(folder, "manifest.json"), "x".repeat(10));
    expect(indexFolderSize(folder)).toBe(1150);
    // A damaged record: measured again (the damaged file with the rest), and recorded anew.
    fs.writeFileSync(path.join(folder, "size.json"), "damaged");
    expect(indexFolderSize(folder)).toBe(10 + 150 + 7);
    expect(indexFolderSize(folder)).toBe(10 + 150 + 7);
  });

  it("rebuilds when asked, even when fresh", async () => {
    const { source, options, built } = setup();
    await openSourceIndex(source, options());
    await openSourceIndex(source, options({ rebuild: true }));
    expect(built).toHaveLength(2);
  });

  it("works without a cache when its location is unusable", async () => {
    const { source, notes, options } = setup();
    const file = path.join(tempFolder(), "a-file");
    fs.writeFileSync(file, "not a folder");
    const index = await openSourceIndex(source, options({ root: path.join(file, "glossary") }));
    expect(index).toBeInstanceOf(MemoryIndex);
    expect(index.size).toBe(2);
    expect(notes.join("\n")).toMatch(/cache not used/);
  });

  // Root writes in a read-only folder: there the folder is usable, and the case cannot be made.
  it.skipIf(process.getuid?.() === 0)("works without a cache in a read-only folder (skipped as root)", async () => {
    const { source, notes, options } = setup();
    const readOnly = tempFolder();
    fs.chmodSync(readOnly, 0o500);
    try {
      const index = await openSourceIndex(source, options({ root: path.join(readOnly, "glossary") }));
      expect(index).toBeInstanceOf(MemoryIndex);
      expect(index.size).toBe(2);
      expect(notes.join("\n")).toMatch(/cache not used/);
    } finally {
      fs.chmodSync(readOnly, 0o700);
    }
  });

  it("takes over a lock left by a process that stopped, and removes its unfinished build", async () => {
    const { source, cache, options, built } = setup();
    const home = sourceCacheFolder(cache, fs.realpathSync(source));
    fs.mkdirSync(home, { recursive: true });
    fs.writeFileSync(path.join(home, "lock"), "999999999");
    fs.mkdirSync(path.join(home, "tmp-crashed"));
    expect((await openSourceIndex(source, options())).size).toBe(2);
    expect(built).toEqual([2]);
    expect(fs.existsSync(path.join(home, "lock"))).toBe(false);
    expect(fs.existsSync(path.join(home, "tmp-crashed"))).toBe(false);
  });

  it("leaves no superseded build, unfinished build or temporary file after the next read", async () => {
    const { source, cache, options } = setup();
    const home = sourceCacheFolder(cache, fs.realpathSync(source));
    const builds = () => fs.readdirSync(home).filter((n) => n.startsWith("build-"));
    await openSourceIndex(source, options());
    page(source, "Gamma", "Gamma");
    settled(source);
    await openSourceIndex(source, options());
    // A rebuild removes the build it replaces at once.
    expect(builds()).toHaveLength(1);
    // What a stopped build leaves (its unfinished folder, a temporary pointer, the build it replaced, its
    // lock) goes at the next read, which reads the cache.
    const [current] = builds();
    fs.cpSync(path.join(home, current!), path.join(home, "build-superseded"), { recursive: true });
    fs.mkdirSync(path.join(home, "tmp-stopped"));
    fs.writeFileSync(path.join(home, "tmp-stopped", "keys.pack"), "{}");
    fs.writeFileSync(`${pointerFile(home, BUILD_ID)}.tmp-999999999-x`, "{}");
    fs.writeFileSync(path.join(home, "lock"), "999999999");
    expect(await openSourceIndex(source, options())).toBeInstanceOf(DiskIndex);
    expect(fs.readdirSync(home).sort()).toEqual([current!, path.basename(pointerFile(home, BUILD_ID)), "source.json"].sort());
  });

  it("is left alone by a read while a live process holds the build lock", async () => {
    const { source, cache, options } = setup();
    const home = sourceCacheFolder(cache, fs.realpathSync(source));
    await openSourceIndex(source, options());
    fs.mkdirSync(path.join(home, "tmp-in-progress"));
    fs.writeFileSync(path.join(home, "lock"), String(process.ppid));
    await openSourceIndex(source, options());
    expect(fs.existsSync(path.join(home, "tmp-in-progress"))).toBe(true);
    fs.rmSync(path.join(home, "lock"));
  });

  it("keeps a source's cache within twice its index size over rounds of edits", async () => {
    const { source, cache, options } = setup();
    const home = sourceCacheFolder(cache, fs.realpathSync(source));
    for (let n = 0; n < 5; n++) page(source, `Term${n}`, `Term ${n}`, "Some text. ".repeat(50));
    await openSourceIndex(source, options());
    const { folderSize } = await import("../../src/app/cache-folder.js");
    for (let round = 0; round < 20; round++) {
      page(source, `Term${round % 5}`, `Term ${round % 5} edited ${round}`, "Other text. ".repeat(40 + round));
      page(source, `Added${round}`, `Added ${round}`);
      touchPast(path.join(source, "en-us", "glossary"));
      await openSourceIndex(source, options());
      const [current] = fs.readdirSync(home).filter((n) => n.startsWith("build-"));
      expect(folderSize(home)).toBeLessThanOrEqual(2 * folderSize(path.join(home, current!)));
    }
  });
});
