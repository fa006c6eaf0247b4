// Builds dist/ (run by `npm install` through `prepare`, and by `npm run build`):
// - glossary.cjs, the core: what an everyday lookup needs (the command line, index reading, lookup,
//   stored views, the text, JSON and Markdown renderers). Kept small: it is compiled at every start.
// - lazy/*.cjs, one bundle per module the core imports only when needed (the Markdown and YAML readers,
//   indexing, full-text search, the ANSI renderer, lint...). Every src/ module the core has is taken from
//   the core at run time, never copied.
// - boot.cjs, which starts them through V8's code cache (compiled code saved beside each bundle).
// - analyze-worker.cjs, the worker thread that reads pages in parallel when indexing a large source.
// - vendor/, marked-terminal's heavy dependencies, loaded on first use.
// - library.js and types/, the library API for programs that import the package.
// - index/, the prebuilt index of the bundled entries, with every entry's view computed ahead.

import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const dist = path.join(root, "dist");
const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
// GLOSSARY_BUILD_READABLE=1 keeps names and layout (for profiling).
const minify = process.env.GLOSSARY_BUILD_READABLE !== "1";
const common = { absWorkingDir: root, bundle: true, platform: "node", target: "node20", minify, legalComments: "eof", logLevel: "warning", format: "cjs" };
const relative = (file) => path.relative(root, file).split(path.sep).join("/");

// marked-terminal imports these eagerly; in the bundle they are replaced by stand-ins that load the real
// modules (bundled separately into dist/vendor/) the first time they are used. commander requires
// child_process only to run subcommands as separate programs, which glossary has none of: it is loaded only
// if ever touched (it costs milliseconds at every start).
const LAZY = { "cli-highlight": "lazy-cli-highlight.ts", "cli-table3": "lazy-cli-table3.ts", "node-emoji": "lazy-node-emoji.ts" };
const lazyDependencies = {
  name: "lazy-dependencies",
  setup(build) {
    build.onResolve({ filter: /^(cli-highlight|cli-table3|node-emoji)$/ }, (args) =>
      args.importer.includes(`${path.sep}marked-terminal${path.sep}`) ? { path: path.join(root, "src", "vendor", LAZY[args.path]) } : undefined,
    );
    build.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      args.importer.includes(`${path.sep}commander${path.sep}`) ? { path: "child_process", namespace: "lazy-builtin" } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: "lazy-builtin" }, () => ({
      contents: "module.exports = new Proxy({}, { get: (_, key) => require('node:child_process')[key] });",
      loader: "js",
    }));
    // `import fs from "node:fs"` in src/ would copy every export of the module into a namespace object at
    // start (esbuild's interop for default imports of CommonJS): hand over the module itself instead.
    // (src/ imports these modules by their default export only.)
    build.onResolve({ filter: /^node:(fs|path|process|vm|os)$/ }, (args) =>
      args.kind === "import-statement" && args.importer.startsWith(path.join(root, "src") + path.sep) ? { path: args.path, namespace: "builtin-default" } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: "builtin-default" }, (args) => ({
      contents: `export default require(${JSON.stringify(args.path)});`,
      loader: "js",
    }));
  },
};

