import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { COMPLETE_COMMAND, FOLDER_DIRECTIVE, completionCandidates, completionScript, readTypedLine } from "../../src/cli/completion.js";
import { programDefinitions } from "../../src/cli/manual.js";
import { openGlossary } from "../../src/app/open.js";
import type { Glossary } from "../../src/query/glossary.js";
import { BIN, MDN_FIXTURE, ROOT, cleanEnv, runCli, tempFolder } from "../helpers.js";

const program = programDefinitions("0");
let bundled: Glossary;
let withFixture: Glossary;
const opened: string[][] = [];

beforeAll(async () => {
  const open = (sources: string[]) => openGlossary({ sources, bundled: true, packageRoot: ROOT, verbose: () => {}, cache: null });
  bundled = await open([]);
  withFixture = await open([MDN_FIXTURE]);
});

const complete = (words: string[], locale = "en-US") =>
  completionCandidates(words, {
    program,
    glossary: async (line) => {
      opened.push(line.sources);
      return line.sources.length > 0 ? withFixture : bundled;
    },
    locale: (line) => line.lang ?? locale,
  });

describe("readTypedLine", () => {
  it("finds the subcommand and the options that change the sources", () => {
    expect(readTypedLine(program, ["--lang", "fr", "-s", "/x", "related", "big"])).toEqual({
      command: "related",
      lang: "fr",
      sources: ["/x"],
      bundled: true,
      positionals: ["big"],
    });
    expect(readTypedLine(program, ["--no-bundled", "--lang=de", "list"])).toMatchObject({ command: "list", lang: "de", bundled: false });
    expect(readTypedLine(program, ["closure", "list"])).toMatchObject({ command: null, positionals: ["closure", "list"] });
  });
});

describe("completionCandidates", () => {
  it("completes terms from every locale's titles, written as one word", async () => {
    expect(await complete(["asynch"])).toEqual(["asynchronous", "asynchrone"]);
    expect(await complete(["asynch"], "fr")).toEqual(["asynchrone", "asynchronous"]);
    expect(await complete(["call_st"])).toContain("call_stack");
    expect(await complete(["politique_de_m"], "fr")).toEqual(["politique_de_même_origine"]);
    expect(await complete(["meth"], "fr")).toEqual(["méthode", "method", "méthode_statique"]);
  });
  it("offers subcommands with the terms at the first word only", async () => {
    const first = await complete(["li"]);
    expect(first[0]).toBe("list");
    expect(first).toContain("literal");
    expect(await complete(["related", "li"])).not.toContain("list");
    expect(await complete([""])).not.toContain(COMPLETE_COMMAND);
  });
  it("completes options of the command being typed, and their values", async () => {
    expect(await complete(["--la"])).toEqual(["--lang"]);
    expect(await complete(["search", "--li"])).toEqual(["--limit"]);
    expect(await complete(["list", "--li"])).toEqual([]);
    expect(await complete(["--format", ""])).toEqual(["ansi", "text", "markdown", "json", "dot"]);
    expect(await complete(["--color", "a"])).toEqual(["auto", "always"]);
    expect(await complete(["--lang", ""])).toEqual(["en-US", "fr"]);
    expect(await complete(["--lang=f"])).toEqual(["--lang=fr"]);
    expect(await complete(["completion", ""])).toEqual(["bash", "zsh", "fish"]);
    expect(await complete(["search", ""])).toEqual([]);
  });
  it("leaves folders to the shell after --source and for lint", async () => {
    expect(await complete(["--source", ""])).toEqual([FOLDER_DIRECTIVE]);
    expect(await complete(["-s", "/t"])).toEqual([FOLDER_DIRECTIVE]);
    expect(await complete(["lint", ""])).toEqual([FOLDER_DIRECTIVE]);
  });
  it("includes the sources typed on the line", async () => {
    opened.length = 0;
    expect(await complete(["--source", MDN_FIXTURE, "noe"], "fr")).toContain("nœud");
    expect(opened).toEqual([[MDN_FIXTURE]]);
  });
});

describe("the completion scripts", () => {
  let bin: string;
  beforeAll(() => {
    bin = tempFolder("glossary-bin-");
    fs.symlinkSync(BIN, path.join(bin, "glossary"));
  });
  const shellEnv = () => cleanEnv({ PATH: `${bin}${path.delimiter}${process.env["PATH"] ?? ""}` });
  const has = (shell: string) => spawnSync(shell, ["--version"], { encoding: "utf8" }).status === 0;

  it("are printed by glossary completion, and an unknown shell is a usage error", () => {
    for (const shell of ["bash", "zsh", "fish"] as const) expect(runCli(["completion", shell]).stdout).toBe(completionScript(shell));
    const bad = runCli(["completion", "tcsh"]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/^glossary: .*tcsh/);
  });
  it("bash: the completion function completes glossary asynch to asynchrone", () => {
    const script = `source <(glossary completion bash)
complete -p glossary
COMP_WORDS=(glossary asynch); COMP_CWORD=1; _glossary; printf '%s\\n' "\${COMPREPLY[@]}"
COMP_WORDS=(glossary --lang ""); COMP_CWORD=2; _glossary; printf 'lang:%s\\n' "\${COMPREPLY[@]}"
COMP_WORDS=(glossary pile_d); COMP_CWORD=1; _glossary; printf 'quoted:%s\\n' "\${COMPREPLY[@]}"`;
    const result = spawnSync("bash", ["-c", script], { env: shellEnv(), encoding: "utf8" });
    expect(result.stderr).toBe("");
    const lines = result.stdout.trim().split("\n");
    expect(lines[0]).toBe("complete -F _glossary glossary");
    expect(lines).toContain("asynchrone");
    expect(lines).toContain("asynchronous");
    expect(lines).toContain("lang:fr");
    expect(lines).toContain("quoted:pile_d\\'appels");
  });
  it.skipIf(!has("zsh"))("zsh: the script parses (zsh -n)", () => {
    const result = spawnSync("zsh", ["-n"], { input: completionScript("zsh"), encoding: "utf8" });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
  });
  it.skipIf(!has("fish"))("fish: the script parses (fish --no-execute) and completes glossary asynch", () => {
    const file = path.join(tempFolder(), "glossary.fish");
    fs.writeFileSync(file, completionScript("fish"));
    const parse = spawnSync("fish", ["--no-execute", file], { encoding: "utf8" });
    expect(parse.stderr).toBe("");
    expect(parse.status).toBe(0);
    const run = spawnSync("fish", ["--no-config", "-c", `source ${file}; complete -C'glossary asynch'; complete -C'glossary --lang '`], { env: shellEnv(), encoding: "utf8" });
    expect(run.stdout.split("\n")).toEqual(expect.arrayContaining(["asynchrone", "asynchronous", "en-US", "fr"]));
  });
});
