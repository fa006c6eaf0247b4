import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { UsageError } from "../../src/errors.js";
import { checkSourceFolder, discoverPages } from "../../src/sources/discover.js";
import { scanSource } from "../../src/sources/scan.js";
import { BROKEN_FIXTURE, MDN_FIXTURE, tempFolder } from "../helpers.js";

describe("discoverPages", () => {
  it("finds every index.md with the locale its path gives", () => {
    const { files } = discoverPages(MDN_FIXTURE);
    const found = files.map((f) => `${f.locale} ${f.relative}`);
    expect(found).toContain("fr files/fr/glossary/asynchronous/index.md");
    expect(found).toContain("pt-BR files/pt-br/glossary/asynchronous/index.md");
    expect(found).toContain("en-US files/en-us/glossary/node/dom/index.md");
  });
  it("survives symlink loops and folders named index.md", () => {
    const root = tempFolder();
    const glossary = path.join(root, "en-us", "glossary");
    fs.mkdirSync(path.join(glossary, "a"), { recursive: true });
    fs.writeFileSync(path.join(glossary, "a", "index.md"), "---\ntitle: A\nslug: Glossary/A\n---\nA.\n");
    fs.symlinkSync(glossary, path.join(glossary, "a", "loop"));
    fs.mkdirSync(path.join(glossary, "index.md"));
    const { files } = discoverPages(root);
    expect(files.map((f) => f.relative)).toEqual(["en-us/glossary/a/index.md"]);
  });
});

describe("checkSourceFolder", () => {
  it("names a missing folder in a usage error", () => {
    expect(() => checkSourceFolder("/no/such/folder")).toThrow(UsageError);
    expect(() => checkSourceFolder("/no/such/folder")).toThrow(/\/no\/such\/folder/);
  });
  it("refuses a file", () => {
    expect(() => checkSourceFolder(path.join(MDN_FIXTURE, "files", "en-us", "glossary", "node", "index.md"))).toThrow(/not a folder/);
  });
});

describe("scanSource", () => {
  it("serves good pages whatever their neighbours hold, and names each bad file", () => {
    const scan = scanSource(BROKEN_FIXTURE);
    expect(scan.pages.map((p) => p.title).sort()).toEqual(["404", "Duplicate A", "Duplicate B", "Good page"]);
    const bad = scan.problems.filter((p) => p.severity === "error").map((p) => path.basename(path.dirname(p.path))).sort();
    expect(bad).toEqual(["bad_yaml", "binary", "empty", "no_front_matter", "object_title", "unclosed"]);
  });
});
