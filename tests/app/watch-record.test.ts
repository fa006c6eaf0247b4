// Tests of the record of a background watch (app/watch-record.ts): reading it, claiming it (once, over a
// stopped or other build's watch), keeping and releasing it, and which sources a command finds unwatched.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { GlossaryIndex } from "../../src/index/reader.js";
import {
  type WatchRecord,
  claimWatch,
  isRunning,
  readWatchRecord,
  releaseWatch,
  sourcesToWatch,
  touchRunningWatch,
  updateWatch,
  watchLastUsed,
  watchRecordFile,
} from "../../src/app/watch-record.js";
import { tempFolder } from "../helpers.js";

/** The pid of a process that has ended. */
function endedPid(): number {
  const child = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
  return Number(child.stdout);
}

const record = (pid: number, program = "build-a"): WatchRecord => ({ pid, program, started: 1, checked: null });

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

  it("tells a running process from one that has ended", () => {
    expect(isRunning(process.pid)).toBe(true);
    expect(isRunning(endedPid())).toBe(false);
  });

  it("is claimed once; a stopped watch's, or another program build's, is taken over", () => {
    const home = path.join(tempFolder("glossary-watch-claim-"), "sources", "abc");
    expect(claimWatch(home, record(process.pid))).toBe(true);
    // A second claim by a running process of the same build fails, and leaves the record as it was.
    expect(claimWatch(home, record(process.ppid))).toBe(false);
    expect(readWatchRecord(home)?.pid).toBe(process.pid);
    expect(claimWatch(home, record(process.ppid, "build-b"))).toBe(true);
    expect(readWatchRecord(home)).toEqual(record(process.ppid, "build-b"));
    fs.writeFileSync(watchRecordFile(home), JSON.stringify(record(endedPid())));
    expect(claimWatch(home, record(process.pid))).toBe(true);
    expect(readWatchRecord(home)?.pid).toBe(process.pid);
    // Nothing of the claims is left beside it.
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
    expect(touchRunningWatch(home, "build-a")).toBe(false);
    claimWatch(home, record(process.pid));
    // A whole second: a time in milliseconds may not come back from the file system exactly.
    const past = new Date(Math.floor(Date.now() / 1000) * 1000 - 3_600_000);
    fs.utimesSync(watchRecordFile(home), past, past);
    expect(touchRunningWatch(home, "build-b")).toBe(false);
    expect(watchLastUsed(home)).toBe(past.getTime());
    expect(touchRunningWatch(home, "build-a")).toBe(true);
    expect(watchLastUsed(home)!).toBeGreaterThan(past.getTime());
    fs.writeFileSync(watchRecordFile(home), JSON.stringify(record(endedPid())));
    expect(touchRunningWatch(home, "build-a")).toBe(false);
  });
});

describe("the sources a command finds unwatched", () => {
  it("are those of at least the size asked that no running watch of this build keeps, the bundled entries left out", () => {
    const cache = tempFolder("glossary-watch-sources-");
    const home = (real: string): string => path.join(cache, path.basename(real));
    // Only the root and size of an index are asked.
    const layer = (root: string, size: number, label = root) => ({ index: { root, size } as GlossaryIndex, label });
    const layers = [layer("/big", 30), layer("/small", 10), layer("/watched", 40), layer("/data", 50, "bundled")];
    claimWatch(home("/watched"), record(process.pid, "build-a"));
    expect(sourcesToWatch(layers, home, 20, "build-a")).toEqual(["/big"]);
    expect(sourcesToWatch(layers, home, 20, "build-b")).toEqual(["/big", "/watched"]);
    expect(sourcesToWatch(layers, home, 5, "build-a")).toEqual(["/big", "/small"]);
  });
});
