// The config file from the command line: flags beat environment variables beat the config file beat
// defaults; `glossary config` and `glossary sources` say where each setting and source comes from; an
// invalid config file is one line naming the file, line and key (exit 2); team glossaries from Git.

import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { golden, runCli, tempFolder } from "../helpers.js";
import { makeMirror, mdnMirrors, runAsync, userEnv, writeFiles } from "../mirrors.js";

/** A user whose config file says `text`. */
function withConfig(text: string, extra: Record<string, string> = {}): Record<string, string> {
  const env = userEnv(extra);
  writeFiles(path.join(env["XDG_CONFIG_HOME"]!, "glossary"), { "config.toml": text });
  return env;
}

/** A source folder whose French "Asynchrone" page says `text`. */
function sourceSaying(text: string): string {
  const folder = tempFolder("glossary-source-");
  writeFiles(folder, { "fr/glossary/asynchronous/index.md": `---\ntitle: Asynchrone\nslug: Glossary/Asynchronous\n---\n\n${text}\n` });
  return folder;
}

const ENGLISH = /^A closure is a function/;
const FRENCH = /^Une fermeture/;

describe("the config file", () => {
  it("is optional: without one, the defaults apply and `config` says so", () => {
    const env = userEnv();
    const result = runCli(["config"], env);
    expect(result.status).toBe(0);
    const text = result.stdout.replaceAll(env["HOME"]!, "~");
    expect(golden("config.default.txt", text).actual).toBe(golden("config.default.txt", text).expected);
  });

  it("sets the preferred locale below --lang and GLOSSARY_LANG, above LANG", () => {
    const env = withConfig('lang = "en-US"\n', { LANG: "fr_FR.UTF-8" });
    expect(runCli(["closure", "--short"], { ...env, LANG: "fr_FR.UTF-8" }).stdout).toMatch(ENGLISH);
    expect(runCli(["closure", "--short"], { ...env, GLOSSARY_LANG: "fr" }).stdout).toMatch(FRENCH);
    expect(runCli(["closure", "--short", "--lang", "en-US"], { ...env, GLOSSARY_LANG: "fr" }).stdout).toMatch(ENGLISH);
    const french = withConfig('lang = ["fr", "de"]\n');
    expect(runCli(["closure", "--short"], french).stdout).toMatch(FRENCH);
  });

  it("sets width, colour, pager and the bundled entries below their flags and environment variables", () => {
    const env = withConfig('width = 40\ncolor = "always"\nbundled = false\npager = "most"\n');
    const narrow = runCli(["asynchrone", "--format", "text", "--source", sourceSaying("Une tâche asynchrone démarre maintenant et se termine plus tard, bien après.")], env);
    expect(narrow.status).toBe(0);
    expect(Math.max(...narrow.stdout.split("\n").map((line) => line.length))).toBeLessThanOrEqual(40);
    expect(runCli(["--width", "100", "asynchrone", "--source", sourceSaying("x")], env).status).toBe(0);
    expect(runCli(["closure"], env).status).toBe(1); // bundled = false
    const coloured = runCli(["asynchrone", "--format", "ansi", "--source", sourceSaying("Une tâche.")], env);
    expect(coloured.stdout).toContain("\u001b[");
    expect(runCli(["asynchrone", "--format", "ansi", "--source", sourceSaying("Une tâche.")], { ...env, NO_COLOR: "1" }).stdout).not.toContain("\u001b[");
    expect(runCli(["asynchrone", "--format", "ansi", "--color", "always", "--source", sourceSaying("Une tâche.")], { ...env, NO_COLOR: "1" }).stdout).toContain("\u001b[");
    const report = JSON.parse(runCli(["config", "--json"], { ...env, NO_COLOR: "1" }).stdout) as Array<{ setting: string; value: unknown; from: string }>;
    const file = path.join(env["XDG_CONFIG_HOME"]!, "glossary", "config.toml");
    expect(report.find((row) => row.setting === "width")).toEqual({ setting: "width", value: 40, from: `config file ${file}:1` });
    expect(report.find((row) => row.setting === "color")).toEqual({ setting: "color", value: "auto", from: "environment NO_COLOR" });
    expect(report.find((row) => row.setting === "bundled")).toEqual({ setting: "bundled", value: false, from: `config file ${file}:3` });
    expect(report.find((row) => row.setting === "pager")).toEqual({ setting: "pager", value: "most", from: `config file ${file}:4` });
    const flagged = JSON.parse(runCli(["config", "--json", "--width", "70", "--no-pager"], { ...env, PAGER: "less" }).stdout) as typeof report;
    expect(flagged.find((row) => row.setting === "width")?.from).toBe("--width");
    expect(flagged.find((row) => row.setting === "pager")).toEqual({ setting: "pager", value: false, from: "--no-pager" });
    expect(JSON.parse(runCli(["config", "--json"], { ...env, PAGER: "less" }).stdout).find((row: { setting: string }) => row.setting === "pager").from).toBe("environment PAGER");
  });

  it("that is invalid is an error naming the file, line and key, exit 2, for every command", () => {
    const env = withConfig('lang = "fr"\n\n[[sources]]\npath = "/somewhere"\ncolour = "red"\n');
    const file = path.join(env["XDG_CONFIG_HOME"]!, "glossary", "config.toml");
    for (const args of [["asynchrone"], ["config"], ["sources"], ["update"]]) {
      const result = runCli(args, env);
      expect(result.status).toBe(2);
      expect(result.stdout).toBe("");
      expect(result.stderr).toBe(`glossary: ${file}:5: sources[0].colour: unknown key\nglossary: known keys: path, git, branch, folder\n`);
    }
    const broken = withConfig("width = [1,\n");
    const result = runCli(["asynchrone"], broken);
    expect(result.status).toBe(2);
    expect(result.stderr.split("\n")[0]).toMatch(/^glossary: \S+config\.toml:\d: (width: )?.+/);
  });
});

