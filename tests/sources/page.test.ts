import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { parsePage, readPageWithStat } from "../../src/sources/page.js";
import { tempFolder } from "../helpers.js";

const FILE = "/x/fr/glossary/a/index.md";

describe("parsePage", () => {
  it("reads a glossary page", () => {
    const result = parsePage("---\ntitle: Asynchrone\nslug: Glossary/Asynchronous\noriginal_slug: Glossaire/Asynchrone\nl10n:\n  sourceCommit: abc\n---\nTexte\n", FILE, "fr");
    expect(result.kind).toBe("page");
    if (result.kind !== "page") return;
    expect(result.page).toMatchObject({
      title: "Asynchrone",
      slug: "Glossary/Asynchronous",
      locale: "fr",
      body: "Texte\n",
      bodyLine: 8,
      aliases: ["Glossaire/Asynchrone"],
      sourceCommit: "abc",
    });
  });
  it("skips pages that are not glossary entries", () => {
    expect(parsePage("---\ntitle: API\nslug: Web/API\n---\n", FILE, "fr").kind).toBe("other");
  });
  it("turns bad pages into problems, never exceptions", () => {
    const cases: Array<[string, string]> = [
      ["", "empty"],
      ["---\ntitle: A\u0000\n---\n", "NUL"],
      ["---\ntitle: A\n", "unclosed"],
      ["---\nslug: Glossary/A\n---\n", "no title"],
      ["---\ntitle: A\n---\n", "no slug"],
      ["---\ntitle:\n  a: b\nslug: Glossary/A\n---\n", "not a string"],
      ["---\ntitle: A\nslug: 3\n---\n", "slug is not a string"],
    ];
    for (const [text, message] of cases) {
      const result = parsePage(text, FILE, "fr");
      expect(result.kind, message).toBe("problem");
      if (result.kind === "problem") expect(result.problem.message).toContain(message);
    }
  });
  it("keeps titles YAML reads as numbers or null, with a warning", () => {
    const result = parsePage("---\ntitle: 404\nslug: Glossary/Not_found\n---\n", FILE, "en-US");
    expect(result.kind === "page" && result.page.title).toBe("404");
    expect(result.kind === "page" && result.warnings[0]?.message).toContain("not a string");
    const nullTitle = parsePage("---\ntitle: Null\nslug: Glossary/Null\n---\n", FILE, "en-US");
    expect(nullTitle.kind === "page" && nullTitle.page.title).toBe("Null");
  });
});

describe("readPageWithStat of a page the system refuses", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  /** A page whose opening fails with `open`, and whose stat fails with `stat` (null: it works). */
  function refused(open: string, stat: string | null): ReturnType<typeof readPageWithStat> & { real: fs.Stats } {
    const file = path.join(tempFolder("glossary-refused-"), "index.md");
    fs.writeFileSync(file, "---\ntitle: A\nslug: Glossary/A\n---\n\nA.\n");
    const real = fs.statSync(file);
    const realStat = fs.statSync;
    vi.spyOn(fs, "openSync").mockImplementation(() => {
      throw Object.assign(new Error(`${open}: refused`), { code: open });
    });
    vi.spyOn(fs, "statSync").mockImplementation(((target: fs.PathLike, options?: fs.StatSyncOptions) => {
      if (target === file && stat !== null) throw Object.assign(new Error(`${stat}: refused`), { code: stat });
      return realStat(target, options);
    }) as typeof fs.statSync);
    return { ...readPageWithStat(file, "en-US"), real };
  }

  it("keeps the time and size of a page it may not open, so that checks take it as unchanged", () => {
    const read = refused("EACCES", null);
    expect(read.result).toMatchObject({ kind: "problem", problem: { message: "cannot read (EACCES)" } });
    expect([read.mtimeMs, read.size]).toEqual([read.real.mtimeMs, read.real.size]);
  });

  it("gives no time for a page whose folder it may not search, nor for one that may read at the next try", () => {
    const searched = refused("EACCES", "EACCES");
    expect([searched.result.kind, searched.mtimeMs, searched.size]).toEqual(["problem", 0, -1]);
    const busy = refused("EMFILE", null);
    expect([busy.result.kind, busy.mtimeMs, busy.size]).toEqual(["problem", 0, -1]);
  });
});
