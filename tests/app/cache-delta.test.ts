// Tests of delta segments: an index kept up to date by them reads as a full rebuild, and which changes each check sees.
import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import { openSourceIndex } from "../../src/app/cache.js";
import { gitIndexFile, gitState } from "../../src/app/cache-folder.js";
import { anotherFileTest } from "../../src/app/cache-delta.js";
import { discoverPages } from "../../src/sources/discover.js";
import { type PathSetHash, pathSetHash } from "../../src/sources/path-set-hash.js";
import type { CacheOptions, Freshness } from "../../src/app/cache-types.js";
import { UNKNOWN_TIME } from "../../src/sources/file-times.js";
import { showEntry } from "../../src/app/entry-view.js";
import { Glossary } from "../../src/query/glossary.js";
import { pageKeys } from "../../src/index/build.js";
import type { GlossaryIndex } from "../../src/index/reader.js";
import { BACKLINK_PREFIX, type PageProblem } from "../../src/types.js";
import { slugKey } from "../../src/text/fold.js";
import { afterClockStep, settled, tempFolder } from "../helpers.js";
import { git } from "../mirrors.js";

/** One change to a source: what a person does to a glossary between two calls. */
type Edit =
  | { kind: "add"; slug: number; title: number; body: number; nested: boolean }
  | { kind: "add below"; page: number; slug: number; title: number }
  | { kind: "unlink"; page: number }
  | { kind: "title"; page: number; title: number }
  | { kind: "body"; page: number; body: number }
  | { kind: "remove"; page: number }
  | { kind: "rename"; page: number; slug: number }
  | { kind: "restore" };

const TITLES = ["Alpha", "Beta", "Gamma ray", "Delta (Δ)", "Epsilon", "Zeta function", "Eta", "alpha"];
const BODIES = [
  "A definition.",
  'Links to {{Glossary("Alpha")}} and {{Glossary("Beta")}}.',
  'Longer text about gamma rays and protocols.\n\n## See also\n\n- {{Glossary("Gamma")}}',
  "Another text, of another length: delta, epsilon, protocols.",
];
// Children (Beta/Child below Beta) and slugs that differ only in case (a duplicate of Alpha).
const SLUGS = ["Alpha", "Beta", "Gamma", "Delta", "Beta/Child", "Epsilon", "ALPHA", "Beta/Other"];
const QUERIES = ["alpha", "protocols", "gamma rays", "definition", "delta epsilon", "zeta", "text", "protocol", "epsilo"];

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant("add" as const), slug: fc.nat(7), title: fc.nat(7), body: fc.nat(3), nested: fc.boolean() }),
  fc.record({ kind: fc.constant("add below" as const), page: fc.nat(20), slug: fc.nat(7), title: fc.nat(7) }),
  fc.record({ kind: fc.constant("unlink" as const), page: fc.nat(20) }),
  fc.record({ kind: fc.constant("title" as const), page: fc.nat(20), title: fc.nat(7) }),
  fc.record({ kind: fc.constant("body" as const), page: fc.nat(20), body: fc.nat(3) }),
  fc.record({ kind: fc.constant("remove" as const), page: fc.nat(20) }),
  fc.record({ kind: fc.constant("rename" as const), page: fc.nat(20), slug: fc.nat(7) }),
  fc.constant({ kind: "restore" as const }),
);

/**
 * The page folders (or page files, their folders left) removed from each source, latest last, kept beside
 * it (as they were) to be put back by "restore".
 */
const removedFolders = new Map<string, Array<{ kept: string; folder: string }>>();

/** A distinct modification time for each write: two edits within one tick of the file system's clock may share one. */
let clock = Math.floor(Date.now() / 1000) - 100_000;

function writeFile(file: string, text: string): void {
  fs.writeFileSync(file, text);
  clock += 1;
  fs.utimesSync(file, clock, clock);
}

function writePage(folder: string, slug: string, title: string, body: string): void {
  fs.mkdirSync(folder, { recursive: true });
  writeFile(path.join(folder, "index.md"), `---\ntitle: ${JSON.stringify(title)}\nslug: Glossary/${slug}\n---\n\n${body}\n`);
}

/** A source of pages titled as their slugs (each in `en-us/glossary/<slug in lower case>`), and a cache folder for it. */
function slugSource(prefix: string, slugs: readonly string[], body = BODIES[0]!): { root: string; base: string; cache: string } {
  const root = tempFolder(prefix);
  const base = path.join(root, "en-us", "glossary");
  for (const slug of slugs) writePage(path.join(base, slug.toLowerCase()), slug, slug, body);
  return { root, base, cache: path.join(tempFolder(`${prefix}cache-`), "glossary") };
}

/**
 * A settled source of five pages (Alpha to Epsilon) indexed as a large source is, checked by its folders,
 * with its cache folder and the options that indexed it.
 */
async function fivePagesByFolders(prefix: string): Promise<{ root: string; base: string; cache: string; options: CacheOptions }> {
  const { root, base, cache } = slugSource(prefix, ["Alpha", "Beta", "Gamma", "Delta", "Epsilon"]);
  settled(root);
  const options = { root: cache, verbose: () => {}, fileCheckLimit: 0, deltaShare: 0.5 };
  await openSourceIndex(root, options);
  return { root, base, cache, options };
}

/** An index's en-US titles, in order. */
function titles(index: GlossaryIndex): string[] {
  return index.titles("en-US").map(([title]) => title);
}

/** The page folders of a source, sorted (so that an edit's page number picks the same page each run). */
function pageFolders(root: string): string[] {
  const found: string[] = [];
  const walk = (folder: string): void => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(path.join(folder, entry.name));
      else if (entry.name === "index.md") found.push(folder);
    }
  };
  walk(root);
  return found.sort();
}

/**
 * Makes a change to a source; true when only a walk of the source shows it in a source checked by its
 * folders (a page added below a page's folder that may have held none, a page file removed from its folder).
 * The page files edited in place are added to `heard`, as a watch of the pages' folders hears them; with
 * `watched`, so is a page file removed from its folder, which the watch hears too (no walk is needed then).
 */
function apply(root: string, change: Edit, counter: number, heard: string[] = [], watched = false): boolean {
  const pages = pageFolders(root);
  const base = path.join(root, "en-us", "glossary");
  const pick = (n: number) => pages[n % Math.max(1, pages.length)];
  const rewrite = (folder: string, replace: (text: string) => string) => {
    const file = path.join(folder, "index.md");
    writeFile(file, replace(fs.readFileSync(file, "utf8")));
  };
  switch (change.kind) {
    case "add":
      // A new folder name each time: adding where a page is would be an edit. Some pages are a level deeper,
      // in a folder of their own that holds no page (a folder the freshness record then watches).
      writePage(
        path.join(base, `${SLUGS[change.slug]!.toLowerCase().replace("/", "-")}-${counter}`, ...(change.nested ? ["page"] : [])),
        SLUGS[change.slug]!,
        TITLES[change.title]!,
        BODIES[change.body]!,
      );
      return false;
    case "title": {
      const folder = pick(change.page);
      if (folder) rewrite(folder, (text) => text.replace(/^title: .*$/m, `title: ${JSON.stringify(TITLES[change.title]!)}`));
      if (folder) heard.push(path.relative(root, path.join(folder, "index.md")).split(path.sep).join("/"));
      return false;
    }
    case "body": {
      const folder = pick(change.page);
      if (folder) rewrite(folder, (text) => text.replace(/\n---\n[\s\S]*$/, `\n---\n\n${BODIES[change.body]!}\n`));
      if (folder) heard.push(path.relative(root, path.join(folder, "index.md")).split(path.sep).join("/"));
      return false;
    }
    case "add below":
      // A page below another page, in its folder: that folder alone changes, and it may have held no folder.
      if (pages.length === 0) return false;
      writePage(path.join(pick(change.page)!, `below-${counter}`), `${SLUGS[change.slug]!}/Below${counter}`, TITLES[change.title]!, BODIES[0]!);
      return true;
    case "remove":
    case "unlink": {
      // The page's folder, or its page file alone (the folder stays, with any pages below it).
      const picked = pick(change.page);
      if (!picked) return false;
      const folder = change.kind === "remove" ? picked : path.join(picked, "index.md");
      const kept = path.join(`${root}-removed`, String(counter));
      fs.mkdirSync(path.dirname(kept), { recursive: true });
      fs.renameSync(folder, kept);
      removedFolders.set(root, [...(removedFolders.get(root) ?? []), { kept, folder }]);
      if (change.kind === "unlink" && watched) {
        heard.push(path.relative(root, folder).split(path.sep).join("/"));
        return false;
      }
      return change.kind === "unlink";
    }
    case "restore": {
      // The latest page folder removed comes back under its name, its page as it was (same time and size).
      const latest = removedFolders.get(root)?.pop();
      if (!latest || fs.existsSync(latest.folder)) return false;
      fs.mkdirSync(path.dirname(latest.folder), { recursive: true });
      fs.renameSync(latest.kept, latest.folder);
      clock += 1;
      fs.utimesSync(path.dirname(latest.folder), clock, clock);
      // A page folder put back below another page's folder (a page file put back changes a folder recorded as holding none).
      return path.basename(latest.folder) !== "index.md" && fs.existsSync(path.join(path.dirname(latest.folder), "index.md"));
    }
    case "rename": {
      const folder = pick(change.page);
      if (folder && !folder.includes(`renamed-${counter}`)) {
        fs.renameSync(folder, path.join(base, `renamed-${counter}`));
        rewrite(path.join(base, `renamed-${counter}`), (text) => text.replace(/^slug: .*$/m, `slug: Glossary/${SLUGS[change.slug]!}`));
      }
      return false;
    }
  }
}

