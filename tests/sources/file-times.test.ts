// Tests of the times an index records of files and folders: one read too soon after a change is recorded as unknown.
import { describe, expect, it } from "vitest";
import { UNKNOWN_TIME, recordedTime } from "../../src/sources/file-times.js";

describe("recordedTime", () => {
  const since = 1_800_000_000_123.456;
  const until = since + 500;

  it("keeps a time older than a step of the file system's clock, and records none for one within a step of the read or during it", () => {
    expect(recordedTime(since - 25.5, since, until)).toBe(since - 25.5);
    expect(recordedTime(since - 19.9, since, until)).toBe(UNKNOWN_TIME);
    expect(recordedTime(since - 0.001, since, until)).toBe(UNKNOWN_TIME);
    // Changed while read.
    expect(recordedTime(since + 3.1, since, until)).toBe(UNKNOWN_TIME);
    expect(recordedTime(until, since, until)).toBe(UNKNOWN_TIME);
  });

  it("keeps a time later than the read (a clock set ahead), which no change made now can give again", () => {
    expect(recordedTime(until + 86_400_000.5, since, until)).toBe(until + 86_400_000.5);
    expect(recordedTime(until + 5, since, until)).toBe(until + 5);
  });

  it("never takes the unknown time for a file's", () => {
    expect(recordedTime(UNKNOWN_TIME, since, until)).toBe(UNKNOWN_TIME);
    expect(UNKNOWN_TIME).toBeLessThan(0);
  });
});
