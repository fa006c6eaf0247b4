// `glossary update`: fetches MDN's glossary pages and team glossaries with Git into the data folder without
// ever disturbing the pages served. Each source has a Git clone (shallow, partial, sparse) that is only a
// staging area; its pages are copied into the one of two served folders not in use, checked, and served
// from the moment the record of the data folder (sources.json) is replaced by a rename. A kill at any
// moment leaves the previous record, and its pages, serving.

import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ExitCode, UpdateError, errorCode } from "../errors.js";
import { canonicalLocale } from "../sources/locale.js";
import { type ConfiguredSource, type Env, type FetchedSource, MDN_LICENCE } from "../types.js";
import { type DataState, STATE_FILE, STATE_VERSION, readDataState } from "./data-home.js";
import { readTextFile } from "../sources/read-file.js";
import { CLOCK_STEP_MS } from "../sources/file-times.js";

/** MDN's English pages, and its translations: the default remotes (GLOSSARY_MDN_CONTENT_REPO and GLOSSARY_MDN_TRANSLATED_REPO replace them). */
export const MDN_CONTENT_REMOTE = "https://github.com/mdn/content.git";
export const MDN_TRANSLATED_REMOTE = "https://github.com/mdn/translated-content.git";

/** The lock file of the data folder: it holds the process id of the update running. */
export const LOCK_FILE = "update.lock";

export interface UpdateOptions {
  env: Env;
  /** The data folder. */
  data: string;
  /** MDN locales to fetch (with those fetched before). */
  locales: readonly string[];
  /** Team glossaries held in Git, from the config file. */
  git: readonly ConfiguredSource[];
  /** Writes progress on a terminal; null on a pipe (nothing is shown). */
  progress: ((text: string) => void) | null;
  /** Builds the index of a folder fetched, before it is served (so that the first lookup is fast); failures are notes. */
  index?: (folder: string) => Promise<void>;
}

/** What an update did: the sources now served, and those that could not be updated (kept as they were). */
export interface UpdateReport {
  updated: FetchedSource[];
  failed: Array<{ remote: string; message: string }>;
}

/** One source to fetch: what its record in the data folder says of where it comes from. */
type Target = Pick<FetchedSource, "kind" | "name" | "remote" | "branch" | "folder" | "locales">;

/**
 * Fetches every target under the data folder's lock. Each source stands alone: one that fails keeps its
 * previous pages and is reported, the others are still updated.
 */
export async function updateSources(options: UpdateOptions): Promise<UpdateReport> {
  const git = gitRunner(options.env, options.progress);
  git.check();
  try {
    fs.mkdirSync(options.data, { recursive: true });
  } catch (error) {
    throw asUpdateError(error);
  }
  const release = acquireLock(path.join(options.data, LOCK_FILE));
  try {
    let state = readDataState(options.data).sources;
    const list = targets(options, state);
    // Team glossaries no longer in the config file are forgotten, their clones and pages removed.
    const dropped = state.filter((source) => source.kind === "git" && !list.some((target) => target.name === source.name));
    if (dropped.length > 0) {
      state = state.filter((source) => !dropped.includes(source));
      writeState(options.data, state);
      for (const source of dropped) fs.rmSync(path.join(options.data, "repos", source.name), { recursive: true, force: true });
    }
    removeLeftovers(options.data, state);
    const report: UpdateReport = { updated: [], failed: [] };
    for (const target of list) {
      const previous = state.find((source) => source.name === target.name) ?? null;
      try {
        const record = await fetchTarget(target, previous, options, git);
        state = [...state.filter((source) => source.name !== target.name), record];
        writeState(options.data, state);
        // Served from now on: the folder served before goes.
        if (previous && previous.path !== record.path) fs.rmSync(previous.path, { recursive: true, force: true });
        report.updated.push(record);
      } catch (error) {
        const failure = asUpdateError(error);
        if (failure.exitCode === ExitCode.Unavailable) throw failure;
        report.failed.push({ remote: target.remote, message: failure.message });
      }
    }
    return report;
  } catch (error) {
    throw asUpdateError(error);
  } finally {
    release();
  }
}

/** An error of the file system (a full disk, a folder that cannot be written) as the update's failure. */
function asUpdateError(error: unknown): UpdateError {
  if (error instanceof UpdateError) return error;
  if (error instanceof Error && "code" in error && typeof error.code === "string") return new UpdateError(error.message.split("\n")[0]!);
  throw error;
}

