// Benchmarks glossary against `node -e 0`, measured side by side (interleaved runs, medians):
//   npm run bench                       everything (generates sources of 1k, 10k and 100k pages: slow)
//   npm run bench -- --sizes 1000,10000 fewer source sizes
//   npm run bench -- --runs 101         more runs per command (default 51: with fewer, the median of a
//                                       millisecond-long difference moves with the machine's noise)
//   npm run bench -- --relevance        search relevance alone
//   npm run bench -- --previous <dir>   the same start-up figures for another build (a previous release),
//                                       measured in the same interleaved runs
//   npm run bench -- --scale            the scale figures alone (with --sizes)
//   npm run bench -- --no-changes       without the changes at the largest size: the next lookup after
//                                       editing one page, after adding ten (each change made 15 times:
//                                       --change-rounds N) and after a Git checkout adding ten and editing
//                                       one, index after the edit, a check of every page, and the cache
//                                       after 20 rounds of edits (--rounds N); then the same lookups with
//                                       the background watch a lookup starts, once it indexed each change
// Start-up: a bundled lookup piped as text, the same in ANSI with colours forced, a lookup in a 1,248-page
// source with a warm cache, and the peak memory of a lookup. Scale: for each source size, the first-run
// index build time, then cached exact lookup, typo suggestion and searches (two words, a rare word, two of
// the commonest words). Sources are kept in .bench/.

import { execFileSync, spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const work = path.join(root, ".bench");
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const runs = Number(option("--runs", "51"));
const sizes = option("--sizes", "1000,10000,100000").split(",").filter(Boolean).map(Number);
const previous = option("--previous", null);
/**
 * The two commonest words of generated texts that are not stop words: each is in about 28% of the entries
 * (the commoner ones, "the", "of"..., are stop words, and a query of nothing else is a miss).
 */
const COMMON_WORDS = ["use", "browser"];
const TARGETS = { text: 1.15, ansi: 1.5, source: 1.3, rss: 1.5, lookup: 1.3, typo: 1.5, search: 2, change: 1.5, buildSeconds: 30, buildMB: 1024, cacheRatio: 2 };
const rounds = Number(option("--rounds", "20"));
/** How many times each change is made again to measure the lookup after it. */
const CHANGE_ROUNDS = Number(option("--change-rounds", "15"));

fs.mkdirSync(work, { recursive: true });
const node = process.execPath;
const baseline = [node, "-e", "0"];

function time(argv, env) {
  const started = process.hrtime.bigint();
  const result = spawnSync(argv[0], argv.slice(1), { env, stdio: ["ignore", "pipe", "pipe"] });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0 && result.status !== 1) throw new Error(`${argv.join(" ")} exited ${result.status}: ${result.stderr}`);
  return ms;
}

/** The smallest, median and largest of some timings. */
function stats(list) {
  const sorted = [...list].sort((a, b) => a - b);
  return { min: sorted[0], median: sorted[Math.floor(sorted.length / 2)], max: sorted[sorted.length - 1] };
}

/** Interleaves runs of `node -e 0` (or another baseline) and each command; returns the statistics of each as ratios. */
function measure(commands, env, base = baseline) {
  const samples = [[], ...commands.map(() => [])];
  for (const argv of [base, ...commands]) time(argv, env); // warm the file cache
  for (let i = 0; i < runs; i++) {
    samples[0].push(time(base, env));
    commands.forEach((argv, n) => samples[n + 1].push(time(argv, env)));
  }
  const baseStats = stats(samples[0]);
  return { base: baseStats, results: samples.slice(1).map((list) => ({ ...stats(list), ratio: stats(list).median / baseStats.median })) };
}

function peakRss(argv, env) {
  const values = [];
  for (let i = 0; i < 5; i++) {
    const value = withPeakRss(argv, env, false);
    if (!Number.isNaN(value)) values.push(value);
  }
  values.sort((a, b) => a - b);
  return values[Math.floor(values.length / 2)];
}

