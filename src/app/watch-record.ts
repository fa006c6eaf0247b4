// The record of a source's background watch (`watch.json` in the source's cache folder): which process keeps
// the source's index fresh, for which program build, and when it last finished a check; read by the
// commands that start such a watch (see background-watch.ts), and kept by the watch itself.

import fs from "node:fs";
import path from "node:path";
import { errorCode } from "../errors.js";
import type { GlossaryIndex } from "../index/reader.js";
import { WATCH_COMMAND } from "../types.js";
import { BUILD_ID } from "../version.js";
import { readOptionalFile } from "./optional-file.js";

/** The record's file in a source's cache folder. */
export const WATCH_RECORD_FILE = "watch.json";

export interface WatchRecord {
  /** The watching process. */
  pid: number;
  /** The program build whose index it keeps ({@link BUILD_ID}). */
  program: string;
  /** When the watch began (ms since the epoch). */
  started: number;
  /** When it last finished a check of the source (ms since the epoch); null before its first. */
  checked: number | null;
}

/**
 * A record left by a watch that ended within this time of its start (ms), one that failed (it removes its
 * record when it ends otherwise), keeps commands from starting another until then: a watch that cannot
 * run is not started again by every lookup.
 */
export const RETRY_MS = 10 * 60_000;

/** The record's file for the source whose cache folder is `home`. */
export function watchRecordFile(home: string): string {
  return path.join(home, WATCH_RECORD_FILE);
}

/** The record of a source's watch; null when there is none, or it cannot be read. */
export function readWatchRecord(home: string): WatchRecord | null {
  return readRecordFile(watchRecordFile(home));
}

function readRecordFile(file: string): WatchRecord | null {
  let value: unknown;
  try {
    const text = readOptionalFile(file);
    if (text === null) return null;
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== "object" || value === null) return null;
  const { pid, program, started, checked } = value as Record<string, unknown>;
  if (!Number.isInteger(pid) || (pid as number) <= 0 || typeof program !== "string" || typeof started !== "number") return null;
  if (checked !== null && typeof checked !== "number") return null;
  return { pid: pid as number, program, started, checked };
}

/**
 * Whether a process is a running background watch. Running: it can be signalled, or it is another user's
 * (it cannot be, but it is there). A watch: where the system shows command lines (Linux's /proc), its
 * command line holds {@link WATCH_COMMAND}. That tells apart a process that took the pid of a watch that
 * was killed, or that ran when the machine stopped (its record left behind), and an ended process nothing
 * has waited for yet (a zombie, where orphans are not reaped: its command line reads empty).
 */
export function isWatchRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if (errorCode(error) !== "EPERM") return false;
  }
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").includes(WATCH_COMMAND);
  } catch {
    // Not shown here (another system, or not allowed): running, as far as can be told.
    return true;
  }
}

/**
 * A record marked used or written within this time (ms) is taken as that of a watch still running,
 * without reading it: most commands pay one `stat` (a watch that ends removes its record, or leaves it for
 * {@link RETRY_MS} when it failed).
 */
export const RECENT_USE_MS = 60_000;

/**
 * Whether a command should start no watch of the source whose cache folder is `home`: its record was marked
 * used within {@link RECENT_USE_MS}; or a watch of this program build runs, which is marked used (its
 * record's time set to now, which keeps it running: see background-watch.ts); or one ended less than
 * {@link RETRY_MS} after it started, leaving its record (it failed, and is not started again before then);
 * or the cache folder cannot be written (no watch could keep its record there).
 */
export function needsNoWatch(home: string, program = BUILD_ID, now = Date.now()): boolean {
  const used = watchLastUsed(home);
  if (used !== null && used <= now && now - used < RECENT_USE_MS) return true;
  const record = readWatchRecord(home);
  if (record === null || record.program !== program) return !writable(home);
  if (!isWatchRunning(record.pid)) return now - record.started < RETRY_MS || !writable(home);
  try {
    const used = new Date(now);
    fs.utimesSync(watchRecordFile(home), used, used);
    return true;
  } catch {
    return false;
  }
}