/** The sources to fetch: MDN's repositories for the locales asked (and those fetched before), and the team glossaries. */
function targets(options: UpdateOptions, state: readonly FetchedSource[]): Target[] {
  const asked = [...new Set(options.locales.map(canonicalLocale))];
  const list: Target[] = [];
  const mdn = (name: string, remote: string, locales: string[]): void => {
    const before = state.find((source) => source.name === name && source.remote === remote)?.locales ?? [];
    if (locales.length > 0) list.push({ kind: "mdn", name, remote, branch: null, folder: "files", locales: [...new Set([...before, ...locales])].sort() });
  };
  mdn("mdn-content", options.env["GLOSSARY_MDN_CONTENT_REPO"] || MDN_CONTENT_REMOTE, asked.filter((locale) => locale === "en-US"));
  mdn("mdn-translated-content", options.env["GLOSSARY_MDN_TRANSLATED_REPO"] || MDN_TRANSLATED_REMOTE, asked.filter((locale) => locale !== "en-US"));
  for (const source of options.git) {
    if (source.git === null) continue;
    const hash = createHash("sha256").update(`${source.git}\0${source.branch ?? ""}\0${source.folder}`).digest("hex").slice(0, 12);
    list.push({ kind: "git", name: `git-${hash}`, remote: source.git, branch: source.branch, folder: source.folder, locales: [] });
  }
  return list;
}

/** The folders of the repository a target needs checked out. */
function sparsePaths(target: Target): string[] | null {
  if (target.kind === "mdn") return target.locales.map((locale) => `files/${locale.toLowerCase()}/glossary`);
  return target.folder === "" ? null : [target.folder];
}

/**
 * Brings a target's clone to the remote's newest commit (fetching into the clone there is, else cloning
 * anew; a clone that fails any step is not trusted and is cloned anew), then copies its pages into the
 * served folder not in use and returns the record that serves them.
 */
async function fetchTarget(target: Target, previous: FetchedSource | null, options: UpdateOptions, git: GitRunner): Promise<FetchedSource> {
  const started = Date.now();
  const repos = path.join(options.data, "repos");
  const repo = path.join(repos, target.name);
  fs.mkdirSync(repos, { recursive: true });
  options.progress?.(`fetching ${target.kind === "mdn" ? `${target.locales.join(", ")} from ` : ""}${target.remote}\n`);
  let commit: string | null = null;
  let bytesBefore = 0;
  if (fs.existsSync(repo)) {
    try {
      if ((await git.run(["config", "--get", "remote.origin.url"], repo)).trim() !== target.remote) throw new UpdateError("another remote");
      bytesBefore = folderBytes(path.join(repo, ".git", "objects"));
      commit = await moveClone(target, repo, git);
    } catch (error) {
      // A folder the remote does not have is no damage of the clone: cloning again would not find it either.
      if (!(error instanceof UpdateError) || error instanceof NotInRemote || error.exitCode === ExitCode.Unavailable) throw error;
      options.progress?.(`the clone of ${target.remote} is not usable (${error.message}); cloning it again\n`);
      commit = null;
      bytesBefore = 0;
    }
  }
  if (commit === null) {
    const fresh = `${repo}.new`;
    fs.rmSync(fresh, { recursive: true, force: true });
    await git.run(["clone", "--depth", "1", "--filter=blob:none", "--sparse", "--no-checkout", ...(target.branch ? ["--branch", target.branch] : []), "--", target.remote, fresh], repos, true);
    commit = await moveClone(target, fresh, git, "HEAD");
    // The new clone replaces the old one (a kill in between leaves `.new` or `.old`, removed at the next update).
    fs.rmSync(`${repo}.old`, { recursive: true, force: true });
    if (fs.existsSync(repo)) fs.renameSync(repo, `${repo}.old`);
    fs.renameSync(fresh, repo);
    fs.rmSync(`${repo}.old`, { recursive: true, force: true });
  }
  const committed = (await git.run(["log", "-1", "--format=%cI", commit], repo)).trim();
  const bytes = Math.max(0, folderBytes(path.join(repo, ".git", "objects")) - bytesBefore);
  const seconds = (): number => Math.round((Date.now() - started) / 100) / 10;
  const same = previous && previous.commit === commit && previous.remote === target.remote && (target.kind === "git" || previous.locales.join() === target.locales.join());
  if (previous && same && sameFiles(copies(target, repo, previous.path))) {
    // Already served, whole: nothing to copy or index again.
    return { ...previous, updated: new Date().toISOString(), bytes, seconds: seconds() };
  }
  const served = copyPages(target, repo, options.data, previous);
  // Indexed before it is served, so that the first lookup is fast (a kill meanwhile leaves it unserved);
  // once a step of the file system's clock has passed since the last page was written, so that the index
  // records every time it reads (see recordedTime) and the first lookup reads nothing again.
  if (options.index) {
    await new Promise((resolve) => setTimeout(resolve, CLOCK_STEP_MS + 1));
    await options.index(served);
  }
  const locales = target.kind === "mdn" ? target.locales : localesIn(served);
  return {
    kind: target.kind,
    name: target.name,
    remote: target.remote,
    branch: target.branch,
    folder: target.folder,
    locales,
    commit,
    committed,
    updated: new Date().toISOString(),
    bytes,
    seconds: seconds(),
    path: served,
    licence: target.kind === "mdn" ? MDN_LICENCE : null,
  };
}