/**
 * What the reader interface the commands use tells of an index, with entries named by locale and slug
 * rather than by id (ids differ: a delta's entries are numbered after its base's): every record, each
 * locale's titles in order, the order of title ranks, every key's entries, the vocabulary, and the
 * entries each query finds.
 */
async function contents(index: GlossaryIndex): Promise<unknown> {
  const records = [...index.records()];
  const name = (id: number): string => {
    const record = index.record(id);
    return `${record.locale}:${record.slug}`;
  };
  const keys = new Set<string>();
  for (const record of records) {
    for (const [key] of pageKeys({ title: record.title, slug: record.slug, aliases: [] })) keys.add(key);
    for (const ref of record.refs) keys.add(BACKLINK_PREFIX + ref);
    keys.add(slugKey(record.slug));
  }
  const vocabulary = [...index.vocabulary(0, 1000, "")].map(([key, id]) => `${key}\u0000${name(id)}`).sort();
  for (const entry of vocabulary) keys.add(entry.split("\u0000")[0]!);
  const locales = [...index.locales.keys()].sort();
  const searches: Record<string, string[]> = {};
  for (const query of QUERIES) searches[query] = (await index.search(query, 100)).map((hit) => name(hit.id)).sort();
  return {
    size: index.size,
    locales: [...index.locales].sort(),
    vocabularySize: index.vocabularySize,
    records: records
      .map(({ id: _id, titleRank: _rank, children, ...rest }) => ({ ...rest, children: children.map(name) }))
      .sort((a, b) => (`${a.locale}:${a.slug}` < `${b.locale}:${b.slug}` ? -1 : 1)),
    titles: locales.map((locale) => index.titles(locale).map(([title, id, slug]) => [title, name(id), slug])),
    ranks: locales.map((locale) => records.filter((r) => r.locale === locale).sort((a, b) => a.titleRank - b.titleRank).map((r) => r.slug)),
    keys: [...keys].sort().map((key) => [key, index.lookup(key).map(([id, kind]) => `${name(id)}\u0000${kind}`).sort()]),
    vocabulary,
    searches,
  };
}

const sortedProblems = (problems: readonly PageProblem[]): string[] => problems.map((problem) => JSON.stringify(problem)).sort();

describe("an index kept up to date by delta segments", () => {
  it("reads as a full rebuild, entry for entry and key for key, after any sequence of adds (below pages too), edits, removals (of page files too), renames and removed pages put back", async () => {
    // Indexes read with a delta (their stamp names base and delta), and merged again (a new build).
    let deltas = 0;
    let merges = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(edit, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 6 }),
        fc.constantFrom(0.4, 100),
        fc.constantFrom("pages", "folders", "folders and index", "folders and pages heard"),
        async (rounds, deltaShare, check) => {
          const root = tempFolder("glossary-delta-");
          const base = path.join(root, "en-us", "glossary");
          for (const [n, slug] of ["Alpha", "Beta", "Gamma", "Beta/Child"].entries()) writePage(path.join(base, slug.toLowerCase().replace("/", "-")), slug, TITLES[n]!, BODIES[n % 4]!);
          writePage(path.join(root, "fr", "glossary", "alpha"), "Alpha", "Alpha (fr)", BODIES[1]!);
          const cache = path.join(tempFolder("glossary-delta-cache-"), "glossary");
          let problems: readonly PageProblem[] = [];
          // Checked page by page as a small source is, or by its folders as a large one is (with the check of
          // every page `glossary index` makes after every round, or only after rounds with edits in place,
          // which the folders do not show, or told the pages edited in place, as a watch tells them).
          const options = {
            root: cache,
            verbose: () => {},
            deltaShare,
            problems: (found: readonly PageProblem[]) => (problems = found),
            ...(check === "pages" ? {} : { fileCheckLimit: 0 }),
          };
          await openSourceIndex(root, options);
          let counter = 0;
          try {
            for (const round of rounds) {
              // What no recorded folder of a large source shows: edits in place (the check of every page sees
              // them), and a page added or put back below a page or a page file removed from its folder (a walk does).
              const heard: string[] = [];
              const belowPages = round.map((change) => apply(root, change, counter++, heard, check === "folders and pages heard")).some((walked) => walked);
              const inPlace = round.some((change) => change.kind === "title" || change.kind === "body");
              const walkSource = check === "folders and index" || (check !== "pages" && belowPages);
              const told = check === "folders and pages heard" ? { editedPages: heard } : { checkEveryPage: check === "folders" && inPlace };
              const current = await openSourceIndex(root, { ...options, walkSource, ...told });
              if (current.stamp.includes("+")) deltas++;
              else merges++;
              const currentProblems = sortedProblems(problems);
              let fullProblems: readonly PageProblem[] = [];
              const full = await openSourceIndex(root, { root: null, verbose: () => {}, problems: (found) => (fullProblems = found) });
              const expected = await contents(full);
              expect(await contents(current)).toEqual(expected);
              // Read back from the cache, as the next command does (it indexes again what changed too soon
              // before the last check to be sure of, and replaces the index read before).
              const again = await openSourceIndex(root, options);
              const againProblems = sortedProblems(problems);
              expect(await contents(again)).toEqual(expected);
              const [kept, there] = pageSetHashes(cache, again.stamp, root);
              expect(kept).toEqual(there);
              expect(currentProblems).toEqual(sortedProblems(fullProblems));
              expect(againProblems).toEqual(sortedProblems(fullProblems));
            }
          } finally {
            fs.rmSync(root, { recursive: true, force: true });
            fs.rmSync(`${root}-removed`, { recursive: true, force: true });
            removedFolders.delete(root);
            fs.rmSync(path.dirname(cache), { recursive: true, force: true });
          }
        },
      ),
      { numRuns: 40 },
    );
    expect(deltas).toBeGreaterThan(0);
    expect(merges).toBeGreaterThan(0);
  }, 600_000);
});

