import { describe, expect, it } from "vitest";
import fs from "node:fs";
import { errorCode } from "../src/errors.js";

describe("errorCode", () => {
  it("gives a failed system call's code, and nothing for other errors", () => {
    let failed: unknown;
    try {
      fs.readFileSync("/no/such/folder/file");
    } catch (error) {
      failed = error;
    }
    expect(errorCode(failed)).toBe("ENOENT");
    expect(errorCode(new Error("plain"))).toBeUndefined();
    expect(errorCode("ENOENT")).toBeUndefined();
    expect(errorCode(null)).toBeUndefined();
  });
});