function writable(folder: string): boolean {
  try {
    fs.accessSync(folder, fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The source folders of a glossary's layers (the bundled entries left out) of at least `pages` entries that
 * no running watch keeps fresh (nor one that failed lately: see {@link needsNoWatch}); those that one
 * does are marked used. `home` names a source's cache folder from its real path (a cached index's root).
 */
export function sourcesToWatch(layers: ReadonlyArray<{ index: GlossaryIndex; label: string }>, home: (real: string) => string, pages: number, program = BUILD_ID): Array<{ folder: string; home: string }> {
  const unwatched: Array<{ folder: string; home: string }> = [];
  for (const { index, label } of layers) {
    if (label === "bundled" || index.size < pages) continue;
    const cacheFolder = home(index.root);
    if (!needsNoWatch(cacheFolder, program)) unwatched.push({ folder: label, home: cacheFolder });
  }
  return unwatched;
}

/**
 * Claims the record of the source whose cache folder is `home` for a watch just started, process `pid`,
 * by the command that started it: commands find it there at once, and a watch that ends before it could
 * claim the record itself is not started again before {@link RETRY_MS}. False when it cannot be claimed.
 */
export function claimForWatch(home: string, pid: number, program = BUILD_ID): boolean {
  try {
    return claimWatch(home, { pid, program, started: Date.now(), checked: null });
  } catch {
    return false;
  }
}

/**
 * Makes this process (`record.pid`) the watch of the source whose cache folder is `home`: its record is
 * written under a name of its own and linked into place, which fails when a record is there already. One
 * naming this process (claimed for it by the command that started it) is written again as its own; one of
 * a process no longer running, or of another program build, is replaced; false when a running watch of
 * this build holds it, or another process claims it meanwhile.
 */
export function claimWatch(home: string, record: WatchRecord): boolean {
  fs.mkdirSync(home, { recursive: true });
  const file = watchRecordFile(home);
  const mine = `${file}.${record.pid}.tmp`;
  fs.writeFileSync(mine, JSON.stringify(record));
  try {
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        fs.linkSync(mine, file);
        return true;
      } catch (error) {
        if (errorCode(error) !== "EEXIST") throw error;
      }
      const held = readWatchRecord(home);
      if (held !== null && held.pid === record.pid) return updateWatch(home, record);
      if (held !== null && held.program === record.program && isWatchRunning(held.pid)) return false;
      // Moved aside under a name of this process's before it is removed: when what was moved is no longer
      // what was read, another process claimed the record meanwhile, and it is put back.
      const aside = `${file}.${record.pid}.stale`;
      try {
        fs.renameSync(file, aside);
      } catch (error) {
        if (errorCode(error) === "ENOENT") continue;
        throw error;
      }
      const moved = readRecordFile(aside);
      if (JSON.stringify(moved) !== JSON.stringify(held)) {
        try {
          fs.linkSync(aside, file);
        } catch {
          // Claimed again by yet another: that one holds it.
        }
        fs.rmSync(aside, { force: true });
        return false;
      }
      fs.rmSync(aside, { force: true });
    }
    return false;
  } finally {
    fs.rmSync(mine, { force: true });
  }
}

/**
 * Writes the record again (a check finished), unless another process holds it now: false then, and the
 * watch should end. With `keepUseTime`, its time stays what it was (the check was no use of the watch).
 */
export function updateWatch(home: string, record: WatchRecord, keepUseTime = false): boolean {
  if (readWatchRecord(home)?.pid !== record.pid) return false;
  const file = watchRecordFile(home);
  const mine = `${file}.${record.pid}.tmp`;
  try {
    const used = keepUseTime ? watchLastUsed(home) : null;
    fs.writeFileSync(mine, JSON.stringify(record));
    if (used !== null) fs.utimesSync(mine, new Date(used), new Date(used));
    fs.renameSync(mine, file);
    return true;
  } catch {
    fs.rmSync(mine, { force: true });
    return readWatchRecord(home)?.pid === record.pid;
  }
}

/** Removes the record if it is this process's (`pid`). */
export function releaseWatch(home: string, pid: number): void {
  if (readWatchRecord(home)?.pid === pid) fs.rmSync(watchRecordFile(home), { force: true });
}

/** When the record was last written or marked used (ms since the epoch); null when it is gone. */
export function watchLastUsed(home: string): number | null {
  try {
    return fs.statSync(watchRecordFile(home)).mtimeMs;
  } catch {
    return null;
  }
}
