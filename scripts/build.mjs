// Builds dist/ (run by `npm install` through `prepare`, and by `npm run build`):
// - glossary.cjs, the core: what an everyday lookup needs (the command line, index reading, lookup,
//   stored views, the text, JSON and Markdown renderers), and the loader of the other bundles. Kept small:
//   it is loaded at every start (by bin/glossary.cjs, through V8's code cache: compiled code saved beside
//   each bundle).
// - lazy/*.cjs, one bundle per module the core imports only when needed (the Markdown and YAML readers,
//   indexing, full-text search, the ANSI renderer, lint...). Every src/ module the core has is taken from
//   the core at run time, never copied.
// - analyze-worker.cjs, the worker thread that reads pages in parallel when indexing a large source, and
//   writes its search while the main thread writes the rest of its index.
// - vendor/, marked-terminal's heavy dependencies, the decoder of HTML character references, the East Asian
//   width tables, the YAML reader, and the stemmers and stop words of languages other than English, loaded
//   on first use.
// - library.js and types/, the library API for programs that import the package.
// - plain.cjs, the program without start-up's shortcuts (one stock bundle), run by the tests (not shipped).
// - index/, the prebuilt index of the bundled entries, with every entry's view computed ahead.
// - THIRD-PARTY-NOTICES.md, the licences of the packages inlined into the shipped files.
// The same files give the same output, V8's code caches aside (they are not shipped: see DESIGN.md, Build).

import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";
import { inlinedPackages, writeNotices } from "./notices.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const dist = path.join(root, "dist");
const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
// GLOSSARY_BUILD_READABLE=1 keeps names and layout (for profiling); GLOSSARY_BUILD_VERBOSE=1 prints what
// each bundle holds.
const minify = process.env.GLOSSARY_BUILD_READABLE !== "1";
const common = { absWorkingDir: root, bundle: true, platform: "node", target: "node20", minify, legalComments: "eof", logLevel: "warning", format: "cjs", metafile: true };
// The loader (bin/glossary.cjs), loaded without running the program: it runs each bundle of the program as
// one function expression, which the bundles it loads are written as (`asLoaderBundle`).
globalThis[Symbol.for("glossary.loadOnly")] = true;
const loader = createRequire(import.meta.url)(path.join(root, "bin", "glossary.cjs"));
const asLoaderBundle = { banner: { js: loader.BUNDLE_START }, footer: { js: loader.BUNDLE_END } };
// The inputs of every build whose output the package ships: the packages they inline are listed, with their
// licences, in dist/THIRD-PARTY-NOTICES.md.
const shippedInputs = new Set();
const shipped = (result) => {
  for (const input of Object.keys(result.metafile.inputs)) shippedInputs.add(input);
  return result;
};
// The version, and the build's identity: data cached by another build is made again (src/version.ts). The
// identity is a hash of the sources and of the locked dependencies: the same code gives the same identity,
// so reinstalling keeps the cache, and any change to either makes it again.
function contentHash(folder, pattern, extra = []) {
  const hash = createHash("sha256");
  const files = fs.readdirSync(folder, { recursive: true }).map((name) => String(name).split(path.sep).join("/")).filter((name) => pattern.test(name)).sort();
  for (const name of files) hash.update(`${name}\0`).update(fs.readFileSync(path.join(folder, name)));
  for (const file of extra) hash.update(fs.readFileSync(file));
  return hash.digest("hex").slice(0, 12);
}
const codeHash = () => contentHash(path.join(root, "src"), /\.(ts|cjs)$/, [path.join(root, "package-lock.json")]);
const buildHash = codeHash();
const define = { __GLOSSARY_VERSION__: JSON.stringify(pkg.version), __GLOSSARY_BUILD__: JSON.stringify(`${pkg.version}+${buildHash}`) };
const relative = (file) => path.relative(root, file).split(path.sep).join("/");

