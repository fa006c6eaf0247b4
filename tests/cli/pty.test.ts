// The program on a pseudo-terminal (util-linux `script`): colours, NO_COLOR, the pager, OSC 8 links, wrapping.

import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { BIN, HANG_MS, cleanEnv } from "../helpers.js";

const hasScript = spawnSync("script", ["--version"], { encoding: "utf8" }).status === 0;

/** Runs `glossary <args>` on a terminal of the given size; returns what the terminal received, with \n line ends. */
function onTerminal(args: string, options: { rows?: number; cols?: number; env?: Record<string, string>; pipe?: string } = {}): string {
  const quoted = `"${process.execPath}" "${BIN}" ${args}`;
  const command = `stty rows ${options.rows ?? 200} cols ${options.cols ?? 100}; ${options.pipe ? `${quoted} | ${options.pipe}` : `exec ${quoted}`}`;
  const result = spawnSync("script", ["-qec", command, "/dev/null"], {
    env: cleanEnv({ SHELL: "/bin/sh", TERM: "xterm-256color", ...options.env }),
    encoding: "utf8",
    timeout: HANG_MS,
  });
  expect(result.status, result.stderr).toBe(0);
  return result.stdout.replace(/\r\n/g, "\n");
}

const SGR = /\u001b\[[0-9;]*m/;
const OSC8 = "\u001b]8;;https://developer.mozilla.org/";
const visible = (text: string): string => text.replace(/\u001b\[[0-9;]*m/g, "").replace(/\u001b\]8;;[^\u0007\u001b]*(\u0007|\u001b\\)/g, "");

describe.skipIf(!hasScript)("on a pseudo-terminal", () => {
  it("styles the entry with colours", () => {
    const out = onTerminal("asynchrone");
    expect(out).toMatch(SGR);
    expect(visible(out).split("\n")[0]).toBe("Asynchrone");
  });
  it("prints no escape sequence at all with NO_COLOR, or with --color never", () => {
    for (const [args, env] of [["asynchrone", { NO_COLOR: "1" }], ["--color never asynchrone", {}]] as const) {
      const out = onTerminal(args, { env });
      expect(out).not.toContain("\u001b");
      expect(out.split("\n")[0]).toBe("Asynchrone");
      expect(out).toContain("(https://developer.mozilla.org/fr/docs/");
    }
  });
  it("lets --color always win over NO_COLOR", () => {
    expect(onTerminal("--color always asynchrone", { env: { NO_COLOR: "1" } })).toMatch(SGR);
  });
  it("pages output taller than the screen through GLOSSARY_PAGER", () => {
    const out = onTerminal("asynchrone", { rows: 10, env: { GLOSSARY_PAGER: "sed s/^/PAGED:/", NO_COLOR: "1" } });
    const lines = out.trimEnd().split("\n");
    expect(lines.length).toBeGreaterThan(10);
    expect(lines.every((line) => line.startsWith("PAGED:"))).toBe(true);
    expect(lines[0]).toBe("PAGED:Asynchrone");
  });
  it("does not page with --no-pager, through a pipe, or when the output fits", () => {
    const env = { GLOSSARY_PAGER: "sed s/^/PAGED:/", NO_COLOR: "1" };
    for (const out of [
      onTerminal("--no-pager asynchrone", { rows: 10, env }),
      onTerminal("asynchrone", { rows: 10, env, pipe: "cat" }),
      onTerminal("--short asynchrone", { rows: 10, env }),
    ]) {
      expect(out).toMatch(/^Une opération|^Asynchrone/);
      expect(out).not.toContain("PAGED:");
    }
  });
  it("makes links OSC 8 hyperlinks where the terminal shows them, and text (url) elsewhere", () => {
    const linked = onTerminal("asynchrone", { env: { FORCE_HYPERLINK: "1" } });
    expect(linked).toContain(OSC8);
    expect(visible(linked)).not.toContain("(https://developer.mozilla.org");
    const plain = onTerminal("asynchrone", { env: { FORCE_HYPERLINK: "0" } });
    expect(plain).not.toContain("\u001b]8;");
    expect(visible(plain)).toContain("(https://developer.mozilla.org/fr/docs/Web/JavaScript/Reference/Global_Objects/Promise)");
  });
  it("marks glossary cross-references as terms to look up", () => {
    const shown = visible(onTerminal("asynchrone", { env: { FORCE_HYPERLINK: "0" } }));
    expect(shown).not.toContain("(glossary");
    expect(shown).toMatch(/Glossaire\u00a0: JavaScript, Thread principal, Fonction de rappel, Synchrone,\s+Promesse/);
  });
  it("wraps to the terminal's width, and to --width 40, cutting only URLs longer than a line", () => {
    const words = (text: string) => visible(text).split(/\s+/).filter(Boolean);
    const wide = onTerminal("--width 200 --format text asynchrone");
    // Code blocks are shown verbatim, never wrapped.
    const markdown = (JSON.parse(onTerminal("--no-pager --json asynchrone")) as { markdown: string }).markdown;
    const codeLines = new Set([...markdown.matchAll(/```[^\n]*\n([\s\S]*?)```/g)].flatMap((m) => m[1]!.split("\n").map((l) => l.trim())));
    for (const [args, cols, limit] of [
      ["asynchrone", 60, 60],
      ["--width 40 asynchrone", 100, 40],
      ["--width 40 --format text asynchrone", 100, 40],
    ] as const) {
      const out = onTerminal(args, { cols, env: { FORCE_HYPERLINK: "0" } });
      const lines = visible(out).split("\n");
      // No line is wider than the width but code (a URL longer than a line is cut after a slash).
      const longest = Math.max(...lines.filter((line) => !codeLines.has(line.trim())).map((line) => [...line].length));
      expect(longest, args).toBeLessThanOrEqual(limit);
      expect(longest, args).toBeGreaterThan(limit - 15);
    }
    const narrow = onTerminal("--width 40 --format text asynchrone");
    // The same text, wrapped otherwise.
    expect(words(narrow).join("")).toEqual(words(wide).join(""));
    expect(narrow).toMatch(/\(https:\/\/developer\.mozilla\.org\//);
  });
});
