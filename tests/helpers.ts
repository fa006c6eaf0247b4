// Shared test helpers: fixture paths, a fake process for in-process runs, the built binary spawned clean, and
// fast paths checked against what they stand in for.

import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { main } from "../src/cli/main.js";
import fc from "fast-check";
import type { Glossary } from "../src/query/glossary.js";
import { CLOCK_STEP_MS } from "../src/sources/file-times.js";
import { DEFAULT_MAX_PAGE_BYTES, DEFAULT_WIDTH, type Settings, WATCH_COMMAND } from "../src/types.js";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const FIXTURES = path.join(ROOT, "tests", "fixtures");
export const MDN_FIXTURE = path.join(FIXTURES, "mdn");
export const TEAM_FIXTURE = path.join(FIXTURES, "team");
export const BROKEN_FIXTURE = path.join(FIXTURES, "broken");
export const SHARED_CORPUS = path.resolve(ROOT, "..", "shared", "corpora", "mdn-en-us");
export const BIN = path.join(ROOT, "bin", "glossary.cjs");

export interface RunResult {
  stdout: string;
  stderr: string;
  status: number;
}

const temporaryFolders: string[] = [];

/**
 * A temporary folder removed when the process exits, below the test run's own folder when there is one
 * (tests/global-setup.ts), which the run removes whole when it ends.
 */
export function tempFolder(prefix = "glossary-test-"): string {
  const folder = fs.mkdtempSync(path.join(process.env["GLOSSARY_TEST_TEMP"] ?? os.tmpdir(), prefix));
  if (temporaryFolders.length === 0) process.on("exit", () => temporaryFolders.forEach((each) => fs.rmSync(each, { recursive: true, force: true })));
  temporaryFolders.push(folder);
  return folder;
}

/**
 * Sets back by a minute the modification time of `root` and of every file and folder below it, as of a
 * source last edited a while ago: an index records no time for what changed just before it read it (see
 * src/sources/file-times.ts), and would read that again at the next call. Returns `root`.
 */
export function settled(root: string): string {
  const walk = (folder: string): void => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const child = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(child);
      else touchPast(child);
    }
    touchPast(folder);
  };
  walk(root);
  return root;
}

/** Moves a file's or folder's modification time a minute back, so that a rewrite within the same millisecond is seen. */
export function touchPast(file: string): void {
  const past = new Date(Date.now() - 60_000);
  fs.utimesSync(file, past, past);
}

/**
 * Waits until a step of the file system's clock has passed since a file changed (or since a time), so that
 * its time is recorded (see recordedTime), and what changes next has a later time.
 */
export function afterClockStep(fileOrTime: string | number): void {
  const pause = new Int32Array(new SharedArrayBuffer(4));
  const since = () => (typeof fileOrTime === "number" ? fileOrTime : fs.statSync(fileOrTime).mtimeMs);
  while (Date.now() <= since() + CLOCK_STEP_MS) Atomics.wait(pause, 0, 0, 5);
}

/** A source of `pages` generated pages (bench/generate.mjs) in a new temporary folder; its glossary folder is `files/en-us/glossary`. */
export function generatedSource(prefix: string, pages: number): string {
  const source = tempFolder(prefix);
  const generated = spawnSync(process.execPath, [path.join(ROOT, "bench", "generate.mjs"), source, String(pages)], { encoding: "utf8" });
  if (generated.status !== 0) throw new Error(`bench/generate.mjs failed: ${generated.stderr}`);
  return source;
}

/** The clean environment CLI tests run in: only PATH, plus what the test sets. */
export function cleanEnv(extra: Record<string, string> = {}): Record<string, string> {
  const home = tempFolder("glossary-home-");
  return {
    PATH: process.env["PATH"] ?? "/usr/bin:/bin",
    HOME: home,
    XDG_CACHE_HOME: path.join(home, ".cache"),
    LANG: "C",
    ...extra,
  };
}

/** How long a spawned run may take before it counts as hung (not a measure: a busy machine is slow). */
export const HANG_MS = 300_000;

/** Spawns the built binary with a clean environment. */
export function runCli(args: readonly string[], env: Record<string, string> = {}, input?: string): RunResult {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    env: cleanEnv(env),
    encoding: "utf8",
    input,
    timeout: HANG_MS,
  });
  return { stdout: result.stdout, stderr: result.stderr, status: result.status ?? -1 };
}