// marked-terminal imports these eagerly; in the bundle they are replaced by stand-ins that load the real
// modules (bundled separately into dist/vendor/) the first time they are used. commander requires
// child_process only to run subcommands as separate programs, which glossary has none of: it is loaded only
// if ever touched (it costs milliseconds at every start).
const LAZY = { "cli-highlight": "lazy-cli-highlight.ts", "cli-table3": "lazy-cli-table3.ts", "node-emoji": "lazy-node-emoji.ts" };
const lazyDependencies = {
  name: "lazy-dependencies",
  setup(build) {
    // The stand-ins load the real modules through the bundle loader (src/startup/boot.ts).
    build.onResolve({ filter: /^glossary-vendor:/ }, (args) => ({ path: args.path, external: true }));
    build.onResolve({ filter: /^(cli-highlight|cli-table3|node-emoji)$/ }, (args) =>
      args.importer.includes(`${path.sep}marked-terminal${path.sep}`) ? { path: path.join(root, "src", "startup", "stand-ins", LAZY[args.path]) } : undefined,
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

/**
 * A plugin that gives `importer` a stand-in (a file of src/startup/stand-ins/) for what it imports as
 * `specifier`, which loads the real module the first time it is used, and refuses that import from any other
 * module, where it would load the module at every start without a word. `onLazy` is told of each stand-in
 * given. (Only in the bundles: the worker has no bundle loader, and the library and the plain program are
 * stock bundles.)
 */
function standIn(name, specifier, importer, standInFile, onLazy = () => {}) {
  const filter = new RegExp(`^${specifier.replace(/[./]/g, "\\$&")}$`);
  return {
    name,
    setup(build) {
      build.onResolve({ filter }, (args) => {
        if (args.importer !== importer) {
          return { errors: [{ text: `${relative(args.importer)} imports ${specifier}: take it from ${relative(importer)}, which loads it only when it is needed` }] };
        }
        onLazy();
        return { path: path.join(root, "src", "startup", "stand-ins", standInFile) };
      });
    },
  };
}

// The entities package decodes its table of character references when it loads: markup/html.ts takes it from
// dist/vendor/ the first time a text holds a reference.
const lazyEntities = standIn("lazy-entities", "entities", path.join(root, "src", "markup", "html.ts"), "lazy-entities.ts");

// get-east-asian-width makes its tables as it loads: render/wrap.ts takes it from dist/vendor/ the first time
// it measures text that is not one column a character.
const lazyEastAsianWidth = standIn("lazy-east-asian-width", "get-east-asian-width", path.join(root, "src", "render", "wrap.ts"), "lazy-east-asian-width.ts");

// Most searches need the stemmer and the stop words of English alone: index/stemmers.ts and
// query/stop-words.ts take those of other languages from dist/vendor/ the first time one is needed.
const lazyOtherStemmers = standIn("lazy-other-stemmers", "./other-stemmers.js", path.join(root, "src", "index", "stemmers.ts"), "lazy-other-stemmers.ts");
const lazyOtherStopWords = standIn("lazy-other-stop-words", "./other-stop-words.js", path.join(root, "src", "query", "stop-words.ts"), "lazy-other-stop-words.ts");

// js-yaml is most of the page reader's code, and most front matter is read without it (sources/frontmatter.ts):
// frontmatter.ts takes sources/yaml.ts, which holds it, from dist/vendor/ the first time it reads front matter
// that needs it.
const lazyYaml = standIn("lazy-yaml", "./yaml.js", path.join(root, "src", "sources", "frontmatter.ts"), "lazy-yaml.ts");

// marked builds its grammar as it loads, and the plainest Markdown is read without it (src/markup/lex.ts):
// markup/lex.ts takes markup/marked.ts from its own bundle the first time a text needs it. To the bundling,
// that import is a dynamic one (`onLazy` is told of it): markup/marked.ts heads a bundle. (The renderer of
// colours, which always needs marked, imports it as ../markup/marked.js, as it is.)
const MARKED_MODULE = path.join(root, "src", "markup", "marked.ts");
const lazyMarked = (onLazy = () => {}) => {
  const plugin = standIn("lazy-marked", "./marked.js", path.join(root, "src", "markup", "lex.ts"), "lazy-marked.ts", () => onLazy(MARKED_MODULE));
  return {
    name: plugin.name,
    setup(build) {
      plugin.setup(build);
      // The stand-in's own require of it, answered by the bundle loader.
      build.onResolve({ filter: /^glossary-module:/, namespace: "file" }, (args) => ({ path: args.path, external: true }));
    },
  };
};

/** The name of a lazily loaded module's bundle: `src/query/describe.ts` -> `lazy/query-describe`. */
const lazyName = (file) => `lazy/${file.replace(/^src\//, "").replace(/\.ts$/, "").replace(/\//g, "-")}`;

/** Resolves a relative import of a src/ module to its file (the .js specifiers name .ts files). */
function resolveSource(args) {
  if (!args.path.startsWith(".")) return null;
  const file = path.resolve(args.resolveDir, args.path.replace(/\.js$/, ".ts"));
  return file.startsWith(path.join(root, "src") + path.sep) && fs.existsSync(file) ? file : null;
}

fs.rmSync(dist, { recursive: true, force: true });

// 1. The bundles. Every src/ module is compiled into exactly one bundle, so each has one instance at run
//    time (one class for `instanceof`, one cache); the other bundles take it from there. The core holds what
//    the entry point reaches statically (the everyday lookup); the other modules are grouped by the set of
//    modules imported dynamically (the full program, cli/main.ts, among them) that reach them.
const CORE_ENTRY = path.join(root, "src", "startup", "boot.ts");

/** The src/ modules each src/ module imports statically, as the probes below find them. */
const staticImports = new Map();

/** The src/ modules an entry reaches through static imports, and the src/ modules it imports dynamically. */
async function reach(entry) {
  const dynamic = new Set();
  const probe = await esbuild.build({
    ...common,
    entryPoints: [entry],
    write: false,
    metafile: true,
    outfile: "dist/probe.cjs",
    plugins: [
      lazyDependencies,
      lazyEntities,
      lazyEastAsianWidth,
      lazyOtherStemmers,
      lazyOtherStopWords,
      lazyYaml,
      lazyMarked((file) => dynamic.add(file)),
      {
        name: "find-dynamic",
        setup(build) {
          build.onResolve({ filter: /.*/ }, (args) => {
            if (args.kind !== "dynamic-import") return undefined;
            const file = resolveSource(args);
            if (file) dynamic.add(file);
            return { path: args.path, external: true };
          });
        },
      },
    ],
  });
  const reached = Object.keys(probe.metafile.inputs).filter((input) => input.startsWith("src/")).map((input) => path.join(root, input));
  for (const [input, { imports }] of Object.entries(probe.metafile.inputs)) {
    if (!input.startsWith("src/")) continue;
    staticImports.set(path.join(root, input), imports.filter((imported) => imported.kind === "import-statement" && imported.path.startsWith("src/")).map((imported) => path.join(root, imported.path)));
  }
  return { reached, dynamic: [...dynamic] };
}

const reachOf = new Map();
for (const pending = [CORE_ENTRY]; pending.length > 0; ) {
  const entry = pending.shift();
  if (reachOf.has(entry)) continue;
  reachOf.set(entry, await reach(entry));
  pending.push(...reachOf.get(entry).dynamic);
}
const lazyEntries = [...reachOf.keys()].filter((entry) => entry !== CORE_ENTRY).sort();
/** module file -> the bundle that holds it */
const owner = new Map();
const bundles = [];
const addBundle = (name, modules) => {
  for (const file of modules) owner.set(file, name);
  bundles.push({ name, modules });
};
addBundle("glossary", reachOf.get(CORE_ENTRY).reached);
// No bundle holds code its users do not need: a module only one of the dynamically imported modules reaches
// goes to that one's bundle, modules several reach to a bundle they share (named after the module it holds
// that they import, if any).
const heads = lazyEntries.filter((entry) => !owner.has(entry));
const reachers = new Map();
for (const head of heads) {
  for (const file of reachOf.get(head).reached) if (!owner.has(file)) reachers.set(file, [...(reachers.get(file) ?? []), head]);
}
const groups = new Map();
for (const [file, reachedBy] of reachers) {
  const key = reachedBy.map(relative).join(" ");
  if (!groups.has(key)) groups.set(key, { reachedBy, modules: [] });
  groups.get(key).modules.push(file);
}
// A module only imports modules reached by all that reach it: bundles reached by more come first, and every
// bundle needs only earlier ones.
// A shared group of a few small modules (constants, escaping) goes to the core instead: loading a bundle
// (two files read, a script made) costs more than compiling that code at every start.
const SMALL_SHARED_BYTES = 2048;
let shared = 0;
for (const { reachedBy, modules } of [...groups.values()].sort((a, b) => b.reachedBy.length - a.reachedBy.length)) {
  const head = reachedBy.length === 1 ? reachedBy[0] : modules.find((file) => heads.includes(file));
  if (!head && modules.reduce((total, file) => total + fs.statSync(file).size, 0) < SMALL_SHARED_BYTES) {
    // What they import must be in the core already, or the core would load another bundle at every start.
    for (const file of modules) {
      const elsewhere = (staticImports.get(file) ?? []).find((imported) => !modules.includes(imported) && owner.get(imported) !== "glossary");
      if (elsewhere) throw new Error(`${relative(file)} joins the core, but imports ${relative(elsewhere)}, which is in ${owner.get(elsewhere) ?? "no bundle yet"}`);
    }
    for (const file of modules) owner.set(file, "glossary");
    bundles[0].modules.push(...modules);
    continue;
  }
  addBundle(head ? lazyName(relative(head)) : `lazy/shared-${++shared}`, modules);
}
// 2. Each bundle exports the modules other bundles import from it (`modules`: every module imported
//    dynamically, and the others that later bundles import), the core also the entry point's exports;
//    imports of modules held elsewhere become `glossary-module:<bundle>:<file>`, which the bundle loader
//    (src/startup/boot.ts) resolves.
//    Built last to first, so that what later bundles import is known (a module left out of `modules` costs
//    nothing at start).
//    `modules` maps each to a function making its exports object the first time another bundle asks: a
//    namespace object (`import * as`) would be made when the bundle starts, one getter per export.
/**
 * The names a module exports (its values; types are gone once compiled). `export * from` is refused in a
 * module other bundles import: esbuild does not list the names it brings, so they would be missing.
 */
async function exportNames(files) {
  if (files.length === 0) return new Map();
  for (const file of files) {
    if (/^\s*export\s*\*\s*from\b/m.test(fs.readFileSync(file, "utf8"))) throw new Error(`${relative(file)}: other bundles import it, so it must name its exports (no \`export * from\`)`);
  }
  const probe = await esbuild.build({ absWorkingDir: root, entryPoints: files, bundle: false, write: false, metafile: true, format: "esm", outdir: "dist/probe", logLevel: "warning" });
  return new Map(Object.values(probe.metafile.outputs).map((output) => [path.join(root, output.entryPoint), output.exports]));
}
const imported = new Set();
for (const bundle of [...bundles].reverse()) {
  const exported = bundle.modules.filter((file) => reachOf.has(file) || imported.has(`${bundle.name}:${relative(file)}`));
  const names = await exportNames(exported);
  const entry = [
    ...(bundle.name === "glossary" ? [`export * from ${JSON.stringify(`./${relative(CORE_ENTRY)}`)};`] : []),
    ...exported.map((file, n) => `import { ${names.get(file).map((name, i) => `${JSON.stringify(name)} as m${n}_${i}`).join(", ")} } from ${JSON.stringify(`./${relative(file)}`)};`),
    ...exported.map((_, n) => `let m${n};`),
    `export const modules = { ${exported
      .map((file, n) => `${JSON.stringify(relative(file))}: () => (m${n} ??= { __proto__: null, ${names.get(file).map((name, i) => `[${JSON.stringify(name)}]: m${n}_${i}`).join(", ")} })`)
      .join(", ")} };`,
  ].join("\n");
  const built = shipped(await esbuild.build({
    ...common,
    stdin: { contents: entry, resolveDir: root, sourcefile: `${bundle.name}-entry.js`, loader: "js" },
    outfile: path.join("dist", `${bundle.name}.cjs`),
    ...asLoaderBundle,
    define: { ...define, __GLOSSARY_MARKED_MODULE__: JSON.stringify(`glossary-module:${owner.get(MARKED_MODULE)}:${relative(MARKED_MODULE)}`) },
    plugins: [
      lazyDependencies,
      lazyEntities,
      lazyEastAsianWidth,
      lazyOtherStemmers,
      lazyOtherStopWords,
      lazyYaml,
      lazyMarked(),
      {
        name: "modules-of-other-bundles",
        setup(build) {
          build.onResolve({ filter: /.*/ }, (args) => {
            // A dynamic import stays a call of the bundle's require, which the bundle loader answers (Node's import()
            // cannot see modules inside bundles).
            if (args.kind === "dynamic-import" && /^node:/.test(args.path)) return { path: args.path, namespace: "required" };
            const file = resolveSource(args);
            if (!file || owner.get(file) === bundle.name) return undefined;
            if (!owner.has(file)) throw new Error(`${relative(file)} is in no bundle`);
            imported.add(`${owner.get(file)}:${relative(file)}`);
            const id = `glossary-module:${owner.get(file)}:${relative(file)}`;
            return args.kind === "dynamic-import" ? { path: id, namespace: "required" } : { path: id, external: true };
          });
          build.onResolve({ filter: /.*/, namespace: "required" }, (args) => ({ path: args.path, external: true }));
          build.onLoad({ filter: /.*/, namespace: "required" }, (args) => ({ contents: `module.exports = require(${JSON.stringify(args.path)});`, loader: "js" }));
        },
      },
    ],
  }));
  if (process.env.GLOSSARY_BUILD_VERBOSE === "1") {
    const output = Object.values(built.metafile.outputs)[0];
    console.log(bundle.name, Object.entries(output.inputs).sort((a, b) => b[1].bytesInOutput - a[1].bytesInOutput).map(([file, { bytesInOutput }]) => `${file} ${bytesInOutput}`).join(", "));
  }
}
const coreSize = bundles[0].modules.length;


// The worker that reads pages in parallel when indexing a large source, and writes its search: self-contained
// (it runs in its own thread).
shipped(await esbuild.build({ ...common, entryPoints: { "analyze-worker": "src/app/analyze-worker.ts" }, outdir: "dist", outExtension: { ".js": ".cjs" }, plugins: [lazyDependencies] }));

shipped(await esbuild.build({
  ...common,
  entryPoints: { "vendor/cli-highlight": "cli-highlight", "vendor/cli-table3": "cli-table3", "vendor/node-emoji": "node-emoji", "vendor/entities": "entities", "vendor/get-east-asian-width": "get-east-asian-width", "vendor/yaml": "src/sources/yaml.ts", "vendor/other-stemmers": "src/index/other-stemmers.ts", "vendor/other-stop-words": "src/query/other-stop-words.ts" },
  ...asLoaderBundle,
  outdir: "dist",
  outExtension: { ".js": ".cjs" },
  plugins: [
    {
      // MDN pages show code in a few dozen languages: load only those grammars, not highlight.js's 190.
      name: "highlight-languages",
      setup(build) {
        build.onResolve({ filter: /^highlight\.js$/ }, () => ({ path: path.join(root, "src", "startup", "stand-ins", "highlight-languages.cjs") }));
      },
    },
  ],
}));

// The library API (the package's main export), as an ES module holding its dependencies, as the program's
// bundles do: the package installs no dependency. Its type declarations follow.
shipped(await esbuild.build({ ...common, define, format: "esm", entryPoints: { library: "src/library.ts" }, outdir: "dist", outExtension: { ".js": ".js" } }));
writeNotices(path.join(dist, "THIRD-PARTY-NOTICES.md"), inlinedPackages(root, shippedInputs));
// GLOSSARY_BUILD_INPUTS=<file> writes those inputs there, one a line (the tests check the notices against them).
if (process.env.GLOSSARY_BUILD_INPUTS) fs.writeFileSync(process.env.GLOSSARY_BUILD_INPUTS, [...shippedInputs].sort().join("\n") + "\n");
execFileSync(process.execPath, [path.join(root, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.library.json"], { stdio: "inherit", cwd: root });
// The plain program: the same command line without start-up (no bundle linking, no code cache, no fast
// reader of lookups, no terminal probe), one stock bundle taking its packages from node_modules. The tests run
// it beside bin/glossary.cjs to show that the program does not depend on start-up; the package does not ship it.
await esbuild.build({
  ...common,
  define,
  // stopword's per-language lists are ES modules in a package Node.js reads as CommonJS: bundled, not required.
  external: Object.keys(pkg.devDependencies).filter((name) => name !== "stopword"),
  stdin: { contents: 'require("./src/cli/run.ts").run(require("node:path").join(__dirname, ".."));', resolveDir: root, sourcefile: "plain-entry.js", loader: "js" },
  outfile: "dist/plain.cjs",
});

// 4. The bundled entries' index, with their views.
const builder = path.join(dist, ".build", "build-index.cjs");
await esbuild.build({ ...common, minify: false, entryPoints: ["scripts/build-index.ts"], outfile: builder });
// The index's stamp names its content (the program that reads it and the pages), never the time: two builds of
// the same commit write the same files.
const indexStamp = `bundled-${buildHash}-${contentHash(path.join(root, "data"), /\.md$/)}`;
execFileSync(process.execPath, [builder, path.join(root, "data"), path.join(dist, "index"), indexStamp], { stdio: "inherit" });
// The man page, from the same command definitions as --help.
const manualBuilder = path.join(dist, ".build", "build-manual.cjs");
await esbuild.build({ ...common, minify: false, entryPoints: ["scripts/build-manual.ts"], outfile: manualBuilder });
execFileSync(process.execPath, [manualBuilder, root, pkg.version], { stdio: "inherit" });
fs.rmSync(path.join(dist, ".build"), { recursive: true, force: true });

// 5. The code caches: compiled code of everything typical commands use, saved beside each bundle (one of
//    them reads data/ as a source without a cache, so that reading and rendering pages are cached too).
//    The core's is made last, by the everyday lookup run as a user runs it (output piped): the bundle
//    loader saves a missing cache at exit, holding exactly what that start compiled, from the loader to the
//    exit. A lookup run in the build's own process would leave out the code that starts the program.
//    Some of them read a source whose index has a delta beside it (a page changed since it was
//    indexed, indexed here by the program run as a user runs it), so that the cache's bundle holds the
//    compiled code that reads a delta too.
const changed = fs.mkdtempSync(path.join(os.tmpdir(), "glossary-build-delta-"));
try {
  const changedSource = path.join(changed, "source");
  const changedCache = path.join(changed, "cache");
  // Its own cache, and no watch started (the warm-up's commands run in this process).
  const changedEnv = { LANG: "C", XDG_CACHE_HOME: changedCache, GLOSSARY_AUTO_WATCH: "0" };
  const changedSlugs = fs.readdirSync(path.join(root, "data", "en-us", "glossary")).sort().slice(0, 40);
  // Written an hour ago: a page written within the file system's clock step of indexing is read again at the
  // next call, which would make the change below more than a delta.
  const anHourAgo = new Date(Date.now() - 3_600_000);
  for (const slug of changedSlugs) {
    const to = path.join(changedSource, "en-us", "glossary", slug);
    fs.cpSync(path.join(root, "data", "en-us", "glossary", slug), to, { recursive: true });
    fs.utimesSync(path.join(to, "index.md"), anHourAgo, anHourAgo);
  }
  const indexChanged = () =>
    execFileSync(process.execPath, [path.join(root, "bin", "glossary.cjs"), "--source", changedSource, "--no-bundled", "index"], {
      env: { PATH: process.env.PATH ?? "", ...changedEnv },
      stdio: ["ignore", "ignore", "inherit"],
    });
  indexChanged();
  fs.appendFileSync(path.join(changedSource, "en-us", "glossary", changedSlugs[0], "index.md"), "\nChanged since it was indexed.\n");
  indexChanged();
  const changedHomes = path.join(changedCache, "glossary", "sources");
  if (!fs.readdirSync(changedHomes).some((home) => fs.readdirSync(path.join(changedHomes, home)).some((name) => name.startsWith("delta-")))) {
    throw new Error("indexing a changed page made no delta to warm the code that reads one up with");
  }
  const program = loader.loadProgram(root);
  await program.core.exports.warmUp(root, program, [
    ["asynchrone"],
    ["--format", "ansi", "--color", "always", "asynchronous"],
    ["--json", "closure"],
    ["--json", "--short", "closure"],
    ["--format", "markdown", "promise"],
    ["--width", "60", "closure"],
    ["--short", "closure"],
    ["asynchronus"],
    ["list"],
    ["langs", "dom"],
    ["related", "closure"],
    ["search", "closure"],
    // A reader of another language: its stemmer and stop words (dist/vendor/).
    ["search", "--lang", "fr", "fermeture", "lexicale"],
    ["__complete", "--", "asynch"],
    ["lint", path.join(root, "data")],
    { argv: ["--format", "ansi", "--color", "always", "promise"], env: { LANG: "C", FORCE_HYPERLINK: "1" } },
    // In a terminal, whether it shows hyperlinks is asked (cli/terminal.ts).
    { argv: ["asynchrone"], env: { LANG: "C", TERM: "xterm-256color" }, terminal: true },
    // Search and related results as a terminal shows them (render/listing.ts).
    { argv: ["search", "closure"], env: { LANG: "C" }, terminal: true },
    { argv: ["related", "closure"], env: { LANG: "C" }, terminal: true },
    ["--source", path.join(root, "data"), "--no-bundled", "--format", "ansi", "--color", "never", "closure"],
    // Code highlighted at run time (pages of other sources), and a table laid out.
    ["--source", path.join(root, "data"), "--no-bundled", "--format", "ansi", "--color", "always", "asynchronous"],
    ["--format", "ansi", "--color", "always", "effective_connection_type"],
    // A lookup, a misspelt term, a search and a list, as they read a cached index.
    ...[[changedSlugs[0]], [changedSlugs[1]], [`${changedSlugs[1]}x`], ["search", changedSlugs[2]], ["search", "the", "web"], ["list"]].map((words) => ({
      argv: ["--source", changedSource, "--no-bundled", ...words],
      env: changedEnv,
    })),
  ]);
} finally {
  fs.rmSync(changed, { recursive: true, force: true });
}
const coreCache = path.join(dist, "glossary.cjs.cache");
fs.rmSync(coreCache, { force: true });
// The same V8 flags as the installing user's runs (NODE_OPTIONS), or V8 would refuse the cache then. The run
// saves its cache in the user's cache folder, as any run does (here a temporary one), and it is copied into
// the package: nothing writes into the package at run time.
const flags = process.env.NODE_OPTIONS ? { NODE_OPTIONS: process.env.NODE_OPTIONS } : {};
const userCache = fs.mkdtempSync(path.join(os.tmpdir(), "glossary-build-"));
try {
  const env = { PATH: process.env.PATH ?? "", LANG: "C", XDG_CACHE_HOME: userCache, ...flags };
  execFileSync(process.execPath, [path.join(root, "bin", "glossary.cjs"), "asynchrone"], { env, stdio: ["ignore", "pipe", "inherit"] });
  const folder = path.join(userCache, "glossary", "code");
  const saved = fs.existsSync(folder) ? fs.readdirSync(folder).find((name) => name.startsWith("glossary-") && name.endsWith(".cache")) : undefined;
  if (saved === undefined) throw new Error("the everyday lookup did not save the core's code cache");
  fs.copyFileSync(path.join(folder, saved), coreCache);
} finally {
  fs.rmSync(userCache, { recursive: true, force: true });
}
console.log(`built dist/: a core of ${coreSize} modules, ${bundles.length - 1} bundles loaded when needed`);
