import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { manualPage, programDefinitions, roff } from "../../src/cli/manual.js";
import { ENVIRONMENT, EXIT_STATUS } from "../../src/cli/reference.js";
import { ROOT, cleanEnv, runCli } from "../helpers.js";

const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { version: string; man: string[] };
const MAN_FILE = path.join(ROOT, "man", "glossary.1");
const page = fs.readFileSync(MAN_FILE, "utf8");
const hasMan = spawnSync("man", ["--version"], { encoding: "utf8" }).status === 0;

describe("roff", () => {
  it("escapes backslashes and hyphens, and lines that would be requests", () => {
    expect(roff("a\\b --x")).toBe("a\\eb \\-\\-x");
    expect(roff(".TH not a request\n'neither")).toBe("\\&.TH not a request\n\\&'neither");
  });
});

describe("the man page", () => {
  it("is listed in package.json (an array: npm install --global links no man page named by a string) and up to date with the command definitions (npm run build writes it)", () => {
    expect(Array.isArray(pkg.man)).toBe(true);
    expect(pkg.man.map((file) => path.resolve(ROOT, file))).toEqual([MAN_FILE]);
    expect(page).toBe(manualPage(programDefinitions(pkg.version), pkg.version));
  });
  it("documents every command and option that --help shows, and the reference sections", () => {
    const help = runCli(["--help"]).stdout;
    const flags = [...help.matchAll(/(?<![\w-])(--?[a-z][\w-]*)/g)].map((m) => m[1]!).filter((flag) => !["-R", "-Tsvg"].includes(flag));
    expect(flags.length).toBeGreaterThan(20);
    for (const flag of new Set(flags)) expect(page, flag).toContain(roff(flag));
    const commands = [...help.slice(help.indexOf("Commands:"), help.indexOf("Examples:")).matchAll(/^ {2}(\w+)/gm)].map((m) => m[1]!);
    expect(commands).toEqual(["show", "list", "search", "related", "langs", "index", "lint", "update", "sources", "config", "completion", "help"]);
    for (const command of commands) {
      expect(page, command).toContain(`\\fB${command}\\fR`);
      const subHelp = runCli([command, "--help"]).stdout;
      for (const [, flag] of subHelp.matchAll(/^ {2}(?:-\w, )?(--[\w-]+)/gm)) expect(page, `${command} ${flag}`).toContain(roff(flag!));
    }
    for (const section of ["SYNOPSIS", "DESCRIPTION", "COMMANDS", "OPTIONS", "FORMATS", "ENVIRONMENT", "FILES", "EXIT STATUS", "EXAMPLES"]) {
      expect(page).toContain(`.SH ${section}`);
    }
    for (const [name] of [...ENVIRONMENT, ...EXIT_STATUS]) expect(page).toContain(roff(name));
  });
  // In a clean environment: a LANG naming a locale the system lacks makes man warn on stderr, and MANOPT,
  // MANROFFOPT or MANPATH of the user's would change what it prints.
  it.skipIf(!hasMan)("renders with man -l", () => {
    const result = spawnSync("man", ["-l", MAN_FILE], { encoding: "utf8", env: cleanEnv({ MANWIDTH: "80", PAGER: "cat", MANPAGER: "cat" }) });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const text = result.stdout.replace(/.\u0008/g, "");
    expect(text).toMatch(/^GLOSSARY\(1\) +User Commands +GLOSSARY\(1\)/);
    for (const heading of ["NAME", "SYNOPSIS", "EXIT STATUS", "ENVIRONMENT"]) expect(text).toMatch(new RegExp(`^${heading}$`, "m"));
    expect(text).toContain("GLOSSARY_PAGER");
    expect(text).toContain("glossary completion shell");
    expect(Math.max(...text.split("\n").map((line) => line.length))).toBeLessThanOrEqual(80);
  });
});
