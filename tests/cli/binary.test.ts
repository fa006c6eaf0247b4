import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { BIN, MDN_FIXTURE, cleanEnv, runCli, tempFolder } from "../helpers.js";

describe("the built binary, in a clean environment", () => {
  it("answers the headline lookup from the bundled entries", () => {
    const result = runCli(["asynchrone"]);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe("");
    expect(result.stdout.split("\n")[0]).toBe("Asynchrone");
    expect(result.stdout).toMatch(/Voir aussi\n\n- Synchrone/);
    expect(result.stdout).not.toMatch(/[\u001b{}]{2}|\u001b/);
  });
  it("shows the English entry with --lang en-US", () => {
    expect(runCli(["asynchrone", "--lang", "en-US"]).stdout.split("\n")[0]).toBe("Asynchronous");
  });
  it("follows LANG for a term every locale has", () => {
    expect(runCli(["closure"], { LANG: "fr_FR.UTF-8" }).stdout.split("\n")[0]).toBe("Fermeture");
    expect(runCli(["closure"], { LANG: "C" }).stdout.split("\n")[0]).toBe("Closure");
  });
  it("exits 1 with suggestions on a miss, 2 on a usage error", () => {
    const miss = runCli(["asynchronus"]);
    expect(miss).toMatchObject({ status: 1, stdout: "" });
    expect(miss.stderr).toMatch(/^glossary: no entry for "asynchronus"\nglossary: did you mean: Asynchronous/);
    const usage = runCli(["--format", "nope", "x"]);
    expect(usage.status).toBe(2);
    expect(usage.stderr).toMatch(/^glossary: /);
    expect(usage.stderr).not.toMatch(/\n\s+at /);
  });
  it("prints valid JSON", () => {
    const json = JSON.parse(runCli(["--json", "asynchrone"]).stdout);
    expect(json).toMatchObject({ title: "Asynchrone", locale: "fr", slug: "Glossary/Asynchronous" });
    expect(json.seeAlso.some((item: { slug: string | null }) => item.slug === "Glossary/Synchronous")).toBe(true);
  });
  it("reads a source folder given on the command line", () => {
    const result = runCli(["--no-bundled", "--source", MDN_FIXTURE, "noeud"]);
    expect(result.stdout.split("\n")[0]).toBe("Nœud");
  });
  it("writes plain text to a file or to /dev/null, which are not terminals", () => {
    const file = path.join(tempFolder(), "out.txt");
    const toFile = spawnSync("sh", ["-c", `"${process.execPath}" "${BIN}" asynchrone > "${file}" && "${process.execPath}" "${BIN}" asynchrone > /dev/null`], { env: cleanEnv(), encoding: "utf8" });
    expect(toFile).toMatchObject({ status: 0, stderr: "" });
    expect(fs.readFileSync(file, "utf8")).toBe(runCli(["asynchrone"]).stdout);
  });
  it.skipIf(!fs.existsSync("/dev/full"))("says in one line that it cannot write its output, and exits 74", () => {
    const full = spawnSync("sh", ["-c", `"${process.execPath}" "${BIN}" list > /dev/full`], { env: cleanEnv(), encoding: "utf8" });
    expect(full).toMatchObject({ status: 74, stderr: "glossary: cannot write to standard output: ENOSPC\n" });
    const quiet = spawnSync("sh", ["-c", `"${process.execPath}" "${BIN}" asynchronus 2> /dev/full`], { env: cleanEnv(), encoding: "utf8" });
    expect(quiet).toMatchObject({ status: 1, stdout: "" });
  });
  it("exits quietly when the reader closes the pipe early", () => {
    const result = spawnSync("sh", ["-c", `"${process.execPath}" "${BIN}" list | head -1`], { env: cleanEnv(), encoding: "utf8" });
    expect(result.stdout.split("\n").filter(Boolean)).toHaveLength(1);
    expect(result.stderr).toBe("");
  });
});
