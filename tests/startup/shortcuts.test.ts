// Start-up's fast reading of lookups and searches changes nothing: the program answers every command line
// alike with it and without it (the plain program).
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import type { ProcessLike } from "../../src/output/stream.js";
import { readEverydayLine } from "../../src/startup/arguments.js";
import { Capture, MDN_FIXTURE, ROOT, settled, tempFolder } from "../helpers.js";

type Entry = (proc: ProcessLike, options: { packageRoot: string; version: string }) => Promise<number>;
/** The program with start-up's reader, as the binary runs it. */
const start: Entry = (proc, options) => main(proc, options, readEverydayLine);

async function run(entry: Entry, argv: readonly string[], env: Record<string, string> = {}) {
  const stdout = new Capture();
  const stderr = new Capture();
  const status = await entry({ argv, env: { LANG: "C", ...env }, stdout, stderr }, { packageRoot: ROOT, version: "0.0.0-test" });
  return { status, stdout: stdout.text, stderr: stderr.text };
}

describe("start-up's shortcuts", () => {
  it("leave every command line that is not a plain lookup or search to commander", () => {
    for (const argv of [[], ["--help"], ["-V"], ["list"], ["search"], ["related", "closure"], ["help"], ["--format", "svg", "dom"], ["dom", "--unknown"]]) {
      expect(readEverydayLine(argv), argv.join(" ")).toBeNull();
    }
  });
  it("answers a lookup or a search exactly as the full program does", async () => {
    const fixture = ["--source", MDN_FIXTURE];
    const lines: Array<[string[], Record<string, string>?]> = [
      [["asynchrone"]],
      [["Glossary/Callback_function"]],
      [["asynchronus"]],
      [["zzzzqqq"]],
      [["--json", "closure"]],
      [["--short", "--width", "40", "closure"]],
      [["--short", "--json", "closure"]],
      [["--format", "markdown", "promise"]],
      [["--format", "ansi", "--color", "always", "asynchrone"]],
      [["--format", "ansi", "--color", "always", "--width", "50", "closure"], { FORCE_HYPERLINK: "1" }],
      [["--format", "ansi", "--color", "never", "closure"]],
      [["--format", "dot", "closure"]],
      [["--lang", "fr", "asynchronous"]],
      [["asynchronous"], { LANG: "fr_FR.UTF-8" }],
      [[...fixture, "--lang", "fr", "callback function"]],
      [[...fixture, "--no-bundled", "asynchrone", "--verbose"]],
      [["--source", path.join(ROOT, "no-such-folder"), "dom"]],
      [["search", "closure"]],
      [["search", "-n", "3", "fonction", "de", "rappel", "--json"]],
      [[...fixture, "search", "--lang", "fr", "synchrone"]],
      [["search", "zzzzqqq"]],
      [["search", "--format", "dot", "closure"]],
    ];
    // Each run with a cache of its own, named alike in what it says.
    const fresh = async (entry: Entry, argv: readonly string[], env: Record<string, string> = {}) => {
      const home = tempFolder();
      const result = await run(entry, argv, { XDG_CACHE_HOME: home, ...env });
      return { ...result, stderr: result.stderr.replace(/build-[\w-]+/g, "build-…").replaceAll(home, "<cache>") };
    };
    for (const [argv, env] of lines) expect(await fresh(start, argv, env), argv.join(" ")).toEqual(await fresh(main, argv, env));
    expect((await run(start, ["--format", "ansi", "--color", "always", "closure"], { FORCE_HYPERLINK: "1" })).stdout).toContain("\u001b]8;;https://developer.mozilla.org/");
  });
  it("shows an ANSI rendering kept from an earlier call as it was first drawn", async () => {
    const home = tempFolder();
    const source = tempFolder();
    fs.cpSync(path.join(MDN_FIXTURE), source, { recursive: true });
    settled(source);
    const argv = ["--source", source, "--no-bundled", "--format", "ansi", "--color", "always", "--width", "60", "callback", "function"];
    const first = await run(start, argv, { XDG_CACHE_HOME: home });
    const again = await run(start, argv, { XDG_CACHE_HOME: home });
    expect(first.status).toBe(0);
    expect(again).toEqual(first);
    const views = fs.readdirSync(path.join(home, "glossary", "sources"), { recursive: true }).filter((name) => String(name).includes(`views${path.sep}`));
    // Colour renderings are kept on a stored view's second line.
    const kept = views.map((name) => JSON.parse(fs.readFileSync(path.join(home, "glossary", "sources", String(name)), "utf8").split("\n")[1]!));
    expect(kept.some((rendered) => typeof rendered?.ansi === "string")).toBe(true);
  });
});
