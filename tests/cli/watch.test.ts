// Tests of `glossary index --watch` from the command line: changes indexed as they are made, so the next
// lookup builds nothing; how it stops; and its usage errors.
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { BIN, cleanEnv, generatedSource, runCli, runCliAsync, tempFolder } from "../helpers.js";

/** A running `index --watch`, its output as it comes, and a way to wait for a line of it. */
class Watcher {
  stdout = "";
  stderr = "";
  readonly exited: Promise<{ status: number | null; signal: NodeJS.Signals | null }>;
  private readonly child: ChildProcessWithoutNullStreams;
  private waiters: Array<() => void> = [];

  constructor(args: readonly string[], env: Record<string, string>) {
    this.child = spawn(process.execPath, [BIN, "index", "--watch", ...args], { env });
    const heard = (): void => this.waiters.forEach((waiter) => waiter());
    this.child.stdout.on("data", (chunk) => {
      this.stdout += chunk;
      heard();
    });
    this.child.stderr.on("data", (chunk) => {
      this.stderr += chunk;
      heard();
    });
    this.exited = new Promise((resolve) => this.child.on("close", (status, signal) => resolve({ status, signal })));
    void this.exited.then(heard);
  }

  /** Resolves once the output holds what `seen` looks for; fails if the process ends first. */
  until(seen: (watcher: Watcher) => boolean): Promise<void> {
    let ended = false;
    void this.exited.then(() => (ended = true));
    return new Promise((resolve, reject) => {
      const check = (): void => {
        if (seen(this)) resolve();
        else if (ended) reject(new Error(`the watch ended first:\n${this.stdout}\n${this.stderr}`));
        else return;
        this.waiters = this.waiters.filter((waiter) => waiter !== check);
      };
      this.waiters.push(check);
      check();
    });
  }

  /** The rows on stdout. */
  rows(): string[] {
    return this.stdout.split("\n").filter((line) => line !== "");
  }

  stop(signal: NodeJS.Signals): void {
    this.child.kill(signal);
  }
}

/** The names in a source's cache folder. */
function cacheNames(env: Record<string, string>): string[] {
  const sources = path.join(env["XDG_CACHE_HOME"]!, "glossary", "sources");
  return fs.readdirSync(path.join(sources, fs.readdirSync(sources)[0]!)).sort();
}

const page = (title: string, body: string): string => `---\ntitle: ${title}\nslug: Glossary/${title.replace(/ /g, "_")}\n---\n\n${body}\n`;

/** Writes (or rewrites) the page of `title` in the en-US glossary of `source`; returns its file. */
function writePage(source: string, title: string, body: string): string {
  const folder = path.join(source, "en-us", "glossary", title.toLowerCase().replace(/ /g, "_"));
  fs.mkdirSync(folder, { recursive: true });
  fs.writeFileSync(path.join(folder, "index.md"), page(title, body));
  return path.join(folder, "index.md");
}

/** A generated source of more than 500 pages: checked by its folders, as large ones are. */
let source = "";
let glossary = "";
beforeAll(() => {
  source = generatedSource("glossary-watch-cli-", 600);
  glossary = path.join(source, "files", "en-us", "glossary");
});

