// Tests of the record of a background watch (app/watch-record.ts): reading it, claiming it (once, over a
// stopped or other build's watch), keeping and releasing it, and which sources a command finds unwatched.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { GlossaryIndex } from "../../src/index/reader.js";
import {
  type WatchRecord,
  claimWatch,
  isWatchRunning,
  readWatchRecord,
  releaseWatch,
  sourcesToWatch,
  RETRY_MS,
  claimForWatch,
  needsNoWatch,
  updateWatch,
  watchLastUsed,
  watchRecordFile,
} from "../../src/app/watch-record.js";
import { SHOWS_COMMAND_LINES, tempFolder, watchLikeProcess } from "../helpers.js";

/** The pid of a process that has ended. */
function endedPid(): number {
  const child = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
  return Number(child.stdout);
}

const record = (pid: number, program = "build-a"): WatchRecord => ({ pid, program, started: 1, checked: null });

/** A running process taken for a watch, holding records. (This process runs too, but is no watch.) */
let watch: ReturnType<typeof watchLikeProcess>;
beforeAll(() => {
  watch = watchLikeProcess();
});
afterAll(() => watch.stop());

describe("the record of a background watch", () => {
  it("reads as none when missing or damaged, and as written otherwise", () => {
    const home = tempFolder("glossary-watch-record-");
    expect(readWatchRecord(home)).toBeNull();
    for (const damaged of ["", "{", "[]", '{"pid":"1","program":"a","started":1,"checked":null}', '{"pid":0,"program":"a","started":1,"checked":null}', '{"pid":5,"program":"a","started":1,"checked":"x"}']) {
      fs.writeFileSync(watchRecordFile(home), damaged);
      expect(readWatchRecord(home)).toBeNull();
    }
    fs.writeFileSync(watchRecordFile(home), JSON.stringify({ pid: 5, program: "a", started: 1, checked: 2 }));
    expect(readWatchRecord(home)).toEqual({ pid: 5, program: "a", started: 1, checked: 2 });
  });

  it("tells a running watch from a process that has ended, and from a running process that is no watch", () => {
    expect(isWatchRunning(watch.pid)).toBe(true);
    expect(isWatchRunning(endedPid())).toBe(false);
    expect(isWatchRunning(process.pid)).toBe(!SHOWS_COMMAND_LINES);
  });

  it("is claimed once; a stopped watch's, or another program build's, is taken over", () => {
    const home = path.join(tempFolder("glossary-watch-claim-"), "sources", "abc");
    expect(claimWatch(home, record(watch.pid))).toBe(true);
    // A second claim while that watch runs, of the same build, fails, and leaves the record as it was.
    expect(claimWatch(home, record(process.ppid))).toBe(false);
    expect(readWatchRecord(home)?.pid).toBe(watch.pid);
    expect(claimWatch(home, record(process.ppid, "build-b"))).toBe(true);
    expect(readWatchRecord(home)).toEqual(record(process.ppid, "build-b"));
    fs.writeFileSync(watchRecordFile(home), JSON.stringify(record(endedPid())));
    expect(claimWatch(home, record(process.pid))).toBe(true);
    expect(readWatchRecord(home)?.pid).toBe(process.pid);
    // Its pid taken by a process that is no watch (this one, for the test): a stopped watch's as well.
    if (SHOWS_COMMAND_LINES) {
      expect(claimWatch(home, record(process.ppid))).toBe(true);
      expect(readWatchRecord(home)?.pid).toBe(process.ppid);
    }
    // Nothing of the claims is left beside it.
    expect(fs.readdirSync(home)).toEqual(["watch.json"]);
  });

  it("is claimed for a watch by the command that starts it, and taken as its own by that watch", () => {
    const home = tempFolder("glossary-watch-claim-for-");
    expect(claimForWatch(home, watch.pid, "build-a")).toBe(true);
    expect(readWatchRecord(home)).toMatchObject({ pid: watch.pid, program: "build-a", checked: null });
    expect(claimWatch(home, { ...record(watch.pid), started: 5 })).toBe(true);
    expect(readWatchRecord(home)).toEqual({ ...record(watch.pid), started: 5 });
    // Another command finds it claimed.
    expect(claimForWatch(home, process.ppid, "build-a")).toBe(false);
  });

  it("is left to another process that claims it while a stopped watch's is being replaced", () => {
    const home = tempFolder("glossary-watch-claim-race-");
    fs.writeFileSync(watchRecordFile(home), JSON.stringify(record(endedPid())));
    const other = record(process.ppid);
    const realRename = fs.renameSync;
    // Between reading the stopped watch's record and moving it aside, another process claims the record.
    const spy = vi.spyOn(fs, "renameSync").mockImplementation((from, to) => {
      if (from === watchRecordFile(home)) fs.writeFileSync(watchRecordFile(home), JSON.stringify(other));
      realRename(from, to);
    });
    try {
      expect(claimWatch(home, record(process.pid))).toBe(false);
    } finally {
      spy.mockRestore();
    }
    expect(readWatchRecord(home)).toEqual(other);
    expect(fs.readdirSync(home)).toEqual(["watch.json"]);
  });

  it("is written again by its watch, and removed only by it", () => {
    const home = tempFolder("glossary-watch-update-");
    claimWatch(home, record(process.pid));
    expect(updateWatch(home, { ...record(process.pid), checked: 42 })).toBe(true);
    expect(readWatchRecord(home)?.checked).toBe(42);
    releaseWatch(home, process.ppid);
    expect(readWatchRecord(home)?.pid).toBe(process.pid);
    // Taken over by another: the first watch can no longer write it, and should end.
    fs.writeFileSync(watchRecordFile(home), JSON.stringify(record(process.ppid)));
    expect(updateWatch(home, { ...record(process.pid), checked: 43 })).toBe(false);
    expect(readWatchRecord(home)?.pid).toBe(process.ppid);
    releaseWatch(home, process.ppid);
    expect(readWatchRecord(home)).toBeNull();
    expect(watchLastUsed(home)).toBeNull();
  });

  it("is marked used by a command that finds its watch running, and not otherwise", () => {
    const home = tempFolder("glossary-watch-touch-");
    expect(needsNoWatch(home, "build-a")).toBe(false);
    fs.writeFileSync(watchRecordFile(home), "{");
    fs.utimesSync(watchRecordFile(home), new Date(0), new Date(0));
    expect(needsNoWatch(home, "build-a")).toBe(false);
    claimWatch(home, record(watch.pid));
    // A whole second: a time in milliseconds may not come back from the file system exactly.
    const past = new Date(Math.floor(Date.now() / 1000) * 1000 - 3_600_000);
    fs.utimesSync(watchRecordFile(home), past, past);
    expect(needsNoWatch(home, "build-b")).toBe(false);
    expect(watchLastUsed(home)).toBe(past.getTime());
    expect(needsNoWatch(home, "build-a")).toBe(true);
    expect(watchLastUsed(home)!).toBeGreaterThan(past.getTime());
    // A record marked used within the last minute is taken as its running watch's, without reading it.
    fs.writeFileSync(watchRecordFile(home), JSON.stringify(record(endedPid())));
    expect(needsNoWatch(home, "build-a")).toBe(true);
    fs.utimesSync(watchRecordFile(home), past, past);
    expect(needsNoWatch(home, "build-a")).toBe(false);
    // Nor when its pid is a running process's that is no watch (after a restart, say).
    fs.writeFileSync(watchRecordFile(home), JSON.stringify(record(process.pid)));
    fs.utimesSync(watchRecordFile(home), past, past);
    expect(needsNoWatch(home, "build-a")).toBe(!SHOWS_COMMAND_LINES);
  });

  it("left by a watch that ended soon after it started (it failed), keeps commands from starting another for a while", () => {
    const home = tempFolder("glossary-watch-failed-");
    const now = 1_000_000_000;
    fs.writeFileSync(watchRecordFile(home), JSON.stringify({ ...record(endedPid()), started: now - 1000 }));
    expect(needsNoWatch(home, "build-a", now)).toBe(true);
    expect(needsNoWatch(home, "build-a", now - 1000 + RETRY_MS + 1)).toBe(false);
    // Another build's: this build starts its own.
    expect(needsNoWatch(home, "build-b", now)).toBe(false);
  });

  it("cannot be kept in a cache folder that cannot be written: no watch is started there", () => {
    const home = tempFolder("glossary-watch-read-only-");
    const realAccess = fs.accessSync;
    // As the system answers for a folder of another user (the tests may run as one allowed to write anywhere).
    const spy = vi.spyOn(fs, "accessSync").mockImplementation((file, mode) => {
      if (file === home) throw Object.assign(new Error(`EACCES: permission denied, access '${home}'`), { code: "EACCES" });
      realAccess(file, mode);
    });
    try {
      expect(needsNoWatch(home, "build-a")).toBe(true);
      fs.writeFileSync(watchRecordFile(home), JSON.stringify(record(endedPid())));
      fs.utimesSync(watchRecordFile(home), new Date(0), new Date(0));
      expect(needsNoWatch(home, "build-a")).toBe(true);
    } finally {
      spy.mockRestore();
    }
    expect(needsNoWatch(home, "build-a")).toBe(false);
  });
});