const row = (label, stat, target) =>
  `${label.padEnd(44)} ${stat.ratio.toFixed(2).padStart(5)}x  (median ${stat.median.toFixed(1)} ms, min ${stat.min.toFixed(1)}, max ${stat.max.toFixed(1)})${target ? `  target <= ${target}x ${stat.ratio <= target ? "ok" : "MISSED"}` : ""}`;

/**
 * A clean environment with its own cache. No command starts a background watch (GLOSSARY_AUTO_WATCH=0):
 * each figure is of a command doing its own checks, and nothing runs beside it; the figures with the watch
 * are measured apart (see measureWithWatch).
 */
function cleanEnv(cache) {
  return { PATH: process.env.PATH, HOME: work, XDG_CACHE_HOME: cache, LANG: "C", GLOSSARY_AUTO_WATCH: "0" };
}

/** A 1,248-page source: MDN's en-US glossary and the same pages as a second locale. */
function mdnSource() {
  const folder = path.join(work, "mdn-1248");
  if (fs.existsSync(path.join(folder, "files", "fr"))) return folder;
  const corpus = path.resolve(root, "..", "shared", "corpora", "mdn-en-us", "files", "en-us");
  fs.rmSync(folder, { recursive: true, force: true });
  if (fs.existsSync(corpus)) {
    fs.cpSync(corpus, path.join(folder, "files", "en-us"), { recursive: true });
    fs.cpSync(corpus, path.join(folder, "files", "fr"), { recursive: true });
  } else {
    execFileSync(node, [path.join(root, "bench", "generate.mjs"), folder, "1248"], { stdio: "ignore" });
  }
  return folder;
}

/**
 * Start-up figures of one or more builds, measured in the same interleaved runs (so that a comparison with a
 * previous build is not one of two moments of a noisy machine).
 */
function startup(builds) {
  const cache = fs.mkdtempSync(path.join(os.tmpdir(), "glossary-bench-"));
  const env = cleanEnv(cache);
  const mdn = mdnSource();
  const term = "closure";
  const commands = (binary) => [
    [node, binary, "asynchrone"],
    [node, binary, "--format", "ansi", "--color", "always", "asynchrone"],
    [node, binary, "--source", mdn, term],
  ];
  for (const { binary } of builds) execFileSync(node, [binary, "--source", mdn, "index"], { env, stdio: "ignore" });
  // No FORCE_COLOR: it gives colour on a pipe (as --color always does), and the first row measures plain text.
  const { base, results } = measure(builds.flatMap(({ binary }) => commands(binary)), env);
  // As a person sees it: in a terminal (through `script`, where util-linux has it), against `node -e 0`
  // in the same terminal, so both include starting `script` and a shell (the ratio is not comparable to the
  // rows above). Colours, the terminal's width, hyperlink support and the pager's question (the terminal
  // is taller than any entry, so no pager starts).
  const quote = (word) => `'${word.replace(/'/g, "'\\''")}'`;
  const inTerminal = (command) => ["script", "-qec", `stty cols 100 rows 1000; ${command}`, "/dev/null"];
  const terminal =
    spawnSync("script", ["--version"], { stdio: "ignore" }).status === 0
      ? measure(builds.map(({ binary }) => inTerminal(`${quote(node)} ${quote(binary)} asynchrone`)), { ...env, TERM: "xterm-256color" }, inTerminal(`${quote(node)} -e 0`))
      : null;
  const baseRss = peakRss(baseline, env);
  builds.forEach(({ label, binary }, n) => {
    const [text, ansi, source] = results.slice(n * 3, n * 3 + 3);
    const rss = peakRss([node, binary, "asynchrone"], env) / baseRss;
    console.log(`\n${label}: start-up (node -e 0: median ${base.median.toFixed(1)} ms)`);
    console.log(row("glossary asynchrone (piped, text)", text, TARGETS.text));
    console.log(row("glossary --format ansi asynchrone (colours)", ansi, TARGETS.ansi));
    console.log(row(`lookup in a 1,248-page --source, warm cache`, source, TARGETS.source));
    console.log(`${"peak RSS of a lookup".padEnd(44)} ${rss.toFixed(2).padStart(5)}x${"".padEnd(38)}target <= ${TARGETS.rss}x ${rss <= TARGETS.rss ? "ok" : "MISSED"}`);
    if (terminal) console.log(row("glossary asynchrone in a terminal (script)", terminal.results[n]));
  });
  fs.rmSync(cache, { recursive: true, force: true });
}

