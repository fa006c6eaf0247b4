// Test runner configuration: unit tests mirror src/, CLI tests spawn the built binary.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    // Timeouts only detect a hang: no test may depend on how busy the machine is (a 2-core machine running
    // the whole suite beside other work takes many times longer than an idle one).
    testTimeout: 600_000,
    hookTimeout: 600_000,
    pool: "forks",
    // Temporary folders below one folder of the run, removed when it ends.
    globalSetup: ["tests/global-setup.ts"],
  },
});
