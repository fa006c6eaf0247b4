// Every example command of README.md, of --help and the man page (cli/reference.ts), and of the short usage
// runs on the bundled entries: the glossary part of each pipeline exits 0 and prints something.

import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { EXAMPLES, SHORT_USAGE } from "../src/cli/reference.js";
import { BIN, FIXTURES, ROOT, TEAM_FIXTURE, type RunResult, cleanEnv, runCli, tempFolder } from "./helpers.js";
import { mdnMirrors } from "./mirrors.js";

/** Folders the examples name that only a reader has: the test's fixtures stand in for them. */
const STAND_INS: ReadonlyArray<[string, string]> = [
  ["~/src/content/files", path.join(FIXTURES, "mdn-locales", "files")],
  ["~/src/translated-content/files", path.join(FIXTURES, "mdn-locales", "files")],
  ["~/mdn/files", path.join(FIXTURES, "mdn-locales", "files")],
  ["~/src/my-glossary", TEAM_FIXTURE],
];

/** The words of a shell command (quotes removed; no expansion is needed by the examples). */
function shellWords(command: string): string[] {
  return [...command.matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]!);
}

/** The arguments of each `glossary` (or `npx glossary`) command in a shell line: pipelines, `&&` lists and `<(...)` included. */
export function glossaryCommands(line: string): string[][] {
  const code = line.replace(/(^|\s)#.*$/, "");
  const commands: string[][] = [];
  for (const segment of code.split(/\|\||&&|[|;]|<\(|\)/)) {
    const words = shellWords(segment);
    const at = words[0] === "npx" ? 1 : 0;
    if (words[at] !== "glossary") continue;
    const end = words.findIndex((word, n) => n > at && /^[<>]/.test(word));
    commands.push(words.slice(at + 1, end < 0 ? undefined : end));
  }
  return commands;
}

/** The command lines of README.md's shell blocks. */
function readmeLines(): string[] {
  const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
  return [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].flatMap((m) => m[1]!.split("\n"));
}

/** Local mirrors standing in for MDN's repositories, for the examples of `glossary update` (made once, when first needed). */
let mirrorEnv: Record<string, string> | undefined;
function updateEnv(): Record<string, string> {
  if (mirrorEnv === undefined) {
    const { content, translated } = mdnMirrors(tempFolder("glossary-examples-mirrors-"));
    mirrorEnv = { GLOSSARY_MDN_CONTENT_REPO: content.url, GLOSSARY_MDN_TRANSLATED_REPO: translated.url };
  }
  return mirrorEnv;
}

/** Runs `index --watch` until it says it is watching, then stops it as Ctrl-C would. */
function runWatch(argv: readonly string[]): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...argv], { env: cleanEnv() });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
      if (stderr.includes("watching")) child.kill("SIGINT");
    });
    child.on("close", (status) => resolve({ stdout, stderr, status: status ?? -1 }));
  });
}

const standIn = (argv: string[]): string[] => argv.map((word) => STAND_INS.find(([folder]) => word === folder)?.[1] ?? word);

const examples = [
  ...readmeLines().map((line) => ["README.md", line] as const),
  ...EXAMPLES.map(([line]) => ["--help", line] as const),
  ...SHORT_USAGE.split("\n").filter((line) => /^ {2}glossary /.test(line)).map((line) => ["usage", line.trim().split(/\s{2,}/)[0]!] as const),
].flatMap(([where, line]) => glossaryCommands(line).map((argv) => [where, standIn(argv).join(" "), standIn(argv)] as const));

describe("the examples", () => {
  it("are found: README's, --help's and the usage's", () => {
    expect(examples.filter(([where]) => where === "README.md").length).toBeGreaterThan(25);
    expect(examples.filter(([where]) => where === "--help").length).toBe(EXAMPLES.length);
    expect(examples.filter(([where]) => where === "usage").length).toBeGreaterThan(3);
    expect(glossaryCommands("glossary related dom -f dot -d 2 | dot -Tsvg > dom.svg")).toEqual([["related", "dom", "-f", "dot", "-d", "2"]]);
    expect(glossaryCommands("source <(glossary completion bash)")).toEqual([["completion", "bash"]]);
    expect(glossaryCommands("glossary list --lang fr | fzf --preview 'glossary --lang fr {}'")).toEqual([["list", "--lang", "fr"]]);
    expect(glossaryCommands("npm install && npx glossary asynchrone")).toEqual([["asynchrone"]]);
  });
  it.each(examples)("%s: glossary %s", async (_where, _line, argv) => {
    expect(argv.some((word) => word.startsWith("~"))).toBe(false);
    // `index --watch` runs until stopped: it is stopped once watching.
    const result = argv.includes("--watch") ? await runWatch(argv) : runCli(argv, argv[0] === "update" ? updateEnv() : {});
    expect(result.stderr).not.toMatch(/^glossary: (no entry|nothing found|unknown|missing)/m);
    expect(result.status).toBe(0);
    // What it prints: on stdout, or for index and lint, their report on stderr.
    expect(`${result.stdout}${result.stderr}`.trim()).not.toBe("");
  });
});
