import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readEverydayLine } from "../../src/startup/arguments.js";
import { COMMAND_NAMES, type CommonOptions, type EverydayLine } from "../../src/cli/options.js";
import { type ProgramContext, buildProgram } from "../../src/cli/program.js";

/** What commander makes of a command line: the command's words and options, if it ran a lookup or a search. */
async function commanderReads(argv: readonly string[]): Promise<EverydayLine | null> {
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
  if (!options) return null;
  const search = program.commands.find((command) => command.name() === "search")!;
  const ran = search.processedArgs.length > 0 ? search : program;
  const words = ran.processedArgs[0] as string[] | undefined;
  if (!words) return null;
  const { limit, ...global } = options as CommonOptions & { limit?: number };
  return { command: ran === search ? "search" : "show", words, options: global, commandOptions: ran === search ? { limit } : {} };
}

describe("readEverydayLine", () => {
  it("reads the everyday lookups", () => {
    expect(readEverydayLine(["closure"])).toEqual({ command: "show", words: ["closure"], options: { bundled: true, pager: true }, commandOptions: {} });
    expect(readEverydayLine(["--lang", "fr", "callback", "function", "-j", "--width=60", "-s", "a", "--source", "b"])).toEqual({
      command: "show",
      words: ["callback", "function"],
      options: { bundled: true, pager: true, lang: "fr", json: true, width: 60, source: ["a", "b"] },
      commandOptions: {},
    });
    expect(readEverydayLine(["closure", "--no-bundled", "--no-pager", "--color", "never", "-f", "ansi", "--short", "-v"])?.options).toEqual({
      bundled: false,
      pager: false,
      color: "never",
      format: "ansi",
      short: true,
      verbose: true,
    });
  });
  it("reads searches", () => {
    expect(readEverydayLine(["search", "-n", "5", "same", "origin", "--json"])).toEqual({
      command: "search",
      words: ["same", "origin"],
      options: { bundled: true, pager: true, json: true },
      commandOptions: { limit: 5 },
    });
    expect(readEverydayLine(["search", "list"])?.commandOptions).toEqual({ limit: 20 });
  });
  it("leaves everything else to commander", () => {
    for (const argv of [[], ["search"], ["-n", "5", "search", "closure"], ["search", "-n", "0", "x"], ["list"], ["related", "dom"], ["help"], ["--help"], ["-V"], ["closure", "--unknown"], ["--", "-x"], ["-jv", "dom"], ["--width", "5", "dom"], ["--format", "svg", "dom"], ["--json=yes", "dom"], ["--lang"], ["--lang", "--json", "dom"]]) {
      expect(readEverydayLine(argv), argv.join(" ")).toBeNull();
    }
  });
  it("reads a command line exactly as commander does whenever it reads it at all", async () => {
    const token = fc.constantFrom(
      "closure", "asynchrone", "call back", "", "-", "--", "fr", "60", "x", "list", "search", "show", "help", "__complete",
      "--lang", "-l", "--lang=fr", "--lang=", "--source", "-s", "--source=/tmp", "--no-bundled", "--bundled", "--format", "-f", "--format=json",
      "--format=bogus", "ansi", "--json", "-j", "--json=1", "--short", "-w", "--width", "--width=5", "--width=60", "--color", "--color=always",
      "--color=sometimes", "always", "--no-pager", "--pager", "-v", "--verbose", "-jv", "-lfr", "--help", "-h", "-V", "--version", "--unknown",
      "search", "search", "-n", "--limit", "--limit=3", "3", "0", "-n5", "-d",
    );
    let read = 0;
    let searches = 0;
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.array(token, { maxLength: 7 }), fc.array(token, { maxLength: 6 }).map((rest) => ["search", ...rest])), async (argv) => {
        const quick = readEverydayLine(argv);
        if (quick === null) return;
        read++;
        if (quick.command === "search") searches++;
        expect(await commanderReads(argv), argv.join(" ")).toEqual(quick);
      }),
      { numRuns: 1500 },
    );
    expect(read).toBeGreaterThan(80); // about 150 of the 1,500 lines are lookups or searches
    expect(searches).toBeGreaterThan(40);
  });
  it("knows every command commander has", () => {
    const program = buildProgram({ writeOut: () => {}, writeErr: () => {} } as unknown as ProgramContext, "0.0.0-test");
    expect(new Set([...program.commands.map((command) => command.name()), "help"])).toEqual(COMMAND_NAMES);
  });
});
