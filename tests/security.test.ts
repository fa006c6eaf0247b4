// Hostile content, hostile input, closed pipes and broken sources: untrusted text never drives the
// terminal, no input crashes the program, and good entries are served whatever their neighbours hold.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { openGlossary } from "../src/app/open.js";
import { describeEntry } from "../src/query/describe.js";
import { renderAnsi } from "../src/render/ansi.js";
import { renderText } from "../src/render/text.js";
import { parsePage } from "../src/sources/page.js";
import { BIN, BROKEN_FIXTURE, FIXTURES, MDN_FIXTURE, ROOT, TEAM_FIXTURE, cleanEnv, HANG_MS, runCli, runMain, tempFolder } from "./helpers.js";

const HOSTILE = path.join(FIXTURES, "hostile");
const hostile = ["--no-bundled", "--source", HOSTILE];
/** Control characters that must never come from a page into the output (tab and newline excepted). */
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
/** The only escape sequences ANSI output may hold: colours and this program's own OSC 8 links. */
/** What escape sequences leave behind when only their control characters are removed. */
const LEFTOVERS = /\[2J|\[H|\]52;|\]0;|\]8;;https:\/\/(evil|payload)|payload|\[31m|\[0m|2Jcsi/;
const OWN_ESCAPES = /\u001b\[[0-9;]*m|\u001b\]8;;(?:https?:\/\/[\x21-\x7e]*)?\u001b\\/g;

describe("text from pages cannot drive the terminal", () => {
  it("strips control characters from every plain format", async () => {
    for (const format of ["text", "markdown"]) {
      const result = await runMain([...hostile, "--format", format, "escapes"]);
      expect(result.status, format).toBe(0);
      expect(result.stdout, format).not.toMatch(CONTROLS);
      expect(result.stdout).toContain("Evil");
    }
    const short = await runMain([...hostile, "--short", "escapes"]);
    expect(short.stdout).not.toMatch(CONTROLS);
  });
  it("lets only its own styling through in ANSI output", async () => {
    for (const extra of [[], ["--color", "never"]]) {
      const result = await runMain([...hostile, "--format", "ansi", "--color", "always", ...extra, "escapes"], { FORCE_HYPERLINK: "1" });
      expect(result.status).toBe(0);
      expect(result.stdout.replace(OWN_ESCAPES, "")).not.toMatch(CONTROLS);
      // The page's own OSC 8 sequence does not survive (the URL in its text may still become a link of ours).
      expect(result.stdout).not.toContain("\u001b]8;;https://evil.example\u001b\\");
      expect(result.stdout).toContain(extra.length === 0 ? "\u001b]8;;https://developer.mozilla.org/" : "\n*\u00a0Glossary: constructor, __proto__\n");
    }
  });
  it("keeps escape sequences out of JSON strings too, so that jq -r prints none", async () => {
    for (const args of [["--json", "escapes"], ["--json", "sequences"], ["--json", "--short", "sequences"], ["list", "--json"], ["search", "--json", "sequences"], ["related", "--json", "sequences"], ["langs", "--json", "sequences"]]) {
      const result = await runMain([...hostile, ...args]);
      expect(result.stdout, args.join(" ")).not.toMatch(CONTROLS);
      const strings = JSON.stringify(JSON.parse(result.stdout), (_key, value: unknown) => value);
      expect(strings, args.join(" ")).not.toMatch(/\\u00[01][0-9a-f]|\\u007f|\\u00[89][0-9a-f]/i);
      expect(result.stdout, args.join(" ")).not.toMatch(LEFTOVERS);
    }
    const json = JSON.parse((await runMain([...hostile, "--json", "escapes"])).stdout);
    expect(json.title).toBe("Evil title");
  });
  it("leaves nothing of a sequence behind, in any format or command", async () => {
    const commands = [
      ...["text", "markdown", "ansi"].flatMap((format) => [["--format", format, "sequences"], ["--format", format, "--short", "sequences"], ["--format", format, "escapes"]]),
      ["--format", "ansi", "--color", "always", "sequences"],
      ["list"], ["search", "sequences"], ["search", "cleared"], ["related", "sequences"], ["related", "escapes"], ["langs", "sequences"], ["related", "--format", "dot", "sequences"],
      ["sequencs"], ["seq"], ["--verbose", "sequences"],
    ];
    for (const args of commands) {
      const result = await runMain([...hostile, ...args], { FORCE_HYPERLINK: "1" });
      expect(result.stdout.replace(OWN_ESCAPES, ""), args.join(" ")).not.toMatch(CONTROLS);
      expect(result.stdout.replace(OWN_ESCAPES, ""), args.join(" ")).not.toMatch(LEFTOVERS);
      expect(result.stderr, args.join(" ")).not.toMatch(CONTROLS);
      expect(result.stderr, args.join(" ")).not.toMatch(LEFTOVERS);
    }
    const text = await runMain([...hostile, "sequences"]);
    expect(text.stdout).toMatch(/^Sequences\n\nSequences with and and , , cleared, copied, titled, saved, csi\.\n/);
    expect(text.stdout).toContain("- Cleared (https://example.com/a)");
  });
  it("keeps lists, search results, related terms, languages, graphs and messages clean", async () => {
    for (const args of [["list"], ["search", "evil"], ["related", "constructor"], ["langs", "escapes"], ["related", "--format", "dot", "escapes"]]) {
      const result = await runMain([...hostile, ...args]);
      expect(result.stdout, args.join(" ")).not.toMatch(CONTROLS);
      expect(result.stderr, args.join(" ")).not.toMatch(CONTROLS);
    }
    const miss = await runMain([...hostile, "no\u001b]52;c;SGVsbG8=\u0007such\u009b2J term"]);
    expect(miss.status).toBe(1);
    expect(miss.stderr).not.toMatch(CONTROLS);
    const lint = await runMain(["lint", HOSTILE]);
    expect(lint.stdout).not.toMatch(CONTROLS);
  });
});

describe("hostile terms", () => {
  it("treats object-prototype names as ordinary entries and misses", async () => {
    expect((await runMain([...hostile, "constructor"])).stdout).toMatch(/^constructor\n/);
    expect((await runMain([...hostile, "__proto__"])).stdout).toMatch(/^__proto__\n/);
    for (const term of ["toString", "hasOwnProperty", "prototype", "valueOf", "__defineGetter__", "isPrototypeOf"]) {
      const result = await runMain([...hostile, term]);
      expect(result.status, term).toBe(1);
      expect(result.stdout, term).toBe("");
    }
  });
  it("never reads a term as a path", async () => {
    for (const term of ["../../etc/passwd", "/etc/passwd", "..", "Glossary/../../../etc/passwd", "en-us/glossary/escapes/index.md"]) {
      const result = await runMain([...hostile, term]);
      expect(result.status, term).toBe(1);
    }
  });
  it("answers or misses strange and huge input", async () => {
    const strange = [
      "x".repeat(1_000_000),
      "a b ".repeat(250_000),
      "\u202Easynchronous\u202C",
      "\u200f\u200e",
      "🙂🙃 emoji",
      "e\u0301\u0301\u0301\u0301",
      "\uD800lone\uDFFF",
      "\u0000\u0001\u0002",
      "   ",
      "-",
    ];
    for (const term of strange) {
      for (const command of [[], ["search"], ["related"], ["langs"]]) {
        const result = await runMain([...hostile, "--", ...command, term].filter((a) => a !== "--" || command.length === 0));
        expect([0, 1, 2], JSON.stringify(term.slice(0, 20))).toContain(result.status);
        expect(result.stderr).not.toMatch(/\n\s+at /);
      }
    }
  });
  it("keeps random queries to exit 0 or 1, with no control character from the query in the output", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: "binary", maxLength: 80 }), async (term) => {
        const result = await runMain(["--no-bundled", "--source", MDN_FIXTURE, "--", term]);
        expect([0, 1]).toContain(result.status);
        expect(result.stdout).not.toMatch(CONTROLS);
        expect(result.stderr).not.toMatch(CONTROLS);
      }),
      { numRuns: 150 },
    );
  });
});

