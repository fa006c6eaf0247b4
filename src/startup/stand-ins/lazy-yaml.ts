// Stands in for sources/yaml.ts in the bundles: js-yaml (most of a page reader's code) loads from its own
// bundle in dist/vendor only when a page's front matter is more than the simple lines read without it.

import type { YamlResult } from "../../sources/yaml.js";

let real: { readYaml(text: string): YamlResult } | undefined;

/** Reads YAML like sources/yaml.ts's `readYaml`, loading it the first time. */
export function readYaml(text: string): YamlResult {
  real ??= require("glossary-vendor:yaml") as NonNullable<typeof real>;
  return real.readYaml(text);
}
