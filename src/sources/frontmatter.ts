// Splits a page into YAML front matter and Markdown body, and reads the front matter with js-yaml.

import { CORE_SCHEMA, YAMLException, load } from "js-yaml";

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

  let data: unknown;
  try {
    // The core schema: strings, numbers, booleans and null, never dates or other types.
    data = load(yamlText, { schema: CORE_SCHEMA });
  } catch (error) {
    if (!(error instanceof YAMLException)) throw error;
    const line = 2 + (error.mark?.line ?? 0);
    return { ok: false, line, message: `invalid YAML in front matter: ${firstLine(error.reason || error.message)}` };
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
