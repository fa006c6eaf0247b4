// Splits a page into YAML front matter and Markdown body, and reads the front matter: one `key: value` a
// line of plain or quoted strings directly, anything else with js-yaml (sources/yaml.ts).

import { readYaml } from "./yaml.js";

export type FrontMatterResult =
  | {
      ok: true;
      data: Record<string, unknown>;
      /** The source text of top-level scalar values, as written (`title: Null` gives "Null"). */
      raw: Record<string, string>;
      body: string;
      bodyLine: number;
    }
  | { ok: false; line: number; message: string };

const OPENING = /^\uFEFF?---[ \t]*\r?\n/;
const CLOSING = /^(?:---|\.\.\.)[ \t]*\r?$/m;

/**
 * Splits `---`-delimited YAML front matter from the Markdown body and parses it.
 * @example splitFrontMatter("---\ntitle: A\n---\nBody\n") // { ok: true, data: { title: "A" }, body: "Body\n", bodyLine: 4 }
 */
export function splitFrontMatter(text: string): FrontMatterResult {
  const opening = OPENING.exec(text);
  if (!opening) return { ok: false, line: 1, message: "missing front matter (the file must start with ---)" };
  const afterOpening = text.slice(opening[0].length);
  const closing = CLOSING.exec(afterOpening);
  if (!closing) return { ok: false, line: 1, message: "unclosed front matter (no closing --- line)" };
  const yamlText = afterOpening.slice(0, closing.index);
  let bodyStart = opening[0].length + closing.index + closing[0].length;
  if (text[bodyStart] === "\n") bodyStart++;
  const yamlLines = countLines(yamlText);
  const bodyLine = 2 + yamlLines + 1;

  let data: unknown = simpleFrontMatter(yamlText);
  if (data === null) {
    const read = readYaml(yamlText);
    if (!read.ok) return { ok: false, line: 2 + read.line, message: `invalid YAML in front matter: ${firstLine(read.reason)}` };
    data = read.data;
  }
  const body = text.slice(bodyStart);
  if (data === null || data === undefined) return { ok: true, data: {}, raw: {}, body, bodyLine };
  if (typeof data !== "object" || Array.isArray(data)) {
    return { ok: false, line: 2, message: "front matter is not a mapping of keys to values" };
  }
  const raw: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const line of yamlText.split("\n")) {
    const match = /^([A-Za-z_][\w-]*):[ \t]+(.*?)[ \t]*\r?$/.exec(line);
    if (match && !match[2]!.startsWith("#")) raw[match[1]!] = match[2]!.replace(/[ \t]+#.*$/, "");
  }
  return { ok: true, data: data as Record<string, unknown>, raw, body, bodyLine };
}

/**
 * A character of a quoted string the fast path reads: printable ASCII but the quote and `\`, and characters
 * from U+00A0 but the byte order mark, the line and paragraph separators, surrogates and U+FFFE/U+FFFF.
 */
const QUOTED_CHARACTER = String.raw`[\x20-\x7e\u00a0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd]`;
/**
 * One line of the front matter the fast path reads: a key (a letter, then up to 99 letters, digits, `_` or
 * `-`), a colon and spaces, then a double-quoted string without escapes, a single-quoted one without quotes
 * inside, or a plain string starting with a letter and holding only letters, digits, spaces (not at its end)
 * and `_./()'-`. Comments, tabs, carriage returns, nesting, lists, empty values and every other form are
 * left to js-yaml.
 */
const SIMPLE_LINE = new RegExp(
  String.raw`^([A-Za-z][\w-]{0,99}): +(?:"((?:(?!["\\])${QUOTED_CHARACTER})*)"|'((?:(?!')${QUOTED_CHARACTER})*)'|([A-Za-z\u00c0-\u024f](?:[\w ./()'\u00c0-\u024f-]*[\w./()'\u00c0-\u024f-])?))$`,
);
/** Plain words the core schema reads as null or a boolean, not as strings. */
const NOT_STRINGS = new Set(["null", "Null", "NULL", "true", "True", "TRUE", "false", "False", "FALSE"]);

/**
 * The front matter read without js-yaml when every line is a simple `key: string` (see {@link SIMPLE_LINE}),
 * each key once: what js-yaml's core schema reads from it (a property test compares them); null for
 * anything else, which js-yaml then reads.
 * @example simpleFrontMatter('title: "A"\nslug: Glossary/A\n') // { title: "A", slug: "Glossary/A" }
 */
export function simpleFrontMatter(yamlText: string): Record<string, string> | null {
  if (yamlText === "" || !yamlText.endsWith("\n")) return null;
  const data: Record<string, string> = {};
  const seen = new Set<string>();
  for (const line of yamlText.slice(0, -1).split("\n")) {
    const match = SIMPLE_LINE.exec(line);
    if (match === null) return null;
    const [, key, doubleQuoted, singleQuoted, plain] = match as unknown as [string, string, string | undefined, string | undefined, string | undefined];
    if (seen.has(key) || NOT_STRINGS.has(key) || (plain !== undefined && NOT_STRINGS.has(plain))) return null;
    seen.add(key);
    data[key] = doubleQuoted ?? singleQuoted ?? plain!;
  }
  return data;
}

/** 1-based line number of the line holding `key:` at the top level of the front matter, or 2. */
export function frontMatterKeyLine(text: string, key: string): number {
  const lines = text.split("\n");
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^(?:---|\.\.\.)\s*$/.test(line)) break;
    if (line.startsWith(`${key}:`)) return i + 1;
  }
  return 2;
}

function countLines(text: string): number {
  if (text === "") return 0;
  let n = 1;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) n++;
  return text.endsWith("\n") ? n - 1 : n;
}

function firstLine(message: string): string {
  return message.split("\n")[0]!.trim();
}
