// The config file read and checked: every key, the line of each, and errors naming the file, line and key.

import { describe, expect, it } from "vitest";
import { keyLines, parseConfig } from "../../src/app/config-parse.js";
import { configPath, loadConfig } from "../../src/app/config.js";
import { UsageError } from "../../src/errors.js";
import { tempFolder } from "../helpers.js";
import fs from "node:fs";
import path from "node:path";

const FULL = `# my glossary
lang = ["fr", "de_DE"]
bundled = false
color = "never"
width = 100
pager = "most"

[mdn]
locales = ["fr", "en-US"]

[[sources]]
path = "~/team/glossary"

[[sources]]
git = "https://example.com/team/glossary.git"
branch = "main"
folder = "glossary/"
`;

/** The message of the error `parseConfig` throws for this text. */
function errorOf(text: string): string {
  try {
    parseConfig(text, "/c/config.toml", "/home/me");
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).exitCode).toBe(2);
    return (error as UsageError).message;
  }
  throw new Error("no error");
}

describe("parseConfig", () => {
  it("reads every key, with its line", () => {
    const config = parseConfig(FULL, "/c/config.toml", "/home/me");
    expect(config.lang).toEqual({ value: ["fr", "de-DE"], line: 2 });
    expect(config.bundled).toEqual({ value: false, line: 3 });
    expect(config.color).toEqual({ value: "never", line: 4 });
    expect(config.width).toEqual({ value: 100, line: 5 });
    expect(config.pager).toEqual({ value: "most", line: 6 });
    expect(config.mdnLocales).toEqual({ value: ["fr", "en-US"], line: 9 });
    expect(config.sources).toEqual([
      { path: "/home/me/team/glossary", git: null, branch: null, folder: "", line: 11 },
      { path: null, git: "https://example.com/team/glossary.git", branch: "main", folder: "glossary", line: 14 },
    ]);
  });
  it("takes one locale as a string, and an empty file as no settings", () => {
    expect(parseConfig('lang = "pt_BR"', "/c", undefined).lang?.value).toEqual(["pt-BR"]);
    expect(parseConfig("", "/c", undefined)).toEqual({ file: "/c", sources: [] });
  });
  it("names the file, the line and the key of every error", () => {
    expect(errorOf('lang = "fr"\nwidth = "wide"\n')).toBe("/c/config.toml:2: width: expected a whole number from 10 to 10000");
    expect(errorOf('color = "blue"')).toBe('/c/config.toml:1: color: expected "auto", "always" or "never"');
    expect(errorOf("bundled = 1")).toBe("/c/config.toml:1: bundled: expected true or false");
    expect(errorOf('lang = ["fr", 3]')).toMatch(/^\/c\/config.toml:1: lang: expected a locale/);
    expect(errorOf('\n\ncolour = "never"')).toBe("/c/config.toml:3: colour: unknown key");
    expect(errorOf('[mdn]\nlocale = "fr"')).toBe("/c/config.toml:2: mdn.locale: unknown key");
    expect(errorOf('[[sources]]\npath = "/a"\n[[sources]]\ngit = "https://x"\nbranch = "a b"')).toBe("/c/config.toml:5: sources[1].branch: not a branch name");
    expect(errorOf('[[sources]]\nbranch = "main"')).toBe('/c/config.toml:1: sources[0]: expected either path = "<folder>" or git = "<remote>"');
    expect(errorOf('[[sources]]\npath = "relative/folder"')).toBe("/c/config.toml:2: sources[0].path: expected an absolute folder (or one starting with ~/)");
    expect(errorOf('[[sources]]\ngit = "https://x"\nfolder = "../up"')).toBe("/c/config.toml:3: sources[0].folder: expected a folder inside the repository");
    expect(errorOf('[[sources]]\ngit = "--upload-pack=evil"')).toBe("/c/config.toml:2: sources[0].git: not a Git remote");
  });
  it("names the line and key of a TOML syntax error", () => {
    expect(errorOf('lang = "fr"\nwidth = = 3\n')).toMatch(/^\/c\/config.toml:2: width: /);
    expect(errorOf('lang = "fr\n')).toMatch(/^\/c\/config.toml:1: lang: /);
  });
});

describe("keyLines", () => {
  it("finds keys in tables, arrays of tables and dotted keys", () => {
    const lines = keyLines('a = 1\nmdn.locales = ["fr"]\n[[sources]]\ngit = "x"\n[[sources]]\n  path = "y"\n');
    expect(Object.fromEntries(lines)).toEqual({ a: 1, "mdn.locales": 2, mdn: 2, sources: 3, "sources[0]": 3, "sources[0].git": 4, "sources[1]": 5, "sources[1].path": 6 });
  });
});

describe("loadConfig", () => {
  it("is null without a file, reads one where XDG_CONFIG_HOME says, and refuses one it cannot read", async () => {
    const home = tempFolder("glossary-config-");
    expect(configPath({ HOME: home })).toBe(path.join(home, ".config", "glossary", "config.toml"));
    expect(await loadConfig({ HOME: home })).toBeNull();
    const xdg = path.join(home, "xdg");
    fs.mkdirSync(path.join(xdg, "glossary"), { recursive: true });
    fs.writeFileSync(path.join(xdg, "glossary", "config.toml"), "width = 90\n");
    expect((await loadConfig({ HOME: home, XDG_CONFIG_HOME: xdg }))?.width?.value).toBe(90);
    fs.mkdirSync(path.join(home, ".config", "glossary", "config.toml"), { recursive: true });
    await expect(loadConfig({ HOME: home })).rejects.toThrow(/config.toml: cannot read the config file \(EISDIR\)/);
  });
});
