// Tests of the watch of sources (app/watch.ts): which folders it watches, that a change is checked, that a
// change made during a check is checked after it, and how it ends.
import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { openSourceIndex } from "../../src/app/cache.js";
import type { Freshness } from "../../src/app/cache-types.js";
import { watchedFolders, watchSources } from "../../src/app/watch.js";
import { settled, tempFolder } from "../helpers.js";
import { pathSetHash } from "../../src/sources/path-set-hash.js";

const page = (title: string): string => `---\ntitle: ${title}\nslug: Glossary/${title}\n---\n\nAbout ${title}.\n`;

function addPage(source: string, slug: string): void {
  fs.mkdirSync(path.join(source, "en-us", "glossary", slug), { recursive: true });
  fs.writeFileSync(path.join(source, "en-us", "glossary", slug, "index.md"), page(slug));
}

/** A check the watch made: of which source, how, and the titles the index then held. */
interface Check {
  source: string;
  first: boolean;
  /** How far the check went: a walk of the source, every page's stamp, the stamps of the pages heard written, or the recorded folders. */
  depth: "walk" | "stamps" | "heard" | "folders";
  /** With `heard`: the page files the watch heard written. */
  heard?: string[];
  titles: string[];
}

/**
 * Watches sources checked by their folders (as large ones are) until a check satisfies `until`, then stops;
 * `afterCheck` runs at the end of each check, `failFirst` makes the first check fail.
 */
async function watchUntil(
  sources: string[],
  cache: string,
  until: (check: Check) => boolean,
  hooks: { started?: () => void; afterCheck?: (check: Check) => void; failFirst?: boolean } = {},
): Promise<{ checks: Check[]; failures: string[] }> {
  const controller = new AbortController();
  const checks: Check[] = [];
  const failures: string[] = [];
  let done!: () => void;
  const reached = new Promise<void>((resolve) => (done = resolve));
  const watch = watchSources(sources, {
    cache,
    signal: controller.signal,
    async refresh(source, first, how) {
      if (hooks.failFirst && checks.length === 0 && failures.length === 0) throw new Error("the first check failed");
      const index = await openSourceIndex(source, { root: cache, verbose: () => {}, ...how, fileCheckLimit: 0 });
      const depth = how.walkSource ? "walk" : how.checkEveryPage ? "stamps" : how.editedPages !== undefined ? "heard" : "folders";
      const titles = Array.from({ length: index.size }, (_, id) => index.record(id).title).sort();
      const check: Check = { source, first, depth, ...(how.editedPages !== undefined ? { heard: [...how.editedPages] } : {}), titles };
      checks.push(check);
      hooks.afterCheck?.(check);
      if (until(check)) done();
    },
    started: hooks.started,
    failed: (_source, error) => failures.push((error as Error).message),
    settleMs: 10,
  });
  await reached;
  controller.abort();
  expect(await watch).toBe("stopped");
  return { checks, failures };
}

/** A source of two pages, alpha and beta, with a cache folder for it. */
function twoPageSource(prefix: string): { source: string; cache: string } {
  const source = tempFolder(prefix);
  addPage(source, "alpha");
  addPage(source, "beta");
  return { source, cache: tempFolder(`${prefix}cache-`) };
}

/** Rewrites the page of `slug` in place with a new title. */
function retitle(source: string, slug: string, title: string): void {
  fs.writeFileSync(path.join(source, "en-us", "glossary", slug, "index.md"), page(slug).replace(`title: ${slug}`, `title: ${title}`));
}

// A test that fails inside a spy of fs.watch leaves no spy to the tests after it.
afterEach(() => {
  vi.restoreAllMocks();
});

describe("watchedFolders", () => {
  it("names the recorded folders, the folder of each page checked one by one, and Git's folder", () => {
    const freshness: Freshness = {
      stamp: "s",
      program: "p",
      root: "/src",
      mode: "files",
      folders: [
        ["", 1],
        ["en-us/glossary", 2],
      ],
      files: [
        ["en-us/glossary/a/index.md", 3, 4],
        ["en-us/glossary/b/index.md", 5, 6],
      ],
      maxPageBytes: 1,
      git: [
        ["/src/.git/index", 7],
        ["/src/.git/HEAD", 8],
      ],
      gitChecked: 7,
      pageSetHash: pathSetHash(["en-us/glossary/a/index.md", "en-us/glossary/b/index.md"]),
    };
    expect(watchedFolders(freshness)).toEqual(["/src", "/src/.git", "/src/en-us/glossary", "/src/en-us/glossary/a", "/src/en-us/glossary/b"].map((folder) => path.normalize(folder)).sort());
    // A work tree whose `.git` file names Git's folder: that folder, not the work tree above the source.
    const linked: Freshness = {
      ...freshness,
      root: "/tree/src",
      folders: [["", 1]],
      files: [],
      git: [
        ["/tree/.git", 6],
        ["/repository/.git/worktrees/tree/index", 7],
        ["/repository/.git/worktrees/tree/HEAD", 8],
      ],
    };
    expect(watchedFolders(linked)).toEqual(["/repository/.git/worktrees/tree", "/tree/src"].map((folder) => path.normalize(folder)).sort());
  });
});