async function scale(binary) {
  for (const size of sizes) {
    const folder = path.join(work, `generated-${size}`);
    if (!fs.existsSync(path.join(folder, "files"))) {
      execFileSync(node, [path.join(root, "bench", "generate.mjs"), folder, String(size)], { stdio: "ignore" });
    }
    const cache = fs.mkdtempSync(path.join(os.tmpdir(), "glossary-bench-"));
    const env = cleanEnv(cache);
    const started = process.hrtime.bigint();
    const buildKB = withPeakRss([node, binary, "--source", folder, "--no-bundled", "index"], env);
    const build = Number(process.hrtime.bigint() - started) / 1e9;
    const first = fs.readdirSync(path.join(folder, "files", "en-us", "glossary")).sort()[Math.floor(size / 7) % 100];
    const typo = `${first.slice(0, 2)}${first.slice(3)}`;
    // A made-up name: in a few entries only (its own and those that link to it).
    const rare = first.split("_")[0];
    const { base, results } = measure(
      [
        [node, binary, "--source", folder, "--no-bundled", first],
        [node, binary, "--source", folder, "--no-bundled", typo],
        [node, binary, "--source", folder, "--no-bundled", "search", "closure", "protocol"],
        [node, binary, "--source", folder, "--no-bundled", "search", rare],
        [node, binary, "--source", folder, "--no-bundled", "search", ...COMMON_WORDS],
      ],
      env,
    );
    console.log(`\n${size.toLocaleString("en-US")} entries (node -e 0: median ${base.median.toFixed(1)} ms)`);
    const big = size >= 100000;
    console.log(`${"first-run index build".padEnd(44)} ${build.toFixed(1).padStart(5)} s${big ? `${"".padEnd(38)}target <= ${TARGETS.buildSeconds} s ${build <= TARGETS.buildSeconds ? "ok" : "MISSED"}` : ""}`);
    console.log(`${"peak memory of that build".padEnd(44)} ${(buildKB / 1024).toFixed(0).padStart(5)} MB${big ? `${"".padEnd(37)}target <= ${TARGETS.buildMB} MB ${buildKB / 1024 <= TARGETS.buildMB ? "ok" : "MISSED"}` : ""}`);
    console.log(row(`cached exact lookup ("${first}")`, results[0], size >= 100000 ? TARGETS.lookup : undefined));
    console.log(row(`typo suggestions ("${typo}")`, results[1], size >= 100000 ? TARGETS.typo : undefined));
    console.log(row("search (\"closure protocol\")", results[2], size >= 100000 ? TARGETS.search : undefined));
    console.log(row(`search, a rare word ("${rare}")`, results[3], size >= 100000 ? TARGETS.search : undefined));
    console.log(row(`search, two of the commonest words ("${COMMON_WORDS.join(" ")}")`, results[4], size >= 100000 ? TARGETS.search : undefined));
    if (!args.includes("--no-changes") && size === Math.max(...sizes)) await changes(binary, folder, env, cache, first);
    fs.rmSync(cache, { recursive: true, force: true });
  }
}

/** Runs a command once with Node's peak resident set size reported by a hook; returns it (kB). */
function withPeakRss(argv, env, mustSucceed = true) {
  // Node reports its own peak resident set size at exit; the hook prints it on stderr.
  const hook = path.join(work, "rss-hook.cjs");
  fs.writeFileSync(hook, "process.on('exit', () => process.stderr.write(`\\nRSS ${process.resourceUsage().maxRSS}\\n`));\n");
  const result = spawnSync(argv[0], ["--require", hook, ...argv.slice(1)], { env, encoding: "utf8", maxBuffer: 1 << 28 });
  if (mustSucceed && result.status !== 0) throw new Error(`${argv.join(" ")} exited ${result.status}: ${result.stderr}`);
  return Number(/RSS (\d+)/.exec(result.stderr)?.[1] ?? NaN);
}

