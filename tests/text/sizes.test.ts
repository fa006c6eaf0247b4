// Sizes for people: bytes, then kB, MB, GB and TB in powers of 1,000, one decimal.

import { describe, expect, it } from "vitest";
import { formatBytes } from "../../src/text/sizes.js";

describe("formatBytes", () => {
  it("writes bytes below 1,000 as they are, and larger sizes with one decimal in the largest unit below them", () => {
    expect([0, 999, 1000, 1234567, 52_000_000, 3_400_000_000, 7_100_000_000_000].map(formatBytes)).toEqual(["0 B", "999 B", "1.0 kB", "1.2 MB", "52.0 MB", "3.4 GB", "7.1 TB"]);
  });
});