/**
 * Fetches the newest commit of the target's branch into a clone (or takes `ref` of a new clone), checks it
 * out in the target's folders only, and checks the result: the commit checked out, and every folder there.
 */
async function moveClone(target: Target, repo: string, git: GitRunner, ref?: string): Promise<string> {
  const sparse = sparsePaths(target);
  if (sparse) await git.run(["sparse-checkout", "set", "--", ...sparse], repo);
  else await git.run(["sparse-checkout", "disable"], repo);
  let wanted = ref;
  if (wanted === undefined) {
    await git.run(["fetch", "--depth", "1", "--no-tags", "origin", "--", target.branch ?? "HEAD"], repo, true);
    wanted = "FETCH_HEAD";
  }
  const commit = (await git.run(["rev-parse", "--verify", "--end-of-options", `${wanted}^{commit}`], repo)).trim();
  await git.run(["checkout", "--force", "--detach", commit], repo, true);
  await git.run(["clean", "-ffdqx"], repo);
  const head = (await git.run(["rev-parse", "--verify", "HEAD^{commit}"], repo)).trim();
  if (head !== commit) throw new UpdateError(`${target.remote}: checked out ${head}, not ${commit}`);
  for (const folder of sparse ?? [""]) {
    if (!isFolder(path.join(repo, folder))) {
      const locale = target.kind === "mdn" ? folder.split("/")[1] : null;
      throw new NotInRemote(`no folder ${folder || "."}${locale ? ` (no glossary in locale ${locale})` : ""}`);
    }
  }
  return commit;
}

/** What a served folder holds copies of: each folder of the clone, with where its copy is. */
function copies(target: Target, repo: string, served: string): Array<[from: string, to: string]> {
  if (target.kind === "git") return [[path.join(repo, target.folder), served]];
  return target.locales.map((locale) => [path.join(repo, "files", locale.toLowerCase(), "glossary"), path.join(served, locale.toLowerCase(), "glossary")]);
}

/** True when every copy holds the same files (names and sizes) as the folder it was copied from. */
function sameFiles(pairs: ReadonlyArray<[string, string]>): boolean {
  const listing = (folder: string): string =>
    (fs.readdirSync(folder, { recursive: true }) as string[])
      .filter((name) => !name.split(path.sep).includes(".git"))
      .map((name) => [name, fs.statSync(path.join(folder, name))] as const)
      .filter(([, stat]) => stat.isFile())
      .map(([name, stat]) => `${name}\0${stat.size}`)
      .sort()
      .join("\n");
  try {
    return pairs.every(([from, to]) => listing(from) === listing(to));
  } catch {
    return false;
  }
}

/**
 * Copies a clone's pages into the served folder not in use (`served/<name>-a` or `-b`), emptied first,
 * and returns it: the folder in use is never touched.
 */
function copyPages(target: Target, repo: string, data: string, previous: FetchedSource | null): string {
  const base = path.join(data, "served", target.name);
  const slot = previous?.path === `${base}-a` ? `${base}-b` : `${base}-a`;
  fs.rmSync(slot, { recursive: true, force: true });
  fs.mkdirSync(slot, { recursive: true });
  // Neither Git's folder nor symbolic links: a link in a team's repository could point anywhere on the disk.
  const copied = (source: string): boolean => path.basename(source) !== ".git" && !fs.lstatSync(source).isSymbolicLink();
  for (const [from, to] of copies(target, repo, slot)) fs.cpSync(from, to, { recursive: true, filter: copied });
  return slot;
}

