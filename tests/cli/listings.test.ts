import { describe, expect, it } from "vitest";
import { cutToWidth, markdownList, relationHeading, renderEntryLines } from "../../src/render/listing.js";
import { displayWidth } from "../../src/render/wrap.js";
import type { Entry } from "../../src/types.js";
import { golden, runCli, runMain } from "../helpers.js";

const TERMINAL = { isTTY: true, columns: 80 };

/** The output of a command line on a terminal (colour or plain), piped, or in a format; checked against a golden file. */
const ways: Array<[name: string, options: string[], terminal: { isTTY: boolean; columns?: number }]> = [
  ["ansi", [], TERMINAL],
  ["plain", ["--color", "never"], TERMINAL],
  ["txt", [], { isTTY: false }],
  ["md", ["--format", "markdown"], { isTTY: false }],
  ["json", ["--json"], { isTTY: false }],
];

describe("search and related, as golden files", () => {
  it.each(ways)("search closure (%s)", async (name, options, terminal) => {
    const result = await runMain(["search", "-n", "6", "closure", ...options], {}, terminal);
    expect(result).toMatchObject({ status: 0, stderr: "" });
    const { actual, expected } = golden(`search.closure.${name}`, result.stdout);
    expect(actual).toBe(expected);
  });
  it.each([...ways, ["dot", ["--format", "dot"], { isTTY: false }] as (typeof ways)[number]])("related asynchrone (%s)", async (name, options, terminal) => {
    const result = await runMain(["related", "asynchrone", ...options], {}, terminal);
    expect(result).toMatchObject({ status: 0, stderr: "" });
    const { actual, expected } = golden(`related.asynchrone.fr.${name}`, result.stdout);
    expect(actual).toBe(expected);
  });
  it("related closure on a terminal, under English headings", async () => {
    const result = await runMain(["related", "closure", "--color", "never"], {}, TERMINAL);
    const { actual, expected } = golden("related.closure.plain", result.stdout);
    expect(actual).toBe(expected);
    expect(result.stdout).toMatch(/^See also\n\n/);
  });
});

describe("on a terminal", () => {
  it("cuts every summary to one line at the width, however narrow", async () => {
    for (const columns of [40, 61, 100]) {
      const result = await runMain(["search", "function", "--color", "never"], {}, { isTTY: true, columns });
      const lines = result.stdout.trimEnd().split("\n");
      expect(lines.length % 2).toBe(0);
      for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(columns);
      expect(lines.some((line) => line.endsWith("…"))).toBe(true);
    }
  });
  it("stays one tab-separated line per result when piped, as before", async () => {
    const search = await runMain(["search", "-n", "3", "closure"]);
    expect(search.stdout.split("\n").filter(Boolean).every((line) => line.split("\t").length === 2)).toBe(true);
    expect((await runMain(["related", "closure"])).stdout).toBe("Scope\nFirst-class function\nFunction\nJavaScript\nEncapsulation\nGarbage collection\nIIFE\nLocal variable\n");
  });
  it("colours a pipe when asked: --color always and FORCE_COLOR, by the fast reader too", () => {
    for (const result of [runCli(["search", "closure", "--color", "always"]), runCli(["search", "closure"], { FORCE_COLOR: "1" }), runCli(["asynchrone", "--color", "always"])]) {
      expect(result.status).toBe(0);
      expect(result.stdout).toContain("\u001b[1m");
    }
    expect(runCli(["asynchrone", "--color", "always", "--format", "text"]).stdout).not.toContain("\u001b");
  });
});

describe("formats of list, search and related", () => {
  it("gives Markdown for list", async () => {
    const result = await runMain(["list", "--lang", "fr", "--format", "markdown"]);
    expect(result.status).toBe(0);
    expect(result.stdout.split("\n")[0]).toBe("- [Abstraction](https://developer.mozilla.org/fr/docs/Glossary/Abstraction)");
  });
  it("prints [] with --json when nothing is found, with the status of a miss", async () => {
    const search = await runMain(["search", "--json", "zzqqxx"]);
    expect(search).toMatchObject({ status: 1, stdout: "[]\n" });
    expect(search.stderr).toMatch(/^glossary: nothing found for "zzqqxx"\n/);
    expect(runCli(["search", "-j", "zzqqxx"])).toMatchObject({ status: 1, stdout: "[]\n" });
    expect(await runMain(["list", "--json", "--lang", "ja"])).toMatchObject({ status: 1, stdout: "[]\n" });
    expect(await runMain(["search", "--format", "markdown", "zzqqxx"])).toMatchObject({ status: 1, stdout: "" });
  });
  it("refuses the graph format for search and list, with exit 2", async () => {
    for (const argv of [["search", "-f", "dot", "closure"], ["list", "-f", "dot"]]) {
      const result = await runMain(argv);
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(/^glossary: --format dot is for the related command/);
    }
  });
});

describe("related --depth", () => {
  it("draws at most --max entries, the nearest, and says what it left out", async () => {
    const result = await runMain(["related", "dom", "-f", "dot", "-d", "2"]);
    expect(result.status).toBe(0);
    const nodes = result.stdout.split("\n").filter((line) => /^ {2}"[^"]+" \[label=/.test(line));
    expect(nodes).toHaveLength(40);
    const note = /^glossary: drew the 40 entries nearest to DOM of (\d+) within 2 steps; --max \1 draws them all\n$/.exec(result.stderr);
    expect(note).not.toBeNull();
    expect(result.stdout).toContain(`(${Number(note![1]) - 40} more entries not drawn)`);
    const all = await runMain(["related", "dom", "-f", "dot", "-d", "2", "--max", note![1]!]);
    expect(all.stderr).toBe("");
    expect(all.stdout.split("\n").filter((line) => /^ {2}"[^"]+" \[label=/.test(line))).toHaveLength(Number(note![1]));
  });
});

describe("listing pieces", () => {
  const entry = (title: string, summary: string, locale = "en-US"): Entry =>
    ({ id: 0, locale, slug: `Glossary/${title}`, title, pageType: "", path: "", summary, refs: [], seeAlso: [], children: [], titleRank: 0, file: "", layer: 0 }) as Entry;
  it("cuts at the width by display columns, wide characters counting two", () => {
    expect(cutToWidth("A closure is a function", 12)).toBe("A closure i…");
    expect(cutToWidth("short", 12)).toBe("short");
    expect(cutToWidth("日本語の用語です", 7)).toBe("日本語…");
    expect(displayWidth(cutToWidth("クロージャは関数とそのスコープの組み合わせです", 21))).toBeLessThanOrEqual(21);
    expect(cutToWidth("a\tb\nc\u0007", 10)).toBe("a b c");
  });
  it("names other locales after the title and escapes Markdown", () => {
    expect(renderEntryLines([entry("Fermeture", "Une fermeture", "fr")], { width: 40, colorLevel: 0, locale: "en-US" })).toBe("Fermeture (fr)\n  Une fermeture\n");
    expect(markdownList([entry("A*B", "x_y")])).toBe("- [A\\*B](https://developer.mozilla.org/en-US/docs/Glossary/A*B): x\\_y\n");
  });
  it("heads relations in the entry's language, English where it has none", () => {
    expect(relationHeading("see-also", "fr")).toBe("Voir aussi");
    expect(relationHeading("linked-from", "en-US")).toBe("Linked from");
    expect(relationHeading("links-to", "zz")).toBe("Its text links to");
  });
});
