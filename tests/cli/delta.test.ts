// Tests of delta segments from the command line: what a lookup and glossary index see of added, removed and edited pages.
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { afterClockStep, cleanEnv, generatedSource, runCliAsync } from "../helpers.js";
import { git } from "../mirrors.js";

/** A generated source of more than 500 pages: checked by its folders, as large ones are. */
let source = "";
let glossary = "";
beforeAll(() => {
  source = generatedSource("glossary-delta-cli-", 600);
  glossary = path.join(source, "files", "en-us", "glossary");
});

/** The folders of the source's cache folder, by kind. */
function cacheFolders(env: Record<string, string>): string[] {
  const sources = path.join(env["XDG_CACHE_HOME"]!, "glossary", "sources");
  const home = path.join(sources, fs.readdirSync(sources)[0]!);
  return fs
    .readdirSync(home)
    .filter((name) => /^(build|delta|tmp)-/.test(name))
    .map((name) => name.replace(/-.*/, ""))
    .sort();
}

/** The command line on the generated source alone, in `env`. */
function onSource(env: Record<string, string>) {
  return (...args: string[]) => runCliAsync(["--source", source, "--no-bundled", ...args], env);
}

/** The title a page file's front matter gives. */
function titleOf(page: string): string {
  return /^title: "?([^"\n]*)"?$/m.exec(fs.readFileSync(page, "utf8"))![1]!;
}

describe("changes to a large source", () => {
  it("are indexed as a delta beside the build: an edit in place by glossary index, added and removed pages by the next lookup", { timeout: 120_000 }, async () => {
    const env = cleanEnv();
    const run = onSource(env);
    expect((await run("index")).status).toBe(0);
    expect(cacheFolders(env)).toEqual(["build"]);
    const listed = (await run("list")).stdout.split("\n").filter((line) => line.trim() !== "").length;

    const [first, second] = fs.readdirSync(glossary).sort();
    const file = path.join(glossary, first!, "index.md");
    fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace(/^title: .*$/m, "title: Zyxwv edited"));
    // A lookup checks the folders only: the new title is not in the index yet.
    expect((await run("--short", "zyxwv edited")).status).toBe(1);
    const indexed = await run("index");
    expect(indexed.stdout).toMatch(/\t600\tbuilt\t/);
    expect(cacheFolders(env)).toEqual(["build", "delta"]);
    expect((await run("--short", "zyxwv edited")).status).toBe(0);
    expect((await run("list")).stdout).toContain("Zyxwv edited");

    fs.mkdirSync(path.join(glossary, "added-page"));
    fs.writeFileSync(path.join(glossary, "added-page", "index.md"), "---\ntitle: Added page\nslug: Glossary/Added_page\n---\n\nAn added page about zyxwv.\n");
    const removedTitle = titleOf(path.join(glossary, second!, "index.md"));
    fs.rmSync(path.join(glossary, second!), { recursive: true });
    const added = await run("--short", "added page");
    expect(added.status).toBe(0);
    expect(added.stdout).toContain("An added page");
    // One delta, holding every change since the build; the search finds the added page.
    expect(cacheFolders(env)).toEqual(["build", "delta"]);
    expect((await run("search", "zyxwv")).stdout).toContain("Added page");
    const list = (await run("list")).stdout.split("\n").filter((line) => line.trim() !== "");
    // One English entry added, one removed.
    expect(list).toHaveLength(listed);
    expect(list.some((line) => line.includes(removedTitle))).toBe(false);
  });

  it("are all seen by glossary index, which walks the source: a page added below a page, a page file removed from its folder and put back", { timeout: 120_000 }, async () => {
    const env = cleanEnv();
    const run = onSource(env);
    expect((await run("index")).status).toBe(0);
    const [, , third, fourth] = fs.readdirSync(glossary).sort();
    // A page below another's, in a folder that held no folder: no folder a lookup checks shows it.
    fs.mkdirSync(path.join(glossary, third!, "below"));
    fs.writeFileSync(path.join(glossary, third!, "below", "index.md"), `---\ntitle: Qwxyz below\nslug: Glossary/${third}/Below\n---\n\nA page below another.\n`);
    const below = await run("index");
    expect(below.stdout).toMatch(/\tbuilt\t/);
    expect((await run("--short", "qwxyz below")).status).toBe(0);
    // A page file moved away, its folder left, then put back as it was.
    const page = path.join(glossary, fourth!, "index.md");
    const kept = `${source}-kept.md`;
    const title = titleOf(page);
    const count = (text: string) => Number(/\t(\d+)\t/.exec(text)![1]);
    const before = count(below.stdout);
    fs.renameSync(page, kept);
    const removed = await run("index");
    expect(count(removed.stdout)).toBe(before - 1);
    expect(removed.stderr).toBe("");
    fs.renameSync(kept, page);
    const restored = await run("index");
    expect(count(restored.stdout)).toBe(before);
    expect((await run("list")).stdout).toContain(title);
    // Nothing changed since: the index, with its delta, is up to date, and nothing is written.
    expect((await run("index")).stdout).toMatch(/\tup to date\t/);
    fs.rmSync(path.join(glossary, third!, "below"), { recursive: true });
    const removedBelow = await run("index");
    expect(count(removedBelow.stdout)).toBe(before - 1);
    // A page the delta added, now removed, is indexed as a delta too, not by reading the whole source again.
    expect(removedBelow.stdout).toMatch(/\tbuilt\t/);
    expect(cacheFolders(env)).toEqual(["build", "delta"]);
    expect((await run("index")).stdout).toMatch(/\tup to date\t/);
  });

  it("are found by a lookup of a page gone since it was indexed, which then walks the source and indexes a delta, not the whole source", { timeout: 120_000 }, async () => {
    const env = cleanEnv();
    const run = onSource(env);
    expect((await run("index")).status).toBe(0);
    const names = fs.readdirSync(glossary).sort();
    const name = names[names.length - 1]!;
    const page = path.join(glossary, name, "index.md");
    const title = titleOf(page);
    const kept = `${source}-gone.md`;
    // The page file alone goes: its folder stays, so no folder a lookup checks shows it.
    fs.renameSync(page, kept);
    try {
      const looked = await run("--verbose", "--lang", "en-US", title);
      expect(looked.stderr).toContain("looking for what changed");
      expect(looked.stderr).not.toContain("reading the pages again");
      expect(looked.stderr).toMatch(/indexed \d+ changed pages/);
      expect(cacheFolders(env)).toEqual(["build", "delta"]);
      expect((await run("list")).stdout).not.toMatch(new RegExp(`^${title}$`, "m"));
    } finally {
      fs.renameSync(kept, page);
    }
  });
});