const glossary = await openGlossary({ sources: [MDN_FIXTURE], bundled: false, packageRoot: ROOT, verbose: () => {} });

describe("random pages", () => {
  const markdownPiece = fc.oneof(
    fc.string({ unit: "binary", maxLength: 40 }),
    fc.constantFrom("{{", "}}", "{{Glossary(", '{{Glossary("DOM")}}', "{{cssxref('a'", "```", "\n\n", "## See also\n", "- ", "<i>", "</i>", "<sup>", "&nbsp;", "&#x1b;", "[a](", ")", "`", "> [!NOTE]\n> ", "|a|b|\n|-|-|\n", "\u001b[31m", "\u009b", "\u0007", "<!--"),
  );
  it("never throw when read, described and rendered, and keep control characters out of the text", () => {
    fc.assert(
      fc.property(fc.array(markdownPiece, { maxLength: 30 }), fc.string({ unit: "binary", maxLength: 20 }), (pieces, title) => {
        const text = `---\ntitle: ${JSON.stringify(title)}\nslug: Glossary/Random\n---\n\n${pieces.join("")}`;
        const result = parsePage(text, "/x/en-us/glossary/random/index.md", "en-US");
        if (result.kind !== "page") return;
        const view = describeEntry(result.page, undefined, glossary);
        expect(renderText(view, { width: 40 })).not.toMatch(CONTROLS);
        const ansi = renderAnsi(view, { width: 40, colorLevel: 1, hyperlinks: true });
        expect(ansi.replace(OWN_ESCAPES, "")).not.toMatch(CONTROLS);
      }),
      { numRuns: 200 },
    );
  });
  it("never throw on random front matter", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 200 }), (front) => {
        parsePage(`---\n${front}\n---\nBody`, "/x/en-us/glossary/r/index.md", "en-US");
      }),
      { numRuns: 300 },
    );
  });
});

