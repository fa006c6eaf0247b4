// Wraps text to a width at spaces (and between CJK characters), never inside a word or URL; ANSI-aware.

import { eastAsianWidth } from "get-east-asian-width";

/** Terminal escape sequences: CSI (colours) and OSC (hyperlinks), which take no columns. */
const ESCAPES = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)/g;
/** Characters that take no column of their own: combining marks, joiners, direction marks, variation selectors. */
const ZERO_WIDTH = /[\p{Mn}\p{Me}\u200B-\u200F\u2028-\u202E\u2060-\u2069\uFE00-\uFE0F\uFEFF]/u;
/** Pictographs, which a joiner may join into one (👩‍💻). */
const EMOJI = /\p{Extended_Pictographic}/u;
/** Pictographs that terminals draw as emoji, two columns wide (text-style ones such as ‼ or ™ take one). */
const WIDE_EMOJI = /\p{Emoji_Presentation}/u;
/**
 * The fast path: text of printable characters that take one column each, so that the Unicode classes
 * above (slow to compile at each start) are needed only for other text. ASCII, Latin-1 and Latin
 * Extended, and the General Punctuation that pages and renderings use (dashes, quotes, bullet,
 * ellipsis...) but for its spaces, joiners and direction marks.
 */
const ONE_COLUMN_EACH = /^[\x20-\x7e\u00a0-\u02ff\u2010-\u2027\u2030-\u205e]*$/;

/**
 * Display width of a string in terminal columns: escape sequences take none, East Asian wide characters and
 * emoji take two, combining marks and joiners none.
 * @example displayWidth("日本") // 4
 */
export function displayWidth(text: string): number {
  const plain = text.includes("\u001b") ? text.replace(ESCAPES, "") : text;
  if (ONE_COLUMN_EACH.test(plain)) return plain.length;
  let width = 0;
  let joined = false;
  // A text-style pictograph followed by U+FE0F (emoji presentation: ❤️) is drawn two columns wide.
  let textPictograph = false;
  for (const char of plain) {
    const code = char.codePointAt(0)!;
    if (code === 0x200d) {
      joined = true;
      continue;
    }
    if (code === 0xfe0f && textPictograph) width += 1;
    textPictograph = false;
    if (code < 0x20 || (code >= 0x7f && code < 0xa0) || ZERO_WIDTH.test(char)) continue;
    if (joined && EMOJI.test(char)) {
      // The second part of an emoji sequence joined by ZWJ draws inside the first.
      joined = false;
      continue;
    }
    joined = false;
    const wide = WIDE_EMOJI.test(char);
    textPictograph = !wide && EMOJI.test(char);
    width += wide ? 2 : eastAsianWidth(code, { ambiguousAsWide: false });
  }
  return width;
}

/** Characters that fill two columns and may break anywhere: CJK ideographs, kana, hangul, full-width forms. */
const WIDE_CLASS =
  "\\u1100-\\u115F\\u2E80-\\u303E\\u3041-\\u33FF\\u3400-\\u4DBF\\u4E00-\\u9FFF\\uA960-\\uA97F\\uAC00-\\uD7A3\\uF900-\\uFAFF\\uFE30-\\uFE4F\\uFF00-\\uFF60\\uFFE0-\\uFFE6\\u{20000}-\\u{3FFFD}";
/** A wide character alone, or a run of other characters: the pieces a word may break between. */
const PIECES = new RegExp(`[${WIDE_CLASS}]|[^${WIDE_CLASS}]+`, "gu");
/** Closing punctuation that must not start a line (kinsoku). */
const NO_BREAK_BEFORE = /^[、。，．）」』】〕〉》！？：；,.!?:;)\]}»”’]/;

interface Atom {
  text: string;
  width: number;
  /** True when a space separates it from the atom before. */
  spaced: boolean;
}

function atomsOf(text: string): Atom[] {
  const atoms: Atom[] = [];
  for (const word of text.split(/ +/)) {
    if (word === "") continue;
    // Only wide characters split a word: most words have none (nothing at or above U+1100).
    (/[^\u0000-\u10ff]/.test(word) ? (word.match(PIECES) ?? [word]) : [word]).forEach((piece, i) => {
      const previous = atoms[atoms.length - 1];
      if (i > 0 && previous && NO_BREAK_BEFORE.test(piece)) {
        previous.text += piece;
        previous.width += displayWidth(piece);
        return;
      }
      atoms.push({ text: piece, width: displayWidth(piece), spaced: i === 0 && atoms.length > 0 });
    });
  }
  return atoms;
}

/**
 * A horizontal rule for a line of this many columns: at most 40 dashes, at least 3 (the text and the ANSI
 * renderings draw the same one).
 * @example horizontalRule(80) // "----------------------------------------"
 */
export function horizontalRule(columns: number): string {
  return "-".repeat(Math.min(40, Math.max(3, columns)));
}

/**
 * Wraps one paragraph to `width` columns. The first line starts with `indent`, the others with `hanging`
 * (a hanging indent for list items). Newlines in the text are kept as line breaks. A word longer than the
 * line is left whole on a line of its own.
 * @example wrapText("one two three", 8) // ["one two", "three"]
 */
export function wrapText(text: string, width: number, indent = "", hanging = indent): string[] {
  const lines: string[] = [];
  text.split("\n").forEach((part, n) => {
    const first = n === 0 ? indent : hanging;
    let line = first;
    let lineWidth = displayWidth(first);
    let empty = true;
    for (const atom of atomsOf(part)) {
      const gap = !empty && atom.spaced ? 1 : 0;
      if (!empty && lineWidth + gap + atom.width > width) {
        lines.push(line);
        line = hanging + atom.text;
        lineWidth = displayWidth(hanging) + atom.width;
        continue;
      }
      line += (gap ? " " : "") + atom.text;
      lineWidth += gap + atom.width;
      empty = false;
    }
    lines.push(empty ? first.trimEnd() : line);
  });
  return lines;
}
