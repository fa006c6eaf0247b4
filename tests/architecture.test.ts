// The layout's rules, read from the code's own imports: no cycle, every import runs down the pipeline,
// the library never reaches the command line, and nothing but start-up itself imports start-up.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "./helpers.js";

const SRC = path.join(ROOT, "src");

/**
 * The layers from the top down: a module imports only from its own layer or the ones above it. Types,
 * errors, the version and text utilities are shared by all.
 */
const LAYERS: ReadonlyArray<readonly [name: string, member: (file: string) => boolean]> = [
  ["shared", (f) => ["types.ts", "errors.ts", "version.ts"].includes(f) || f.startsWith("text/")],
  ["sources", (f) => f.startsWith("sources/")],
  ["markup", (f) => f.startsWith("markup/")],
  ["index", (f) => f.startsWith("index/")],
  ["query", (f) => f.startsWith("query/")],
  ["render", (f) => f.startsWith("render/")],
  ["app", (f) => f.startsWith("app/")],
  ["output", (f) => f.startsWith("output/")],
  ["cli", (f) => f.startsWith("cli/")],
  ["startup", (f) => f.startsWith("startup/")],
  ["library", (f) => f === "library.ts"],
];

const IMPORT = /(?:^|[;\s])(?:import|export)\s[^'"]*?from\s*['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)|^import\s+['"](\.[^'"]+)['"]/gm;

function sourceFiles(folder = SRC): string[] {
  return fs.readdirSync(folder, { withFileTypes: true }).flatMap((item) => {
    const file = path.join(folder, item.name);
    if (item.isDirectory()) return sourceFiles(file);
    return /\.(ts|cjs)$/.test(item.name) && !item.name.endsWith(".d.ts") ? [path.relative(SRC, file).split(path.sep).join("/")] : [];
  });
}

/** Each module's imports of other src/ modules, as paths relative to src/. */
export function importGraph(files: readonly string[], read: (file: string) => string): Map<string, Set<string>> {
  const known = new Set(files);
  const graph = new Map<string, Set<string>>();
  for (const file of files) {
    const targets = new Set<string>();
    for (const match of read(file).matchAll(IMPORT)) {
      const specifier = match[1] ?? match[2] ?? match[3]!;
      const joined = path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
      const target = [joined, joined.replace(/\.js$/, ".ts"), `${joined}.ts`, `${joined}/index.ts`].find((candidate) => known.has(candidate));
      if (target !== undefined) targets.add(target);
    }
    graph.set(file, targets);
  }
  return graph;
}

/** The strongly connected groups of more than one module (or a module importing itself): Tarjan's algorithm. */
export function cyclesOf(graph: ReadonlyMap<string, ReadonlySet<string>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, index.get(next)!));
    }
    if (low.get(node) === index.get(node)) {
      const group: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        group.push(member);
      } while (member !== node);
      if (group.length > 1 || graph.get(node)?.has(node)) cycles.push(group.sort());
    }
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return cycles;
}

/** The layer of a module (its place in {@link LAYERS}), or -1 for a module in none. */
export function layerOf(file: string): number {
  return LAYERS.findIndex(([, member]) => member(file));
}

/** Every import against the layering: from a module to one in a layer below its own. */
export function importsAgainstLayers(graph: ReadonlyMap<string, ReadonlySet<string>>): string[] {
  const problems: string[] = [];
  for (const [file, targets] of graph) {
    for (const target of targets) {
      if (layerOf(target) > layerOf(file)) problems.push(`${file} (${LAYERS[layerOf(file)]?.[0]}) imports ${target} (${LAYERS[layerOf(target)]?.[0]})`);
    }
  }
  return problems.sort();
}

/** The modules a module reaches through its imports. */
function reachable(graph: ReadonlyMap<string, ReadonlySet<string>>, from: string): Set<string> {
  const seen = new Set<string>();
  const pending = [from];
  while (pending.length > 0) {
    for (const next of graph.get(pending.pop()!) ?? []) {
      if (!seen.has(next)) {
        seen.add(next);
        pending.push(next);
      }
    }
  }
  return seen;
}

const files = sourceFiles();
const graph = importGraph(files, (file) => fs.readFileSync(path.join(SRC, file), "utf8"));

describe("the layout of src/", () => {
  it("puts every module in a layer", () => {
    expect(files.filter((file) => layerOf(file) < 0)).toEqual([]);
  });

  it("has no import cycle", () => {
    expect(cyclesOf(graph)).toEqual([]);
  });

  it("imports only down the pipeline: shared, sources, markup, index, query, render, app, output, cli, startup", () => {
    expect(importsAgainstLayers(graph)).toEqual([]);
  });

  it("keeps the library away from the command line and start-up", () => {
    expect([...reachable(graph, "library.ts")].filter((file) => file.startsWith("cli/") || file.startsWith("startup/"))).toEqual([]);
  });

  it("lets nothing but start-up itself import start-up", () => {
    const importers = [...graph].filter(([file, targets]) => !file.startsWith("startup/") && [...targets].some((target) => target.startsWith("startup/")));
    expect(importers.map(([file]) => file)).toEqual([]);
  });

  it("keeps the pure stages off the process: no process, environment or terminal in sources, markup, index, query or render", () => {
    const pure = files.filter((file) => ["sources", "markup", "index", "query", "render"].includes(LAYERS[layerOf(file)]![0]));
    const offenders = pure.filter((file) => /\bprocess\.(env|argv|stdout|stderr|exit|cwd)\b|from "node:(tty|child_process)"/.test(fs.readFileSync(path.join(SRC, file), "utf8")));
    expect(offenders).toEqual([]);
  });
});

describe("the checks themselves", () => {
  const graphOf = (edges: Record<string, string[]>) => new Map(Object.entries(edges).map(([from, to]) => [from, new Set(to)]));

  it("find a cycle of two and of three modules, and none in a chain", () => {
    expect(cyclesOf(graphOf({ "a.ts": ["b.ts"], "b.ts": ["a.ts"] }))).toEqual([["a.ts", "b.ts"]]);
    expect(cyclesOf(graphOf({ "a.ts": ["b.ts"], "b.ts": ["c.ts"], "c.ts": ["a.ts"] }))).toEqual([["a.ts", "b.ts", "c.ts"]]);
    expect(cyclesOf(graphOf({ "a.ts": ["b.ts"], "b.ts": ["c.ts"], "c.ts": [] }))).toEqual([]);
  });

  it("find an import up the pipeline and accept one down it", () => {
    expect(importsAgainstLayers(graphOf({ "markup/a.ts": ["render/b.ts"], "render/b.ts": [] }))).toEqual(["markup/a.ts (markup) imports render/b.ts (render)"]);
    expect(importsAgainstLayers(graphOf({ "render/b.ts": ["markup/a.ts", "types.ts"], "markup/a.ts": [], "types.ts": [] }))).toEqual([]);
  });

  it("read static, type-only, re-exported and dynamic imports", () => {
    const text = 'import a from "./a.js";\nimport type { B } from "../b.js";\nexport { c } from "./c.js";\nconst d = await import("./d.js");\n';
    const found = importGraph(["x/y.ts", "x/a.ts", "b.ts", "x/c.ts", "x/d.ts"], (file) => (file === "x/y.ts" ? text : ""));
    expect([...found.get("x/y.ts")!].sort()).toEqual(["b.ts", "x/a.ts", "x/c.ts", "x/d.ts"]);
  });
});
