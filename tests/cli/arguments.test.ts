import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readLookupLine } from "../../src/cli/arguments.js";
import { COMMAND_NAMES } from "../../src/cli/options.js";
import { type ProgramContext, buildProgram } from "../../src/cli/program.js";
import type { CommonOptions } from "../../src/cli/settings.js";

/** What commander makes of a command line: the root command's words and options, if it ran the lookup. */
async function commanderReads(argv: readonly string[]): Promise<{ words: string[]; options: CommonOptions } | null> {
  let options: CommonOptions | null = null;
  const stop = new Error("read");
  const context = {
    settings(read: CommonOptions) {
      options = read;
      throw stop;
    },
    writeOut: () => {},
    writeErr: () => {},
  } as unknown as ProgramContext;
  const program = buildProgram(context, "0.0.0-test");
  try {
    await program.parseAsync([...argv], { from: "user" });
  } catch (error) {
    if (error !== stop) return null;
  }
  const words = program.processedArgs[0] as string[] | undefined;
  return options && words ? { words, options: { ...(options as CommonOptions) } } : null;
}

describe("readLookupLine", () => {
  it("reads the everyday lookups", () => {
    expect(readLookupLine(["closure"])).toEqual({ words: ["closure"], options: { bundled: true, color: "auto", pager: true } });
    expect(readLookupLine(["--lang", "fr", "callback", "function", "-j", "--width=60", "-s", "a", "--source", "b"])).toEqual({
      words: ["callback", "function"],
      options: { bundled: true, color: "auto", pager: true, lang: "fr", json: true, width: 60, source: ["a", "b"] },
    });
    expect(readLookupLine(["closure", "--no-bundled", "--no-pager", "--color", "never", "-f", "ansi", "--short", "-v"])?.options).toEqual({
      bundled: false,
      pager: false,
      color: "never",
      format: "ansi",
      short: true,
      verbose: true,
    });
  });
  it("leaves everything else to commander", () => {
    for (const argv of [[], ["search", "closure"], ["help"], ["--help"], ["-V"], ["closure", "--unknown"], ["--", "-x"], ["-jv", "dom"], ["--width", "5", "dom"], ["--format", "svg", "dom"], ["--json=yes", "dom"], ["--lang"], ["--lang", "--json", "dom"]]) {
      expect(readLookupLine(argv), argv.join(" ")).toBeNull();
    }
  });
  it("reads a command line exactly as commander does whenever it reads it at all", async () => {
    const token = fc.constantFrom(
      "closure", "asynchrone", "call back", "", "-", "--", "fr", "60", "x", "list", "search", "show", "help", "__complete",
      "--lang", "-l", "--lang=fr", "--lang=", "--source", "-s", "--source=/tmp", "--no-bundled", "--bundled", "--format", "-f", "--format=json",
      "--format=bogus", "ansi", "--json", "-j", "--json=1", "--short", "-w", "--width", "--width=5", "--width=60", "--color", "--color=always",
      "--color=sometimes", "always", "--no-pager", "--pager", "-v", "--verbose", "-jv", "-lfr", "--help", "-h", "-V", "--version", "--unknown",
    );
    let read = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(token, { maxLength: 7 }), async (argv) => {
        const quick = readLookupLine(argv);
        if (quick === null) return;
        read++;
        expect(await commanderReads(argv), argv.join(" ")).toEqual(quick);
      }),
      { numRuns: 1500 },
    );
    expect(read).toBeGreaterThan(50); // about 110 of the 1,500 lines are lookups
  });
  it("knows every command commander has", () => {
    const program = buildProgram({ writeOut: () => {}, writeErr: () => {} } as unknown as ProgramContext, "0.0.0-test");
    expect(new Set([...program.commands.map((command) => command.name()), "help"])).toEqual(COMMAND_NAMES);
  });
});
