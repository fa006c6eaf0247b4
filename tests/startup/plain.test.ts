// The program runs the same without start-up: dist/plain.cjs (cli/run.ts in one stock bundle, with none of
// start-up's shortcuts: no bundle linking, no code cache, no fast reader, no terminal probe) answers every
// command line as bin/glossary.cjs does.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { BIN, FIXTURES, HANG_MS, MDN_FIXTURE, ROOT, cleanEnv, tempFolder } from "../helpers.js";

const PLAIN = path.join(ROOT, "dist", "plain.cjs");

function run(entry: string, args: readonly string[], env: Record<string, string>) {
  const result = spawnSync(process.execPath, [entry, ...args], { env, encoding: "utf8", timeout: HANG_MS });
  return { stdout: result.stdout, stderr: result.stderr.replace(/build-[\w-]+/g, "build-…"), status: result.status ?? -1 };
}

describe("the plain program", () => {
  it("answers lookups, searches, every other command, errors and help as the binary does", () => {
    const fixture = ["--source", MDN_FIXTURE];
    const locales = path.join(FIXTURES, "mdn-locales");
    const lines: string[][] = [
      ["asynchrone"],
      ["--json", "closure"],
      ["--short", "--width", "40", "closure"],
      ["--format", "markdown", "promise"],
      ["--format", "ansi", "--color", "always", "asynchrone"],
      ["asynchronus"],
      ["zzzzqqq"],
      ["search", "closure"],
      ["search", "--json", "-n", "3", "fonction", "de", "rappel"],
      ["list", "--lang", "fr"],
      ["langs"],
      ["related", "closure"],
      ["related", "--format", "dot", "closure"],
      ["--help"],
      ["search", "--help"],
      ["--version"],
      ["--format", "svg", "dom"],
      ["lint", path.join(ROOT, "tests", "fixtures", "broken")],
      [...fixture, "--lang", "fr", "callback", "function"],
      // A page holding character references, read at run time (the bundles load their decoder only then).
      [...fixture, "--json", "macros"],
      [...fixture, "index"],
      // Stemmers and stop words of other languages, and the widths of wide characters (the bundles load them
      // only then).
      ["search", "--lang", "fr", "qu'est-ce", "qu'une", "fermeture"],
      ["--source", locales, "search", "--lang", "de", "was", "ist", "eine", "Funktion"],
      ["--source", locales, "--lang", "ja", "--width", "30", "--no-bundled", "abstraction"],
      ["completion", "bash"],
      ["__complete", "--", "asynch"],
    ];
    for (const args of lines) {
      // Each with a cache of its own, named alike.
      const fresh = (entry: string) => {
        const home = tempFolder("glossary-plain-");
        const result = run(entry, args, cleanEnv({ HOME: home, XDG_CACHE_HOME: path.join(home, ".cache") }));
        return { ...result, stdout: result.stdout.replaceAll(home, "<home>"), stderr: result.stderr.replaceAll(home, "<home>").replace(/\d+(\.\d+)? s\b/g, "<time>") };
      };
      const plain = fresh(PLAIN);
      const binary = fresh(BIN);
      expect({ ...plain, stdout: plain.stdout.replace(/\d+(\.\d+)? s$/gm, "<time>") }, args.join(" ")).toEqual({ ...binary, stdout: binary.stdout.replace(/\d+(\.\d+)? s$/gm, "<time>") });
    }
  });
});
