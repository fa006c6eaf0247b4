// `glossary update` for real: Git against local bare repositories laid out like mdn/content and
// mdn/translated-content, through file:// and git http-backend on 127.0.0.1; kills at chosen Git commands
// (by a wrapper named git), a damaged clone, Git missing, two updates at once.

import { spawnSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { BIN, HANG_MS, golden, tempFolder } from "../helpers.js";
import { type Mirror, git, gitHttpServer, gitWrapper, listFiles, mdnMirrors, runAsync, userEnv, writeFiles } from "../mirrors.js";

const SUMMARY = /^updated fr from \S+: [0-9a-f]{12} \(\d{4}-\d\d-\d\d\), \d+ pages, [\d.]+ (B|kB|MB) received in [\d.]+ s\n$/;

/** Mirrors of their own and a user whose updates fetch from them. */
function setup(): { content: Mirror; translated: Mirror; env: Record<string, string>; data: string } {
  const { content, translated } = mdnMirrors(tempFolder("glossary-mirrors-"));
  const env = userEnv({ GLOSSARY_MDN_CONTENT_REPO: content.url, GLOSSARY_MDN_TRANSLATED_REPO: translated.url });
  return { content, translated, env, data: path.join(env["XDG_DATA_HOME"]!, "glossary") };
}

/** A new commit in the French pages: one changed, one added, one removed, one renamed. */
function changeFrench(translated: Mirror): void {
  const fr = path.join(translated.work, "files", "fr", "glossary");
  const page = path.join(fr, "asynchronous", "index.md");
  fs.writeFileSync(page, fs.readFileSync(page, "utf8").replace("démarre maintenant", "commence tout de suite"));
  writeFiles(fr, { "promise/index.md": "---\ntitle: Promesse\nslug: Glossary/Promise\n---\n\nUne **promesse** représente le résultat futur d'une opération.\n" });
  fs.rmSync(path.join(fr, "node"), { recursive: true });
  const renamed = fs.readFileSync(path.join(fr, "synchronous", "index.md"), "utf8").replace("slug: Glossary/Synchronous", "slug: Glossary/Synchronous_call");
  fs.rmSync(path.join(fr, "synchronous"), { recursive: true });
  writeFiles(fr, { "synchronous_call/index.md": renamed });
  translated.commit("French: changed, added, removed and renamed pages");
}

/** What the data folder holds besides the clones' own files. */
function dataLayout(data: string): string[] {
  return listFiles(data).filter((name) => !/^repos\/[^/]+\/|^served\/[^/]+\//.test(name));
}

const lookup = (args: string[], env: Record<string, string>) => runAsync(args, env);

describe("glossary update", () => {
  it("fetches only MDN's glossary folders of the locale (shallow, partial, sparse) and serves its pages with attribution", async () => {
    const { env, data, translated } = setup();
    const before = await lookup(["asynchrone"], env);
    expect(before.stdout).toContain("Une opération est dite asynchrone"); // the bundled entry

    const update = await runAsync(["update", "fr"], env);
    expect(update.stderr).toBe("");
    expect(update.status).toBe(0);
    expect(update.stdout).toMatch(SUMMARY);

    const repo = path.join(data, "repos", "mdn-translated-content");
    expect(listFiles(repo).filter((name) => !name.startsWith(".git")).filter((name) => name.endsWith(".md"))).toEqual([
      "files/fr/glossary/asynchronous/index.md",
      "files/fr/glossary/node/index.md",
      "files/fr/glossary/synchronous/index.md",
      "README.md",
    ].sort());
    expect(git(["rev-parse", "--is-shallow-repository"], repo).trim()).toBe("true");
    // Partial: the blobs of the pages not checked out (other locales) never travelled.
    const missing = git(["-c", "fetch.negotiationAlgorithm=noop", "rev-list", "--objects", "--missing=print", "HEAD"], repo).split("\n").filter((line) => line.startsWith("?"));
    expect(missing.length).toBeGreaterThan(10);
    expect(git(["rev-parse", "HEAD"], repo).trim()).toBe(git(["rev-parse", "HEAD"], translated.work).trim());

    // Indexed by the update: the first lookup finds the index fresh and indexes nothing.
    const first = await lookup(["asynchrone", "--verbose"], env);
    expect(first.status).toBe(0);
    expect(first.stderr).not.toMatch(/indexed/);
    const text = await lookup(["asynchrone"], env);
    expect(text.status).toBe(0);
    expect(golden("mdn-asynchrone.fr.txt", text.stdout).actual).toBe(golden("mdn-asynchrone.fr.txt", text.stdout).expected);
    const ansi = await lookup(["asynchrone", "--format", "ansi", "--color", "always", "--width", "80"], { ...env, FORCE_HYPERLINK: "0" });
    expect(golden("mdn-asynchrone.fr.ansi", ansi.stdout).actual).toBe(golden("mdn-asynchrone.fr.ansi", ansi.stdout).expected);
    const json = JSON.parse((await lookup(["asynchrone", "--json"], env)).stdout);
    expect(json.licence).toBe("CC-BY-SA 2.5, Mozilla Contributors");
    expect(json.url).toBe("https://developer.mozilla.org/fr/docs/Glossary/Asynchronous");
    expect(json.source).toBe(path.join(data, "served", "mdn-translated-content-a", "fr", "glossary", "asynchronous", "index.md"));
    // A bundled entry has no attribution.
    const bundled = JSON.parse((await lookup(["closure", "--json", "--lang", "en-US"], env)).stdout);
    expect(bundled.licence).toBeNull();
    expect((await lookup(["closure", "--lang", "en-US"], env)).stdout).not.toContain("Mozilla Contributors");
  });

  it("moves to the new commit: changed, added, removed and renamed pages, serving from the other folder", async () => {
    const { env, data, translated } = setup();
    expect((await runAsync(["update", "fr"], env)).status).toBe(0);
    changeFrench(translated);
    const second = await runAsync(["update", "fr"], env);
    expect(second.status).toBe(0);
    expect(second.stdout).toMatch(SUMMARY);
    expect(second.stdout).toContain("3 pages");
    expect((await lookup(["asynchrone"], env)).stdout).toContain("commence tout de suite");
    expect((await lookup(["promesse"], env)).stdout).toMatch(/^Promesse\n/);
    const renamed = JSON.parse((await lookup(["Glossary/Synchronous_call", "--json", "--lang", "fr"], env)).stdout);
    expect(renamed.title).toBe("Synchrone");
    const node = JSON.parse((await lookup(["Glossary/Node", "--json", "--lang", "fr"], env)).stdout);
    expect(node.licence).toBeNull(); // gone from MDN's pages: the bundled entry again
    expect(dataLayout(data)).toEqual(["repos", "repos/mdn-translated-content", "served", "served/mdn-translated-content-b", "sources.json"]);
  });

  it("fetches en-US from the content repository and several locales at once, and counts them in sources", async () => {
    const { env } = setup();
    const update = await runAsync(["update", "en-US", "de", "ja"], env);
    expect(update.status).toBe(0);
    expect(update.stdout.split("\n").filter(Boolean)).toEqual([expect.stringMatching(/^updated en-US from /), expect.stringMatching(/^updated de, ja from /)]);
    const sources = JSON.parse((await runAsync(["sources", "--json"], env)).stdout);
    expect(sources.map((source: { kind: string }) => source.kind)).toEqual(["mdn", "mdn", "bundled"]);
    expect(sources[1].locales.map((l: { locale: string }) => l.locale)).toEqual(["de", "ja"]);
    expect(sources[1].locales.every((l: { count: number }) => l.count > 5)).toBe(true);
    expect(sources[0].licence).toBe("CC-BY-SA 2.5, Mozilla Contributors");
    expect(sources[0].commit).toMatch(/^[0-9a-f]{40}$/);
    // A later update of one locale keeps the others fetched before.
    expect((await runAsync(["update", "fr"], env)).stdout).toMatch(/^updated de, fr, ja from /);
  });

  it("travels Git's smart HTTP protocol (git http-backend on 127.0.0.1)", async () => {
    const { env, translated } = setup();
    const server = await gitHttpServer(path.dirname(translated.bare));
    try {
      const httpEnv = { ...env, GLOSSARY_MDN_TRANSLATED_REPO: `${server.url}/translated-content.git` };
      const first = await runAsync(["update", "fr"], httpEnv);
      expect(first.stderr).toBe("");
      expect(first.stdout).toMatch(SUMMARY);
      changeFrench(translated);
      const second = await runAsync(["update", "fr"], httpEnv);
      expect(second.status).toBe(0);
      expect((await lookup(["asynchrone"], httpEnv)).stdout).toContain("commence tout de suite");
    } finally {
      await server.close();
    }
  });

  it("without a locale named, fetches the preferred locale (when MDN has it) and en-US", async () => {
    const { env } = setup();
    const update = await runAsync(["update"], { ...env, LANG: "pt_BR.UTF-8" });
    expect(update.stderr).toBe("");
    expect(update.stdout.split("\n").filter(Boolean)).toEqual([expect.stringMatching(/^updated en-US from .*content\.git: /), expect.stringMatching(/^updated pt-BR from .*translated-content\.git: [0-9a-f]{12} \(.{10}\), 1 page, /)]);
    const english = await runAsync(["update"], { ...userEnv({ GLOSSARY_MDN_CONTENT_REPO: env["GLOSSARY_MDN_CONTENT_REPO"]!, GLOSSARY_MDN_TRANSLATED_REPO: env["GLOSSARY_MDN_TRANSLATED_REPO"]! }), LANG: "C" });
    expect(english.stdout.split("\n").filter(Boolean)).toEqual([expect.stringMatching(/^updated en-US from .*content\.git: /)]);
  });

  it("says which locale the remote does not have, exits 75, and changes nothing", async () => {
    const { env, data, translated } = setup();
    expect((await runAsync(["update", "fr"], env)).status).toBe(0);
    const before = fs.readFileSync(path.join(data, "sources.json"), "utf8");
    const update = await runAsync(["update", "ko"], env);
    expect(update.status).toBe(75);
    expect(update.stderr).toBe(`glossary: cannot update ${translated.url}: no folder files/ko/glossary (no glossary in locale ko)\nglossary: the pages fetched before are still used\n`);
    expect(fs.readFileSync(path.join(data, "sources.json"), "utf8")).toBe(before);
    expect((await lookup(["asynchrone"], env)).stdout).toContain("démarre maintenant");
  });
});

describe("glossary update under faults", () => {
  const KILLS: ReadonlyArray<[moment: string, first: boolean, how: "kill-after" | "kill-before"]> = [
    ["clone", true, "kill-after"],
    ["sparse-checkout", true, "kill-before"],
    ["fetch", false, "kill-before"],
    ["fetch", false, "kill-after"],
    ["checkout", false, "kill-after"],
    ["log", false, "kill-after"],
  ];
  for (const [moment, first, how] of KILLS) {
    it(`killed ${how === "kill-after" ? "after" : "before"} git ${moment} of ${first ? "a first" : "a later"} update: lookups answer as before, the next update succeeds, nothing is left behind`, async () => {
      const { env, data, translated } = setup();
      if (!first) {
        expect((await runAsync(["update", "fr"], env)).status).toBe(0);
        changeFrench(translated);
      }
      const before = await lookup(["asynchrone"], env);
      const killed = await runAsync(["update", "fr"], { ...env, PATH: `${gitWrapper()}:${env["PATH"]}`, GLOSSARY_TEST_AT: moment, GLOSSARY_TEST_DO: how });
      expect(killed.signal).toBe("SIGKILL");
      expect(await lookup(["asynchrone"], env)).toEqual(before);
      expect((await runAsync(["sources"], env)).status).toBe(0);

      const again = await runAsync(["update", "fr"], env);
      expect(again.stderr).toBe("");
      expect(again.status).toBe(0);
      expect((await lookup(["asynchrone"], env)).stdout).toContain(first ? "démarre maintenant" : "commence tout de suite");
      const served = listFiles(path.join(data, "served")).filter((name) => !name.includes("/"));
      expect(served).toHaveLength(1);
      expect(dataLayout(data)).toEqual(["repos", "repos/mdn-translated-content", "served", `served/${served[0]}`, "sources.json"]);
    });
  }

  it("a clone damaged by someone else is not trusted: it is fetched again", async () => {
    const { env, data, translated } = setup();
    expect((await runAsync(["update", "fr"], env)).status).toBe(0);
    const repo = path.join(data, "repos", "mdn-translated-content");
    for (const pack of fs.readdirSync(path.join(repo, ".git", "objects", "pack"))) fs.writeFileSync(path.join(repo, ".git", "objects", "pack", pack), "damaged");
    fs.writeFileSync(path.join(repo, ".git", "HEAD"), "garbage\n");
    fs.rmSync(path.join(repo, "files", "fr", "glossary", "asynchronous"), { recursive: true });
    changeFrench(translated);
    const update = await runAsync(["update", "fr"], env);
    expect(update.stderr).toBe("");
    expect(update.status).toBe(0);
    expect((await lookup(["asynchrone"], env)).stdout).toContain("commence tout de suite");
    expect(git(["fsck", "--connectivity-only"], repo)).toBe("");
    expect(dataLayout(data)).toEqual(["repos", "repos/mdn-translated-content", "served", "served/mdn-translated-content-b", "sources.json"]);
  });

  it("a remote that is gone, or that cannot be reached: exit 75, lookups answer as before", async () => {
    const { env, data, translated } = setup();
    expect((await runAsync(["update", "fr"], env)).status).toBe(0);
    changeFrench(translated);
    const before = await lookup(["asynchrone"], env);
    const record = fs.readFileSync(path.join(data, "sources.json"), "utf8");
    fs.renameSync(translated.bare, `${translated.bare}.moved`);
    const gone = await runAsync(["update", "fr"], env);
    expect(gone.status).toBe(75);
    expect(gone.stderr).toMatch(new RegExp(`^glossary: cannot update ${translated.url}: git \\S+ failed: [^\n]+\nglossary: the pages fetched before are still used\n$`));
    expect(await lookup(["asynchrone"], env)).toEqual(before);
    // No server where the remote is: a port that was free a moment ago, on this machine.
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const unreachable = await runAsync(["update", "fr"], { ...env, GLOSSARY_MDN_TRANSLATED_REPO: `http://127.0.0.1:${port}/translated-content.git` });
    expect(unreachable.status).toBe(75);
    expect(unreachable.stderr).toMatch(/^glossary: cannot update http:\/\/127\.0\.0\.1:\d+\/translated-content\.git: git \S+ failed: [^\n]+\nglossary: the pages fetched before are still used\n$/);
    expect(await lookup(["asynchrone"], env)).toEqual(before);
    expect(fs.readFileSync(path.join(data, "sources.json"), "utf8")).toBe(record);
    fs.renameSync(`${translated.bare}.moved`, translated.bare);
    expect((await runAsync(["update", "fr"], env)).status).toBe(0);
    expect((await lookup(["asynchrone"], env)).stdout).toContain("commence tout de suite");
  });

  it("a full disk: one line, exit 75, lookups as before; once there is room, the next update succeeds", async (context) => {
    const { env, translated } = setup();
    const disk = tempFolder("glossary-small-disk-");
    // A small file system of its own: mounting one needs root (elsewhere the test says it was skipped).
    if (process.getuid?.() !== 0 || spawnSync("mount", ["-t", "tmpfs", "-o", "size=8m", "tmpfs", disk]).status !== 0) return context.skip("mounting a small file system needs root");
    try {
      const small = { ...env, XDG_DATA_HOME: disk };
      expect((await runAsync(["update", "fr"], small)).status).toBe(0);
      const before = await lookup(["asynchrone"], small);
      changeFrench(translated);
      const filler = path.join(disk, "filler");
      const fd = fs.openSync(filler, "w");
      const chunk = Buffer.alloc(16 * 1024, 1);
      try {
        for (;;) fs.writeSync(fd, chunk);
      } catch (error) {
        expect((error as NodeJS.ErrnoException).code).toBe("ENOSPC");
      } finally {
        fs.closeSync(fd);
      }
      const full = await runAsync(["update", "fr"], small);
      expect(full.status).toBe(75);
      // Full to the last byte, even the lock cannot be made: said in one line all the same.
      expect(full.stderr).toMatch(/^glossary: [^\n]*(no space left on device|ENOSPC)[^\n]*\n(glossary: the pages fetched before are still used\n)?$/i);
      expect(await lookup(["asynchrone"], small)).toEqual(before);
      fs.rmSync(filler);
      const again = await runAsync(["update", "fr"], small);
      expect(again.stderr).toBe("");
      expect(again.status).toBe(0);
      expect((await lookup(["asynchrone"], small)).stdout).toContain("commence tout de suite");
      expect(fs.readdirSync(path.join(disk, "glossary", "served"))).toHaveLength(1);
    } finally {
      spawnSync("umount", [disk]);
    }
  });

  it("a data folder that cannot be written: one line, exit 75, lookups unharmed", async () => {
    const { env } = setup();
    const file = path.join(tempFolder("glossary-not-a-folder-"), "file");
    fs.writeFileSync(file, "");
    const update = await runAsync(["update", "fr"], { ...env, XDG_DATA_HOME: file });
    expect(update.status).toBe(75);
    expect(update.stderr).toMatch(/^glossary: ENOTDIR: not a directory, mkdir '[^\n]+'\n$/);
    expect((await runAsync(["asynchrone"], { ...env, XDG_DATA_HOME: file })).status).toBe(0);
  });

  it("without Git: update says it needs Git (exit 69) and every other command works", async () => {
    const { env } = setup();
    expect((await runAsync(["update", "fr"], env)).status).toBe(0);
    const noGit = { ...env, PATH: tempFolder("glossary-no-git-") };
    const update = await runAsync(["update", "fr"], noGit);
    expect(update.status).toBe(69);
    expect(update.stderr.split("\n")[0]).toBe("glossary: glossary update needs Git, which is not installed or not on PATH");
    expect(update.stdout).toBe("");
    const shown = await lookup(["asynchrone"], noGit);
    expect(shown.status).toBe(0);
    expect(shown.stdout).toContain("Mozilla Contributors");
    expect((await runAsync(["sources"], noGit)).status).toBe(0);
    expect((await runAsync(["config"], noGit)).status).toBe(0);
  });

  it("two updates at once: the second says another is running; neither corrupts; a stale lock is taken over", async () => {
    const { env, data } = setup();
    const signals = tempFolder("glossary-signals-");
    const paused = path.join(signals, "paused");
    const resume = path.join(signals, "resume");
    const first = runAsync(["update", "fr"], { ...env, PATH: `${gitWrapper()}:${env["PATH"]}`, GLOSSARY_TEST_AT: "clone", GLOSSARY_TEST_DO: "pause", GLOSSARY_TEST_PAUSED: paused, GLOSSARY_TEST_RESUME: resume });
    await until(() => fs.existsSync(paused), first);
    const holder = Number(fs.readFileSync(path.join(data, "update.lock"), "utf8"));
    const second = await runAsync(["update", "fr"], env);
    expect(second.status).toBe(75);
    expect(second.stderr.split("\n")[0]).toBe(`glossary: another update is running (process ${holder})`);
    fs.writeFileSync(resume, "");
    const done = await first;
    expect(done.status).toBe(0);
    expect(fs.existsSync(path.join(data, "update.lock"))).toBe(false);
    expect((await lookup(["asynchrone"], env)).stdout).toContain("Mozilla Contributors");

    // A lock left by a process that is gone is taken over.
    const gone = await runAsync(["--version"], env);
    expect(gone.status).toBe(0);
    const deadPid = await deadProcessId();
    fs.writeFileSync(path.join(data, "update.lock"), `${deadPid}\n`);
    expect((await runAsync(["update", "fr"], env)).status).toBe(0);
    expect(fs.existsSync(path.join(data, "update.lock"))).toBe(false);
  });
});

/** Waits until a condition holds (polling; the test's own timeout bounds it). */
/** Waits until `condition` holds; fails at once if the process it waits on ends first. */
async function until(condition: () => boolean, running: Promise<unknown>): Promise<void> {
  let ended = false;
  void running.then(
    () => (ended = true),
    () => (ended = true),
  );
  while (!condition()) {
    if (ended) throw new Error("the update ended before the point waited for");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The id of a process that has ended. */
async function deadProcessId(): Promise<number> {
  const { spawn } = await import("node:child_process");
  const child = spawn(process.execPath, ["-e", "0"]);
  await new Promise((resolve) => child.on("close", resolve));
  return child.pid!;
}

describe("glossary update's progress", () => {
  const hasScript = spawnSync("script", ["--version"], { encoding: "utf8" }).status === 0;
  it.skipIf(!hasScript)("shows what is fetched on a terminal (and nothing on a pipe: see above, stderr is empty)", () => {
    const { env, translated } = setup();
    const result = spawnSync("script", ["-qec", `"${process.execPath}" "${BIN}" update fr`, "/dev/null"], { env: { ...env, SHELL: "/bin/sh", TERM: "xterm" }, encoding: "utf8", timeout: HANG_MS });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`fetching fr from ${translated.url}`);
    expect(result.stdout).toContain("Cloning into");
    expect(result.stdout).toMatch(/updated fr from /);
  });
});