describe("freshness of a source checked by its folders", () => {
  it("sees an edit in place of a page a watch heard written, checking those pages alone", async () => {
    const { root, base, options } = await fivePagesByFolders("glossary-delta-heard-");
    writePage(path.join(base, "beta"), "Beta", "Bêta renamed", BODIES[0]!);
    writePage(path.join(base, "gamma"), "Gamma", "Gamma renamed", BODIES[0]!);
    // Told of another page only: the edits are not looked for (what the pages heard written do not name is the folders' to show).
    expect(titles(await openSourceIndex(root, { ...options, editedPages: ["en-us/glossary/alpha/index.md"] }))).toEqual(["Alpha", "Beta", "Delta", "Epsilon", "Gamma"]);
    const heard = await openSourceIndex(root, { ...options, editedPages: ["en-us/glossary/beta/index.md"] });
    expect(heard.stamp).toContain("+");
    expect(titles(heard)).toEqual(["Alpha", "Bêta renamed", "Delta", "Epsilon", "Gamma"]);
    // Checking every page finds the other edit too.
    expect(titles(await openSourceIndex(root, { ...options, checkEveryPage: true }))).toEqual(["Alpha", "Bêta renamed", "Delta", "Epsilon", "Gamma renamed"]);
    // A page file heard removed from a folder that stays: the source is walked, and the page is gone (not
    // taken for a page that cannot be read), its folder recorded, so that its page put back is seen.
    afterClockStep(path.join(base, "delta", "index.md"));
    fs.rmSync(path.join(base, "delta", "index.md"));
    const notes: string[] = [];
    let problems: readonly PageProblem[] = [];
    const told = { ...options, verbose: (note: string) => notes.push(note), problems: (found: readonly PageProblem[]) => (problems = found), editedPages: ["en-us/glossary/delta/index.md"] };
    expect(titles(await openSourceIndex(root, told))).toEqual(["Alpha", "Bêta renamed", "Epsilon", "Gamma renamed"]);
    expect(problems).toEqual([]);
    expect(notes.some((note) => note.includes("gone from a folder that stays: walking the source"))).toBe(true);
    fs.rmSync(root, { recursive: true, force: true });
  });

  it("misses an edit in place on an ordinary call, sees it with the check of every page, and indexes it as a delta", async () => {
    const { root, base, cache, options } = await fivePagesByFolders("glossary-delta-");
    writePage(path.join(base, "beta"), "Beta", "Bêta renamed", BODIES[0]!);
    expect(titles(await openSourceIndex(root, options))).toContain("Beta");
    const checked = await openSourceIndex(root, { ...options, checkEveryPage: true });
    expect(checked.stamp).toContain("+");
    expect(titles(checked)).toEqual(["Alpha", "Bêta renamed", "Delta", "Epsilon", "Gamma"]);
    // The delta is what the next ordinary call reads.
    expect(titles(await openSourceIndex(root, options))).toEqual(titles(checked));
    fs.rmSync(root, { recursive: true, force: true });
    fs.rmSync(path.dirname(cache), { recursive: true, force: true });
  });

  it("walks the source for a page file removed from a folder that stays, found by the check of every page, and sees it back", async () => {
    // Four pages, over the limit of pages checked one by one (3): Beta's folder holds a picture too.
    const { root, base, cache } = slugSource("glossary-delta-", ["Alpha", "Beta", "Gamma", "Delta"]);
    writeFile(path.join(base, "beta", "diagram.svg"), "<svg/>\n");
    settled(root);
    let problems: readonly PageProblem[] = [];
    const notes: string[] = [];
    const options = { root: cache, verbose: (note: string) => notes.push(note), fileCheckLimit: 3, deltaShare: 100, problems: (found: readonly PageProblem[]) => (problems = found) };
    await openSourceIndex(root, options);
    fs.rmSync(path.join(base, "beta", "index.md"));
    const checked = await openSourceIndex(root, { ...options, checkEveryPage: true });
    expect(notes).toContain(`a page of ${fs.realpathSync(root)} gone from a folder that stays: walking the source`);
    expect(checked.stamp).toContain("+");
    expect(titles(checked)).toEqual(["Alpha", "Delta", "Gamma"]);
    expect(problems).toEqual([]);
    expect(await contents(checked)).toEqual(await rebuilt(root));
    const [kept, there] = pageSetHashes(cache, checked.stamp, root);
    expect(kept).toEqual(there);
    // Three pages now, checked one by one, every folder recorded as a walk found it: a page added below
    // Alpha's, and Beta's put back, are seen by ordinary calls.
    settled(root);
    writePage(path.join(base, "alpha", "child"), "Alpha/Child", "Child", BODIES[0]!);
    expect(titles(await openSourceIndex(root, options))).toEqual(["Alpha", "Child", "Delta", "Gamma"]);
    settled(root);
    writePage(path.join(base, "beta"), "Beta", "Beta", BODIES[0]!);
    const back = await openSourceIndex(root, options);
    expect(titles(back)).toEqual(["Alpha", "Beta", "Child", "Delta", "Gamma"]);
    expect(await contents(back)).toEqual(await rebuilt(root));
    fs.rmSync(root, { recursive: true, force: true });
    fs.rmSync(path.dirname(cache), { recursive: true, force: true });
  });

  it("builds the source again from a record without the hash of its pages, or with a damaged one", async () => {
    for (const damaged of [undefined, null, [1, 2], [1, 2, -3], "0,0,0"]) {
      const { root, base, cache } = slugSource("glossary-delta-", ["Alpha", "Beta", "Gamma"]);
      settled(root);
      const options = { root: cache, verbose: () => {}, fileCheckLimit: 0, deltaShare: 100 };
      await openSourceIndex(root, options);
      // As the cache holds it (the first call gives the index it built in memory).
      const built = await openSourceIndex(root, options);
      const recordFile = latestRecordFile(cache, built.stamp);
      const record = JSON.parse(fs.readFileSync(recordFile, "utf8")) as Record<string, unknown>;
      if (damaged === undefined) delete record["pageSetHash"];
      else record["pageSetHash"] = damaged;
      fs.writeFileSync(recordFile, JSON.stringify(record));
      writePage(path.join(base, "delta"), "Delta", "Delta", BODIES[0]!);
      const next = await openSourceIndex(root, options);
      expect(next.stamp).not.toContain("+");
      expect(titles(next)).toEqual(["Alpha", "Beta", "Delta", "Gamma"]);
      fs.rmSync(root, { recursive: true, force: true });
      fs.rmSync(path.dirname(cache), { recursive: true, force: true });
    }
  });

  it("sees a page added, and a page rewritten to the same size, within a step of the file system's clock of the check before", async () => {
    const { root, base, cache } = slugSource("glossary-delta-", ["Alpha", "Beta", "Gamma"]);
    settled(root);
    const options = { root: cache, verbose: () => {}, fileCheckLimit: 0, deltaShare: 100 };
    const beta = path.join(base, "beta", "index.md");
    const [folderTime, betaTime] = [fs.statSync(base).mtime, fs.statSync(beta).mtime];
    // The first check begins 5 ms after the last change to what it reads, as a script runs right after an edit.
    const now = vi.spyOn(Date, "now").mockReturnValue(Math.max(folderTime.getTime(), betaTime.getTime()) + 5);
    try {
      await openSourceIndex(root, options);
    } finally {
      now.mockRestore();
    }
    // Within the same step of the clock: a page added (the folder's time stays), and a page rewritten to the
    // same size (its time stays).
    writePage(path.join(base, "delta"), "Delta", "Delta", BODIES[0]!);
    fs.utimesSync(base, folderTime, folderTime);
    writePage(path.join(base, "beta"), "Beta", "Bota", BODIES[0]!);
    fs.utimesSync(beta, betaTime, betaTime);
    expect(titles(await openSourceIndex(root, options))).toEqual(["Alpha", "Beta", "Delta", "Gamma"]);
    expect(titles(await openSourceIndex(root, { ...options, checkEveryPage: true }))).toEqual(["Alpha", "Bota", "Delta", "Gamma"]);
  });

  it("records Git's files as they were before the source was read, with no time for one changed within a step of the clock", () => {
    const root = tempFolder("glossary-git-");
    fs.mkdirSync(path.join(root, ".git"));
    const [index, head] = [path.join(root, ".git", "index"), path.join(root, ".git", "HEAD")];
    fs.writeFileSync(index, "index");
    fs.writeFileSync(head, "ref: refs/heads/main\n");
    const past = new Date(Date.now() - 60_000);
    fs.utimesSync(head, past, past);
    fs.mkdirSync(path.join(root, "en-us"));
    expect(gitState(path.join(root, "en-us"), fs.statSync(index).mtimeMs + 5)).toEqual([
      [index, UNKNOWN_TIME],
      [head, fs.statSync(head).mtimeMs],
    ]);
  });

  it("records the Git files of a work tree whose `.git` is a file naming Git's folder, and looks further up when it names none", () => {
    const root = tempFolder("glossary-git-file-");
    const gitFolder = path.join(root, "repository.git", "worktrees", "linked");
    fs.mkdirSync(gitFolder, { recursive: true });
    const workTree = path.join(root, "linked");
    fs.mkdirSync(path.join(workTree, "en-us"), { recursive: true });
    const [index, head, dotGit] = [path.join(gitFolder, "index"), path.join(gitFolder, "HEAD"), path.join(workTree, ".git")];
    fs.writeFileSync(index, "index");
    fs.writeFileSync(head, "ref: refs/heads/linked\n");
    const later = Date.now() + 60_000;
    const times = (file: string): [string, number] => [file, fs.statSync(file).mtimeMs];
    // Relative to the work tree, or absolute; Git's line ends as a text file's does.
    for (const line of ["gitdir: ../repository.git/worktrees/linked\n", `gitdir: ${gitFolder}\r\n`]) {
      fs.writeFileSync(dotGit, line);
      expect(gitState(path.join(workTree, "en-us"), later)).toEqual([times(dotGit), times(index), times(head)]);
    }
    // Naming no folder, or not a `gitdir:` line: the work tree above it, if any.
    fs.mkdirSync(path.join(root, ".git"));
    fs.writeFileSync(path.join(root, ".git", "HEAD"), "ref: refs/heads/main\n");
    for (const line of ["gitdir: ../missing\n", "not a Git file\n"]) {
      fs.writeFileSync(dotGit, line);
      expect(gitState(path.join(workTree, "en-us"), later)).toEqual([times(path.join(root, ".git", "HEAD"))]);
    }
    fs.rmSync(root, { recursive: true, force: true });
  });

  it("indexes as deltas, never whole, a swap file come and gone, a page saved by renaming a copy over it, and a copy of a page", async () => {
    const { root, base, cache } = slugSource("glossary-delta-", ["Alpha", "Beta", "Gamma", "Delta", "Epsilon", "Zeta", "Eta", "Theta"]);
    writePage(path.join(base, "beta", "child"), "Beta/Child", "Beta child", BODIES[0]!);
    const built: string[] = [];
    const told: string[][] = [];
    const options = { root: cache, verbose: () => {}, fileCheckLimit: 0, deltaShare: 100, built: (_entries: number, folder: string | null) => built.push(path.basename(folder ?? "memory")), problems: (found: readonly PageProblem[]) => told.push(found.map((problem) => problem.message)) };
    await openSourceIndex(root, options);
    expect(built).toEqual([expect.stringMatching(/^build-/)]);
    const same = async () => {
      const current = await openSourceIndex(root, options);
      expect(await contents(current)).toEqual(await contents(await openSourceIndex(root, { root: null, verbose: () => {} })));
      return current;
    };
    // An editor's swap file, made and removed in a folder the freshness record holds.
    writeFile(path.join(base, ".alpha.swp"), "swap");
    fs.rmSync(path.join(base, ".alpha.swp"));
    clock += 1;
    fs.utimesSync(base, clock, clock);
    await same();
    expect(built.slice(1)).toEqual([expect.stringMatching(/^delta-/)]);
    // A page whose folder holds another page's, saved as editors save: a copy renamed over it.
    writeFile(path.join(base, "beta", "index.md.new"), `---\ntitle: "Beta saved"\nslug: Glossary/Beta\n---\n\nSaved.\n`);
    fs.renameSync(path.join(base, "beta", "index.md.new"), path.join(base, "beta", "index.md"));
    clock += 1;
    fs.utimesSync(path.join(base, "beta"), clock, clock);
    expect((await same()).titles("en-US").map(([title]) => title)).toContain("Beta saved");
    expect(built.slice(2)).toEqual([expect.stringMatching(/^delta-/)]);
    // A page copied to start another (its slug still the original's): a duplicate, told once.
    fs.cpSync(path.join(base, "gamma"), path.join(base, "gamma-copy"), { recursive: true });
    clock += 1;
    fs.utimesSync(base, clock, clock);
    const before = told.length;
    await same();
    expect(built.slice(3)).toEqual([expect.stringMatching(/^delta-/)]);
    expect(told.length).toBe(before + 1);
    expect(told.at(-1)!.join("\n")).toMatch(/gamma/i);
    fs.rmSync(root, { recursive: true, force: true });
    fs.rmSync(path.dirname(cache), { recursive: true, force: true });
  });
});