describe("closed pipes", () => {
  it("exit quietly when the reader stops early, for every command", () => {
    for (const args of ["list", "search web", "related closure", "langs", "asynchrone", "--json closure", "lint data", "list --json"]) {
      const result = spawnSync("sh", ["-c", `"${process.execPath}" "${BIN}" ${args} | head -c 1 > /dev/null`], { env: cleanEnv(), encoding: "utf8", cwd: ROOT });
      // lint reports its count on stderr; nothing else may appear there.
      expect(result.stderr.replace(/^glossary: \d+ errors?, \d+ warnings? in \d+ pages?\n$/, ""), args).toBe("");
    }
  });
});

describe("broken sources", () => {
  it("are named by --verbose on every run, from the cached index too", () => {
    const env = { XDG_CACHE_HOME: tempFolder() };
    const args = ["--no-bundled", "--source", BROKEN_FIXTURE, "--verbose", "good page"];
    const first = runCli(args, env);
    expect(first.stderr).toMatch(/indexed \d+ entries/);
    for (const run of [runCli(args, env), runCli(args, env)]) {
      expect(run.status).toBe(0);
      expect(run.stderr).not.toMatch(/indexed \d+ entries/); // read from the cache
      for (const problem of ["unclosed front matter", "bad_yaml/index.md", "duplicate_b/index.md"]) expect(run.stderr, problem).toContain(problem);
      expect(run.stderr.split("\n").filter((line) => line.includes("index.md:")).sort()).toEqual(first.stderr.split("\n").filter((line) => line.includes("index.md:")).sort());
    }
    expect(runCli(["--no-bundled", "--source", BROKEN_FIXTURE, "good page"], env)).toMatchObject({ status: 0, stderr: "" });
  });
  it("serve every good entry, stay quiet, and have each bad file named by lint", async () => {
    const source = tempFolder();
    fs.cpSync(BROKEN_FIXTURE, source, { recursive: true });
    const glossary = path.join(source, "en-us", "glossary");
    fs.mkdirSync(path.join(glossary, "huge"));
    fs.writeFileSync(path.join(glossary, "huge", "index.md"), `---\ntitle: Huge page\nslug: Glossary/Huge\n---\n\n${"A long paragraph of words. ".repeat(230_000)}\n`);
    fs.mkdirSync(path.join(glossary, "loop"));
    fs.symlinkSync(glossary, path.join(glossary, "loop", "back"));
    fs.mkdirSync(path.join(glossary, "folder", "index.md"), { recursive: true });
    const good = await runMain(["--no-bundled", "--source", source, "good page"]);
    expect(good).toMatchObject({ status: 0, stderr: "" });
    const huge = await runMain(["--no-bundled", "--source", source, "--short", "huge page"]);
    expect(huge.status).toBe(0);
    const lint = await runMain(["lint", source]);
    for (const bad of ["empty", "unclosed", "bad_yaml", "object_title", "no_front_matter", "binary", "duplicate_b", "numeric_title"]) {
      expect(lint.stdout, bad).toContain(`/${bad}/index.md:`);
    }
  });
});