/** What a run of the binary without blocking gave: its exit status or the signal that ended it, and its output. */
export interface AsyncRunResult {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Spawns the built binary with exactly `env`, without blocking this process (a server in it may have to answer). */
export function runCliAsync(args: readonly string[], env: Record<string, string>): Promise<AsyncRunResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("close", (status, signal) => resolve({ status, signal, stdout, stderr }));
  });
}

/** A writable stream that records what is written. */
export class Capture {
  text = "";
  isTTY: boolean;
  columns: number | undefined;
  constructor(isTTY = false, columns?: number) {
    this.isTTY = isTTY;
    this.columns = columns;
  }
  write(chunk: string): boolean {
    this.text += chunk;
    return true;
  }
}

/** Runs the program in this process against a fake process: fast, for logic tests. */
export async function runMain(
  args: readonly string[],
  env: Record<string, string> = {},
  terminal: { isTTY?: boolean; columns?: number } = {},
): Promise<RunResult> {
  const stdout = new Capture(terminal.isTTY ?? false, terminal.columns);
  const stderr = new Capture();
  const status = await main({ argv: args, env: { LANG: "C", ...env }, stdout, stderr }, { packageRoot: ROOT, version: "0.0.0-test" });
  return { stdout: stdout.text, stderr: stderr.text, status };
}

/** Compares text with a golden file; `UPDATE_GOLDEN=1` rewrites the file instead. */
export function golden(name: string, actual: string): { actual: string; expected: string } {
  const file = path.join(ROOT, "tests", "golden", name);
  if (process.env["UPDATE_GOLDEN"] === "1") fs.writeFileSync(file, actual);
  if (!fs.existsSync(file)) throw new Error(`golden file missing: ${name} (create it with UPDATE_GOLDEN=1 npm test)`);
  return { actual, expected: fs.readFileSync(file, "utf8") };
}

/**
 * Checks a fast path against the way it stands in for, over generated inputs: `check` gets each input the
 * fast path reads (its result not null) and that result. Returns how many inputs it read, for the test to
 * require enough of them to mean something.
 */
export function checkFastPath<Input, Result>(inputs: fc.Arbitrary<Input>, fast: (input: Input) => Result | null, check: (input: Input, result: Result) => void): number {
  let read = 0;
  fc.assert(
    fc.property(inputs, (input) => {
      const result = fast(input);
      if (result === null) return;
      read++;
      check(input, result);
    }),
    { numRuns: 20000 },
  );
  return read;
}

/** The glossary as the code under test sees it, noting in `lookedUp` every slug key it looks up (`bySlug`). */
export function countingSlugLookups(glossary: Glossary, lookedUp: string[]): Glossary {
  return new Proxy(glossary, {
    get: (target, key, receiver) => (key === "bySlug" ? (slug: string, locale: string) => (lookedUp.push(slug), target.bySlug(slug, locale)) : Reflect.get(target, key, receiver)),
  });
}

/** The settings of a lookup in plain text at the default width, in English, of these source folders alone. */
export function plainTextSettings(sources: string[]): Settings {
  return {
    locale: { locale: "en-US", explicit: true },
    sources,
    bundled: false,
    format: "text",
    short: false,
    width: DEFAULT_WIDTH,
    colorLevel: 0,
    verbose: false,
    pager: false,
    terminal: false,
    hyperlinks: false,
    maxPageBytes: DEFAULT_MAX_PAGE_BYTES,
  };
}

/** Whether this system shows processes' command lines (Linux's /proc): elsewhere any running pid counts as a watch's. */
export const SHOWS_COMMAND_LINES = fs.existsSync("/proc/self/cmdline");

/**
 * A process that a watch record takes for a running background watch (its command line holds the watch's
 * command), to hold records in tests; `stop` ends it.
 */
export function watchLikeProcess(): { pid: number; stop: () => void } {
  const child = spawn(process.execPath, ["-e", "setInterval(() => {}, 60_000)", WATCH_COMMAND], { stdio: "ignore" });
  if (child.pid === undefined) throw new Error("could not start a process");
  return { pid: child.pid, stop: () => child.kill("SIGKILL") };
}
