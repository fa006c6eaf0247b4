import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { readPageWithStat } from "../../src/sources/page.js";
import { runCli, tempFolder } from "../helpers.js";

/** A source with a generated 15 MB page and a small page linking to it. */
let source = "";
let huge = "";
beforeAll(() => {
  source = tempFolder("glossary-large-page-");
  const folder = path.join(source, "en-us", "glossary", "huge");
  fs.mkdirSync(folder, { recursive: true });
  const paragraph = "Lorem ipsum dolor sit amet, **consectetur** adipiscing elit, `code` and [a link](https://example.com); zanzibarword.\n\n";
  huge = path.join(folder, "index.md");
  fs.writeFileSync(huge, `---\ntitle: Huge page\nslug: Glossary/Huge\n---\n\nA page about {{Glossary("Small")}} things.\n\n${paragraph.repeat(Math.ceil(15_000_000 / paragraph.length))}The last line.\n`);
  fs.mkdirSync(path.join(source, "en-us", "glossary", "small"), { recursive: true });
  fs.writeFileSync(path.join(source, "en-us", "glossary", "small", "index.md"), "---\ntitle: Small\nslug: Glossary/Small\n---\n\nA small page about {{Glossary(\"Huge\")}}.\n");
});

describe("pages over the size limit", () => {
  it("are read for their front matter only, with a warning", () => {
    expect(fs.statSync(huge).size).toBeGreaterThan(15_000_000);
    const { result, size } = readPageWithStat(huge, "en-US");
    expect(size).toBeGreaterThan(15_000_000);
    expect(result.kind).toBe("page");
    if (result.kind !== "page") return;
    expect(result.page).toMatchObject({ title: "Huge page", slug: "Glossary/Huge", body: "" });
    expect(result.warnings.map((w) => w.message)).toEqual([expect.stringMatching(/over the limit of 1000000: indexed by its title only/)]);
    // Under a larger limit, the whole page is read.
    const whole = readPageWithStat(huge, "en-US", 20_000_000).result;
    expect(whole.kind === "page" && whole.page.body.endsWith("The last line.\n")).toBe(true);
  });

  it("are indexed by title only and shown cut short with a one-line note", () => {
    const env = { XDG_CACHE_HOME: path.join(tempFolder(), "cache") };
    const shown = runCli(["--source", source, "--no-bundled", "huge", "page"], env);
    expect(shown.status).toBe(0);
    expect(shown.stdout).toMatch(/^Huge page\n/);
    expect(shown.stdout).toMatch(/Lorem ipsum/);
    expect(shown.stdout).not.toMatch(/The last line/);
    expect(shown.stdout.length).toBeLessThan(200_000);
    const notes = shown.stderr.trim().split("\n");
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(/^glossary: .*huge.index\.md is \d+ bytes, over the page size limit of 1000000 \(--max-page-bytes\): only its first \d+ bytes are shown$/);
    // Its text is not searched; its title is.
    expect(runCli(["--source", source, "--no-bundled", "search", "zanzibarword"], env).status).toBe(1);
    expect(runCli(["--source", source, "--no-bundled", "search", "huge"], env).stdout).toMatch(/^Huge page\t/);
  });

  it("follow the limit of GLOSSARY_MAX_PAGE_BYTES and --max-page-bytes", () => {
    const small = tempFolder("glossary-limit-");
    fs.mkdirSync(path.join(small, "en-us", "glossary", "long"), { recursive: true });
    fs.writeFileSync(path.join(small, "en-us", "glossary", "long", "index.md"), `---\ntitle: Long page\nslug: Glossary/Long\n---\n\n${"A sentence of the long page. ".repeat(700)}\n\nThe zanzibarword ending.\n`);
    const env = { XDG_CACHE_HOME: path.join(tempFolder(), "cache") };
    const search = (limit: Record<string, string>, options: string[] = []) => runCli([...options, "--source", small, "--no-bundled", "search", "zanzibarword"], { ...env, ...limit });
    // The index is built again for another limit.
    expect(search({ GLOSSARY_MAX_PAGE_BYTES: "10000" }).status).toBe(1);
    expect(search({}).stdout).toMatch(/^Long page\t/);
    expect(search({}, ["--max-page-bytes", "10000"]).status).toBe(1);
    expect(search({ GLOSSARY_MAX_PAGE_BYTES: "10000" }, ["--max-page-bytes", "100000"]).stdout).toMatch(/^Long page\t/);
    expect(runCli(["--source", small, "--no-bundled", "long"], { ...env, GLOSSARY_MAX_PAGE_BYTES: "10000" }).stderr).toMatch(/over the page size limit of 10000/);
    const refused = runCli(["--max-page-bytes", "12", "huge"], env);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/^glossary: --max-page-bytes takes a whole number of bytes from 1000 up, not "12"/);
    expect(runCli(["lint", small]).stdout).toBe("");
    expect(runCli(["lint", small], { GLOSSARY_MAX_PAGE_BYTES: "10000" }).stdout).toMatch(/long\/index\.md:1: warning: page of \d+ bytes is over the limit of 10000/);
  });

  it("are reported by lint as warnings", () => {
    const lint = runCli(["lint", source]);
    expect(lint.status).toBe(0);
    expect(lint.stdout).toMatch(/huge\/index\.md:1: warning: page of \d+ bytes is over the limit of 1000000: indexed by its title only, shown cut short/);
  });
});
