// Tests of laying out with regular expressions compiled at once: V8's flags are set for the work alone.
import vm from "node:vm";
import { describe, expect, it } from "vitest";
import { hasRegexpFlag, withNativeRegexps } from "../../src/app/native-regexps.js";

let probes = 0;

/**
 * A script's code cache made now, and whether V8 takes it under the flags it runs with when asked (each time
 * under a new file name, so that V8's in-memory cache of compiled scripts does not answer instead).
 */
function codeCacheProbe(): () => boolean {
  const source = "(function () { return /a+b/.exec('aab') !== null; })";
  const script = new vm.Script(source, { filename: `probe-${probes++}.js` });
  (script.runInThisContext() as () => boolean)();
  const cachedData = script.createCachedData();
  return () => new vm.Script(source, { filename: `probe-${probes++}.js`, cachedData }).cachedDataRejected !== true;
}

describe("withNativeRegexps", () => {
  it("returns the work's result, sets V8's flag during the work only (code caches refused then, taken again after)", () => {
    const accepted = codeCacheProbe();
    expect(accepted()).toBe(true);
    expect(withNativeRegexps(() => [accepted(), /x(?=y)/.test("xy")])).toEqual([false, true]);
    expect(accepted()).toBe(true);
  });

  it("puts V8's default back when the work throws", () => {
    const accepted = codeCacheProbe();
    expect(() => withNativeRegexps(() => { throw new Error("failed"); })).toThrow("failed");
    expect(accepted()).toBe(true);
  });

  it("tells a process started with a regular-expression flag of its own, whose flags it leaves alone", () => {
    expect(hasRegexpFlag([], undefined)).toBe(false);
    expect(hasRegexpFlag(["--max-old-space-size=100"], "--enable-source-maps")).toBe(false);
    expect(hasRegexpFlag(["--regexp-tier-up"], undefined)).toBe(true);
    expect(hasRegexpFlag([], "--no-regexp-tier-up --enable-source-maps")).toBe(true);
  });
});