/** The bytes of the files below a folder. */
function folderBytes(folder) {
  let total = 0;
  for (const entry of fs.readdirSync(folder, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += fs.statSync(path.join(entry.parentPath ?? entry.path, entry.name)).size;
  }
  return total;
}

/** Waits (the thread asleep) for a few milliseconds. */
function pause(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** The record of the background watch of the source whose cache folder is `home` (null: none). */
function watchRecord(home) {
  try {
    return JSON.parse(fs.readFileSync(path.join(home, "watch.json"), "utf8"));
  } catch {
    return null;
  }
}

/**
 * Waits until the background watch has indexed what changed up to `since` (ms since the epoch): its record
 * written by a check that ended after it, and unchanged for a quarter of a second since (a change made of
 * several writes may take two checks). Returns how long after `since` that check ended (ms).
 */
function watchedAfter(home, since) {
  const deadline = Date.now() + 300_000;
  let last = null;
  let stillSince = 0;
  for (;;) {
    const record = watchRecord(home);
    if (record === null) throw new Error("the background watch ended");
    if (record.checked !== null && record.checked > since) {
      if (record.checked !== last) {
        last = record.checked;
        stillSince = Date.now();
      } else if (Date.now() - stillSince >= 250) return last - since;
    }
    if (Date.now() > deadline) throw new Error("the background watch did not index the change within five minutes");
    pause(10);
  }
}

/**
 * The background watch a lookup starts for a large source (the default from 20,000 pages): started by a
 * lookup, its first check awaited (how long it took, and the memory it then holds), then each change of
 * `measure` made, the watch's indexing of it awaited (how long after the change it ended), and the next
 * lookup timed beside a `node -e 0`, as measureChange does without it; and cached lookups while it runs.
 */
function measureWithWatch(glossary, term, env, source) {
  const watchedEnv = { ...env };
  delete watchedEnv.GLOSSARY_AUTO_WATCH;
  const home = sourceCacheHome(env.XDG_CACHE_HOME, source);
  const started = Date.now();
  time(glossary(term), watchedEnv);
  // Started detached: its record appears once it has claimed it.
  for (const deadline = Date.now() + 60_000; watchRecord(home) === null; pause(10)) {
    if (Date.now() > deadline) throw new Error("no background watch started within a minute");
  }
  const firstCheck = watchedAfter(home, started);
  const { pid } = watchRecord(home);
  const rssMB = () => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? NaN) / 1024;
  // Its processor time so far (ms), from the system's record of it.
  const cpuMs = () => {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  };
  console.log(`with the background watch (the default from 20,000 pages): started, and its first check ended, ${(firstCheck / 1000).toFixed(1)} s after the lookup that started it (${(cpuMs() / 1000).toFixed(1)} s of processor time); it then held ${rssMB().toFixed(0)} MB`);
  return {
    measure(label, change, undo) {
      const base = [];
      const changed = [];
      const latency = [];
      for (let round = 0; round < CHANGE_ROUNDS; round++) {
        change(round);
        latency.push(watchedAfter(home, Date.now()));
        base.push(time(baseline, watchedEnv));
        changed.push(time(glossary(term), watchedEnv));
        base.push(time(baseline, watchedEnv));
        undo();
        watchedAfter(home, Date.now());
        time(glossary(term), watchedEnv);
      }
      const result = stats(changed);
      const indexed = stats(latency);
      console.log(row(`  ${label} (${CHANGE_ROUNDS} rounds)`, { ...result, ratio: result.median / stats(base).median }, TARGETS.change));
      console.log(`    indexed by the watch ${indexed.median} ms after the change (min ${indexed.min}, max ${indexed.max}; it waits for 100 ms of quiet)`);
    },
    /** Cached lookups while it runs, after the changes (the index then has a delta), and the processor time the watch took meanwhile. */
    cached() {
      // Once the watch is idle (what the Git repository's removal started, done): no processor time for half a second.
      for (let last = cpuMs(), still = Date.now(); Date.now() - still < 500; pause(50)) {
        if (cpuMs() !== last) {
          last = cpuMs();
          still = Date.now();
        }
      }
      const before = cpuMs();
      const { results } = measure([glossary(term)], watchedEnv);
      console.log(row("  cached lookup while it runs", results[0], TARGETS.lookup));
      console.log(`    the watch took ${(cpuMs() - before).toFixed(0)} ms of processor time meanwhile`);
    },
    stop() {
      console.log(`  the watch held ${rssMB().toFixed(0)} MB at the end`);
      process.kill(pid, "SIGTERM");
      for (;;) {
        try {
          process.kill(pid, 0);
        } catch {
          return;
        }
        pause(10);
      }
    },
  };
}

/** The cache folder of a source in a cache (`<cache>/glossary/sources/<hash>`), told by the source it names. */
function sourceCacheHome(cache, source) {
  const home = path.join(cache, "glossary", "sources");
  return fs.readdirSync(home).map((name) => path.join(home, name)).find((dir) => fs.readFileSync(path.join(dir, "source.json"), "utf8").includes(JSON.stringify(fs.realpathSync(source))));
}

/**
 * Changes to a source (made in the generated source and undone afterwards): the next lookup after editing
 * one page in place and after adding ten pages (the first call after a change is the one that pays for it,
 * so each change is made again for each of `CHANGE_ROUNDS` rounds, a `node -e 0` measured before and after
 * each lookup: medians and ranges), `index` after the edit (it checks every page and indexes the edit as a
 * delta), `index` with nothing changed (the check of every page alone), and the cache's size after rounds
 * of edits each followed by `index`, against the index's (its build and delta); then the same changes
 * with the background watch a lookup of a source this large starts (see measureWithWatch).
 */
async function changes(binary, source, env, cache, term) {
  const glossaryFolder = path.join(source, "files", "en-us", "glossary");
  const file = path.join(glossaryFolder, term, "index.md");
  const original = fs.readFileSync(file, "utf8");
  const added = Array.from({ length: 10 }, (_, n) => path.join(glossaryFolder, `added-page-${n}`));
  const glossary = (...words) => [node, binary, "--source", source, "--no-bundled", ...words];
  const measureChange = (label, change, undo) => {
    const base = [];
    const changed = [];
    for (let round = 0; round < CHANGE_ROUNDS; round++) {
      change(round);
      base.push(time(baseline, env));
      changed.push(time(glossary(term), env));
      base.push(time(baseline, env));
      undo();
      time(glossary(term), env);
    }
    const result = stats(changed);
    // For comparison: at this size a lookup starts the background watch by default, whose rows below the target is for.
    console.log(row(`  ${label} (${CHANGE_ROUNDS} rounds)`, { ...result, ratio: result.median / stats(base).median }));
  };
  const seconds = (argv) => time(argv, env) / 1000;
  const addTen = () =>
    added.forEach((folder, n) => {
      fs.mkdirSync(folder, { recursive: true });
      fs.writeFileSync(path.join(folder, "index.md"), `---\ntitle: Added page ${n}\nslug: Glossary/Added_page_${n}\n---\n\nAn added page.\n`);
    });
  const removeTen = () => {
    for (const folder of added) fs.rmSync(folder, { recursive: true, force: true });
  };
  try {
    console.log("without a background watch (GLOSSARY_AUTO_WATCH=0, not the default at this size: each lookup finds the change itself):");
    measureChange("next lookup after editing one page", (round) => fs.writeFileSync(file, original.replace(/\n\n/, `\n\nEdited in place ${round}. `)), () => fs.writeFileSync(file, original));
    fs.writeFileSync(file, original.replace(/\n\n/, "\n\nEdited in place. "));
    console.log(`${"index after an edit (a delta of one page)".padEnd(44)} ${seconds(glossary("index")).toFixed(2).padStart(5)} s`);
    const checks = Array.from({ length: 5 }, () => seconds(glossary("index"))).sort((a, b) => a - b);
    console.log(`${"index, nothing changed (checks every page)".padEnd(44)} ${checks[2].toFixed(2).padStart(5)} s  (median of 5, min ${checks[0].toFixed(2)}, max ${checks[4].toFixed(2)})`);
    measureChange("next lookup after adding ten pages", addTen, removeTen);
    for (let round = 0; round < rounds; round++) {
      fs.writeFileSync(file, original.replace(/\n\n/, `\n\nRound ${round}. `));
      time(glossary("index"), env);
    }
    const sourceHome = sourceCacheHome(cache, source);
    const names = fs.readdirSync(sourceHome);
    const index = names.filter((name) => name.startsWith("build-") || name.startsWith("delta-")).reduce((total, name) => total + folderBytes(path.join(sourceHome, name)), 0);
    const ratio = folderBytes(sourceHome) / index;
    console.log(`${`cache after ${rounds} rounds of edits and index`.padEnd(44)} ${ratio.toFixed(2).padStart(5)}x the index (${(folderBytes(sourceHome) / 1e6).toFixed(0)} MB; ${names.filter((name) => /^(build|delta|tmp)-/.test(name)).join(", ")})  target <= ${TARGETS.cacheRatio}x ${ratio <= TARGETS.cacheRatio ? "ok" : "MISSED"}`);
    fs.writeFileSync(file, original);
    const onBranch = () => {
      addTen();
      fs.writeFileSync(file, original.replace(/\n\n/, "\n\nEdited on a branch. "));
    };
    measureCheckout(source, () => time(glossary("index"), env), onBranch, measureChange);
    const watch = measureWithWatch(glossary, term, env, source);
    try {
      watch.measure("next lookup after editing one page", (round) => fs.writeFileSync(file, original.replace(/\n\n/, `\n\nEdited in place ${round}. `)), () => fs.writeFileSync(file, original));
      watch.measure("next lookup after adding ten pages", addTen, removeTen);
      measureCheckout(source, () => time(glossary("index"), env), onBranch, watch.measure);
      watch.cached();
    } finally {
      watch.stop();
    }
  } finally {
    fs.writeFileSync(file, original);
    removeTen();
  }
}

/**
 * The next lookup after a Git checkout that adds ten pages and edits one in place (the source made a Git
 * work tree for it, and a plain folder again afterwards): each round checks out the branch holding them
 * and back. A step of the file system's clock follows each Git command, as it does a person's: a lookup
 * right after one cannot be sure of the time Git gave its index, and checks every page.
 */
function measureCheckout(source, indexSource, change, measureChange) {
  const gitEnv = { PATH: process.env.PATH, HOME: work, GIT_CONFIG_NOSYSTEM: "1", GIT_AUTHOR_NAME: "bench", GIT_AUTHOR_EMAIL: "bench@example.com", GIT_COMMITTER_NAME: "bench", GIT_COMMITTER_EMAIL: "bench@example.com" };
  const git = (...words) => {
    // No garbage collection in the background: it would still be writing when the repository is removed.
    execFileSync("git", ["-C", source, "-c", "gc.auto=0", "-c", "maintenance.auto=false", ...words], { env: gitEnv, stdio: "ignore" });
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 25);
  };
  try {
    git("init", "-q", "-b", "main");
    git("add", "-A");
    git("commit", "-qm", "generated");
    git("checkout", "-qb", "changed");
    change();
    git("add", "-A");
    git("commit", "-qm", "changed");
    git("checkout", "-q", "main");
    // `glossary index` checks every page in the new work tree and records Git's state.
    indexSource();
    measureChange("next lookup after a Git checkout (ten added, one edited)", () => git("checkout", "-q", "changed"), () => git("checkout", "-q", "main"));
  } finally {
    fs.rmSync(path.join(source, ".git"), { recursive: true, force: true });
  }
}

