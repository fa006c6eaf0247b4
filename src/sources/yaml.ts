// Reads YAML front matter with js-yaml's core schema (strings, numbers, booleans and null, never dates);
// in the program's bundles it loads from its own bundle, the first time a page's front matter needs it.

import { CORE_SCHEMA, YAMLException, load } from "js-yaml";

/** What js-yaml read, or where and why it refused the text (its line counted from 0). */
export type YamlResult = { ok: true; data: unknown } | { ok: false; line: number; reason: string };

/**
 * YAML text read with the core schema.
 * @example readYaml("title: A\n") // { ok: true, data: { title: "A" } }
 */
export function readYaml(text: string): YamlResult {
  try {
    return { ok: true, data: load(text, { schema: CORE_SCHEMA }) };
  } catch (error) {
    if (!(error instanceof YAMLException)) throw error;
    return { ok: false, line: error.mark?.line ?? 0, reason: error.reason || error.message };
  }
}