/**
 * Runs `test` on a settled source of the pages Alpha, Beta and Gamma (`beta`: Beta's page file), checked
 * page by page and then by its folders (`fileCheckLimit`), each a source of its own, removed afterwards.
 */
async function withBetaSource(
  prefix: string,
  test: (source: { root: string; base: string; cache: string; beta: string; fileCheckLimit: number }) => Promise<void>,
): Promise<void> {
  for (const fileCheckLimit of [500, 0]) {
    const { root, base, cache } = slugSource(prefix, ["Alpha", "Beta", "Gamma"]);
    settled(root);
    await test({ root, base, cache, beta: path.join(base, "beta", "index.md"), fileCheckLimit });
    fs.rmSync(root, { recursive: true, force: true });
    fs.rmSync(path.dirname(cache), { recursive: true, force: true });
  }
}

/** Makes opening one file fail with an error code, as the system would (restored by the spy's mockRestore). */
function refuseToOpen(refused: string, code: string) {
  const realOpen = fs.openSync;
  return vi.spyOn(fs, "openSync").mockImplementation(((file: fs.PathLike, ...rest: unknown[]) => {
    if (file === refused) throw Object.assign(new Error(`${code}: refused, open '${refused}'`), { code });
    return (realOpen as (...args: unknown[]) => number)(file, ...rest);
  }) as typeof fs.openSync);
}

describe("a page that cannot be read", () => {
  it("is recorded with its file's time and size, so no call reads it again, until glossary index does", async () => {
    await withBetaSource("glossary-unreadable-", async ({ root, base, cache, beta, fileCheckLimit }) => {
      // Refused as to a user without read permission (this test may run as root, whom permissions do not stop).
      const refusing = refuseToOpen(beta, "EACCES");
      const built: string[] = [];
      let problems: string[] = [];
      const options = { root: cache, verbose: () => {}, fileCheckLimit, built: (_entries: number, folder: string | null) => built.push(path.basename(folder ?? "memory")), problems: (found: readonly PageProblem[]) => (problems = found.map((problem) => problem.message)) };
      try {
        expect(titles(await openSourceIndex(root, options))).toEqual(["Alpha", "Gamma"]);
        expect(problems).toEqual(["cannot read (EACCES)"]);
        expect(titles(await openSourceIndex(root, options))).toEqual(["Alpha", "Gamma"]);
        expect(built).toHaveLength(1);
      } finally {
        refusing.mockRestore();
      }
      // Readable again: its time and size are as they were, so only glossary index reads it again.
      expect(titles(await openSourceIndex(root, options))).toEqual(["Alpha", "Gamma"]);
      expect(titles(await openSourceIndex(root, { ...options, walkSource: true }))).toEqual(["Alpha", "Beta", "Gamma"]);
      expect(built).toHaveLength(2);
      expect(titles(await openSourceIndex(root, options))).toEqual(["Alpha", "Beta", "Gamma"]);
      // Refused again, changed while refused (a delta holds it as unreadable), then readable: glossary index reads it.
      const refusedAgain = refuseToOpen(beta, "EACCES");
      try {
        writePage(path.join(base, "beta"), "Beta", "Beta changed", BODIES[1]!);
        settled(root);
        expect(titles(await openSourceIndex(root, { ...options, walkSource: true }))).toEqual(["Alpha", "Gamma"]);
        const held = built.length;
        // Still refused, nothing changed: nothing to index.
        expect(titles(await openSourceIndex(root, { ...options, walkSource: true }))).toEqual(["Alpha", "Gamma"]);
        expect(built).toHaveLength(held);
      } finally {
        refusedAgain.mockRestore();
      }
      expect(titles(await openSourceIndex(root, { ...options, walkSource: true }))).toEqual(["Alpha", "Beta changed", "Gamma"]);
    });
  });
});

describe("a source changing while it is indexed whole", () => {
  it("takes a page gone by the time it was read as not there, and reads it at the next call once it is back", async () => {
    await withBetaSource("glossary-vanished-", async ({ root, cache, beta, fileCheckLimit }) => {
      // Gone between the walk that found it and its reading (a checkout under way), back afterwards.
      const vanishing = refuseToOpen(beta, "ENOENT");
      let problems: readonly PageProblem[] = [];
      const options = { root: cache, verbose: () => {}, fileCheckLimit, problems: (found: readonly PageProblem[]) => (problems = found) };
      try {
        expect(titles(await openSourceIndex(root, options))).toEqual(["Alpha", "Gamma"]);
        expect(problems).toEqual([]);
      } finally {
        vanishing.mockRestore();
      }
      expect(titles(await openSourceIndex(root, options))).toEqual(["Alpha", "Beta", "Gamma"]);
    });
  });

  it("keeps nothing of a source whose folder was moved away while it was read", async () => {
    const { root, base, cache } = slugSource("glossary-moved-", ["Alpha", "Beta", "Gamma"]);
    let moved = false;
    const options = {
      root: cache,
      verbose: () => {},
      progress: () => {
        if (moved) return;
        moved = true;
        fs.renameSync(root, `${root}-away`);
      },
    };
    await expect(openSourceIndex(root, options)).rejects.toThrow(/source folder moved or removed while it was read/);
    fs.renameSync(`${root}-away`, root);
    const home = fs.readdirSync(path.join(cache, "sources")).map((name) => fs.readdirSync(path.join(cache, "sources", name)));
    expect(home.flat().filter((name) => /^(build|tmp)-/.test(name))).toEqual([]);
    fs.rmSync(root, { recursive: true, force: true });
    fs.rmSync(path.dirname(cache), { recursive: true, force: true });
  });
});

