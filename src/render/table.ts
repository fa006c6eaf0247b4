// Lays out a table at a width, for the text and ANSI formats: aligned columns when it fits, wrapped cells
// when its words do, else one block per row ("header: value" lines). Never wider than the width.

import { displayWidth, widestUnbreakable, wrapText } from "./wrap.js";

/** Columns are this many spaces apart. */
const GAP = 2;

/**
 * The lines of a table at `width` columns (including `indent`). Cells may hold ANSI styles.
 * @example layOutTable(["Code", "Meaning"], [["200", "OK"]], 80) // ["Code  Meaning", "----  -------", "200   OK"]
 */
export function layOutTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>, width: number, indent = ""): string[] {
  const columns = Math.max(header.length, ...rows.map((row) => row.length));
  const all = [header, ...rows].map((row) => Array.from({ length: columns }, (_, n) => (row[n] ?? "").replace(/\s+/g, " ").trim()));
  const room = width - displayWidth(indent) - GAP * (columns - 1);
  const natural = columnWidths(all, (cell) => displayWidth(cell));
  if (natural.reduce((sum, w) => sum + w, 0) <= room) return aligned(all, natural, indent);
  const longestWord = columnWidths(all, widestUnbreakable);
  const least = longestWord.map((w) => Math.max(w, 3));
  if (least.reduce((sum, w) => sum + w, 0) <= room) return aligned(all, share(natural, least, room), indent);
  return blocks(all, width, indent);
}

function columnWidths(rows: readonly string[][], measure: (cell: string) => number): number[] {
  return rows[0]!.map((_, column) => Math.max(0, ...rows.map((row) => measure(row[column]!))));
}

/** Widths between the least each column needs and its natural width, adding up to `room` at most. */
function share(natural: readonly number[], least: readonly number[], room: number): number[] {
  const widths = [...least];
  let spare = room - widths.reduce((sum, w) => sum + w, 0);
  // Give the spare columns one at a time to the column that lacks the most of its natural width.
  while (spare > 0) {
    let neediest = -1;
    for (let n = 0; n < widths.length; n++) {
      if (widths[n]! < natural[n]! && (neediest < 0 || natural[n]! - widths[n]! > natural[neediest]! - widths[neediest]!)) neediest = n;
    }
    if (neediest < 0) break;
    widths[neediest]!++;
    spare--;
  }
  return widths;
}

/** Rows of cells wrapped to their column widths, columns padded to line up, a rule under the header. */
function aligned(rows: readonly string[][], widths: readonly number[], indent: string): string[] {
  const lines: string[] = [];
  rows.forEach((row, n) => {
    const wrapped = row.map((cell, column) => carryStyles(cell === "" ? [""] : wrapText(cell, widths[column]!)));
    const height = Math.max(...wrapped.map((cell) => cell.length));
    for (let line = 0; line < height; line++) {
      const text = wrapped.map((cell, column) => {
        const part = cell[line] ?? "";
        return column === wrapped.length - 1 ? part : part + " ".repeat(Math.max(0, widths[column]! - displayWidth(part)));
      });
      lines.push((indent + text.join(" ".repeat(GAP))).trimEnd());
    }
    if (n === 0) lines.push((indent + widths.map((w) => "-".repeat(w)).join(" ".repeat(GAP))).trimEnd());
  });
  return lines;
}

/** One block per row: each cell under its header's name, wrapped to the width, blocks a blank line apart. */
function blocks(rows: readonly string[][], width: number, indent: string): string[] {
  const [header, ...body] = rows;
  const lines: string[] = [];
  // A table of a header alone shows it.
  if (body.length === 0) return carryStyles(wrapText(header!.filter((cell) => cell !== "").join(" | "), width, indent, `${indent}  `));
  body.forEach((row, n) => {
    if (n > 0) lines.push("");
    row.forEach((cell, column) => {
      const name = header![column] ?? "";
      const text = name === "" ? cell : `${name}: ${cell}`;
      lines.push(...carryStyles(wrapText(text, width, indent, `${indent}  `)));
    });
  });
  return lines;
}

const SGR = /\u001b\[([0-9;]*)m/g;

/** The style a select-graphic-rendition parameter opens (or closes), so lines can reopen what is open. */
function styleSlot(parameter: string): { slot: string; opens: boolean } | null {
  const n = Number(parameter.split(";")[0] || "0");
  if (n === 0) return { slot: "all", opens: false };
  if (n === 1 || n === 2) return { slot: "intensity", opens: true };
  if (n === 22) return { slot: "intensity", opens: false };
  if ([3, 4, 5, 7, 8, 9].includes(n)) return { slot: String(n), opens: true };
  if ([23, 24, 25, 27, 28, 29].includes(n)) return { slot: String(n - 20), opens: false };
  if ((n >= 30 && n <= 38) || (n >= 90 && n <= 97)) return { slot: "fg", opens: true };
  if (n === 39) return { slot: "fg", opens: false };
  if ((n >= 40 && n <= 48) || (n >= 100 && n <= 107)) return { slot: "bg", opens: true };
  if (n === 49) return { slot: "bg", opens: false };
  return null;
}

/**
 * Lines of one wrapped styled text, each complete on its own: a line that ends inside a style closes it, and
 * the next line opens it again (padding and the next column are never styled).
 */
function carryStyles(lines: readonly string[]): string[] {
  const open = new Map<string, string>();
  return lines.map((line) => {
    const reopened = [...open.values()].join("");
    for (const match of line.matchAll(SGR)) {
      const style = styleSlot(match[1]!);
      if (!style) continue;
      if (style.slot === "all") open.clear();
      else if (style.opens) open.set(style.slot, match[0]);
      else open.delete(style.slot);
    }
    return `${reopened}${line}${open.size > 0 ? "\u001b[0m" : ""}`;
  });
}
