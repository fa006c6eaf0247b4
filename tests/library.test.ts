import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { type GlossaryLibrary, UsageError, openGlossary } from "../src/library.js";
import { MDN_FIXTURE, ROOT, TEAM_FIXTURE, runCli, tempFolder } from "./helpers.js";
import { mdnMirrors, runAsync, userEnv } from "./mirrors.js";

let glossary: GlossaryLibrary;
let french: GlossaryLibrary;

beforeAll(async () => {
  glossary = await openGlossary({ cache: false });
  french = await openGlossary({ locale: "fr", cache: false });
});

const cliJson = (...args: string[]) => JSON.parse(runCli(["--json", ...args]).stdout) as unknown;

describe("the library API", () => {
  it("looks terms up, returning what glossary --json prints", async () => {
    expect(await glossary.lookup("asynchrone")).toEqual(cliJson("asynchrone"));
    expect(await french.lookup("asynchronous")).toEqual(cliJson("--lang", "fr", "asynchronous"));
    expect((await glossary.lookup("asynchronous", { locale: "fr" }))?.title).toBe("Asynchrone");
    expect(await glossary.lookup("no such term at all")).toBeNull();
  });
  it("searches, lists, relates and translates as the commands do", async () => {
    expect(await glossary.search("promise", { limit: 5 })).toEqual(cliJson("search", "-n", "5", "promise"));
    expect(await french.search("promesse", { limit: 3 })).toEqual(cliJson("--lang", "fr", "search", "-n", "3", "promesse"));
    expect(await glossary.related("closure")).toEqual(cliJson("related", "closure"));
    expect(await french.list()).toEqual(cliJson("--lang", "fr", "list"));
    expect(await glossary.langs()).toEqual(cliJson("langs"));
    expect(await glossary.translations("asynchrone")).toEqual(cliJson("langs", "asynchrone"));
    expect(await glossary.related("no such term at all")).toBeNull();
    expect(glossary.locales()).toEqual(["en-US", "fr"]);
  });
  it("suggests close titles for a misspelt term", async () => {
    expect((await glossary.suggest("asynchronus")).map((item) => item.title)[0]).toBe("Asynchronous");
  });
  it("reads source folders first, and can leave the bundled entries out", async () => {
    const mdn = await openGlossary({ sources: [MDN_FIXTURE], bundled: false, locale: "fr", cache: false });
    expect((await mdn.lookup("noeud"))?.title).toBe("Nœud");
    expect(await mdn.lookup("closure")).toBeNull();
  });
  it("throws a UsageError naming a source folder that cannot be read", async () => {
    const missing = path.join(tempFolder(), "missing");
    await expect(openGlossary({ sources: [missing], cache: false })).rejects.toThrow(UsageError);
    await expect(openGlossary({ sources: [missing], cache: false })).rejects.toThrow(/missing/);
  });
  it("caches a source's index in the folder given", async () => {
    const cache = tempFolder();
    const cached = await openGlossary({ sources: [MDN_FIXTURE], cache });
    expect((await cached.lookup("noeud"))?.locale).toBe("fr");
    expect(fs.readdirSync(cache).length).toBeGreaterThan(0);
  });
});