describe("the folders a delta records", () => {
  it("are recorded once each, a folder holding no page too, however many deltas follow", async () => {
    const { root, base, cache } = slugSource("glossary-delta-folders-", ["Alpha", "Beta"]);
    fs.mkdirSync(path.join(base, "empty"));
    settled(root);
    const options = { root: cache, verbose: () => {}, fileCheckLimit: 0, deltaShare: 100 };
    let index = await openSourceIndex(root, options);
    for (const slug of ["Gamma", "Delta", "Epsilon"]) {
      writePage(path.join(base, slug.toLowerCase()), slug, slug, BODIES[0]!);
      settled(root);
      index = await openSourceIndex(root, options);
    }
    expect(index.stamp).toContain("+");
    const home = path.join(cache, "sources", fs.readdirSync(path.join(cache, "sources"))[0]!);
    const delta = fs.readdirSync(home).find((name) => name.startsWith("delta-"))!;
    const record = JSON.parse(fs.readFileSync(path.join(home, delta, "freshness.json"), "utf8")) as Freshness;
    const folders = record.folders.map(([relative]) => relative);
    expect(folders).toContain("en-us/glossary/empty");
    expect(new Set(folders).size).toBe(folders.length);
    fs.rmSync(root, { recursive: true, force: true });
    fs.rmSync(path.dirname(cache), { recursive: true, force: true });
  });
});