describe("watchSources", () => {
  it("checks each change once the folders are quiet, checks again a change made during a check, and stops when asked", { timeout: 120_000 }, async () => {
    const source = tempFolder("glossary-watch-");
    const cache = tempFolder("glossary-watch-cache-");
    addPage(source, "alpha");
    const controller = new AbortController();
    const checks: Array<{ first: boolean; entries: number }> = [];
    let inCheck = false;
    let overlapped = false;
    let waiting: { entries: number; resolve: () => void } | null = null;
    const entriesReach = (entries: number): Promise<void> => new Promise((resolve) => (waiting = { entries, resolve }));
    const failures: unknown[] = [];
    const firstCheck = entriesReach(1);
    const watch = watchSources([source], {
      cache,
      signal: controller.signal,
      // Small sources are checked by their folders here, as large ones are.
      async refresh(folder, first) {
        overlapped ||= inCheck;
        inCheck = true;
        const index = await openSourceIndex(folder, { root: cache, verbose: () => {}, checkEveryPage: first, fileCheckLimit: 0 });
        checks.push({ first, entries: index.size });
        // A page added while the first later check runs, once its folder has been read.
        if (!first && checks.length === 2) addPage(source, "gamma");
        inCheck = false;
        if (waiting !== null && index.size >= waiting.entries) waiting.resolve();
      },
      failed: (_folder, error) => failures.push(error),
      settleMs: 10,
    });
    await firstCheck;
    addPage(source, "beta");
    await entriesReach(3);
    controller.abort();
    expect(await watch).toBe("stopped");
    expect(checks[0]).toEqual({ first: true, entries: 1 });
    expect(checks.at(-1)!.entries).toBe(3);
    expect(overlapped).toBe(false);
    expect(failures).toEqual([]);
  });

  it("watches each page's folder of a source checked by its folders, and checks the page heard after an edit in place", { timeout: 120_000 }, async () => {
    const { source, cache } = twoPageSource("glossary-watch-in-place-");
    const { checks, failures } = await watchUntil([source], cache, (check) => check.titles.includes("Alpha edited"), {
      // An edit in place: the page's folder alone changes, not the glossary folder above it.
      started: () => retitle(source, "alpha", "Alpha edited"),
    });
    expect(failures).toEqual([]);
    expect(checks[0]).toEqual({ source, first: true, depth: "walk", titles: ["alpha", "beta"] });
    expect(checks.at(-1)).toMatchObject({ source, first: false, depth: "heard", titles: ["Alpha edited", "beta"] });
    // The page edited, and any page whose time the first check could not be sure of (written within a step of the clock).
    expect(checks.at(-1)!.heard).toContain("en-us/glossary/alpha/index.md");
  });

  it("checks every page after an event in a page's folder that names no file", { timeout: 120_000 }, async () => {
    const { source, cache } = twoPageSource("glossary-watch-no-name-");
    const realWatch = fs.watch;
    // The system may not say which file changed: the page folders' events come without a name.
    vi.spyOn(fs, "watch").mockImplementation(((folder: string, listener: fs.WatchListener<string>) =>
      realWatch(folder, (event, name) => listener(event, fs.existsSync(path.join(folder, "index.md")) && name === "index.md" ? null : name))) as typeof fs.watch);
    const { checks, failures } = await watchUntil([source], cache, (check) => check.titles.includes("Alpha edited"), {
      started: () => retitle(source, "alpha", "Alpha edited"),
    });
    expect(failures).toEqual([]);
    expect(checks.at(-1)).toEqual({ source, first: false, depth: "stamps", titles: ["Alpha edited", "beta"] });
  });

  it("walks the source after a folder appears in a page's folder, and finds the page below it", { timeout: 120_000 }, async () => {
    const { source, cache } = twoPageSource("glossary-watch-below-page-");
    const { checks, failures } = await watchUntil([source], cache, (check) => check.titles.includes("alpha/below"), {
      // A page below alpha's: alpha's folder alone changes, and it held no folder, so no recorded folder shows it.
      started: () => addPage(source, "alpha/below"),
    });
    expect(failures).toEqual([]);
    expect(checks.at(-1)).toEqual({ source, first: false, depth: "walk", titles: ["alpha", "alpha/below", "beta"] });
  });

  it("tells once that the pages' folders cannot all be watched, and goes on watching the recorded folders", { timeout: 120_000 }, async () => {
    const { source, cache } = twoPageSource("glossary-watch-pages-limit-");
    const realWatch = fs.watch;
    // The folders of the pages cannot be watched; the glossary folder above them can (restored after each test).
    vi.spyOn(fs, "watch").mockImplementation(((folder: string, listener: fs.WatchListener<string>) => {
      if (fs.existsSync(path.join(folder, "index.md"))) throw Object.assign(new Error("ENOSPC: System limit for number of file watchers reached"), { code: "ENOSPC" });
      return realWatch(folder, listener);
    }) as typeof fs.watch);
    const { failures } = await watchUntil([source], cache, (check) => check.titles.length === 3, { started: () => addPage(source, "gamma") });
    expect(failures).toEqual(["cannot watch the folder of every page: the system's limit of watched folders is reached (fs.inotify.max_user_watches); edits in place are seen by glossary index"]);
  });

  it("finds a page edited in place after the check read it and before its folder was watched", { timeout: 120_000 }, async () => {
    const { source, cache } = twoPageSource("glossary-watch-window-");
    let edited = false;
    const { checks } = await watchUntil([source], cache, (check) => check.titles.includes("Alpha edited"), {
      afterCheck: () => {
        if (!edited) retitle(source, "alpha", "Alpha edited");
        edited = true;
      },
    });
    expect(checks.at(-1)).toMatchObject({ first: false, depth: "heard" });
    expect(checks.at(-1)!.heard).toContain("en-us/glossary/alpha/index.md");
  });

  it("checks every page again after a first check that failed", { timeout: 120_000 }, async () => {
    const { source, cache } = twoPageSource("glossary-watch-failed-first-");
    await openSourceIndex(source, { root: cache, verbose: () => {}, fileCheckLimit: 0 });
    // Edited in place before the watch starts: only a check of every page finds it.
    retitle(source, "alpha", "Alpha edited");
    const { checks, failures } = await watchUntil([source], cache, (check) => check.titles.includes("Alpha edited"), {
      failFirst: true,
      started: () => fs.writeFileSync(path.join(source, "touched"), ""),
    });
    expect(failures).toEqual(["the first check failed"]);
    expect(checks[0]).toMatchObject({ first: false, depth: "walk" });
  });

  it("keeps watching a page's folder that holds a child of the same name", { timeout: 120_000 }, async () => {
    const { source, cache } = twoPageSource("glossary-watch-same-name-");
    let edited = false;
    const { checks } = await watchUntil([source], cache, (check) => check.titles.includes("Alpha edited"), {
      // Once watching, a file named as its folder in the page's folder; then, once it was checked, the edit.
      started: () => fs.writeFileSync(path.join(source, "en-us", "glossary", "alpha", "alpha"), ""),
      afterCheck: (check) => {
        if (check.first || edited) return;
        edited = true;
        retitle(source, "alpha", "Alpha edited");
      },
    });
    expect(checks.at(-1)).toMatchObject({ depth: "heard" });
    expect(checks.at(-1)!.heard).toContain("en-us/glossary/alpha/index.md");
  });

  it("lets the folders of pages go, in every source, when a recorded folder of another reaches the system's limit", { timeout: 120_000 }, async () => {
    const big = tempFolder("glossary-watch-budget-big-");
    const small = tempFolder("glossary-watch-budget-small-");
    const cache = tempFolder("glossary-watch-budget-cache-");
    for (const slug of ["alpha", "beta", "gamma"]) addPage(big, slug);
    addPage(small, "delta");
    // Room for six watches at once: the big source's three folders and three pages' folders fill it.
    const realWatch = fs.watch;
    let live = 0;
    const watchSpy = vi.spyOn(fs, "watch").mockImplementation(((folder: string, listener: fs.WatchListener<string>) => {
      if (live >= 6) throw Object.assign(new Error("ENOSPC: System limit for number of file watchers reached"), { code: "ENOSPC" });
      const watcher = realWatch(folder, listener);
      live += 1;
      const close = watcher.close.bind(watcher);
      let closed = false;
      watcher.close = () => {
        if (!closed) live -= 1;
        closed = true;
        close();
      };
      return watcher;
    }) as typeof fs.watch);
    try {
      let added = false;
      const { failures } = await watchUntil([big, small], cache, (check) => check.source === small && check.titles.includes("epsilon"), {
        started: () => {
          if (!added) addPage(small, "epsilon");
          added = true;
        },
      });
      // Told once by each source whose pages' folders were let go.
      expect(failures.length).toBeGreaterThan(0);
      expect(failures.length).toBeLessThanOrEqual(2);
      for (const failure of failures) expect(failure).toBe("cannot watch the folder of every page: the system's limit of watched folders is reached (fs.inotify.max_user_watches); edits in place are seen by glossary index");
    } finally {
      watchSpy.mockRestore();
    }
  });

  it("tells once that a page's folder cannot be watched for another reason, and watches the others", { timeout: 120_000 }, async () => {
    const source = tempFolder("glossary-watch-refused-");
    const cache = tempFolder("glossary-watch-refused-cache-");
    for (const slug of ["alpha", "beta", "gamma"]) addPage(source, slug);
    const realWatch = fs.watch;
    // Two pages' folders cannot be read; the others can.
    const refused = (folder: string): boolean => /[\\/](alpha|beta)$/.test(folder);
    vi.spyOn(fs, "watch").mockImplementation(((folder: string, listener: fs.WatchListener<string>) => {
      if (refused(folder)) throw Object.assign(new Error(`EACCES: permission denied, watch '${folder}'`), { code: "EACCES" });
      return realWatch(folder, listener);
    }) as typeof fs.watch);
    let edited = false;
    const { failures } = await watchUntil([source], cache, (check) => check.titles.includes("Gamma edited"), {
      started: () => {
        if (!edited) retitle(source, "gamma", "Gamma edited");
        edited = true;
      },
    });
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatch(/^cannot watch .*(alpha|beta): EACCES: permission denied, watch .*; edits in place there are seen by glossary index$/);
  });

  it("checks a stale index once per change when a check cannot replace its record", { timeout: 120_000 }, async () => {
    const source = tempFolder("glossary-watch-stuck-");
    const cache = tempFolder("glossary-watch-stuck-cache-");
    addPage(source, "alpha");
    // Written a while ago: a page written just before the first check is checked once more (see recordedTime).
    settled(source);
    const controller = new AbortController();
    let checks = 0;
    let checked!: () => void;
    const secondCheck = new Promise<void>((resolve) => (checked = resolve));
    const watch = watchSources([source], {
      cache,
      signal: controller.signal,
      // Only the first check writes a record; later ones leave it stale, as a cache that cannot be written does.
      async refresh(folder, first) {
        if (first) await openSourceIndex(folder, { root: cache, verbose: () => {}, checkEveryPage: true });
        checks += 1;
        if (checks === 2) checked();
      },
      started: () => addPage(source, "beta"),
      failed: () => {},
      settleMs: 10,
    });
    await secondCheck;
    // A watch that checked the stale record again after each check would check it every few milliseconds.
    await new Promise((resolve) => setTimeout(resolve, 500));
    controller.abort();
    expect(await watch).toBe("stopped");
    expect(checks).toBe(2);
  });

  it("ends, telling the limit once for each folder, when no folder of a source can be watched", { timeout: 120_000 }, async () => {
    const source = tempFolder("glossary-watch-limit-");
    const cache = tempFolder("glossary-watch-limit-cache-");
    addPage(source, "alpha");
    const failures: string[] = [];
    const watchSpy = vi.spyOn(fs, "watch").mockImplementation(() => {
      throw Object.assign(new Error("ENOSPC: System limit for number of file watchers reached"), { code: "ENOSPC" });
    });
    try {
      const end = await watchSources([source], {
        cache,
        signal: new AbortController().signal,
        async refresh(folder) {
          await openSourceIndex(folder, { root: cache, verbose: () => {}, fileCheckLimit: 0 });
        },
        failed: (_folder, error) => failures.push((error as Error).message),
        settleMs: 10,
      });
      expect(end).toBe("no sources left");
    } finally {
      watchSpy.mockRestore();
    }
    expect(failures.length).toBeGreaterThan(0);
    expect(new Set(failures).size).toBe(failures.length);
    for (const failure of failures) expect(failure).toMatch(/^cannot watch .*: the system's limit of watched folders is reached \(fs\.inotify\.max_user_watches/);
  });

  it("ends when every source folder is gone, telling the failure", { timeout: 120_000 }, async () => {
    const source = tempFolder("glossary-watch-gone-");
    const cache = tempFolder("glossary-watch-gone-cache-");
    addPage(source, "alpha");
    const failures: string[] = [];
    let started!: () => void;
    const ready = new Promise<void>((resolve) => (started = resolve));
    const watch = watchSources([source], {
      cache,
      signal: new AbortController().signal,
      async refresh(folder) {
        if (!fs.existsSync(folder)) throw new Error(`source folder not found: ${folder}`);
        await openSourceIndex(folder, { root: cache, verbose: () => {} });
      },
      started,
      failed: (_folder, error) => failures.push((error as Error).message),
      settleMs: 10,
    });
    await ready;
    fs.rmSync(source, { recursive: true });
    expect(await watch).toBe("no sources left");
    expect(failures).toEqual([`source folder not found: ${source}`]);
  });
});
