// Builds dist/: the program bundled into one ESM file (heavy terminal dependencies split out and loaded on
// demand), and the prebuilt index of the bundled entries. Run by `npm install` (prepare) and `npm run build`.

import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const dist = path.join(root, "dist");
const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
// GLOSSARY_BUILD_READABLE=1 keeps names and layout (for profiling).
const minify = process.env.GLOSSARY_BUILD_READABLE !== "1";
const requireBanner = "import{createRequire as __glossaryRequire}from'node:module';const require=__glossaryRequire(import.meta.url);";

// marked-terminal imports these eagerly; inside the bundle they are replaced by stand-ins that load the
// real modules (bundled separately into dist/vendor/) the first time they are used.
const LAZY = { "cli-highlight": "lazy-cli-highlight.ts", "cli-table3": "lazy-cli-table3.ts", "node-emoji": "lazy-node-emoji.ts" };
const lazyVendor = {
  name: "lazy-vendor",
  setup(build) {
    build.onResolve({ filter: /^(cli-highlight|cli-table3|node-emoji)$/ }, (args) =>
      args.importer.includes(`${path.sep}marked-terminal${path.sep}`) ? { path: path.join(root, "src", "vendor", LAZY[args.path]) } : undefined,
    );
  },
};

fs.rmSync(dist, { recursive: true, force: true });

await esbuild.build({
  absWorkingDir: root,
  entryPoints: { glossary: "src/cli/run.ts" },
  outdir: "dist",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  chunkNames: "chunk-[hash]",
  minify,
  legalComments: "eof",
  banner: { js: requireBanner },
  define: { __GLOSSARY_VERSION__: JSON.stringify(pkg.version) },
  plugins: [lazyVendor],
  logLevel: "warning",
});

await esbuild.build({
  absWorkingDir: root,
  entryPoints: { "vendor/cli-highlight": "cli-highlight", "vendor/cli-table3": "cli-table3", "vendor/node-emoji": "node-emoji" },
  outdir: "dist",
  outExtension: { ".js": ".cjs" },
  bundle: true,
  format: "cjs",
  platform: "node",
  target: "node20",
  minify: true,
  legalComments: "eof",
  logLevel: "warning",
});

const builder = path.join(dist, ".build", "build-index.mjs");
await esbuild.build({
  absWorkingDir: root,
  entryPoints: ["scripts/build-index.ts"],
  outfile: builder,
  bundle: true,
  format: "esm",
  platform: "node",
  target: "node20",
  banner: { js: requireBanner },
  logLevel: "warning",
});
execFileSync(process.execPath, [builder, path.join(root, "data"), path.join(dist, "index")], { stdio: "inherit" });
fs.rmSync(path.join(dist, ".build"), { recursive: true, force: true });
