// Tests of the times an index records of files and folders: one read too soon after a change is recorded as unknown.
import { describe, expect, it } from "vitest";
import { UNKNOWN_TIME, recordedTime } from "../../src/sources/file-times.js";

describe("recordedTime", () => {
  const since = 1_800_000_000_123.456;

  it("keeps a sub-second time older than a step of the file system's clock, and records none within a step or after", () => {
    expect(recordedTime(since - 25.5, since)).toBe(since - 25.5);
    expect(recordedTime(since - 19.9, since)).toBe(UNKNOWN_TIME);
    expect(recordedTime(since - 0.001, since)).toBe(UNKNOWN_TIME);
    // Changed while read, or a time in the future (a clock set wrong): read again at each check.
    expect(recordedTime(since + 3.1, since)).toBe(UNKNOWN_TIME);
    expect(recordedTime(since + 86_400_000.5, since)).toBe(UNKNOWN_TIME);
  });

  it("allows two seconds to file systems that keep whole seconds", () => {
    expect(recordedTime(1_799_999_999_000, since)).toBe(UNKNOWN_TIME);
    expect(recordedTime(1_799_999_998_000, since)).toBe(1_799_999_998_000);
  });

  it("never takes the unknown time for a file's", () => {
    expect(recordedTime(UNKNOWN_TIME, since)).toBe(UNKNOWN_TIME);
    expect(UNKNOWN_TIME).toBeLessThan(0);
  });
});
