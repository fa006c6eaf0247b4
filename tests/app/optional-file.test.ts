// Tests of reading a file that may be missing.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readOptionalFile } from "../../src/app/optional-file.js";
import { tempFolder } from "../helpers.js";

describe("readOptionalFile", () => {
  it("reads a file, gives null when it or a folder above it is missing, and throws on any other failure", () => {
    const folder = tempFolder();
    const file = path.join(folder, "config.toml");
    fs.writeFileSync(file, "lang = \"fr\"\n");
    expect(readOptionalFile(file)).toBe("lang = \"fr\"\n");
    expect(readOptionalFile(path.join(folder, "missing.toml"))).toBeNull();
    expect(readOptionalFile(path.join(folder, "missing", "config.toml"))).toBeNull();
    expect(readOptionalFile(path.join(file, "below-a-file.toml"))).toBeNull();
    expect(() => readOptionalFile(folder)).toThrow(/EISDIR/);
    const pipe = path.join(folder, "pipe.toml");
    if (spawnSync("mkfifo", [pipe]).status === 0) expect(() => readOptionalFile(pipe)).toThrow(/ENOTREG/);
  });
});
