// What a user set up outside a command line: the config file and the fetched sources read together, and the
// source folders and locale they give, in the command line's order.

import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { configuredLocale, expandHome, readUserSetup, sourceFolders, userSources } from "../../src/app/user-setup.js";
import { STATE_FILE, STATE_VERSION } from "../../src/app/data-home.js";
import type { FetchedSource } from "../../src/types.js";
import { tempFolder } from "../helpers.js";

const fetchedSource = (kind: "mdn" | "git", folder: string, remote = `file:///${kind}.git`): FetchedSource => ({
  kind,
  name: `${kind}-x`,
  remote,
  branch: kind === "git" ? "main" : null,
  folder: kind === "git" ? "glossary" : "files",
  locales: ["fr"],
  commit: "0".repeat(40),
  committed: "2026-01-01T00:00:00.000Z",
  updated: "2026-01-01T00:00:00.000Z",
  bytes: 1,
  seconds: 0,
  path: folder,
  licence: kind === "mdn" ? "CC-BY-SA 2.5, Mozilla Contributors" : null,
});

describe("expandHome and sourceFolders", () => {
  it("expand ~ and ~/ at the start as shells do, and nothing else", () => {
    const env = { HOME: "/home/u" };
    expect(expandHome("~", env)).toBe("/home/u");
    expect(expandHome("~/mdn/files", env)).toBe("/home/u/mdn/files");
    for (const folder of ["a/~/b", "/x~", "x"]) expect(expandHome(folder, env)).toBe(folder);
    expect(expandHome("~/x", {})).toBe("~/x");
    expect(sourceFolders(["~/a"], { HOME: "/home/u", GLOSSARY_PATH: "::~/b:/c:" }, ":")).toEqual(["/home/u/a", "/home/u/b", "/c"]);
  });
  it("expand ~name and ~name/ to that user's home folder from the user database, as shells do", () => {
    const passwd = path.join(tempFolder(), "passwd");
    fs.writeFileSync(passwd, "root:x:0:0:root:/root:/bin/sh\nana:x:1000:1000:Ana,,,:/home/ana:/bin/bash\nbroken line\n");
    const env = { HOME: "/home/u" };
    expect(expandHome("~ana", env, passwd)).toBe("/home/ana");
    expect(expandHome("~ana/mdn/files", env, passwd)).toBe("/home/ana/mdn/files");
    expect(expandHome("~root/x", env, passwd)).toBe("/root/x");
    // As shells leave them: an unknown user, and no user database.
    expect(expandHome("~nobody-here/x", env, passwd)).toBe("~nobody-here/x");
    expect(expandHome("~ana/x", env, path.join(tempFolder(), "missing"))).toBe("~ana/x");
  });
  it("puts --source before GLOSSARY_PATH and drops repeats", () => {
    expect(sourceFolders(["/a", "/b"], { GLOSSARY_PATH: "/c:/a::/d" }, ":")).toEqual(["/a", "/b", "/c", "/d"]);
  });
});

describe("readUserSetup and userSources", () => {
  it("read the config file and the record of fetched sources from the XDG folders, and order the sources as the command line does", async () => {
    const home = tempFolder("glossary-user-");
    const env = { HOME: home, XDG_CONFIG_HOME: path.join(home, "config"), XDG_DATA_HOME: path.join(home, "data") };
    expect(await readUserSetup(env)).toEqual({ config: null, data: path.join(home, "data", "glossary"), fetched: [], damaged: null });

    fs.mkdirSync(path.join(home, "config", "glossary"), { recursive: true });
    const team = fetchedSource("git", "/data/team", "https://example.com/team.git");
    const mdn = fetchedSource("mdn", "/data/mdn");
    fs.writeFileSync(
      path.join(home, "config", "glossary", "config.toml"),
      `lang = ["fr", "de"]\nbundled = false\n\n[[sources]]\npath = "~/configured"\n\n[[sources]]\ngit = "${team.remote}"\nbranch = "main"\nfolder = "glossary"\n`,
    );
    fs.mkdirSync(path.join(home, "data", "glossary"), { recursive: true });
    fs.writeFileSync(path.join(home, "data", "glossary", STATE_FILE), JSON.stringify({ version: STATE_VERSION, sources: [mdn, team] }));
    const setup = await readUserSetup(env);
    expect(setup.config?.bundled?.value).toBe(false);
    expect(setup.fetched).toEqual([mdn, team]);
    expect(setup.damaged).toBeNull();
    expect(userSources(["/flag"], { ...env, GLOSSARY_PATH: "/variable" }, setup.config, setup.fetched)).toEqual({
      sources: ["/flag", "/variable", path.join(home, "configured"), "/data/team"],
      fetched: [mdn],
    });
    expect(configuredLocale(undefined, env, setup.config)).toEqual({ locale: "fr", explicit: true, alternatives: ["de"] });
    expect(configuredLocale("en-US", env, setup.config)).toBeNull();
    expect(configuredLocale(undefined, { ...env, GLOSSARY_LANG: "ja" }, setup.config)).toBeNull();

    fs.writeFileSync(path.join(home, "data", "glossary", STATE_FILE), "{ damaged");
    expect((await readUserSetup(env)).damaged).toBe(`${STATE_FILE} is damaged; run glossary update to fetch the sources again`);
    fs.writeFileSync(path.join(home, "config", "glossary", "config.toml"), "width = []\n");
    await expect(readUserSetup(env)).rejects.toThrow(/config\.toml:1: width/);
  });
});