describe("a cache folder inside the source", () => {
  it("is not read for pages, so indexes written there are no change of the source", async () => {
    for (const fileCheckLimit of [500, 0]) {
      const { root, base } = slugSource("glossary-inner-cache-", ["Alpha", "Beta"]);
      fs.mkdirSync(path.join(root, ".cache", "glossary"), { recursive: true });
      settled(root);
      const built: string[] = [];
      const options = { root: path.join(root, ".cache", "glossary"), verbose: () => {}, fileCheckLimit, deltaShare: 100, built: (_entries: number, folder: string | null) => built.push(path.basename(folder ?? "memory")) };
      await openSourceIndex(root, options);
      // A page in the cache folder is none of the source's, and new indexes there change nothing of it.
      writePage(path.join(root, ".cache", "glossary", "en-us", "glossary", "gamma"), "Gamma", "Gamma", BODIES[0]!);
      await openSourceIndex(root, { ...options, rebuild: true });
      for (let call = 0; call < 3; call++) expect((await openSourceIndex(root, options)).titles("en-US").map(([title]) => title)).toEqual(["Alpha", "Beta"]);
      expect(built).toEqual([expect.stringMatching(/^build-/), expect.stringMatching(/^build-/)]);
      // A tagged folder holding a page, made later among the pages: a delta walks it on its own, and leaves it out too.
      writePage(path.join(base, "tagged", "page"), "Tagged", "Tagged", BODIES[0]!);
      fs.copyFileSync(path.join(root, ".cache", "glossary", "CACHEDIR.TAG"), path.join(base, "tagged", "CACHEDIR.TAG"));
      expect((await openSourceIndex(root, options)).titles("en-US").map(([title]) => title)).toEqual(["Alpha", "Beta"]);
      expect((await openSourceIndex(root, { ...options, root: null })).titles("en-US").map(([title]) => title)).toEqual(["Alpha", "Beta"]);
      expect(fs.readFileSync(path.join(root, ".cache", "glossary", "CACHEDIR.TAG"), "utf8")).toMatch(/^Signature: 8a477f597d28d172789f06886806bc55/);
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});

describe("views stored with a delta's entries", () => {
  it("are kept by the next delta for the pages it keeps unchanged, and made again for a page that changed", async () => {
    const { root, base, cache } = slugSource("glossary-delta-", ["Alpha", "Beta", "Gamma", "Delta"], BODIES[1]!);
    const options = { root: cache, verbose: () => {}, fileCheckLimit: 0, deltaShare: 100 };
    await openSourceIndex(root, options);
    /** Shows an entry as a lookup does, and keeps `rendering` with its view; gives the rendering it found stored (if any). */
    const show = async (index: GlossaryIndex, term: string, rendering: string): Promise<string | undefined> => {
      const glossary = new Glossary([{ index, label: root }]);
      const [match] = glossary.match(term);
      const shown = await showEntry(match!.entry, glossary);
      await shown.view();
      shown.remember({ text: rendering });
      return shown.rendered.text;
    };
    // Beta edited: its entry is the delta's, and its view is stored with the delta.
    writePage(path.join(base, "beta"), "Beta", "Beta", BODIES[0]!);
    const first = await openSourceIndex(root, { ...options, checkEveryPage: true });
    expect(first.stamp).toContain("+");
    expect(await show(first, "beta", "beta as first shown")).toBeUndefined();
    expect(await show(first, "alpha", "alpha as first shown")).toBeUndefined();
    expect(await show(await openSourceIndex(root, options), "beta", "beta as first shown")).toBe("beta as first shown");
    // A page added: the new delta holds Beta again, unchanged, and Alpha's view stays with the build.
    writePage(path.join(base, "epsilon"), "Epsilon", "Epsilon", BODIES[0]!);
    const second = await openSourceIndex(root, options);
    expect(second.stamp).toContain("+");
    expect(second.stamp).not.toBe(first.stamp);
    expect(await show(second, "beta", "beta as shown again")).toBe("beta as first shown");
    expect(await show(second, "alpha", "alpha as shown again")).toBe("alpha as first shown");
    // Beta edited again: its view is made anew, not taken from the one carried over.
    writePage(path.join(base, "beta"), "Beta", "Beta", BODIES[3]!);
    const third = await openSourceIndex(root, { ...options, checkEveryPage: true });
    expect(await show(third, "beta", "beta after its edit")).toBeUndefined();
    fs.rmSync(root, { recursive: true, force: true });
    fs.rmSync(path.dirname(cache), { recursive: true, force: true });
  });
});

/**
 * The index of a source as the next lookup after a change of Git's state reads it (a step of the file
 * system's clock after Git wrote `gitIndex`), the notes it tells to `--verbose` in `notes` (the earlier ones
 * dropped).
 */
async function lookUpAfterGit(root: string, gitIndex: string, notes: string[], options: Parameters<typeof openSourceIndex>[1]): Promise<GlossaryIndex> {
  afterClockStep(gitIndex);
  notes.length = 0;
  return openSourceIndex(root, options);
}

/** A source in a Git work tree (its pages committed on `main`), indexed by its folders; notes told to `--verbose` kept. */
async function gitSource(slugs: readonly string[]) {
  const { root, base, cache } = slugSource("glossary-git-delta-", slugs);
  // Git's times for the pages then come a step of the clock before its index's.
  afterClockStep(Date.now());
  git(["init", "-q", "-b", "main"], root);
  git(["add", "-A"], root);
  git(["commit", "-qm", "pages"], root);
  const notes: string[] = [];
  const options = { root: cache, verbose: (note: string) => notes.push(note), fileCheckLimit: 0, deltaShare: 100 };
  const gitIndex = path.join(root, ".git", "index");
  /** The index after Git's latest change, as the next lookup reads it, with the notes it told. */
  const lookUp = (check: { checkEveryPage?: boolean; problems?: (found: readonly PageProblem[]) => void } = {}) => lookUpAfterGit(root, gitIndex, notes, { ...options, ...check });
  const remove = () => {
    fs.rmSync(root, { recursive: true, force: true });
    fs.rmSync(`${root}-removed`, { recursive: true, force: true });
    removedFolders.delete(root);
    fs.rmSync(path.dirname(cache), { recursive: true, force: true });
  };
  await lookUp();
  return { root, base, notes, options, lookUp, remove };
}

/** The freshness record's file of a source's latest build or delta (its stamp: the build's, then `+` and the delta's), the only source cached below `cacheRoot`. */
function latestRecordFile(cacheRoot: string, stamp: string): string {
  const home = path.join(cacheRoot, "sources", fs.readdirSync(path.join(cacheRoot, "sources"))[0]!);
  const [build, delta] = stamp.split("+");
  return path.join(home, delta === undefined ? `build-${build}` : `delta-${delta}`, "freshness.json");
}

/** The hash of the pages known that a source's latest record keeps, and that of the pages there, which it must be. */
function pageSetHashes(cacheRoot: string, stamp: string, root: string): [PathSetHash, PathSetHash] {
  const record = JSON.parse(fs.readFileSync(latestRecordFile(cacheRoot, stamp), "utf8")) as Freshness;
  return [record.pageSetHash, pathSetHash(discoverPages(root).files.map((file) => file.relative))];
}

/** A full rebuild of a source's pages, as the delta's must read. */
async function rebuilt(root: string): Promise<unknown> {
  return contents(await openSourceIndex(root, { root: null, verbose: () => {} }));
}

describe("a source in a Git work tree, after a change of Git's state", () => {
  /** What a person does with Git to a glossary between two lookups. */
  type GitStep =
    | { kind: "commit"; branch: number; edits: Edit[] }
    | { kind: "checkout"; branch: number }
    | { kind: "reset"; back: number }
    | { kind: "stash"; page: number; body: number }
    | { kind: "merge"; branch: number }
    | { kind: "picture"; page: number }
    | { kind: "git rm"; page: number }
    | { kind: "revert" };
  const gitStep: fc.Arbitrary<GitStep> = fc.oneof(
    // Pages added (below another page's folder too), edited, removed (page files alone too) and renamed, and
    // committed; not a page put back below another page's folder as it was (its times those of long ago),
    // which neither the folders a large source is checked by nor Git's index show (a walk of the source
    // does: `glossary index`).
    fc.record({ kind: fc.constant("commit" as const), branch: fc.nat(2), edits: fc.array(edit.filter((change) => change.kind !== "restore"), { minLength: 1, maxLength: 3 }) }),
    fc.record({ kind: fc.constant("checkout" as const), branch: fc.nat(2) }),
    fc.record({ kind: fc.constant("reset" as const), back: fc.integer({ min: 1, max: 3 }) }),
    fc.record({ kind: fc.constant("stash" as const), page: fc.nat(20), body: fc.nat(3) }),
    fc.record({ kind: fc.constant("merge" as const), branch: fc.nat(2) }),
    // A picture committed in a page's folder (which then stays when its page goes), a page file removed by
    // Git, a commit undone.
    fc.record({ kind: fc.constant("picture" as const), page: fc.nat(20) }),
    fc.record({ kind: fc.constant("git rm" as const), page: fc.nat(20) }),
    fc.constant({ kind: "revert" as const }),
  );

  it("reads as a full rebuild after any sequence of commits, checkouts, resets, stashes, merges (conflicts too), pages removed by Git and reverts", async () => {
    let fast = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(gitStep, { minLength: 1, maxLength: 6 }), async (steps) => {
        const { root, notes, options, lookUp, remove } = await gitSource(["Alpha", "Beta", "Gamma", "Delta"]);
        let problems: readonly PageProblem[] = [];
        const branches = new Set<string>();
        let counter = 0;
        /** The next lookup reads as a full rebuild. */
        const check = async () => {
          const current = await lookUp({ problems: (found) => (problems = found) });
          if (notes.some((note) => note.includes("its index records as written since"))) fast++;
          let fullProblems: readonly PageProblem[] = [];
          const full = await openSourceIndex(root, { root: null, verbose: () => {}, problems: (found) => (fullProblems = found) });
          expect(await contents(current)).toEqual(await contents(full));
          expect(sortedProblems(problems)).toEqual(sortedProblems(fullProblems));
          // The hash of the pages known, kept from change to change, is that of the pages there.
          const [kept, there] = pageSetHashes(options.root, current.stamp, root);
          expect(kept).toEqual(there);
        };
        const gitMay = (args: readonly string[]): boolean => {
          try {
            git(args, root);
            return true;
          } catch {
            return false;
          }
        };
        try {
          await check();
          for (const step of steps) {
            switch (step.kind) {
              case "commit":
                git(["checkout", "-q", "-B", `b${step.branch}`], root);
                branches.add(`b${step.branch}`);
                for (const change of step.edits) apply(root, change, counter++);
                git(["add", "-A"], root);
                git(["commit", "-q", "--allow-empty", "-m", `commit ${counter}`], root);
                await check();
                break;
              case "picture":
              case "git rm": {
                const pages = pageFolders(root);
                if (pages.length === 0) break;
                const folder = pages[step.page % pages.length]!;
                if (step.kind === "picture") {
                  writeFile(path.join(folder, `picture-${counter++}.svg`), "<svg/>\n");
                  git(["add", "-A"], root);
                } else git(["rm", "-q", path.relative(root, path.join(folder, "index.md"))], root);
                git(["commit", "-qm", `${step.kind} ${counter++}`], root);
                await check();
                break;
              }
              case "revert":
                if (Number(git(["rev-list", "--count", "HEAD"], root)) > 1 && gitMay(["revert", "--no-edit", "HEAD"])) await check();
                else gitMay(["revert", "--abort"]);
                break;
              case "checkout":
                if (branches.has(`b${step.branch}`)) git(["checkout", "-q", `b${step.branch}`], root);
                await check();
                break;
              case "reset":
                if (Number(git(["rev-list", "--count", "HEAD"], root)) > step.back) git(["reset", "-q", "--hard", `HEAD~${step.back}`], root);
                await check();
                break;
              case "stash": {
                // An edit in place, put away and brought back (Git writes the page both times), then committed.
                const pages = pageFolders(root);
                if (pages.length === 0) break;
                const file = path.join(pages[step.page % pages.length]!, "index.md");
                writeFile(file, fs.readFileSync(file, "utf8").replace(/\n---\n[\s\S]*$/, `\n---\n\nStashed ${counter++}: ${BODIES[step.body]!}\n`));
                git(["stash", "-q"], root);
                await check();
                git(["stash", "pop", "-q"], root);
                await check();
                git(["commit", "-qam", `stashed ${counter}`], root);
                await check();
                break;
              }
              case "merge":
                if (!branches.has(`b${step.branch}`) || gitMay(["merge", "-q", "--no-edit", `b${step.branch}`])) {
                  await check();
                  break;
                }
                // A conflict: the pages as Git left them, then as they were.
                await check();
                git(["merge", "--abort"], root);
                await check();
                break;
            }
          }
        } finally {
          remove();
        }
      }),
      { numRuns: 25 },
    );
    expect(fast).toBeGreaterThan(0);
  }, 600_000);

  it("checks the pages Git wrote or no longer tracks (as its index records them), not every page, and reads as a full rebuild", async () => {
    const { root, base, notes, lookUp, remove } = await gitSource(["Alpha", "Beta", "Gamma", "Delta", "Epsilon"]);
    const checking = (pages: string) => `Git's state of ${fs.realpathSync(root)} changed: checking the ${pages} its index records as written since every page was checked, or does not track`;
    // Told when the pages Git tracks are not those known (their hashes differ), and every path is compared.
    const comparing = `the pages Git tracks in ${fs.realpathSync(root)} are not those known: comparing their paths`;
    try {
      // A branch that edits Beta in place (same size), adds Zeta and removes Gamma.
      git(["checkout", "-qb", "other"], root);
      writePage(path.join(base, "beta"), "Beta", "Bêta", BODIES[0]!);
      writePage(path.join(base, "zeta"), "Zeta", "Zeta", BODIES[0]!);
      fs.rmSync(path.join(base, "gamma"), { recursive: true });
      git(["add", "-A"], root);
      git(["commit", "-qm", "other"], root);
      git(["checkout", "-q", "main"], root);
      expect(titles(await lookUp())).toEqual(["Alpha", "Beta", "Delta", "Epsilon", "Gamma"]);
      expect(notes).toContain(checking("2 pages"));
      expect(notes).not.toContain(comparing);
      git(["checkout", "-q", "other"], root);
      const other = await lookUp();
      expect(other.stamp).toContain("+");
      expect(titles(other)).toEqual(["Alpha", "Bêta", "Delta", "Epsilon", "Zeta"]);
      expect(notes).toContain(checking("2 pages"));
      expect(notes).not.toContain(comparing);
      expect(await contents(other)).toEqual(await rebuilt(root));
      // Back: Beta written again, Gamma back (its folder: the listing finds it), Zeta gone.
      git(["checkout", "-q", "main"], root);
      const main = await lookUp();
      expect(titles(main)).toEqual(["Alpha", "Beta", "Delta", "Epsilon", "Gamma"]);
      expect(notes).toContain(checking("2 pages"));
      expect(notes).not.toContain(comparing);
      expect(await contents(main)).toEqual(await rebuilt(root));
      // Delta edited and reset by Git (written again); Epsilon edited in place after, which Git has not
      // looked at: not checked (as in a source outside Git, `glossary index` sees it)...
      writePage(path.join(base, "delta"), "Delta", "Delta edited", BODIES[0]!);
      git(["reset", "-q", "--hard"], root);
      writePage(path.join(base, "epsilon"), "Epsilon", "Epsilon edited", BODIES[0]!);
      git(["status", "--porcelain"], root);
      expect(titles(await lookUp())).toEqual(["Alpha", "Beta", "Delta", "Epsilon", "Gamma"]);
      expect(notes).toContain(checking("3 pages"));
      expect(notes).not.toContain(comparing);
      // ...until Git looks at it: once staged, whatever else Git did meanwhile.
      fs.writeFileSync(path.join(root, "notes.txt"), "a file of the work tree\n");
      git(["add", "notes.txt"], root);
      expect(titles(await lookUp())).toEqual(["Alpha", "Beta", "Delta", "Epsilon", "Gamma"]);
      git(["commit", "-qam", "epsilon"], root);
      const committed = await lookUp();
      expect(titles(committed)).toEqual(["Alpha", "Beta", "Delta", "Epsilon edited", "Gamma"]);
      expect(await contents(committed)).toEqual(await rebuilt(root));
      // A page Git removes from a folder that stays (it holds a picture).
      writeFile(path.join(base, "gamma", "diagram.svg"), "<svg/>\n");
      git(["add", "-A"], root);
      git(["commit", "-qm", "diagram"], root);
      await lookUp();
      git(["rm", "-q", "en-us/glossary/gamma/index.md"], root);
      const removed = await lookUp();
      expect(notes).toContain(comparing);
      expect(notes).toContain(`Git's state of ${fs.realpathSync(root)} changed, and a page it no longer tracks is gone from a folder that stays: walking the source`);
      expect(titles(removed)).toEqual(["Alpha", "Beta", "Delta", "Epsilon edited"]);
      expect(await contents(removed)).toEqual(await rebuilt(root));
      // Its folder recorded by that walk: the page written back without Git is seen.
      writePage(path.join(base, "gamma"), "Gamma", "Gamma", BODIES[0]!);
      const back = await lookUp();
      expect(titles(back)).toEqual(["Alpha", "Beta", "Delta", "Epsilon edited", "Gamma"]);
      expect(await contents(back)).toEqual(await rebuilt(root));
    } finally {
      remove();
    }
  });

  it("walks the source for a page Git wrote or tracks that no folder shows, when every page is checked too", async () => {
    const { root, base, notes, lookUp, remove } = await gitSource(["Alpha", "Beta", "Gamma", "Delta"]);
    const walking = (why: string) => `Git's state of ${fs.realpathSync(root)} changed, and ${why}: walking the source`;
    try {
      // Beta's page removed by Git from a folder that stays, then put back by Git: each time, every page checked.
      writeFile(path.join(base, "beta", "diagram.svg"), "<svg/>\n");
      git(["add", "-A"], root);
      git(["commit", "-qm", "diagram"], root);
      await lookUp();
      git(["rm", "-q", "en-us/glossary/beta/index.md"], root);
      git(["commit", "-qm", "no beta"], root);
      let problems: readonly PageProblem[] = [];
      const removed = await lookUp({ checkEveryPage: true, problems: (found) => (problems = found) });
      expect(titles(removed)).toEqual(["Alpha", "Delta", "Gamma"]);
      expect(problems).toEqual([]);
      expect(await contents(removed)).toEqual(await rebuilt(root));
      git(["reset", "-q", "--hard", "HEAD~1"], root);
      const back = await lookUp({ checkEveryPage: true });
      expect(titles(back)).toEqual(["Alpha", "Beta", "Delta", "Gamma"]);
      expect(await contents(back)).toEqual(await rebuilt(root));
      // A page Git writes below Alpha's folder (a branch checked out), which only its index shows.
      git(["checkout", "-qb", "child"], root);
      writePage(path.join(base, "alpha", "child"), "Alpha/Child", "Child", BODIES[0]!);
      git(["add", "-A"], root);
      git(["commit", "-qm", "child"], root);
      git(["checkout", "-q", "main"], root);
      await lookUp();
      git(["checkout", "-q", "child"], root);
      const child = await lookUp({ checkEveryPage: true });
      expect(titles(child)).toEqual(["Alpha", "Beta", "Child", "Delta", "Gamma"]);
      expect(notes).toContain(walking("it wrote a page no folder shows"));
      expect(await contents(child)).toEqual(await rebuilt(root));
      // Gamma's folder moved by Git below Delta's (Git keeps the moved page's times), a folder no record
      // holds (Alpha's and Beta's now are: one holds a folder, the other was found without its page).
      git(["mv", "en-us/glossary/gamma", "en-us/glossary/delta/gamma"], root);
      const moved = await lookUp();
      expect(titles(moved)).toEqual(["Alpha", "Beta", "Child", "Delta", "Gamma"]);
      expect(notes).toContain(walking("it tracks a page no folder shows"));
      expect(await contents(moved)).toEqual(await rebuilt(root));
      // Where names differ by case alone (this file system tells them apart), a page moved there is no page
      // known under another spelling: Epsilon moved to "delta/gamma/epsilon", "delta/Gamma/epsilon" known.
      writePage(path.join(base, "epsilon"), "Epsilon", "Epsilon", BODIES[0]!);
      writePage(path.join(base, "delta", "Gamma", "epsilon"), "Delta/Gamma/Epsilon", "Other", BODIES[0]!);
      // Their times a step of the clock before the index's at the next check of every page: not written since.
      afterClockStep(Date.now());
      git(["add", "-A"], root);
      git(["commit", "-qm", "epsilon"], root);
      await lookUp({ checkEveryPage: true });
      git(["mv", "en-us/glossary/epsilon", "en-us/glossary/delta/gamma/epsilon"], root);
      const spelt = await lookUp();
      expect(titles(spelt)).toEqual(["Alpha", "Beta", "Child", "Delta", "Epsilon", "Gamma", "Other"]);
      expect(notes).toContain(walking("it tracks a page no folder shows"));
      expect(await contents(spelt)).toEqual(await rebuilt(root));
    } finally {
      remove();
    }
  });

  it("takes a page Git spells otherwise than a known one (case, Unicode's forms) as that page when it is the same file", () => {
    // A file system that ignores case and Unicode's forms, as macOS's may, stood for by where each name leads.
    const folder = tempFolder("glossary-spelling-");
    for (const name of ["one", "two"]) writeFile(path.join(folder, name), `${name}\n`);
    const leadsTo: Record<string, string> = { "Été/index.md": "one", "e\u0301te\u0301/index.md": "one", "ÉTÉ/index.md": "two", "other/index.md": "one" };
    const isAnotherFile = anotherFileTest(new Set(["Été/index.md"]), (relative) => path.join(folder, leadsTo[relative] ?? "missing"));
    expect(isAnotherFile("e\u0301te\u0301/index.md")).toBe(false);
    // Spelled alike but another file (a file system that tells case apart), spelled otherwise, or not there.
    expect(isAnotherFile("ÉTÉ/index.md")).toBe(true);
    expect(isAnotherFile("other/index.md")).toBe(true);
    expect(isAnotherFile("gone/index.md")).toBe(false);
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it("checks every page when Git's index does not hold every file of the source: in a submodule, or with a symbolic link Git changed", async () => {
    // A symbolic link to a folder of pages outside the source, which a checkout points elsewhere.
    const { root, base, notes, lookUp, remove } = await gitSource(["Alpha", "Beta"]);
    try {
      for (const [folder, title] of [["one", "Linked one"], ["two", "Linked two"]] as const) writePage(path.join(`${root}-outside`, folder), "Linked", title, BODIES[0]!);
      fs.symlinkSync(path.join(`${root}-outside`, "one"), path.join(base, "linked"));
      git(["add", "-A"], root);
      git(["commit", "-qm", "link"], root);
      expect(titles(await lookUp())).toEqual(["Alpha", "Beta", "Linked one"]);
      git(["checkout", "-qb", "other"], root);
      fs.rmSync(path.join(base, "linked"));
      fs.symlinkSync(path.join(`${root}-outside`, "two"), path.join(base, "linked"));
      git(["commit", "-qam", "two"], root);
      git(["checkout", "-q", "main"], root);
      await lookUp();
      git(["checkout", "-q", "other"], root);
      const relinked = await lookUp();
      expect(titles(relinked)).toEqual(["Alpha", "Beta", "Linked two"]);
      expect(notes).toContain(`Git's state of ${fs.realpathSync(root)} changed, and its index does not hold every file of the source (a submodule, or a symbolic link Git may have changed): checking every page`);
      expect(await contents(relinked)).toEqual(await rebuilt(root));
    } finally {
      remove();
      fs.rmSync(`${root}-outside`, { recursive: true, force: true });
    }
    // A source whose `.git` file names no Git folder (a submodule whose repository is not there): the index
    // found is the superproject's, which holds the source as one entry.
    const superproject = tempFolder("glossary-git-super-");
    const source = path.join(superproject, "glossary");
    writePage(path.join(source, "en-us", "glossary", "alpha"), "Alpha", "Alpha", BODIES[0]!);
    git(["init", "-q", "-b", "main"], superproject);
    git(["update-index", "--add", "--cacheinfo", `160000,${"1".repeat(40)},glossary`], superproject);
    fs.writeFileSync(path.join(source, ".git"), "gitdir: ../.git/modules/glossary\n");
    const superNotes: string[] = [];
    const superOptions = { root: path.join(tempFolder("glossary-git-super-cache-"), "glossary"), verbose: (note: string) => superNotes.push(note), fileCheckLimit: 0, deltaShare: 100 };
    afterClockStep(path.join(superproject, ".git", "index"));
    await openSourceIndex(source, superOptions);
    writePage(path.join(source, "en-us", "glossary", "alpha"), "Alpha", "Alpha checked out", BODIES[0]!);
    fs.writeFileSync(path.join(superproject, "readme.txt"), "the superproject\n");
    git(["add", "readme.txt"], superproject);
    afterClockStep(path.join(superproject, ".git", "index"));
    expect(titles(await openSourceIndex(source, superOptions))).toEqual(["Alpha checked out"]);
    expect(superNotes.some((note) => note.includes("its index does not hold every file of the source"))).toBe(true);
  });

  it("checks the pages Git wrote in a work tree whose `.git` is a file: a work tree of `git worktree add`, a submodule", async () => {
    const { root, base, cache } = slugSource("glossary-git-linked-", ["Alpha", "Beta", "Gamma"]);
    const [linked, superproject] = [`${root}-linked`, `${root}-super`];
    const notes: string[] = [];
    const options = { root: cache, verbose: (note: string) => notes.push(note), fileCheckLimit: 0, deltaShare: 100 };
    try {
      afterClockStep(Date.now());
      git(["init", "-q", "-b", "main"], root);
      git(["add", "-A"], root);
      git(["commit", "-qm", "pages"], root);
      git(["checkout", "-qb", "other"], root);
      writePage(path.join(base, "beta"), "Beta", "Bêta", BODIES[0]!);
      git(["commit", "-qam", "beta"], root);
      git(["checkout", "-q", "main"], root);
      git(["worktree", "add", "-q", "-b", "linked", linked], root);
      fs.mkdirSync(superproject);
      git(["init", "-q", "-b", "main"], superproject);
      git(["-c", "protocol.file.allow=always", "submodule", "add", "-q", root, "glossary"], superproject);
      // Git wrote those work trees' pages as it wrote their indexes: each index written again a step of the
      // clock later (in another version), so that the pages' times come before it, as after `git add`.
      afterClockStep(Date.now());
      for (const source of [linked, path.join(superproject, "glossary")]) {
        git(["update-index", "--index-version", "3"], source);
        const real = fs.realpathSync(source);
        const lookUp = () => lookUpAfterGit(source, gitIndexFile(gitState(real, Date.now()))!, notes, options);
        expect(titles(await lookUp())).toEqual(["Alpha", "Beta", "Gamma"]);
        // Beta's page written in place by Git: only the work tree's own index tells.
        git(["checkout", "-q", "other"], source);
        const other = await lookUp();
        expect(titles(other)).toEqual(["Alpha", "Bêta", "Gamma"]);
        expect(notes).toContain(`Git's state of ${real} changed: checking the page its index records as written since every page was checked, or does not track`);
        expect(await contents(other)).toEqual(await rebuilt(source));
        git(["checkout", "-q", "-"], source);
        expect(titles(await lookUp())).toEqual(["Alpha", "Beta", "Gamma"]);
      }
    } finally {
      for (const folder of [root, linked, superproject, path.dirname(cache)]) fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  it("checks every page after the first change of Git's state in a work tree made after the source was indexed in another", async () => {
    // The source first in an outer work tree (whose index has a time), then a work tree of its own.
    const outer = tempFolder("glossary-git-outer-");
    const root = path.join(outer, "source");
    const base = path.join(root, "en-us", "glossary");
    for (const slug of ["Alpha", "Beta", "Gamma"]) writePage(path.join(base, slug.toLowerCase()), slug, slug, BODIES[0]!);
    const cache = path.join(tempFolder("glossary-git-outer-cache-"), "glossary");
    const notes: string[] = [];
    const options = { root: cache, verbose: (note: string) => notes.push(note), fileCheckLimit: 0, deltaShare: 100 };
    const lookUp = () => lookUpAfterGit(root, path.join(root, ".git", "index"), notes, options);
    try {
      git(["init", "-q", "-b", "main"], outer);
      git(["add", "-A"], outer);
      git(["commit", "-qm", "outer"], outer);
      afterClockStep(path.join(outer, ".git", "index"));
      await openSourceIndex(root, options);
      git(["init", "-q", "-b", "main"], root);
      git(["add", "-A"], root);
      git(["commit", "-qm", "pages"], root);
      await lookUp();
      git(["checkout", "-qb", "other"], root);
      writePage(path.join(base, "beta"), "Beta", "Bêta", BODIES[0]!);
      git(["commit", "-qam", "beta"], root);
      expect(titles(await lookUp())).toEqual(["Alpha", "Bêta", "Gamma"]);
      expect(notes).toContain(`Git's state of ${fs.realpathSync(root)} changed, and no time of its index is recorded when every page was checked: checking every page`);
      git(["checkout", "-q", "main"], root);
      expect(titles(await lookUp())).toEqual(["Alpha", "Beta", "Gamma"]);
      expect(notes).toContain(`Git's state of ${fs.realpathSync(root)} changed: checking the page its index records as written since every page was checked, or does not track`);
    } finally {
      fs.rmSync(outer, { recursive: true, force: true });
      fs.rmSync(path.dirname(cache), { recursive: true, force: true });
    }
  });

  it("sees a page Git puts back in a folder that stays when its index cannot be read (a split index)", async () => {
    const { root, base, lookUp, remove } = await gitSource(["Alpha", "Beta", "Gamma"]);
    try {
      writeFile(path.join(base, "beta", "diagram.svg"), "<svg/>\n");
      git(["add", "-A"], root);
      git(["commit", "-qm", "diagram"], root);
      git(["update-index", "--split-index"], root);
      await lookUp();
      git(["rm", "-q", "en-us/glossary/beta/index.md"], root);
      git(["commit", "-qm", "no beta"], root);
      const removed = await lookUp();
      expect(titles(removed)).toEqual(["Alpha", "Gamma"]);
      expect(await contents(removed)).toEqual(await rebuilt(root));
      git(["reset", "-q", "--hard", "HEAD~1"], root);
      const back = await lookUp();
      expect(titles(back)).toEqual(["Alpha", "Beta", "Gamma"]);
      expect(await contents(back)).toEqual(await rebuilt(root));
    } finally {
      remove();
    }
  });

  it("checks every page when Git's index does not say which pages it wrote: a split index, or no time recorded for it", async () => {
    const { root, base, notes, options, lookUp, remove } = await gitSource(["Alpha", "Beta", "Gamma"]);
    try {
      git(["update-index", "--split-index"], root);
      writePage(path.join(base, "beta"), "Beta", "Bêta", BODIES[0]!);
      git(["commit", "-qam", "beta"], root);
      git(["checkout", "-q", "HEAD~1"], root);
      git(["checkout", "-q", "main"], root);
      const split = await lookUp();
      expect(titles(split)).toEqual(["Alpha", "Bêta", "Gamma"]);
      expect(notes).toContain(`Git's state of ${fs.realpathSync(root)} changed, and its index is not one this reads (a split or sparse index, or another version): checking every page`);
      expect(await contents(split)).toEqual(await rebuilt(root));
      // A record made within a step of the clock after Git wrote its index holds no time for it (see
      // recordedTime), nor do the records after it until every page is checked again: the next change of
      // Git's state is checked page by page.
      const recordFile = latestRecordFile(options.root, split.stamp);
      const record = JSON.parse(fs.readFileSync(recordFile, "utf8")) as Freshness;
      record.gitChecked = UNKNOWN_TIME;
      fs.writeFileSync(recordFile, JSON.stringify(record));
      git(["update-index", "--no-split-index"], root);
      git(["checkout", "-q", "HEAD~1"], root);
      const unknown = await lookUp();
      expect(titles(unknown)).toEqual(["Alpha", "Beta", "Gamma"]);
      expect(notes).toContain(`Git's state of ${fs.realpathSync(root)} changed, and no time of its index is recorded when every page was checked: checking every page`);
      expect(await contents(unknown)).toEqual(await rebuilt(root));
    } finally {
      remove();
    }
  });
});