/** Spawns the binary; the timeout only detects a hang (a killed run has no status), it measures nothing. */
function spawnBinary(args: readonly string[], env: Record<string, string>): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [BIN, ...args], { env: cleanEnv(env), encoding: "utf8", timeout: HANG_MS, killSignal: "SIGKILL" });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("unusable cache locations", () => {
  it("are worked around without a cache, never hanging", () => {
    const file = path.join(tempFolder(), "a-file");
    fs.writeFileSync(file, "not a folder");
    const readOnly = tempFolder();
    fs.chmodSync(readOnly, 0o500);
    const locations = ["/proc/self", "/proc/self/fd", "/proc/self/no/such/folder", "/proc", "/dev/null", file, path.join(file, "below"), readOnly];
    for (const location of locations) {
      const quiet = spawnBinary(["--no-bundled", "--source", TEAM_FIXTURE, "--short", "async"], { XDG_CACHE_HOME: location });
      expect(quiet, location).toEqual({ status: 0, stdout: "Our team's own definition of asynchronous work.\n", stderr: "" });
      const verbose = spawnBinary(["--no-bundled", "--source", TEAM_FIXTURE, "--verbose", "--short", "async"], { XDG_CACHE_HOME: location });
      expect(verbose.status, location).toBe(0);
      if (location !== readOnly || process.getuid?.() !== 0) expect(verbose.stderr, location).toMatch(/^glossary: cache not used \(/m);
    }
    const index = spawnBinary(["index", "--source", TEAM_FIXTURE], { XDG_CACHE_HOME: "/proc/self" });
    expect(index.status).toBe(0);
    fs.chmodSync(readOnly, 0o700);
  });
});

describe("named pipes", () => {
  const hasMkfifo = spawnSync("mkfifo", ["--version"], { encoding: "utf8" }).status === 0;
  const mkfifo = (file: string) => {
    fs.rmSync(file);
    expect(spawnSync("mkfifo", [file]).status).toBe(0);
  };
  it.skipIf(!hasMkfifo)("in place of cache files, the record of fetched sources or the config file are never waited on", () => {
    const home = tempFolder();
    const env = { XDG_CACHE_HOME: path.join(home, "cache"), XDG_CONFIG_HOME: path.join(home, "config"), XDG_DATA_HOME: path.join(home, "data") };
    const lookup = ["--no-bundled", "--source", TEAM_FIXTURE, "--short", "async"];
    const answer = { status: 0, stdout: "Our team's own definition of asynchronous work.\n", stderr: "" };
    expect(spawnBinary(lookup, env)).toEqual(answer);
    // Every file of the cache (the source's index, and the code caches made at run time) becomes a pipe.
    const cache = path.join(env.XDG_CACHE_HOME, "glossary");
    const files = (fs.readdirSync(cache, { recursive: true, withFileTypes: true }) as fs.Dirent[]).filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
    expect(files.length).toBeGreaterThan(3);
    for (const file of files) mkfifo(file);
    expect(spawnBinary(lookup, env)).toEqual(answer);
    expect(spawnBinary(lookup, env)).toEqual(answer);

    const record = path.join(env.XDG_DATA_HOME, "glossary", "sources.json");
    fs.mkdirSync(path.dirname(record), { recursive: true });
    fs.writeFileSync(record, "");
    mkfifo(record);
    expect(spawnBinary(lookup, env).stdout).toBe(answer.stdout);

    const config = path.join(env.XDG_CONFIG_HOME, "glossary", "config.toml");
    fs.mkdirSync(path.dirname(config), { recursive: true });
    fs.writeFileSync(config, "");
    mkfifo(config);
    expect(spawnBinary(lookup, env)).toEqual({ status: 2, stdout: "", stderr: `glossary: ${config}: cannot read the config file (ENOTREG)\n` });
  });
});

describe("messages on stderr", () => {
  const everyLinePrefixed = (stderr: string) => stderr.split("\n").slice(0, -1).every((line) => line.startsWith("glossary: "));
  it("suggest a search quoted for a POSIX shell, on one line", async () => {
    const miss = await runMain([...hostile, "$(id)"]);
    expect(miss.status).toBe(1);
    expect(miss.stderr).toContain("glossary: search the texts with: glossary search '$(id)'\n");
    const quote = await runMain([...hostile, "it's `id`"]);
    expect(quote.stderr).toContain("glossary search 'it'\\''s' '`id`'\n");
    for (const term of ["zq\nqz", "zq\r\nrm -rf ~\u001b[2J", "a\u0085b\u2028c", "\u001b]52;c;SGVsbG8=\u0007zz"]) {
      const result = await runMain([...hostile, term]);
      expect(result.status, JSON.stringify(term)).toBe(1);
      expect(everyLinePrefixed(result.stderr), JSON.stringify(result.stderr)).toBe(true);
      expect(result.stderr.split("\n")).toHaveLength(3);
      expect(result.stderr).not.toMatch(/52;|\[2J/);
    }
  });
  it("cut a long query at a word boundary with an ellipsis, and say so", async () => {
    const words = Array.from({ length: 40 }, (_, n) => `zqword${n}`);
    const result = await runMain([...hostile, ...words]);
    const hint = result.stderr.split("\n")[1]!;
    expect(hint).toMatch(/^glossary: search the texts with: glossary search zqword0 zqword1 .*zqword\d+ … \(the query is cut\)$/);
    expect(hint.length).toBeLessThan(140);
    expect(result.stderr.split("\n")[0]).toMatch(/^glossary: no entry for "zqword0 .*zqword\d+ …"$/);
  });
  it("start every line with glossary:, usage errors and commander's included", async () => {
    for (const args of [["--formt", "x"], ["serch", "--bogus"], ["search"], ["list", "extra"], ["--lang"]]) {
      const result = await runMain(args);
      expect(result.status, args.join(" ")).toBe(2);
      expect(everyLinePrefixed(result.stderr), `${args.join(" ")}: ${result.stderr}`).toBe(true);
    }
    // The one exception: \`glossary\` alone prints the short usage, our own lines, as it is.
    const alone = await runMain([]);
    expect(alone.status).toBe(2);
    expect(alone.stderr).toMatch(/^usage: glossary /);
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: "binary", maxLength: 40 }), async (term) => {
        const result = await runMain([...hostile, "--", term]);
        expect(everyLinePrefixed(result.stderr), JSON.stringify(result.stderr)).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});

describe("links that run code", () => {
  /** A link target that runs code: in text (`text (url)`), Markdown, OSC 8 hyperlinks and JSON. */
  const RUNNABLE = /(?:\(|(?<!\\)<|\]8;;|"url": "|\]: )\s*(?:javascript|vbscript|data)|&#x09;|&#106;|&#x6a;/i;
  it("are dropped from every format, their text still shown", async () => {
    for (const args of [["--format", "text"], ["--format", "markdown"], ["--format", "ansi", "--color", "always"], ["--format", "ansi", "--color", "never"], ["--json"], ["--short"]]) {
      const result = await runMain([...hostile, ...args, "schemes"], { FORCE_HYPERLINK: "1" });
      result.stdout = result.stdout.replace("<javascript:alert(10)>", ""); // an autolink shown as text where no Markdown is read
      expect(result.status, args.join(" ")).toBe(0);
      expect(result.stdout, args.join(" ")).not.toMatch(RUNNABLE);
      if (!args.includes("--short")) expect(result.stdout, args.join(" ")).toContain("https://example.com/fine");
      if (!args.includes("--short")) for (const text of ["run one", "run five", "run seven", "run eight", "run nine", "run eleven", "fine link"]) expect(result.stdout, `${args.join(" ")}: ${text}`).toContain(text);
    }
    const json = JSON.parse((await runMain([...hostile, "--json", "schemes"])).stdout);
    expect(json.links.map((link: { url: string }) => link.url).filter((url: string) => url !== "")).toEqual(["https://example.com/fine", "https://example.com/see"]);
    expect(json.seeAlso.map((item: { title: string }) => item.title)).toEqual(["Run twelve", "Fine"]);
    const markdown = (await runMain([...hostile, "--format", "markdown", "schemes"])).stdout;
    expect(markdown).toContain("[run nine][nine]");
    expect(markdown).toContain("\\<javascript:alert(10)>"); // an autolink kept as text
    const dot = await runMain([...hostile, "related", "--format", "dot", "schemes"]);
    expect(dot.stdout.replace("<javascript:alert(10)>", "")).not.toMatch(RUNNABLE);
  });
});

describe("values that cannot be right", () => {
  const refused = (result: { status: number; stdout: string; stderr: string }, what: string) => {
    expect(result.status, what).toBe(2);
    expect(result.stdout, what).toBe("");
    expect(result.stderr, what).toMatch(/^glossary: [^\n]+\n(glossary: [^\n]+\n)?$/);
  };
  it("are refused with exit 2 and one line, by both command-line readers", async () => {
    const lines = [["--lang", "", "closure"], ["--lang=", "closure"], ["--lang", "../../etc", "closure"], ["-l", "fr/../../x", "closure"], ["--lang", "en US", "closure"], ["-s", "", "closure"], ["--source=", "closure"], ["search", "--lang", "", "closure"], ["list", "--lang", "../x"], ["related", "-s", "", "closure"]];
    for (const args of lines) {
      refused(await runMain(args), `in process: ${args.join(" ")}`);
      refused(runCli(args), `binary: ${args.join(" ")}`);
    }
    refused(await runMain(["closure"], { GLOSSARY_LANG: "../../etc" }), "GLOSSARY_LANG");
    refused(runCli(["closure"], { GLOSSARY_LANG: "fr;rm" }), "GLOSSARY_LANG");
    // Empty is unset for variables; empty parts of GLOSSARY_PATH are skipped.
    expect((await runMain(["--short", "closure"], { GLOSSARY_LANG: "", GLOSSARY_PATH: "::" })).status).toBe(0);
    for (const lang of ["fr", "en-US", "pt_BR", "FR", "zh-Hant-TW", "de-CH-1901"]) expect((await runMain(["--lang", lang, "--short", "closure"])).status, lang).toBe(0);
  });
  it("expand ~ at the start of --source and of GLOSSARY_PATH entries to the home folder", async () => {
    const home = tempFolder();
    fs.cpSync(TEAM_FIXTURE, path.join(home, "team"), { recursive: true });
    const expected = "Our team's own definition of asynchronous work.\n";
    for (const [args, env] of [
      [["--source", "~/team"], {}],
      [["--source=~/team"], {}],
      [["-s", "~"], {}],
      [[], { GLOSSARY_PATH: "~/team" }],
      [[], { GLOSSARY_PATH: "::~/team:" }],
    ] as Array<[string[], Record<string, string>]>) {
      const result = runCli(["--no-bundled", ...args, "--short", "async"], { HOME: home, ...env });
      expect(result, `${args.join(" ")} ${JSON.stringify(env)}`).toEqual({ status: 0, stdout: expected, stderr: "" });
      expect((await runMain(["--no-bundled", ...args, "--short", "async"], { HOME: home, ...env })).stdout).toBe(expected);
    }
    const missing = await runMain(["--source", "~/nowhere", "x"], { HOME: home });
    expect(missing.stderr).toContain(`source folder not found: ${path.join(home, "nowhere")}`);
  });
});
