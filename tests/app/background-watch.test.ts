// Tests of the watch a command starts in the background (app/background-watch.ts): its spec, the views it
// makes again for pages edited after they were looked up, and how it runs and ends.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { type WatchSpec, backgroundWatch, parseWatchSpec, refreshStoredViews } from "../../src/app/background-watch.js";
import { openSourceIndex, sourceCacheFolder } from "../../src/app/cache.js";
import { findEntry, showCommand } from "../../src/app/lookup-command.js";
import { openGlossary } from "../../src/app/open.js";
import { readWatchRecord, watchRecordFile } from "../../src/app/watch-record.js";
import type { Glossary } from "../../src/query/glossary.js";
import { DEFAULT_MAX_PAGE_BYTES, type Settings } from "../../src/types.js";
import { ROOT, afterClockStep, generatedSource, plainTextSettings, settled, tempFolder, watchLikeProcess } from "../helpers.js";

const settingsOf = (source: string): Settings => plainTextSettings([source]);

const open = (settings: Settings, cache: string): Promise<Glossary> =>
  openGlossary({ sources: settings.sources, bundled: settings.bundled, packageRoot: ROOT, verbose: () => {}, cache, maxPageBytes: settings.maxPageBytes! });

/** A generated source large enough to be checked by its folders and indexed in deltas, indexed in a new cache. */
async function indexedSource(prefix: string): Promise<{ source: string; real: string; cache: string; folder: string; slugs: string[] }> {
  const source = settled(generatedSource(prefix, 600));
  const cache = path.join(tempFolder(`${prefix}cache-`), "glossary");
  await openSourceIndex(source, { root: cache, verbose: () => {} });
  const folder = path.join(source, "files", "en-us", "glossary");
  return { source, real: fs.realpathSync(source), cache, folder, slugs: fs.readdirSync(folder).sort() };
}

/** Rewrites a page's first paragraph of text, a step of the clock after its last change; its new text. */
function editPage(file: string, words: string): string {
  afterClockStep(file);
  const text = fs.readFileSync(file, "utf8").replace(/\n---\n\n/, `\n---\n\n${words} `);
  fs.writeFileSync(file, text);
  return text;
}

/**
 * Indexes the edit of a page as a watch that heard it written does, once a step of the clock has passed
 * since (see recordedTime): an index made sooner reads the page again at the next call, in a new delta.
 */
async function indexEdit(source: string, cache: string, file: string): Promise<void> {
  afterClockStep(file);
  await openSourceIndex(source, { root: cache, verbose: () => {}, editedPages: [path.relative(source, file).split(path.sep).join("/")] });
}

/** The view stored for the entry a lookup of a term finds. */
async function storedView(glossary: Glossary, term: string, settings: Settings) {
  const { entry } = await findEntry([term], settings, glossary);
  return glossary.layers[entry.layer]!.index.view(entry.id);
}

/** The page file of the entry a lookup of a term finds. */
async function pageOf(glossary: Glossary, term: string, settings: Settings): Promise<string> {
  return (await findEntry([term], settings, glossary)).entry.file;
}

/** Waits until `ready` holds, trying again every few milliseconds (the test's timeout bounds it). */
async function until(ready: () => boolean): Promise<void> {
  while (!ready()) await new Promise((resolve) => setTimeout(resolve, 20));
}

describe("the spec of a background watch", () => {
  it("is read from the JSON a command hands it, and refused otherwise", () => {
    const spec: WatchSpec = { folder: "/src", sources: ["/src", "/other"], bundled: true, maxPageBytes: 1000 };
    expect(parseWatchSpec(JSON.stringify(spec))).toEqual(spec);
    expect(parseWatchSpec(JSON.stringify({ ...spec, idleMs: 500 }))).toEqual({ ...spec, idleMs: 500 });
    for (const bad of ["", "[]", "null", JSON.stringify({ ...spec, folder: 1 }), JSON.stringify({ ...spec, sources: [1] }), JSON.stringify({ ...spec, maxPageBytes: 0 }), JSON.stringify({ ...spec, idleMs: -1 }), JSON.stringify({ ...spec, bundled: "yes" })]) {
      expect(() => parseWatchSpec(bad)).toThrow("__watch takes the JSON spec of a watch");
    }
  });
});

