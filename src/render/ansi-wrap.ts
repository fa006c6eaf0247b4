// Lays out an ANSI rendering at a width: the renderer's output is the same at any width (only this step
// depends on it), so it can be computed once and stored, and laid out at each call without marked.

import type { layOutTable } from "./table.js";
import { horizontalRule, wrapText } from "./wrap.js";

/** Marks lines that must not be re-wrapped (code); a control character, so never in page text. */
export const NO_WRAP = "\u0001";
/** Stands for a horizontal rule, drawn as wide as the width allows. */
export const RULE = "\u0002";
/** Starts a line holding a table as JSON (`{ header, rows }` of styled cells), laid out at the width. */
export const TABLE = "\u0003";
const ESC = "\u001b";

const LEADING = new RegExp(`^((?:${ESC}\\[[0-9;]*m)*)( *)((?:\\* |\\d+\\. )?)`);

/**
 * Wraps each line of an unwrapped rendering to the width, with a hanging indent under list bullets; code
 * stays as it is, tables are laid out (by `tables`, which a rendering holding a {@link TABLE} line needs) and
 * rules drawn at the width.
 * @example layOutAnsi("A long paragraph...\n", 40) // the paragraph in lines of at most 40 columns
 */
export function layOutAnsi(rendered: string, width: number, tables?: typeof layOutTable): string {
  const lines = rendered.split("\n").flatMap((line) => {
    const table = line.indexOf(TABLE);
    if (table >= 0) {
      // A table in a list item or a quote comes after its indentation (and styles, which are dropped).
      const before = line.slice(0, table).replace(/\u001b\[[0-9;]*m/g, "");
      const marker = LEADING.exec(before)!;
      const bullet = marker[3] === "* " ? "• " : marker[3]!;
      const indent = " ".repeat(marker[2]!.length + bullet.length);
      const data = line.slice(table + TABLE.length, line.lastIndexOf("}") + 1);
      const { header, rows } = JSON.parse(data) as { header: string[]; rows: string[][] };
      if (!tables) throw new Error("layOutAnsi: a rendering with a table needs the table layout");
      // The first line carries the list item's bullet, if the table opens one.
      const laidOut = tables(header, rows, width, indent);
      if (laidOut[0] !== undefined && bullet !== "") laidOut[0] = marker[2]! + bullet + laidOut[0].slice(indent.length);
      return laidOut;
    }
    if (line.includes(NO_WRAP)) return [line.replaceAll(NO_WRAP, "").replaceAll(RULE, horizontalRule(width))];
    const [prefix, codes, spaces, bullet] = LEADING.exec(line)!;
    const marker = bullet === "* " ? "• " : bullet!;
    const hanging = " ".repeat(spaces!.length + marker.length);
    return wrapText(line.slice(prefix.length), width, codes! + spaces! + marker, hanging);
  });
  return `${lines.join("\n").replace(/\n{3,}/g, "\n\n").trim()}\n`;
}