/** The locales of a served folder: its folders holding a `glossary` folder. */
function localesIn(folder: string): string[] {
  return fs
    .readdirSync(folder)
    .filter((name) => isFolder(path.join(folder, name, "glossary")))
    .map(canonicalLocale)
    .sort();
}

/**
 * Replaces the record of what the data folder serves: written beside it, then renamed over it (atomic: a
 * reader sees the old record or the new one).
 */
function writeState(data: string, sources: readonly FetchedSource[]): void {
  const state: DataState = { version: STATE_VERSION, sources: [...sources] };
  const file = path.join(data, STATE_FILE);
  const temporary = `${file}.tmp-${process.pid}`;
  const fd = fs.openSync(temporary, "w");
  try {
    fs.writeSync(fd, `${JSON.stringify(state, null, 2)}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(temporary, file);
}

/**
 * Removes what an update killed midway left (under the lock, no other update runs): served folders no
 * record names, clones being replaced, records being written.
 */
function removeLeftovers(data: string, state: readonly FetchedSource[]): void {
  const inUse = new Set(state.map((source) => source.path));
  const remove = (folder: string, keep: (name: string) => boolean): void => {
    let names: string[];
    try {
      names = fs.readdirSync(folder);
    } catch {
      return;
    }
    for (const name of names) if (!keep(name)) fs.rmSync(path.join(folder, name), { recursive: true, force: true });
  };
  remove(path.join(data, "served"), (name) => inUse.has(path.join(data, "served", name)));
  remove(path.join(data, "repos"), (name) => !/\.(new|old)$/.test(name));
  remove(data, (name) => !name.startsWith(`${STATE_FILE}.tmp-`));
}

/**
 * Takes the data folder's lock: a file created only if it does not exist, holding this process's id. A
 * lock whose process is gone (an update killed) is taken over; one held by a running process is an error.
 * Returns its release.
 */
export function acquireLock(file: string): () => void {
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      const fd = fs.openSync(file, "wx");
      try {
        fs.writeSync(fd, `${process.pid}\n`);
      } catch (error) {
        // Made but not written (a full disk): an empty lock would read as an update starting.
        fs.closeSync(fd);
        fs.rmSync(file, { force: true });
        throw error;
      }
      fs.closeSync(fd);
      return () => {
        try {
          if (readTextFile(file).trim() === String(process.pid)) fs.unlinkSync(file);
        } catch {
          // Already gone.
        }
      };
    } catch (error) {
      if (errorCode(error) !== "EEXIST") {
        throw new UpdateError(`cannot lock ${file}: ${errorCode(error) ?? String(error)}`);
      }
    }
    const holder = lockHolder(file);
    if (holder !== null) throw new UpdateError(`another update is running${holderText(holder)}`, "wait for it to end, then run glossary update again");
    // A stale lock: moved aside, then looked at again (another process may have taken it over meanwhile).
    const aside = `${file}.stale-${process.pid}`;
    try {
      fs.renameSync(file, aside);
    } catch {
      continue;
    }
    const taken = lockHolder(aside);
    if (taken !== null) {
      try {
        fs.linkSync(aside, file);
      } catch {
        // Its holder's lock is back, or another lock is there: either way, another update is running.
      }
      fs.rmSync(aside, { force: true });
      throw new UpdateError(`another update is running${holderText(taken)}`, "wait for it to end, then run glossary update again");
    }
    fs.rmSync(aside, { force: true });
  }
  throw new UpdateError(`cannot lock ${file}`, "another update may be starting: try again");
}

/** The process holding a lock file, or null when the lock is stale (its process is gone, or it names none). */
/** The process holding the lock, for a message (-1: one still writing its lock, whose number is not known yet). */
function holderText(pid: number): string {
  return pid > 0 ? ` (process ${pid})` : "";
}

function lockHolder(file: string): number | null {
  let text: string;
  let age: number;
  try {
    text = readTextFile(file).trim();
    age = Date.now() - fs.statSync(file).mtimeMs;
  } catch {
    return null;
  }
  const pid = Number(text);
  // An empty lock is being written (its process is between creating and writing it), unless it is old.
  if (text === "") return age < 10_000 ? -1 : null;
  if (!Number.isInteger(pid) || pid <= 0) return null;
  if (pid === process.pid) return null;
  try {
    process.kill(pid, 0);
    return pid;
  } catch (error) {
    return errorCode(error) === "EPERM" ? pid : null;
  }
}

/** The commit fetched lacks a folder the source needs (a locale MDN does not have, a team folder moved). */
class NotInRemote extends UpdateError {}

/** Runs Git commands for an update. */
interface GitRunner {
  /** Fails with the one-line error of a missing Git. */
  check(): void;
  /** Runs `git <args>` in `cwd`; its output, or an UpdateError with Git's message. `shown`: Git's progress goes to the terminal. */
  run(args: readonly string[], cwd: string, shown?: boolean): Promise<string>;
}

/**
 * Git run with argument arrays (never a shell), in an environment of its own: no prompt for credentials,
 * neither the user's global nor the system's configuration (settings such as hooks, URL rewrites or
 * fsck rules must not break an update), and messages in English to quote.
 */
function gitRunner(env: Env, progress: ((text: string) => void) | null): GitRunner {
  const kept = new Set(["GIT_SSH", "GIT_SSH_COMMAND", "GIT_SSL_CAINFO", "GIT_SSL_CAPATH", "GIT_PROXY_COMMAND"]);
  const gitEnv: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) if (value !== undefined && (!name.startsWith("GIT_") || kept.has(name))) gitEnv[name] = value;
  Object.assign(gitEnv, {
    GIT_TERMINAL_PROMPT: "0",
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_CONFIG_GLOBAL: os.devNull,
    GIT_CONFIG_COUNT: "2",
    GIT_CONFIG_KEY_0: "advice.detachedHead",
    GIT_CONFIG_VALUE_0: "false",
    GIT_CONFIG_KEY_1: "core.hooksPath",
    GIT_CONFIG_VALUE_1: os.devNull,
    LC_ALL: "C",
  });
  const missing = (): UpdateError => new UpdateError("glossary update needs Git, which is not installed or not on PATH", "install Git (https://git-scm.com), then run glossary update again", ExitCode.Unavailable);
  return {
    check() {
      const result = spawnSync("git", ["--version"], { env: gitEnv, stdio: "ignore" });
      if (result.error || result.status !== 0) throw missing();
    },
    run(args, cwd, shown = false) {
      const withProgress = shown && progress !== null && (args[0] === "clone" || args[0] === "fetch") ? [args[0], "--progress", ...args.slice(1)] : args;
      return new Promise((resolve, reject) => {
        const child = spawn("git", withProgress, { cwd, env: gitEnv, stdio: ["ignore", "pipe", "pipe"] });
        let stdout = "";
        let stderr = "";
        child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
        child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
          stderr += chunk;
          if (shown && progress) progress(chunk);
        });
        child.on("error", (error) => reject(errorCode(error) === "ENOENT" ? missing() : new UpdateError(`cannot run git: ${error.message}`)));
        child.on("close", (code, signal) => {
          if (code === 0) resolve(stdout);
          else reject(new UpdateError(`git ${args[0]} failed: ${gitMessage(stderr, code, signal)}`));
        });
      });
    },
  };
}

/** The line of Git's output that says what went wrong (its last `fatal:` or `error:` line, else its last line). */
function gitMessage(stderr: string, code: number | null, signal: NodeJS.Signals | null): string {
  const lines = stderr.split(/[\r\n]+/).map((line) => line.trim()).filter((line) => line !== "");
  const line = [...lines].reverse().find((each) => /^(fatal|error):/.test(each)) ?? lines.at(-1);
  return line?.replace(/^(fatal|error):\s*/, "") ?? (signal ? `killed by ${signal}` : `exit status ${code}`);
}

/** The bytes of the files below a folder (0 when it does not exist). */
function folderBytes(folder: string): number {
  let total = 0;
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(folder, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const entry of entries) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) total += folderBytes(full);
    else if (entry.isFile()) total += fs.statSync(full).size;
  }
  return total;
}

function isFolder(folder: string): boolean {
  try {
    return fs.statSync(folder).isDirectory();
  } catch {
    return false;
  }
}