describe("the sources a command finds unwatched", () => {
  it("are those of at least the size asked that no running watch of this build keeps, the bundled entries left out", () => {
    const cache = tempFolder("glossary-watch-sources-");
    // Each source's cache folder, as its index made it.
    const home = (real: string): string => {
      const folder = path.join(cache, path.basename(real));
      fs.mkdirSync(folder, { recursive: true });
      return folder;
    };
    // Only the root and size of an index are asked.
    const layer = (root: string, size: number, label = root) => ({ index: { root, size } as GlossaryIndex, label });
    const layers = [layer("/big", 30), layer("/small", 10), layer("/watched", 40), layer("/data", 50, "bundled")];
    claimWatch(home("/watched"), record(watch.pid, "build-a"));
    // Not marked used lately: the record is read.
    const longAgo = (): void => fs.utimesSync(watchRecordFile(home("/watched")), new Date(0), new Date(0));
    longAgo();
    const folders = (pages: number, program: string) => sourcesToWatch(layers, home, pages, program).map(({ folder }) => folder);
    expect(folders(20, "build-a")).toEqual(["/big"]);
    longAgo();
    expect(folders(20, "build-b")).toEqual(["/big", "/watched"]);
    expect(sourcesToWatch(layers, home, 20, "build-b")[1]!.home).toBe(home("/watched"));
    expect(folders(5, "build-a")).toEqual(["/big", "/small"]);
  });
});
