import { describe, expect, it } from "vitest";
import { commandNear, typingDistance } from "../../src/cli/command-suggestion.js";
import { commanderMessage } from "../../src/cli/program.js";
import { SHORT_USAGE } from "../../src/cli/reference.js";
import { runCli, runMain } from "../helpers.js";

describe("glossary with no arguments", () => {
  it("prints a short usage on stderr and exits 2", () => {
    for (const result of [runCli([]), runCli(["--lang", "fr"])]) {
      expect(result.status).toBe(2);
      expect(result.stdout).toBe("");
      expect(result.stderr).toBe(SHORT_USAGE);
    }
    expect(SHORT_USAGE.split("\n").length).toBeLessThan(12);
  });
});

describe("glossary help", () => {
  it("prints the whole help on stdout, as --help does", async () => {
    const [help, flag] = [await runMain(["help"]), await runMain(["--help"])];
    expect(help).toMatchObject({ status: 0, stderr: "" });
    expect(help.stdout).toBe(flag.stdout);
  });
  it("prints a command's help, as git help does", async () => {
    const [help, flag] = [await runMain(["help", "search"]), await runMain(["search", "--help"])];
    expect(help).toMatchObject({ status: 0, stderr: "" });
    expect(help.stdout).toBe(flag.stdout);
    expect(help.stdout).toMatch(/^Usage: glossary search/);
  });
  it("refuses a command that does not exist, in one line and a hint", async () => {
    const result = await runMain(["help", "nosuch"]);
    expect(result).toMatchObject({ status: 2, stdout: "" });
    expect(result.stderr).toMatch(/^glossary: no command "nosuch"\nglossary: commands: show, list, search, related, langs, index, lint, update, sources, config, completion, help\n$/);
  });
});

describe("a mistyped command", () => {
  it("is named after a miss, by the fast reader and by commander alike", async () => {
    for (const result of [runCli(["serach", "closure"]), await runMain(["serach", "closure"]), await runMain(["--verbose", "lsit"])]) {
      expect(result.status).toBe(1);
      expect(result.stdout).toBe("");
      expect(result.stderr).toMatch(/^glossary: no entry for "(serach closure|lsit)"\nglossary: did you mean "(search|list)"\?\n$/);
    }
  });
  it("never hides an entry that exists, nor changes what show looks up", async () => {
    expect((await runMain(["search", "engine"])).stdout).not.toBe("");
    const shown = await runMain(["show", "serach"]);
    expect(shown.stderr).not.toContain('did you mean "search"');
  });
  it("is measured as typing goes: a swap of two letters is one edit", () => {
    expect(typingDistance("serach", "search")).toBe(1);
    expect(typingDistance("lsit", "list")).toBe(1);
    expect(typingDistance("kitten", "sitting")).toBe(3);
    expect(commandNear("serach")).toBe("search");
    expect(commandNear("relatd")).toBe("related");
    expect(commandNear("closure")).toBeNull();
    expect(commandNear("list")).toBeNull();
    expect(commandNear("ab")).toBeNull();
  });
});

describe("conflicting options", () => {
  it("are a usage error whichever comes first, in both readers", async () => {
    for (const argv of [["--json", "--format", "text", "closure"], ["--format", "markdown", "--json", "closure"], ["search", "--json", "-f", "text", "closure"]]) {
      for (const result of [runCli(argv), await runMain(argv)]) {
        expect(result.status).toBe(2);
        expect(result.stdout).toBe("");
        expect(result.stderr).toMatch(/^glossary: --json and --format (text|markdown) ask for two formats\n/);
      }
    }
    expect((await runMain(["--json", "--format", "json", "closure"])).status).toBe(0);
  });
});

describe("commander's own messages", () => {
  it("carry the glossary: prefix and are one line", async () => {
    const cases: Array<[string[], RegExp]> = [
      [["--langg", "fr", "x"], /^glossary: unknown option '--langg' \(did you mean --lang\?\)\n$/],
      [["related"], /^glossary: missing required argument 'term'\n$/],
      [["completion", "tcsh"], /^glossary: command-argument value 'tcsh' is invalid for argument 'shell'\. Allowed choices are bash, zsh, fish\.\n$/],
      [["--color", "sometimes", "x"], /^glossary: option '--color <when>' argument 'sometimes' is invalid\. Allowed choices are auto, always, never\.\n$/],
      [["--lang"], /^glossary: option '-l, --lang <locale>' argument missing\n$/],
    ];
    for (const [argv, message] of cases) {
      const result = await runMain(argv);
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(message);
    }
  });
  it("join a suggestion line to the message", () => {
    expect(commanderMessage("error: unknown command 'x'\n(Did you mean y?)\n")).toBe("unknown command 'x' (did you mean y?)");
    expect(commanderMessage("error: a\nb\n")).toBe("a; b");
  });
});