describe("the library with the command line's settings", () => {
  /** A user whose config file names a folder and French, and who fetched MDN's French pages with `glossary update`. */
  async function user(config: string): Promise<Record<string, string>> {
    const { content, translated } = mdnMirrors(tempFolder("glossary-library-mirrors-"));
    const env = userEnv({ GLOSSARY_MDN_CONTENT_REPO: content.url, GLOSSARY_MDN_TRANSLATED_REPO: translated.url });
    fs.mkdirSync(path.join(env["XDG_CONFIG_HOME"]!, "glossary"), { recursive: true });
    fs.writeFileSync(path.join(env["XDG_CONFIG_HOME"]!, "glossary", "config.toml"), config);
    const update = await runAsync(["update", "fr"], env);
    expect(update.stderr).toBe("");
    expect(update.status).toBe(0);
    return env;
  }
  const cliJsonIn = async (env: Record<string, string>, ...args: string[]) => JSON.parse((await runAsync(["--json", ...args], env)).stdout) as unknown;

  it("reads the config file, the fetched MDN pages and the XDG folders only when asked, and then answers as the command line", async () => {
    const env = await user(`lang = "fr"\n\n[[sources]]\npath = "${TEAM_FIXTURE}"\n`);
    // Not asked: the bundled entries alone, in every locale with en-US first.
    const plain = await openGlossary({ env, cache: false });
    expect((await plain.lookup("asynchronous"))?.title).toBe("Asynchronous");
    expect(await plain.lookup("team term")).toBeNull();
    // Asked: the config's folder and locale, MDN's fetched French page with its licence, cached where the command line caches.
    const configured = await openGlossary({ env, userSettings: true });
    const entry = await configured.lookup("asynchronous");
    expect(entry).toMatchObject({ title: "Asynchrone", locale: "fr", licence: "CC-BY-SA 2.5, Mozilla Contributors" });
    expect(entry).toEqual(await cliJsonIn(env, "asynchronous"));
    expect(await configured.lookup("team term")).toEqual(await cliJsonIn(env, "team term"));
    expect(await configured.list()).toEqual(await cliJsonIn(env, "list"));
    expect(fs.readdirSync(path.join(env["XDG_CACHE_HOME"]!, "glossary", "sources")).length).toBeGreaterThan(0);
    // The options given beat those settings, as flags do.
    expect(await configured.lookup("asynchronous", { locale: "en-US" })).toEqual(await cliJsonIn(env, "--lang", "en-US", "asynchronous"));
    const english = await openGlossary({ env, userSettings: true, locale: "en-US", bundled: false, cache: false });
    expect(await english.lookup("asynchronous")).toEqual(await cliJsonIn(env, "--lang", "en-US", "--no-bundled", "asynchronous"));
    expect((await english.lookup("asynchronous"))?.source).toContain(TEAM_FIXTURE);
    expect(await english.lookup("closure")).toBeNull();
  });

  it("refuses an invalid config file as the command line does, naming the file, line and key", async () => {
    const env = userEnv();
    fs.mkdirSync(path.join(env["XDG_CONFIG_HOME"]!, "glossary"), { recursive: true });
    fs.writeFileSync(path.join(env["XDG_CONFIG_HOME"]!, "glossary", "config.toml"), "width = \"wide\"\n");
    await expect(openGlossary({ env, userSettings: true })).rejects.toThrow(UsageError);
    await expect(openGlossary({ env, userSettings: true })).rejects.toThrow(/config\.toml:1: width/);
    expect(await (await openGlossary({ env, cache: false })).lookup("closure")).not.toBeNull();
  });

  it("refuses a GLOSSARY_LANG that is not a locale as the command line does, when it reads the user's settings", async () => {
    const env = { ...userEnv(), GLOSSARY_LANG: "../../etc" };
    await expect(openGlossary({ env, userSettings: true })).rejects.toThrow(UsageError);
    await expect(openGlossary({ env, userSettings: true })).rejects.toThrow(/GLOSSARY_LANG takes a locale/);
    expect(await (await openGlossary({ env, cache: false })).lookup("closure")).not.toBeNull();
  });
});

describe("the package's exports", () => {
  it("import from the package name gives the built library, with its type declarations", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { exports: Record<string, Record<string, string>>; types: string };
    expect(fs.existsSync(path.join(ROOT, pkg.exports["."]!["types"]!))).toBe(true);
    expect(pkg.types).toBe(pkg.exports["."]!["types"]);
    const declarations = fs.readFileSync(path.join(ROOT, pkg.types), "utf8");
    expect(declarations).toContain("export declare function openGlossary(options?: GlossaryOptions): Promise<GlossaryLibrary>;");
    const script = `import { openGlossary } from "glossary-cli";
const glossary = await openGlossary({ locale: "fr", cache: false });
const entry = await glossary.lookup("asynchronous");
console.log(entry.title, entry.seeAlso.length > 0, (await glossary.related("asynchrone")).length > 0);`;
    const result = spawnSync(process.execPath, ["--input-type=module", "-e", script], { cwd: ROOT, encoding: "utf8" });
    expect(result.stderr).toBe("");
    expect(result.stdout).toBe("Asynchrone true true\n");
  });
});
