// Pieces of a term that every spelling a few edits away holds whole: a filter that finds the few keys worth
// measuring in a long list without measuring each (suggestions and fuzzy search use it), and the lists of
// `key<TAB>value` lines that it runs over as one regular expression (and that lookups find a key in).

/** A piece of text a key must hold, starting at a position from `from` to `to` (counted from 0). */
export interface KeyPiece {
  text: string;
  from: number;
  to: number;
}

/**
 * The term cut into `edits + 1` pieces. A spelling at most `edits` edits away holds one of them whole (an
 * edit changes one piece at most), shifted by at most `edits` places; so does any word the term starts.
 * Undefined when the term is too short to cut.
 * @example termPieces("barivenze", 2) // [{ text: "bar", from: 0, to: 2 }, { text: "ive", from: 1, to: 5 }, { text: "nze", from: 4, to: 8 }]
 */
export function termPieces(term: string, edits: number): KeyPiece[] | undefined {
  const count = edits + 1;
  if (term.length < count) return undefined;
  return Array.from({ length: count }, (_, n) => {
    const start = Math.round((n * term.length) / count);
    const text = term.slice(start, Math.round(((n + 1) * term.length) / count));
    return { text, from: Math.max(0, start - edits), to: start + edits };
  });
}

/**
 * True when the key holds one of the pieces where it may start (always, without pieces).
 * @example holdsPiece("closure", [{ text: "los", from: 0, to: 2 }]) // true
 */
export function holdsPiece(key: string, pieces: readonly KeyPiece[] | undefined): boolean {
  if (!pieces || pieces.length === 0) return true;
  return pieces.some(({ text, from, to }) => {
    const at = key.indexOf(text, from);
    return at !== -1 && at <= to;
  });
}

/**
 * Writes entries as `key<TAB>value` lines (keys are folded terms, values numbers or JSON: neither holds a
 * tab or a line break).
 * @example toLines([["dom", 3], ["closure", 7]]) // "dom\t3\nclosure\t7"
 */
export function toLines(entries: Iterable<readonly [string, number | string]>): string {
  const lines: string[] = [];
  for (const [key, value] of entries) lines.push(`${key}\t${value}`);
  return lines.join("\n");
}

/**
 * The value of the line with this key in `key<TAB>value` lines, found without reading the others.
 * @example lineValue("dom\t3\nclosure\t7", "closure") // "7"
 */
export function lineValue(lines: string, key: string): string | undefined {
  if (key.includes("\t") || key.includes("\n")) return undefined;
  const head = `${key}\t`;
  let start = 0;
  if (!lines.startsWith(head)) {
    const at = lines.indexOf(`\n${head}`);
    if (at < 0) return undefined;
    start = at + 1;
  }
  const from = start + head.length;
  const end = lines.indexOf("\n", from);
  return lines.slice(from, end < 0 ? undefined : end);
}

const escapeRegExp = (text: string): string => text.replace(/[\\^$.*+?()[\]{}|]/g, "\\$&");

/**
 * The entries of `key<TAB>value` lines whose key holds one of the pieces: one regular expression over the
 * whole text, so lines that do not match cost next to nothing.
 * @example [...linesHolding("dom\t3\nclosure\t7", [{ text: "clo", from: 0, to: 1 }])] // [["closure", 7]]
 */
export function* linesHolding(lines: string, pieces: readonly KeyPiece[] | undefined): Iterable<[string, number]> {
  const holds = pieces && pieces.length > 0 ? `(?=${pieces.map(({ text, from, to }) => `[^\\t\\n]{${from},${to}}${escapeRegExp(text)}`).join("|")})` : "";
  for (const match of lines.matchAll(new RegExp(`^${holds}([^\\t\\n]*)\\t(\\d+)$`, "gm"))) yield [match[1]!, Number(match[2])];
}
