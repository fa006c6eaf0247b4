import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { lintScans } from "../../src/query/lint.js";
import { scanSource } from "../../src/sources/scan.js";
import { BIN, BROKEN_FIXTURE, MDN_FIXTURE, TEAM_FIXTURE, cleanEnv, runMain, tempFolder } from "../helpers.js";

const relative = (file: string) => path.relative(path.dirname(BROKEN_FIXTURE), file);
const lines = (folders: string[]) =>
  lintScans(folders.map((f) => scanSource(f)), relative).map((p) => `${relative(p.path)}:${p.line}: ${p.severity}: ${p.message}`);

describe("lintScans", () => {
  it("names every broken page with its line", () => {
    expect(lines([BROKEN_FIXTURE])).toEqual([
      expect.stringMatching(/^broken\/en-us\/glossary\/bad_yaml\/index.md:3: error: invalid YAML in front matter/),
      "broken/en-us/glossary/binary/index.md:1: error: not a text file (contains NUL bytes)",
      "broken/en-us/glossary/duplicate_b/index.md:1: error: duplicate slug Glossary/Duplicate in en-US (also in broken/en-us/glossary/duplicate_a/index.md)",
      "broken/en-us/glossary/empty/index.md:1: error: empty file",
      "broken/en-us/glossary/no_front_matter/index.md:1: error: missing front matter (the file must start with ---)",
      "broken/en-us/glossary/numeric_title/index.md:2: warning: title is not a string (YAML reads 404 as number); quote it",
      "broken/en-us/glossary/object_title/index.md:2: error: title is not a string",
      "broken/en-us/glossary/unclosed/index.md:1: error: unclosed front matter (no closing --- line)",
    ]);
  });
  it("finds unknown and garbled macros, links to missing terms, and orphan translations", () => {
    const found = lines([MDN_FIXTURE]);
    expect(found).toEqual([
      "mdn/files/en-us/glossary/macros/index.md:8: warning: unknown macro UnknownMacro",
      'mdn/files/en-us/glossary/macros/index.md:8: error: garbled macro: {{Broken("x"}}',
      "mdn/files/en-us/glossary/macros/index.md:8: error: link to a missing glossary term: DOM",
      "mdn/files/en-us/glossary/macros/index.md:21: error: link to a missing glossary term: Missing_term",
    ]);
  });
  it("resolves links in the page's locale or in en-US, and flags translations without an original", () => {
    const scan = scanSource(MDN_FIXTURE);
    const orphan = { ...scan.pages.find((p) => p.locale === "fr" && p.slug === "Glossary/Synchronous")!, slug: "Glossary/Only_in_french", path: "/x/fr/glossary/only/index.md" };
    const problems = lintScans([{ ...scan, pages: [...scan.pages, orphan] }]);
    expect(problems.filter((p) => p.message.includes("translation without")).map((p) => p.message)).toEqual([
      "translation without an en-US original: Glossary/Only_in_french",
    ]);
  });
});

describe("glossary lint", () => {
  it("exits 1 on errors, 0 when clean, and prints JSON for tools", async () => {
    const broken = await runMain(["lint", BROKEN_FIXTURE]);
    expect(broken.status).toBe(1);
    expect(broken.stdout.split("\n").filter(Boolean)).toHaveLength(8);
    expect(broken.stderr).toBe("glossary: 7 errors, 1 warning in 10 pages\n");
    const json = JSON.parse((await runMain(["lint", "--json", BROKEN_FIXTURE])).stdout);
    expect(json[0]).toMatchObject({ line: 3, severity: "error", message: expect.stringContaining("invalid YAML") });
    const clean = await runMain(["lint", TEAM_FIXTURE]);
    expect(clean).toMatchObject({ status: 0, stdout: "", stderr: "glossary: 0 errors, 0 warnings in 2 pages\n" });
    const orphans = await runMain(["lint", "--no-bundled", path.join(MDN_FIXTURE, "files", "fr")]);
    expect(orphans.status).toBe(1);
    expect(orphans.stdout).toContain("translation without an en-US original: Glossary/Asynchronous");
  });
  it("checks links and translations against the bundled entries and the configured sources too", async () => {
    const folder = tempFolder();
    const page = (locale: string, slug: string, body: string) => {
      fs.mkdirSync(path.join(folder, locale, "glossary", slug.toLowerCase()), { recursive: true });
      fs.writeFileSync(path.join(folder, locale, "glossary", slug.toLowerCase(), "index.md"), `---\ntitle: ${slug}\nslug: Glossary/${slug}\n---\n\n${body}\n`);
    };
    page("fr", "Closure", 'Voir {{Glossary("Scope")}} et {{Glossary("Team_term")}}.');
    page("en-us", "Own_term", 'See {{Glossary("Asynchronous")}} and [the DOM](/en-US/docs/Glossary/DOM).');
    const withBundled = await runMain(["lint", "--source", TEAM_FIXTURE, folder]);
    expect(withBundled).toMatchObject({ status: 0, stdout: "", stderr: "glossary: 0 errors, 0 warnings in 2 pages\n" });
    const bundledOnly = await runMain(["lint", folder]);
    expect(bundledOnly.stdout).toBe(`${path.join(folder, "fr", "glossary", "closure", "index.md")}:6: error: link to a missing glossary term: Team_term\n`);
    const alone = await runMain(["lint", "--no-bundled", folder]);
    expect(alone.stdout).toContain("translation without an en-US original: Glossary/Closure");
    expect(alone.stdout).toContain("link to a missing glossary term: Scope");
    expect(alone.stdout).toContain("link to a missing glossary term: /en-US/docs/Glossary/DOM");
  });
  it("prints its summary after the problems", () => {
    const result = spawnSync("sh", ["-c", `"${process.execPath}" "${BIN}" lint "${BROKEN_FIXTURE}" 2>&1`], { env: cleanEnv(), encoding: "utf8" });
    const lines = result.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(9);
    expect(lines.at(-1)).toBe("glossary: 7 errors, 1 warning in 10 pages");
  });
  it("exits 2 for a folder that does not exist", async () => {
    expect((await runMain(["lint", "/no/such/folder"])).status).toBe(2);
  });
});