describe("source precedence", () => {
  it("--source, then GLOSSARY_PATH, then the config's folders, then MDN's fetched pages, then the bundled entries", async () => {
    const { content, translated } = mdnMirrors(tempFolder("glossary-mirrors-"));
    const flag = sourceSaying("Depuis --source.");
    const variable = sourceSaying("Depuis GLOSSARY_PATH.");
    const configured = sourceSaying("Depuis le fichier de configuration.");
    const env = withConfig(`[[sources]]\npath = "${configured}"\n`, { GLOSSARY_MDN_CONTENT_REPO: content.url, GLOSSARY_MDN_TRANSLATED_REPO: translated.url });
    expect((await runAsync(["update", "fr"], env)).status).toBe(0);
    const shown = async (args: string[], extra: Record<string, string> = {}) => (await runAsync(["asynchrone", "--short", ...args], { ...env, ...extra })).stdout.trim();
    expect(await shown(["--source", flag], { GLOSSARY_PATH: variable })).toBe("Depuis --source.");
    expect(await shown([], { GLOSSARY_PATH: variable })).toBe("Depuis GLOSSARY_PATH.");
    expect(await shown([])).toBe("Depuis le fichier de configuration.");
    fs.writeFileSync(path.join(env["XDG_CONFIG_HOME"]!, "glossary", "config.toml"), "");
    expect(await shown([])).toMatch(/^Une tâche asynchrone démarre maintenant/); // MDN's page
    fs.rmSync(path.join(env["XDG_DATA_HOME"]!, "glossary", "sources.json"));
    expect(await shown([])).toMatch(/^Une opération est dite asynchrone/); // the bundled entry

    fs.writeFileSync(path.join(env["XDG_CONFIG_HOME"]!, "glossary", "config.toml"), `[[sources]]\npath = "${configured}"\n`);
    expect((await runAsync(["update", "fr"], env)).status).toBe(0);
    const sources = await runAsync(["sources", "--source", flag], { ...env, GLOSSARY_PATH: variable });
    expect(sources.status).toBe(0);
    const text = sources.stdout
      .replaceAll(flag, "<flag>")
      .replaceAll(variable, "<variable>")
      .replaceAll(configured, "<configured>")
      .replaceAll(env["HOME"]!, "~")
      .replaceAll(translated.url, "<mirror>")
      .replace(/[0-9a-f]{12} of \S+, fetched \S+/g, "<commit> of <time>, fetched <time>")
      .replace(/ \/\S+\/data\n/, " <package>/data\n");
    expect(golden("sources.txt", text).actual).toBe(golden("sources.txt", text).expected);
  });

  it("fetches a team glossary from Git (a branch, a folder) and serves it where the config lists it", async () => {
    const root = tempFolder("glossary-team-");
    const team = makeMirror(root, "team", {
      "README.md": "# team\n",
      "glossary/en-us/glossary/team_term/index.md": "---\ntitle: Team term\nslug: Glossary/Team_term\n---\n\nA word our team uses.\n",
    });
    const env = withConfig(`[mdn]\nlocales = ["en-US"]\n[[sources]]\ngit = "${team.url}"\nbranch = "main"\nfolder = "glossary"\n`);
    const { content, translated } = mdnMirrors(tempFolder("glossary-mirrors-"));
    const update = await runAsync(["update"], { ...env, GLOSSARY_MDN_CONTENT_REPO: content.url, GLOSSARY_MDN_TRANSLATED_REPO: translated.url });
    expect(update.stderr).toBe("");
    expect(update.stdout.split("\n").filter(Boolean)).toEqual([
      expect.stringMatching(/^updated en-US from file:.*content\.git: /),
      expect.stringMatching(new RegExp(`^updated glossary from ${team.url} \\(main\\): [0-9a-f]{12} \\(.{10}\\), 1 page,`)),
    ]);
    expect((await runAsync(["team", "term", "--short"], env)).stdout).toBe("A word our team uses.\n");
    const sources = JSON.parse((await runAsync(["sources", "--json"], env)).stdout) as Array<{ kind: string; remote: string | null; licence: string | null }>;
    expect(sources.map((source) => source.kind)).toEqual(["git", "mdn", "bundled"]);
    expect(sources[0]).toMatchObject({ remote: team.url, licence: null });
    writeFiles(team.work, { "glossary/en-us/glossary/team_term/index.md": "---\ntitle: Team term\nslug: Glossary/Team_term\n---\n\nA word our whole team uses.\n" });
    team.commit("reworded");
    expect((await runAsync(["update"], { ...env, GLOSSARY_MDN_CONTENT_REPO: content.url, GLOSSARY_MDN_TRANSLATED_REPO: translated.url })).status).toBe(0);
    expect((await runAsync(["team", "term", "--short"], env)).stdout).toBe("A word our whole team uses.\n");

    // Taken out of the config file, it is forgotten at the next update: its clone and pages go.
    fs.writeFileSync(path.join(env["XDG_CONFIG_HOME"]!, "glossary", "config.toml"), '[mdn]\nlocales = ["en-US"]\n');
    expect((await runAsync(["update"], { ...env, GLOSSARY_MDN_CONTENT_REPO: content.url, GLOSSARY_MDN_TRANSLATED_REPO: translated.url })).status).toBe(0);
    const data = path.join(env["XDG_DATA_HOME"]!, "glossary");
    expect([...fs.readdirSync(path.join(data, "repos")), ...fs.readdirSync(path.join(data, "served"))].sort()).toEqual(["mdn-content", "mdn-content-a"]);
    expect((await runAsync(["team", "term"], env)).status).toBe(1);
  });
});
