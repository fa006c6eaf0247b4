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
import { BIN, BROKEN_FIXTURE, FIXTURES, MDN_FIXTURE, ROOT, cleanEnv, runMain, tempFolder } from "./helpers.js";

const HOSTILE = path.join(FIXTURES, "hostile");
const hostile = ["--no-bundled", "--source", HOSTILE];
/** Control characters that must never come from a page into the output (tab and newline excepted). */
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
/** The only escape sequences ANSI output may hold: colours and this program's own OSC 8 links. */
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
  it("escapes control characters in JSON, C1 included", async () => {
    const result = await runMain([...hostile, "--json", "escapes"]);
    expect(result.stdout).not.toMatch(CONTROLS);
    const json = JSON.parse(result.stdout);
    expect(json.title).toContain("\u001b");
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
  it("answers or misses strange and huge input, within bounded time", async () => {
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
      const started = Date.now();
      for (const command of [[], ["search"], ["related"], ["langs"]]) {
        const result = await runMain([...hostile, "--", ...command, term].filter((a) => a !== "--" || command.length === 0));
        expect([0, 1, 2], JSON.stringify(term.slice(0, 20))).toContain(result.status);
        expect(result.stderr).not.toMatch(/\n\s+at /);
      }
      expect(Date.now() - started, JSON.stringify(term.slice(0, 20))).toBeLessThan(20_000);
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