describe("glossary index --watch", () => {
  it("indexes pages added and removed as they are, so the next lookup finds the index fresh; Ctrl-C stops it with status 0", { timeout: 180_000 }, async () => {
    const env = cleanEnv();
    const watcher = new Watcher(["--source", source, "--no-bundled"], env);
    await watcher.until((w) => w.stderr.includes("watching 1 source"));
    expect(watcher.rows()).toEqual([expect.stringMatching(/\t600\tbuilt\t/)]);

    fs.mkdirSync(path.join(glossary, "watched-page"));
    fs.writeFileSync(path.join(glossary, "watched-page", "index.md"), page("Watched page", "A page the watch indexed."));
    await watcher.until((w) => w.rows().some((row) => /\t601\tbuilt\t/.test(row)));
    const lookup = await runCliAsync(["--source", source, "--no-bundled", "--verbose", "--short", "watched page"], env);
    expect(lookup.status).toBe(0);
    expect(lookup.stdout).toContain("A page the watch indexed.");
    // The lookup indexed nothing itself.
    expect(lookup.stderr).not.toMatch(/indexed/);

    fs.rmSync(path.join(glossary, "watched-page"), { recursive: true });
    await watcher.until((w) => w.rows().filter((row) => /\t600\tbuilt\t/.test(row)).length === 2);
    const gone = await runCliAsync(["--source", source, "--no-bundled", "--verbose", "--short", "watched page"], env);
    expect(gone.status).toBe(1);
    expect(gone.stderr).not.toMatch(/indexed/);

    watcher.stop("SIGINT");
    expect(await watcher.exited).toEqual({ status: 0, signal: null });
    expect(watcher.stderr.split("\n").filter((line) => line !== "").every((line) => line.startsWith("glossary: "))).toBe(true);
    // Nothing left behind: one build, its delta, the pointer and the source's record.
    expect(cacheNames(env).filter((name) => !/^(build-|delta-|current-|source\.json$)/.test(name))).toEqual([]);
  });

  it("indexes an edit in place of a page of a source checked by its folders, whose pages' folders it watches", { timeout: 180_000 }, async () => {
    const env = cleanEnv();
    const watcher = new Watcher(["--source", source, "--no-bundled"], env);
    await watcher.until((w) => w.stderr.includes("watching 1 source"));
    const file = path.join(glossary, fs.readdirSync(glossary).sort()[0]!, "index.md");
    const original = fs.readFileSync(file, "utf8");
    // A new title, written in place: no folder's time changes.
    fs.writeFileSync(file, original.replace(/^title: .*$/m, "title: Quixotic rename"));
    try {
      await watcher.until((w) => w.rows().filter((row) => /\t600\tbuilt\t/.test(row)).length === 2);
      const lookup = await runCliAsync(["--source", source, "--no-bundled", "--verbose", "--short", "quixotic rename"], env);
      expect(lookup.status).toBe(0);
      expect(lookup.stderr).not.toMatch(/indexed/);
    } finally {
      fs.writeFileSync(file, original);
    }
    await watcher.until((w) => w.rows().filter((row) => /\t600\tbuilt\t/.test(row)).length === 3);
    expect((await runCliAsync(["--source", source, "--no-bundled", "--short", "quixotic rename"], env)).status).toBe(1);
    watcher.stop("SIGINT");
    expect(await watcher.exited).toEqual({ status: 0, signal: null });
  });

  it("indexes an edit in place of a small source, prints JSON lines with --json, and ends with status 1 when the source folder is gone", { timeout: 120_000 }, async () => {
    const small = tempFolder("glossary-watch-small-");
    writePage(small, "Alpha", "The first letter.");
    const env = cleanEnv();
    const watcher = new Watcher(["--source", small, "--no-bundled", "--json"], env);
    await watcher.until((w) => w.stderr.includes("watching 1 source"));
    writePage(small, "Alpha", "The first letter, edited.");
    await watcher.until((w) => w.rows().length === 2);
    const rows = watcher.rows().map((row) => JSON.parse(row) as { source: string; entries: number; state: string });
    expect(rows.map((row) => [row.source, row.entries, row.state])).toEqual([
      [small, 1, "built"],
      [small, 1, "built"],
    ]);
    expect((await runCliAsync(["--source", small, "--no-bundled", "--short", "alpha"], env)).stdout).toContain("edited");

    fs.rmSync(small, { recursive: true });
    expect(await watcher.exited).toEqual({ status: 1, signal: null });
    expect(watcher.stderr).toMatch(/glossary: nothing left to watch: every source folder is gone or cannot be watched\n$/);
  });

  it("watches the folder of the pages again when it is removed and made again at its path", { timeout: 120_000 }, async () => {
    const small = tempFolder("glossary-watch-again-");
    const addPage = (slug: string): string => writePage(small, slug, `About ${slug}.`);
    addPage("alpha");
    addPage("beta");
    const watcher = new Watcher(["--source", small, "--no-bundled"], cleanEnv());
    await watcher.until((w) => w.stderr.includes("watching 1 source"));
    fs.rmSync(path.join(small, "en-us", "glossary"), { recursive: true });
    addPage("gamma");
    await watcher.until((w) => w.rows().length === 2);
    // Once the checks of that change have ended: a watch left on the removed folder would miss what follows.
    await new Promise((resolve) => setTimeout(resolve, 300));
    addPage("delta");
    await watcher.until((w) => w.rows().some((row) => row.split("\t")[1] === "2") && w.rows().length >= 3);
    watcher.stop("SIGINT");
    expect(await watcher.exited).toEqual({ status: 0, signal: null });
    expect(watcher.rows().map((row) => row.split("\t").slice(1, 3))).toEqual([
      ["2", "built"],
      ["1", "built"],
      ["2", "built"],
    ]);
  });

  it("stops on SIGTERM with status 0", { timeout: 120_000 }, async () => {
    const small = tempFolder("glossary-watch-term-");
    writePage(small, "Alpha", "The first letter.");
    const watcher = new Watcher(["--source", small, "--no-bundled"], cleanEnv());
    await watcher.until((w) => w.stderr.includes("watching 1 source"));
    watcher.stop("SIGTERM");
    expect(await watcher.exited).toEqual({ status: 0, signal: null });
  });

  it("refuses what it cannot do with one line and status 2", () => {
    const small = tempFolder("glossary-watch-usage-");
    const cases: Array<[string[], Record<string, string>, RegExp]> = [
      [["index", "--watch"], {}, /^glossary: no source folders configured .*nothing to watch$/],
      [["index", "--watch", "--rebuild", "--source", small], {}, /^glossary: --rebuild and --watch ask for two things$/],
      [["index", "--watch", "--format", "dot", "--source", small], {}, /^glossary: --format dot is for the related command, not index --watch$/],
      [["index", "--watch", "--source", path.join(small, "missing")], {}, /^glossary: source folder not found/],
      [["index", "--watch", "--source", small], { HOME: "", XDG_CACHE_HOME: "" }, /^glossary: index --watch keeps indexes in the cache, and there is no cache folder$/],
    ];
    for (const [args, env, message] of cases) {
      const result = runCli(args, env);
      expect(result.status, args.join(" ")).toBe(2);
      expect(result.stdout).toBe("");
      expect(result.stderr.split("\n")[0]).toMatch(message);
    }
  });
});