/**
 * Search relevance: for each query of a file (natural questions, keywords, typos, abbreviations, each with
 * the entry a person expects), whether that entry comes first, and in the top 3; by set and in all.
 */
async function relevanceOf(file, label, glossaryOptions, searchOptions, targets) {
  const queries = JSON.parse(fs.readFileSync(path.join(root, "bench", file), "utf8"));
  const { openGlossary } = await import(path.join(root, "dist", "library.js"));
  const glossary = await openGlossary({ ...glossaryOptions, cache: false });
  const sets = new Map();
  const misses = [];
  for (const { query, expected, set = "original" } of queries) {
    const slugs = (await glossary.search(query, { limit: 3, ...searchOptions })).map((result) => result.slug);
    const counts = sets.get(set) ?? { total: 0, first: 0, top3: 0 };
    sets.set(set, counts);
    counts.total++;
    if (slugs[0] === expected) counts.first++;
    if (slugs.includes(expected)) counts.top3++;
    else misses.push(`${query} -> ${slugs[0] ?? "nothing"} (expected ${expected})`);
  }
  const whole = [...sets.values()].reduce((sum, counts) => ({ total: sum.total + counts.total, first: sum.first + counts.first, top3: sum.top3 + counts.top3 }), { total: 0, first: 0, top3: 0 });
  const share = (n, total) => (n / total) * 100;
  const target = (value, goal) => (goal === undefined ? "" : `target >= ${goal}% ${value >= goal ? "ok" : "MISSED"}`);
  console.log(`\nsearch relevance: ${queries.length} queries over ${label}`);
  console.log(`${"expected entry first".padEnd(44)} ${share(whole.first, whole.total).toFixed(1).padStart(5)}%${"".padEnd(38)}${target(share(whole.first, whole.total), targets?.first)}`);
  console.log(`${"expected entry in the top 3".padEnd(44)} ${share(whole.top3, whole.total).toFixed(1).padStart(5)}%${"".padEnd(38)}${target(share(whole.top3, whole.total), targets?.top3)}`);
  // Sets written at different times: the held-out and fresh ones tell how search does on queries it was not tuned on.
  if (sets.size > 1) {
    for (const [set, counts] of sets) {
      console.log(`  ${`${set} (${counts.total} queries)`.padEnd(42)} first ${share(counts.first, counts.total).toFixed(0)}%, top 3 ${share(counts.top3, counts.total).toFixed(0)}%`);
    }
  }
  for (const miss of misses) console.log(`  not in the top 3: ${miss}`);
}