describe("the views a watch stores again", () => {
  it("are those of the entries looked up: made again when their pages were edited, with their plain text, else stored with the new signature", { timeout: 120_000 }, async () => {
    const { source, real, cache, slugs } = await indexedSource("glossary-edited-views-");
    const settings = settingsOf(source);
    const [edited, kept, other] = [slugs[3]!, slugs[4]!, slugs[5]!];
    for (const slug of [edited, kept]) await showCommand([slug], settings, await open(settings, cache));
    // Looked up with the bundled entries too: a view stored for other sources, which the watch leaves alone.
    const withBundled = { ...settings, bundled: true };
    await showCommand([other], withBundled, await open(withBundled, cache));
    const otherBefore = (await storedView(await open(withBundled, cache), other, withBundled))!.basis;
    const file = await pageOf(await open(settings, cache), edited, settings);
    const text = editPage(file, "Freshly edited words.");
    await indexEdit(source, cache, file);
    const glossary = await open(settings, cache);
    expect(glossary.layers[0]!.index.stamp).toContain("+");
    const keptBefore = (await storedView(glossary, kept, settings))!;
    expect(keptBefore.basis.signature).not.toBe(glossary.signature());
    expect(await refreshStoredViews(glossary, real, settings)).toBe(2);
    const again = await open(settings, cache);
    const view = (await storedView(again, edited, settings))!;
    expect(view.basis.pageText).toBe(text);
    expect(view.basis.signature).toBe(again.signature());
    expect(view.rendered.text).toContain("Freshly edited words.");
    const keptView = (await storedView(again, kept, settings))!;
    expect(keptView.basis).toEqual({ ...keptBefore.basis, signature: again.signature() });
    expect(keptView.rendered).toEqual(keptBefore.rendered);
    expect((await storedView(again, other, withBundled))!.basis).toEqual(otherBefore);
    // Nothing left to store again.
    expect(await refreshStoredViews(again, real, settings)).toBe(0);
    // The lookups then find what they print made ahead, the terms of the views not looked up again.
    expect((await showCommand([edited], settings, again)).stdout).toBe(view.rendered.text);
    const lookups = vi.spyOn(again, "bySlug");
    expect((await showCommand([kept], settings, again)).stdout).toBe(keptView.rendered.text);
    expect(lookups).not.toHaveBeenCalled();
  });
});

describe("the views a watch stores again, whose terms resolve otherwise", () => {
  it("are made again for the new glossary, at most as many as asked for a check", { timeout: 120_000 }, async () => {
    const { source, real, cache, folder, slugs } = await indexedSource("glossary-resolved-views-");
    const settings = settingsOf(source);
    const linking = slugs[6]!;
    // A page linking to a term no page has yet, looked up.
    const file = await pageOf(await open(settings, cache), linking, settings);
    editPage(file, '{{Glossary("Brand new term")}} links ahead.');
    await indexEdit(source, cache, file);
    await showCommand([linking], settings, await open(settings, cache));
    // Then a page of that term added: the view's page is unchanged, its term now resolves.
    afterClockStep(folder);
    fs.mkdirSync(path.join(folder, "brand_new_term"));
    fs.writeFileSync(path.join(folder, "brand_new_term", "index.md"), "---\ntitle: Brand new term\nslug: Glossary/Brand_new_term\n---\n\nA term added later.\n");
    afterClockStep(path.join(folder, "brand_new_term", "index.md"));
    await openSourceIndex(source, { root: cache, verbose: () => {} });
    const glossary = await open(settings, cache);
    const before = (await storedView(glossary, linking, settings))!.basis;
    expect(before.signature).not.toBe(glossary.signature());
    expect(await refreshStoredViews(glossary, real, settings, 0)).toBe(0);
    expect((await storedView(glossary, linking, settings))!.basis).toEqual(before);
    expect(await refreshStoredViews(glossary, real, settings)).toBe(1);
    const again = await open(settings, cache);
    const view = (await storedView(again, linking, settings))!;
    expect(view.basis.signature).toBe(again.signature());
    expect(view.basis.pageText).toBe(before.pageText);
    expect(await refreshStoredViews(again, real, settings)).toBe(0);
    // The lookup prints it as made, with the term's entry linked (as JSON: its slug), looking nothing up.
    const lookups = vi.spyOn(again, "bySlug");
    expect((await showCommand([linking], settings, again)).stdout).toBe(view.rendered.text);
    expect(lookups).not.toHaveBeenCalled();
    expect(JSON.stringify(JSON.parse((await showCommand([linking], { ...settings, format: "json" }, again)).stdout))).toContain("Brand_new_term");
  });
});