/** The name of a lazily loaded module's bundle: `src/query/describe.ts` -> `query-describe`. */
const lazyName = (file) => file.replace(/^src\//, "").replace(/\.ts$/, "").replace(/\//g, "-");

/** Resolves a relative import of a src/ module to its file (the .js specifiers name .ts files). */
function resolveSource(args) {
  if (!args.path.startsWith(".")) return null;
  const file = path.resolve(args.resolveDir, args.path.replace(/\.js$/, ".ts"));
  return file.startsWith(path.join(root, "src") + path.sep) && fs.existsSync(file) ? file : null;
}

fs.rmSync(dist, { recursive: true, force: true });

// 1. Which src/ modules the core holds: everything statically reachable from the entry point.
const lazyTargets = new Set();
const probe = await esbuild.build({
  ...common,
  entryPoints: ["src/cli/run.ts"],
  write: false,
  metafile: true,
  outfile: "dist/probe.cjs",
  plugins: [
    lazyDependencies,
    {
      name: "find-lazy",
      setup(build) {
        build.onResolve({ filter: /.*/ }, (args) => {
          if (args.kind !== "dynamic-import") return undefined;
          const file = resolveSource(args);
          if (file) lazyTargets.add(file);
          return { path: args.path, external: true };
        });
      },
    },
  ],
});
const coreFiles = Object.keys(probe.metafile.inputs).filter((input) => input.startsWith("src/"));
const coreSet = new Set(coreFiles.map((file) => path.join(root, file)));
const lazyFiles = [...lazyTargets].filter((file) => !coreSet.has(file));

// 2. The core: its entry also exports every module it holds, for the lazy bundles to use.
const coreEntry = [
  `export * from ${JSON.stringify("./src/cli/run.ts")};`,
  ...coreFiles.map((file, n) => `import * as m${n} from ${JSON.stringify(`./${file}`)};`),
  `export const coreModules = { ${coreFiles.map((file, n) => `${JSON.stringify(file)}: m${n}`).join(", ")} };`,
].join("\n");
await esbuild.build({
  ...common,
  stdin: { contents: coreEntry, resolveDir: root, sourcefile: "core-entry.js", loader: "js" },
  outfile: "dist/glossary.cjs",
  define: { __GLOSSARY_VERSION__: JSON.stringify(pkg.version) },
  plugins: [
    lazyDependencies,
    {
      name: "lazy-modules",
      setup(build) {
        build.onResolve({ filter: /^\.\/boot\.cjs$/ }, () => ({ path: "./boot.cjs", external: true }));
        build.onResolve({ filter: /.*/ }, (args) => {
          if (args.kind !== "dynamic-import") return undefined;
          const file = resolveSource(args);
          if (!file || coreSet.has(file)) return undefined;
          return { path: relative(file), namespace: "lazy-module" };
        });
        build.onLoad({ filter: /.*/, namespace: "lazy-module" }, (args) => ({
          contents: `module.exports = require("./boot.cjs").loadLazy(${JSON.stringify(lazyName(args.path))});`,
          loader: "js",
        }));
      },
    },
  ],
});

// 3. One bundle per module loaded lazily (dist/lazy/<name>.cjs), each taking every core module from the core.
for (const file of lazyFiles) {
  await esbuild.build({
    ...common,
    entryPoints: [file],
    outfile: path.join("dist", "lazy", `${lazyName(relative(file))}.cjs`),
    plugins: [
      lazyDependencies,
      {
        name: "core-modules",
        setup(build) {
          build.onResolve({ filter: /.*/ }, (args) => {
            const source = resolveSource(args);
            return source && coreSet.has(source) ? { path: `glossary-core:${relative(source)}`, external: true } : undefined;
          });
        },
      },
    ],
  });
}

await esbuild.build({ ...common, entryPoints: { boot: "src/cli/boot.ts" }, outdir: "dist", outExtension: { ".js": ".cjs" } });
// The worker that reads pages in parallel when indexing a large source: self-contained (it runs in its own thread).
await esbuild.build({ ...common, entryPoints: { "analyze-worker": "src/index/analyze-worker.ts" }, outdir: "dist", outExtension: { ".js": ".cjs" }, plugins: [lazyDependencies] });

await esbuild.build({
  ...common,
  entryPoints: { "vendor/cli-highlight": "cli-highlight", "vendor/cli-table3": "cli-table3", "vendor/node-emoji": "node-emoji" },
  outdir: "dist",
  outExtension: { ".js": ".cjs" },
  plugins: [
    {
      // MDN pages show code in a few dozen languages: load only those grammars, not highlight.js's 190.
      name: "highlight-languages",
      setup(build) {
        build.onResolve({ filter: /^highlight\.js$/ }, () => ({ path: path.join(root, "src", "vendor", "highlight-languages.cjs") }));
      },
    },
  ],
});

// The library API (the package's main export), as an ES module importing its dependencies from
// node_modules, with its type declarations.
await esbuild.build({ ...common, format: "esm", packages: "external", entryPoints: { library: "src/library.ts" }, outdir: "dist", outExtension: { ".js": ".js" } });
execFileSync(process.execPath, [path.join(root, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.library.json"], { stdio: "inherit", cwd: root });

// 4. The bundled entries' index, with their views.
const builder = path.join(dist, ".build", "build-index.cjs");
await esbuild.build({ ...common, minify: false, entryPoints: ["scripts/build-index.ts"], outfile: builder });
execFileSync(process.execPath, [builder, path.join(root, "data"), path.join(dist, "index")], { stdio: "inherit" });
// The man page, from the same command definitions as --help.
const manualBuilder = path.join(dist, ".build", "build-manual.cjs");
await esbuild.build({ ...common, minify: false, entryPoints: ["scripts/build-manual.ts"], outfile: manualBuilder });
execFileSync(process.execPath, [manualBuilder, root, pkg.version], { stdio: "inherit" });
fs.rmSync(path.join(dist, ".build"), { recursive: true, force: true });

// 5. The code caches: compiled code of everything typical commands use, saved beside each bundle.
const { warmUp } = createRequire(import.meta.url)(path.join(dist, "boot.cjs"));
await warmUp(root, [
  ["asynchrone"],
  ["--json", "closure"],
  ["--format", "markdown", "promise"],
  ["--format", "ansi", "--color", "always", "asynchronous"],
  ["asynchronus"],
  ["list"],
  ["langs", "dom"],
  ["related", "closure"],
  ["search", "closure"],
  ["__complete", "--", "asynch"],
]);
console.log(`built dist/: a core of ${coreFiles.length} modules, ${lazyFiles.length} lazily loaded bundles`);
