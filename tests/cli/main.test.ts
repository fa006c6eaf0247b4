import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { Capture, MDN_FIXTURE, ROOT, TEAM_FIXTURE, runMain } from "../helpers.js";

const fixture = ["--no-bundled", "--source", MDN_FIXTURE];

describe("main (in process)", () => {
  it("looks up a term and exits 0", async () => {
    const result = await runMain([...fixture, "asynchrone"]);
    expect(result).toMatchObject({ status: 0, stderr: "" });
    expect(result.stdout.startsWith("Asynchrone\n\n")).toBe(true);
  });
  it("joins words with one space", async () => {
    expect((await runMain([...fixture, "callback", "function"])).stdout).toMatch(/^Callback function\n/);
  });
  it("misses with exit 1, nothing on stdout, and suggestions on stderr", async () => {
    const result = await runMain([...fixture, "asynchronus"]);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe('glossary: no entry for "asynchronus"\nglossary: did you mean: Asynchronous, Synchronous, Asynchrone (fr), Synchrone (fr)?\n');
  });
  it("notes the en-US fallback on stderr", async () => {
    const result = await runMain([...fixture, "--lang", "fr", "callback function"]);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe("glossary: no fr entry for Glossary/Callback_function; showing en-US\n");
  });
  it("reads GLOSSARY_LANG and LANG", async () => {
    expect((await runMain([...fixture, "asynchronous"], { GLOSSARY_LANG: "fr" })).stdout).toMatch(/^Asynchrone/);
    expect((await runMain([...fixture, "asynchronous"], { LANG: "pt_BR.UTF-8" })).stdout).toMatch(/^Assíncrono/);
    expect((await runMain([...fixture, "asynchrone"], { GLOSSARY_LANG: "en-US" })).stdout).toMatch(/^Asynchronous/);
  });
  it("looks up terms named like commands with show", async () => {
    expect((await runMain([...fixture, "show", "node"])).stdout).toMatch(/^Node\n/);
  });
  it("prints the summary alone with --short", async () => {
    expect((await runMain([...fixture, "--short", "synchronous"])).stdout).toBe("Synchronous work runs to its end before anything else happens.\n");
  });
  it("prints JSON", async () => {
    const result = await runMain([...fixture, "--json", "asynchrone"]);
    const json = JSON.parse(result.stdout);
    expect(json).toMatchObject({ title: "Asynchrone", slug: "Glossary/Asynchronous", locale: "fr" });
    expect(json.seeAlso[0]).toEqual({ title: "Synchrone", slug: "Glossary/Synchronous", url: "https://developer.mozilla.org/fr/docs/Glossary/Synchronous" });
    const short = JSON.parse((await runMain([...fixture, "--json", "--short", "asynchrone"])).stdout);
    expect(Object.keys(short)).toEqual(["title", "slug", "locale", "url", "summary", "licence"]);
    expect(short.licence).toBeNull();
  });
  it("lists titles of a locale, sorted for humans", async () => {
    expect((await runMain([...fixture, "list", "--lang", "fr"])).stdout).toBe("Asynchrone\nNœud\nSynchrone\n");
    const json = JSON.parse((await runMain([...fixture, "list", "--lang", "pt-BR", "--json"])).stdout);
    expect(json).toEqual([{ title: "Assíncrono", slug: "Glossary/Asynchronous", locale: "pt-BR", summary: "Uma tarefa assíncrona começa agora e termina depois." }]);
    expect(await runMain([...fixture, "list", "--lang", "de"])).toMatchObject({ status: 1, stdout: "" });
  });
  it("lets the first source win", async () => {
    expect((await runMain(["--no-bundled", "--source", TEAM_FIXTURE, "--source", MDN_FIXTURE, "asynchronous"])).stdout).toMatch(/^Async \(team\)/);
    expect((await runMain(["--no-bundled", "asynchronous"], { GLOSSARY_PATH: `${TEAM_FIXTURE}:${MDN_FIXTURE}` })).stdout).toMatch(/^Async \(team\)/);
    expect((await runMain(["--no-bundled", "--source", MDN_FIXTURE, "asynchronous"], { GLOSSARY_PATH: TEAM_FIXTURE })).stdout).toMatch(/^Asynchronous/);
  });
  it("exits 2 naming a source folder that cannot be read", async () => {
    const result = await runMain(["--source", "/no/such/folder", "x"]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("glossary: source folder not found: /no/such/folder");
  });
  it("maps usage errors to exit 2 with a glossary: prefix", async () => {
    for (const args of [["--bogus", "x"], ["--format", "html", "x"], ["--width", "abc", "x"], ["list", "extra"], []]) {
      const result = await runMain(args);
      expect(result.status, args.join(" ")).toBe(2);
      expect(result.stdout, args.join(" ")).toBe("");
      expect(result.stderr, args.join(" ")).toMatch(/^glossary: |^usage: glossary /);
    }
  });
  it("prints help and version with exit 0", async () => {
    const help = await runMain(["--help"]);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain("glossary asynchrone");
    expect(help.stdout).toContain("Exit status:");
    expect(await runMain(["--version"])).toMatchObject({ status: 0, stdout: "0.0.0-test\n" });
  });
  it("reports problem pages with --verbose only", async () => {
    const quiet = await runMain(["--no-bundled", "--source", `${MDN_FIXTURE}/../broken`, "good page"]);
    expect(quiet).toMatchObject({ status: 0, stderr: "" });
    const verbose = await runMain(["--no-bundled", "--source", `${MDN_FIXTURE}/../broken`, "--verbose", "good page"]);
    expect(verbose.stderr).toContain("unclosed front matter");
    expect(verbose.stdout).toMatch(/^Good page/);
  });
});

describe("paging (in process, with a recording pager)", () => {
  async function paged(args: readonly string[], env: Record<string, string>, terminal: { isTTY: boolean; rows: number }, starts = true) {
    const stdout = Object.assign(new Capture(terminal.isTTY, 80), { rows: terminal.rows });
    const stderr = new Capture();
    const calls: Array<{ command: string; text: string; env: Record<string, string> }> = [];
    const page = async (command: string, text: string, pagerEnv: Record<string, string>) => {
      calls.push({ command, text, env: pagerEnv });
      return starts;
    };
    const status = await main({ argv: args, env: { LANG: "C", ...env }, stdout, stderr, page }, { packageRoot: ROOT, version: "0" });
    return { status, stdout: stdout.text, stderr: stderr.text, calls };
  }
  it("pages output taller than the terminal through GLOSSARY_PAGER, else PAGER, else less -R", async () => {
    const first = await paged(["list"], { GLOSSARY_PAGER: "most", PAGER: "more" }, { isTTY: true, rows: 24 });
    expect(first.calls.map((c) => c.command)).toEqual(["most"]);
    expect(first.calls[0]!.text).toMatch(/^Abstraction\n/);
    expect(first.calls[0]!.env["LESS"]).toBe("FRX");
    expect(first.stdout).toBe("");
    expect((await paged(["list"], { PAGER: "more" }, { isTTY: true, rows: 24 })).calls[0]!.command).toBe("more");
    expect((await paged(["list"], {}, { isTTY: true, rows: 24 })).calls[0]!.command).toBe("less -R");
  });
  it("does not page with --no-pager, off a terminal, when the text fits, or with an empty PAGER", async () => {
    for (const [args, env, terminal] of [
      [["--no-pager", "list"], {}, { isTTY: true, rows: 24 }],
      [["list"], {}, { isTTY: false, rows: 24 }],
      [["--short", "closure"], {}, { isTTY: true, rows: 24 }],
      [["list"], { PAGER: "" }, { isTTY: true, rows: 24 }],
    ] as const) {
      const result = await paged(args, env, terminal);
      expect(result.calls, args.join(" ")).toEqual([]);
      expect(result.stdout, args.join(" ")).not.toBe("");
    }
  });
  it("prints the text itself, with a note, when the pager cannot be started", async () => {
    const result = await paged(["list"], { PAGER: "no-such-pager" }, { isTTY: true, rows: 24 }, false);
    expect(result.stdout).toMatch(/^Abstraction\n/);
    expect(result.stderr).toBe('glossary: cannot run the pager "no-such-pager"; set GLOSSARY_PAGER or PAGER, or use --no-pager\n');
  });
});
