// Whether the output may be a terminal: asked cheaply through /proc on Linux, through the descriptor
// otherwise, and never wrongly "no" for a terminal.

import fs from "node:fs";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it, vi } from "vitest";
import { mayBeTerminal } from "../../src/startup/terminal-probe.js";

afterEach(() => {
  vi.restoreAllMocks();
});

const characterDevice = (rdev: number) => ({ isCharacterDevice: () => true, rdev }) as unknown as fs.Stats;

describe.skipIf(process.platform !== "linux")("mayBeTerminal on Linux", () => {
  it("says no to pipes, sockets and /dev/null without asking the descriptor", () => {
    const fstat = vi.spyOn(fs, "fstatSync");
    for (const target of ["pipe:[1234]", "socket:[99]", "anon_inode:[eventfd]", "/dev/null"]) {
      vi.spyOn(fs, "readlinkSync").mockReturnValue(target);
      expect(mayBeTerminal(1), target).toBe(false);
    }
    expect(fstat).not.toHaveBeenCalled();
  });
  it("says maybe to devices in /dev", () => {
    vi.spyOn(fs, "readlinkSync").mockReturnValue("/dev/pts/3");
    expect(mayBeTerminal(1)).toBe(true);
  });
  it("asks the descriptor about anything else: a file, or a terminal device outside /dev", () => {
    vi.spyOn(fs, "readlinkSync").mockReturnValue("/tmp/private-pts/0");
    vi.spyOn(fs, "statSync").mockReturnValue(characterDevice(1) as never);
    const fstat = vi.spyOn(fs, "fstatSync").mockReturnValue(characterDevice(34816));
    expect(mayBeTerminal(1)).toBe(true);
    fstat.mockReturnValue({ isCharacterDevice: () => false, rdev: 0 } as unknown as fs.Stats);
    expect(mayBeTerminal(1)).toBe(false);
  });
  it("asks the descriptor when /proc cannot say", () => {
    vi.spyOn(fs, "readlinkSync").mockImplementation(() => {
      throw Object.assign(new Error("ENOENT"), { code: "ENOENT" });
    });
    vi.spyOn(fs, "statSync").mockReturnValue(characterDevice(259) as never);
    const fstat = vi.spyOn(fs, "fstatSync").mockReturnValue(characterDevice(34816));
    expect(mayBeTerminal(1)).toBe(true);
    fstat.mockReturnValue(characterDevice(259)); // /dev/null itself
    expect(mayBeTerminal(1)).toBe(false);
  });
});

describe("mayBeTerminal", () => {
  it("says no to a descriptor that is a file or closed", () => {
    const file = fs.openSync(fileURLToPath(import.meta.url), "r");
    try {
      expect(mayBeTerminal(file)).toBe(false);
    } finally {
      fs.closeSync(file);
    }
    expect(mayBeTerminal(987654)).toBe(false);
  });
});
