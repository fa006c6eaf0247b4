import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { MDN_FIXTURE, golden, runMain } from "../helpers.js";

const fixture = ["--no-bundled", "--source", MDN_FIXTURE];
const hasDot = spawnSync("dot", ["-V"]).status === 0;

describe("glossary search", () => {
  it("prints title<TAB>summary per result, best first", async () => {
    const result = await runMain([...fixture, "search", "asynchronous"]);
    expect(result.status).toBe(0);
    const lines = result.stdout.trimEnd().split("\n");
    expect(lines[0]).toBe("Asynchronous\tAsynchronous work starts now and finishes later, while the program goes on with other things; it is the opposite of synchronous work.");
    for (const line of lines) expect(line.split("\t")).toHaveLength(2);
  });
  it("prints JSON with scores, and honours --limit and --lang", async () => {
    const json = JSON.parse((await runMain([...fixture, "search", "--json", "--limit", "2", "function"])).stdout);
    expect(json).toHaveLength(2);
    expect(Object.keys(json[0])).toEqual(["title", "slug", "locale", "summary", "score"]);
    expect(json[0].score).toBeGreaterThanOrEqual(json[1].score);
    const french = JSON.parse((await runMain([...fixture, "search", "--json", "--lang", "fr", "synchrone"])).stdout);
    expect(french.every((r: { locale: string }) => r.locale === "fr")).toBe(true);
  });
  it("exits 1 with nothing on stdout when nothing matches", async () => {
    expect(await runMain([...fixture, "search", "zzqqxx"])).toMatchObject({ status: 1, stdout: "", stderr: expect.stringContaining('nothing found for "zzqqxx"') });
  });
});

describe("glossary related", () => {
  it("prints one title per line, and JSON with relations", async () => {
    expect((await runMain([...fixture, "related", "asynchronous"])).stdout).toBe("Synchronous\nCallback function\nMacro test page\n");
    const json = JSON.parse((await runMain([...fixture, "related", "--json", "synchronous"])).stdout);
    expect(json).toEqual([
      { title: "Asynchronous", slug: "Glossary/Asynchronous", locale: "en-US", relation: "see-also" },
      { title: "Macro test page", slug: "Glossary/Macros", locale: "en-US", relation: "linked-from" },
    ]);
  });
  it("prints a Graphviz graph", async () => {
    const result = await runMain([...fixture, "related", "--format", "dot", "--depth", "2", "callback function"]);
    const { actual, expected } = golden("callback.dot", result.stdout);
    expect(actual).toBe(expected);
  });
  it.skipIf(!hasDot)("prints a graph that dot draws (skipped where Graphviz is not installed)", async () => {
    const result = await runMain([...fixture, "related", "--format", "dot", "--depth", "2", "callback function"]);
    const drawn = spawnSync("dot", ["-Tsvg"], { input: result.stdout, encoding: "utf8" });
    expect(drawn.status).toBe(0);
    expect(drawn.stdout).toContain("<svg");
  });
  it("misses like a lookup", async () => {
    expect((await runMain([...fixture, "related", "asynchronus"])).status).toBe(1);
  });
});

describe("glossary langs", () => {
  it("lists locales with counts, and a term in every locale", async () => {
    expect((await runMain([...fixture, "langs"])).stdout).toBe("en-US\t9\nfr\t3\npt-BR\t1\n");
    expect((await runMain([...fixture, "langs", "asynchrone"])).stdout).toBe("en-US\tAsynchronous\nfr\tAsynchrone\npt-BR\tAssíncrono\n");
    expect(JSON.parse((await runMain([...fixture, "langs", "--json"])).stdout)).toEqual([
      { locale: "en-US", count: 9 }, { locale: "fr", count: 3 }, { locale: "pt-BR", count: 1 },
    ]);
    expect(JSON.parse((await runMain([...fixture, "langs", "--json", "node"])).stdout)).toEqual([
      { locale: "en-US", title: "Node", slug: "Glossary/Node" }, { locale: "fr", title: "Nœud", slug: "Glossary/Node" },
    ]);
  });
});

describe("--format dot elsewhere", () => {
  it("is a usage error", async () => {
    for (const command of [["asynchronous"], ["list"], ["search", "x"], ["langs"]]) {
      expect((await runMain([...fixture, "--format", "dot", ...command])).status, command.join(" ")).toBe(2);
    }
  });
});