/** Search relevance on MDN's en-US glossary (the target), and in French on the bundled entries. */
async function relevance() {
  const corpus = path.resolve(root, "..", "shared", "corpora", "mdn-en-us");
  if (fs.existsSync(corpus)) {
    await relevanceOf("relevance.json", "MDN's en-US glossary", { sources: [corpus], bundled: false, locale: "en-US" }, {}, { first: 85, top3: 95 });
  } else {
    console.log("\nsearch relevance: skipped (no MDN corpus beside the checkout)");
  }
  await relevanceOf("relevance-fr.json", "the bundled French entries", { sources: [], bundled: true, locale: "fr" }, { locale: "fr" });
}

console.log(`glossary benchmark: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? "unknown"}), Node.js ${process.version}, ${runs} runs each`);
const binary = path.join(root, "bin", "glossary.cjs");
if (args.includes("--relevance")) {
  await relevance();
  process.exit(0);
}
const builds = [{ label: "this build", binary }];
if (previous) {
  const other = ["bin/glossary.cjs", "bin/glossary.js"].map((b) => path.resolve(previous, b)).find((b) => fs.existsSync(b));
  if (other) builds.push({ label: `previous build (${previous})`, binary: other });
  else console.log(`\nno bin/glossary.cjs or bin/glossary.js in ${previous}`);
}
if (!args.includes("--scale")) {
  startup(builds);
  await relevance();
}
console.log(`load average: ${os.loadavg().map((value) => value.toFixed(2)).join(", ")}`);
await scale(binary);
console.log(`load average: ${os.loadavg().map((value) => value.toFixed(2)).join(", ")}`);