describe("a large source in a Git work tree", () => {
  it("is up to date at the next lookup after a checkout, which checks the pages Git wrote", { timeout: 120_000 }, async () => {
    const repository = generatedSource("glossary-delta-git-cli-", 600);
    const pages = path.join(repository, "files", "en-us", "glossary");
    const env = cleanEnv();
    const run = (...args: string[]) => runCliAsync(["--source", repository, "--no-bundled", ...args], env);
    /** Runs the command line once Git's index has a time a check records (see recordedTime). */
    const afterGit = (...args: string[]) => {
      afterClockStep(path.join(repository, ".git", "index"));
      return run(...args);
    };
    try {
      // Git's times for the pages then come a step of the clock before its index's.
      afterClockStep(Date.now());
      git(["init", "-q", "-b", "main"], repository);
      git(["add", "-A"], repository);
      git(["commit", "-qm", "pages"], repository);
      expect((await afterGit("index")).status).toBe(0);
      const page = path.join(pages, fs.readdirSync(pages).sort()[0]!, "index.md");
      const title = titleOf(page);
      git(["checkout", "-qb", "edited"], repository);
      fs.writeFileSync(page, fs.readFileSync(page, "utf8").replace(/^title: .*$/m, "title: Zyxwv checked out"));
      fs.mkdirSync(path.join(pages, "added-page"));
      fs.writeFileSync(path.join(pages, "added-page", "index.md"), "---\ntitle: Added page\nslug: Glossary/Added_page\n---\n\nAn added page.\n");
      git(["add", "-A"], repository);
      git(["commit", "-qm", "edited"], repository);
      git(["checkout", "-q", "main"], repository);
      expect((await afterGit("--short", title)).status).toBe(0);

      // The branch: the edit in place and the page added, both written by Git.
      git(["checkout", "-q", "edited"], repository);
      const edited = await afterGit("--verbose", "--short", "zyxwv checked out");
      expect(edited.status).toBe(0);
      expect(edited.stderr).toContain(`glossary: Git's state of ${fs.realpathSync(repository)} changed: checking the 2 pages its index records as written since every page was checked, or does not track`);
      expect((await run("--short", "added page")).status).toBe(0);
      // Back: the page as it was, the added one gone.
      git(["checkout", "-q", "main"], repository);
      expect((await afterGit("--short", "zyxwv checked out")).status).toBe(1);
      expect((await run("--short", title)).status).toBe(0);
      expect((await run("--short", "added page")).status).toBe(1);
    } finally {
      fs.rmSync(repository, { recursive: true, force: true });
      fs.rmSync(env["XDG_CACHE_HOME"]!, { recursive: true, force: true });
    }
  });
});