describe("a background watch", () => {
  it("keeps the index fresh and the views of edited pages made, writes its record after each check, and ends when stopped", { timeout: 120_000 }, async () => {
    const { source, real, cache, slugs } = await indexedSource("glossary-background-watch-");
    const settings = settingsOf(source);
    const home = sourceCacheFolder(cache, real);
    const slug = slugs[7]!;
    await showCommand([slug], settings, await open(settings, cache));
    const file = await pageOf(await open(settings, cache), slug, settings);
    const controller = new AbortController();
    const spec: WatchSpec = { folder: source, sources: [source], bundled: false, maxPageBytes: DEFAULT_MAX_PAGE_BYTES };
    const running = backgroundWatch(spec, settings, { cache, workerScript: null, stop: controller.signal, open: (each) => open(each, cache) });
    await until(() => (readWatchRecord(home)?.checked ?? null) !== null);
    expect(readWatchRecord(home)?.pid).toBe(process.pid);
    const before = readWatchRecord(home)!.checked!;
    editPage(file, "Watched edit.");
    // The record is written once a check has ended, its views made.
    await until(() => (readWatchRecord(home)?.checked ?? before) > before);
    expect((await storedView(await open(settings, cache), slug, settings))?.rendered.text).toContain("Watched edit.");
    controller.abort();
    expect(await running).toBe(true);
    expect(fs.existsSync(watchRecordFile(home))).toBe(false);
  });

  it("does nothing when a running watch of the source holds its record", async () => {
    const { source, real, cache } = await indexedSource("glossary-background-held-");
    const home = sourceCacheFolder(cache, real);
    const watch = watchLikeProcess();
    try {
      const held = { pid: watch.pid, program: (await import("../../src/version.js")).BUILD_ID, started: 1, checked: 2 };
      fs.writeFileSync(watchRecordFile(home), JSON.stringify(held));
      const spec: WatchSpec = { folder: source, sources: [source], bundled: false, maxPageBytes: DEFAULT_MAX_PAGE_BYTES };
      const settings = settingsOf(source);
      expect(await backgroundWatch(spec, settings, { cache, workerScript: null, stop: new AbortController().signal, open: (each) => open(each, cache) })).toBe(false);
      expect(readWatchRecord(home)).toEqual(held);
    } finally {
      watch.stop();
    }
  });

  it("ends when its source is gone, leaving its record, which keeps commands from starting another for a while", { timeout: 120_000 }, async () => {
    const { source, real, cache } = await indexedSource("glossary-background-gone-");
    const home = sourceCacheFolder(cache, real);
    const settings = settingsOf(source);
    const running = backgroundWatch({ folder: source, sources: [source], bundled: false, maxPageBytes: DEFAULT_MAX_PAGE_BYTES }, settings, { cache, workerScript: null, stop: new AbortController().signal, open: (each) => open(each, cache) });
    await until(() => (readWatchRecord(home)?.checked ?? null) !== null);
    fs.rmSync(source, { recursive: true });
    expect(await running).toBe(true);
    expect(readWatchRecord(home)?.pid).toBe(process.pid);
  });

  it("ends by itself once unused for its idle time, and when another watch takes its record", { timeout: 120_000 }, async () => {
    const { source, real, cache, folder, slugs } = await indexedSource("glossary-background-idle-");
    const home = sourceCacheFolder(cache, real);
    const settings = settingsOf(source);
    const options = { cache, workerScript: null, stop: new AbortController().signal, open: (each: Settings) => open(each, cache) };
    // Unused: no command marks it used, and nothing changes.
    expect(await backgroundWatch({ folder: source, sources: [source], bundled: false, maxPageBytes: DEFAULT_MAX_PAGE_BYTES, idleMs: 200 }, settings, options)).toBe(true);
    expect(fs.existsSync(watchRecordFile(home))).toBe(false);
    // Taken over: the check after the next change finds the record another's, and the watch ends, leaving it.
    const running = backgroundWatch({ folder: source, sources: [source], bundled: false, maxPageBytes: DEFAULT_MAX_PAGE_BYTES }, settings, options);
    await until(() => (readWatchRecord(home)?.checked ?? null) !== null);
    const other = { pid: process.ppid, program: "another build", started: 1, checked: null };
    fs.writeFileSync(watchRecordFile(home), JSON.stringify(other));
    editPage(path.join(folder, slugs[2]!, "index.md"), "Edited.");
    expect(await running).toBe(true);
    expect(readWatchRecord(home)).toEqual(other);
  });
});
