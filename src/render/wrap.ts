// Wraps text to a width at spaces (and between CJK characters), cutting only a word longer than a line (a long
// URL, after a slash where it can be); ANSI-aware. Also lays out an ANSI rendering at a width: the renderer's
// output is the same at any width (only this step depends on it), so it is computed once, stored, and laid
// out at each call without marked.

import { eastAsianWidth } from "get-east-asian-width";

/** Terminal escape sequences: CSI (colours) and OSC (hyperlinks), which take no columns. */
const ESCAPES = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)/g;
/**
 * The Unicode classes that measure other text than {@link ONE_COLUMN_EACH}'s, made at their first use: each
 * costs tens of microseconds to make (ICU builds its set), at every start that loads this module.
 */
interface WidthClasses {
  /** Characters that take no column of their own: combining marks, joiners, direction marks, variation selectors. */
  zeroWidth: RegExp;
  /** Pictographs, which a joiner may join into one (👩‍💻). */
  emoji: RegExp;
  /** Pictographs that terminals draw as emoji, two columns wide (text-style ones such as ‼ or ™ take one). */
  wideEmoji: RegExp;
}
let widthClasses: WidthClasses | undefined;
function classes(): WidthClasses {
  return (widthClasses ??= {
    zeroWidth: /[\p{Mn}\p{Me}\u200B-\u200F\u2028-\u202E\u2060-\u2069\uFE00-\uFE0F\uFEFF]/u,
    emoji: /\p{Extended_Pictographic}/u,
    wideEmoji: /\p{Emoji_Presentation}/u,
  });
}
/**
 * The fast path: text of printable characters that take one column each, so that the Unicode classes
 * above are needed only for other text. ASCII, Latin-1 and Latin Extended, and the General Punctuation
 * that pages and renderings use (dashes, quotes, bullet, ellipsis...) but for its spaces, joiners and
 * direction marks.
 */
const ONE_COLUMN_EACH = /^[\x20-\x7e\u00a0-\u02ff\u2010-\u2027\u2030-\u205e]*$/;

/** Text without its escape sequences: what the terminal shows of it. */
function withoutEscapes(text: string): string {
  return text.includes("\u001b") ? text.replace(ESCAPES, "") : text;
}

/**
 * Display width of a string in terminal columns: escape sequences take none, East Asian wide characters and
 * emoji take two, combining marks and joiners none.
 * @example displayWidth("日本") // 4
 */
export function displayWidth(text: string): number {
  const plain = withoutEscapes(text);
  if (ONE_COLUMN_EACH.test(plain)) return plain.length;
  const { zeroWidth, emoji, wideEmoji } = classes();
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
    if (code < 0x20 || (code >= 0x7f && code < 0xa0) || zeroWidth.test(char)) continue;
    if (joined && emoji.test(char)) {
      // The second part of an emoji sequence joined by ZWJ draws inside the first.
      joined = false;
      continue;
    }
    joined = false;
    const wide = wideEmoji.test(char);
    textPictograph = !wide && emoji.test(char);
    width += wide ? 2 : eastAsianWidth(code, { ambiguousAsWide: false });
  }
  return width;
}

/** Characters that fill two columns and may break anywhere: CJK ideographs, kana, hangul, full-width forms. */
const WIDE_CLASS =
  "\\u1100-\\u115F\\u2E80-\\u303E\\u3041-\\u33FF\\u3400-\\u4DBF\\u4E00-\\u9FFF\\uA960-\\uA97F\\uAC00-\\uD7A3\\uF900-\\uFAFF\\uFE30-\\uFE4F\\uFF00-\\uFF60\\uFFE0-\\uFFE6\\u{20000}-\\u{3FFFD}";
let pieces: RegExp | undefined;
/** A wide character alone, or a run of other characters: the pieces a word may break between (made at its first use). */
function piecesPattern(): RegExp {
  return (pieces ??= new RegExp(`[${WIDE_CLASS}]|[^${WIDE_CLASS}]+`, "gu"));
}
/** Closing punctuation that must not start a line (kinsoku). */
const NO_BREAK_BEFORE = /^[、。，．）」』】〕〉》！？：；,.!?:;)\]}»”’]/;
/** Opening brackets that must not end a line (kinsoku). */
const NO_BREAK_AFTER = /[（「『【〔〈《“‘]$/;
/**
 * Punctuation that French and other typographies set after a space which must not break: a word starting
 * with it stays on the line of the word before, as if the space were a no-break one.
 */
const SPACED_CLOSING = ":;?!»\u203A";
/** Opening guillemets, which stay on the line of the word after. */
const SPACED_OPENING = "«\u2039";
/** Any of them in a word (most words have none, so nothing more is asked of them). */
const SPACED_PUNCTUATION = /[:;?!»\u203A«\u2039]/;
/** One escape sequence, read where it starts. */
const ESCAPE_AT = new RegExp(ESCAPES.source, "y");

/** The first or last character of a word that is not part of an escape sequence. */
function visibleEdge(word: string, last: boolean): string {
  const visible = withoutEscapes(word);
  return (last ? visible[visible.length - 1] : visible[0]) ?? "";
}

interface Atom {
  text: string;
  width: number;
  /** True when a space separates it from the atom before. */
  spaced: boolean;
}

function atomsOf(text: string): Atom[] {
  const atoms: Atom[] = [];
  let glueNext = false;
  for (const word of text.split(/ +/)) {
    if (word === "") continue;
    const spaced = SPACED_PUNCTUATION.test(word);
    const glued = glueNext || (spaced && SPACED_CLOSING.includes(visibleEdge(word, false)));
    glueNext = spaced && SPACED_OPENING.includes(visibleEdge(word, true));
    // Only wide characters split a word: most words have none (nothing at or above U+1100).
    (/[^\u0000-\u10ff]/.test(word) ? (word.match(piecesPattern()) ?? [word]) : [word]).forEach((piece, i) => {
      const previous = atoms[atoms.length - 1];
      if (previous && i === 0 && glued) {
        previous.text += ` ${piece}`;
        previous.width += 1 + displayWidth(piece);
        return;
      }
      if (previous && i > 0 && (NO_BREAK_BEFORE.test(piece) || NO_BREAK_AFTER.test(previous.text))) {
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
 * The width of the widest piece of a text that wrapping keeps whole (a word, with the punctuation glued to
 * it): the least width it fits in without cutting.
 * @example widestUnbreakable("« oui » ou non") // 7
 */
export function widestUnbreakable(text: string): number {
  return Math.max(0, ...atomsOf(text).map((atom) => atom.width));
}

/**
 * A horizontal rule for a line of this many columns: at most 40 dashes, at least 3 (the text and the ANSI
 * renderings draw the same one).
 * @example horizontalRule(80) // "----------------------------------------"
 */
export function horizontalRule(columns: number): string {
  return "-".repeat(Math.min(40, Math.max(3, columns)));
}

/** Characters after which a long word (a URL, a path) is best cut. */
const CUT_AFTER = new Set(["/", "-", "?", "&", "=", "#", ".", "_"]);

/**
 * Pieces of an atom too wide for a line, each at most `room` columns: cut after a `/`, `-`, `?`... in its
 * second half where there is one, else at the width; escape sequences are kept whole (a style or a
 * hyperlink simply goes on over the next line).
 */
function cutAtom(atom: Atom, room: number): Atom[] {
  const pieces: Atom[] = [];
  let text = "";
  let width = 0;
  let cut = { at: -1, width: 0 };
  const push = (piece: string, pieceWidth: number): void => {
    pieces.push({ text: piece, width: pieceWidth, spaced: pieces.length === 0 && atom.spaced });
  };
  const whole = atom.text;
  for (let i = 0; i < whole.length; ) {
    // An escape sequence, or one code point.
    let token: string;
    if (whole.charCodeAt(i) === 0x1b) {
      ESCAPE_AT.lastIndex = i;
      const escape = ESCAPE_AT.exec(whole);
      if (escape) {
        text += escape[0];
        i += escape[0].length;
        continue;
      }
      token = "\u001b";
    } else {
      token = String.fromCodePoint(whole.codePointAt(i)!);
    }
    i += token.length;
    const code = token.charCodeAt(0);
    const tokenWidth = code >= 0x20 && code < 0x7f ? 1 : displayWidth(token);
    if (width > 0 && width + tokenWidth > room) {
      let at = cut.at > 0 && cut.width * 2 >= room ? cut.at : text.length;
      // Never at a space that glues punctuation to its word (« mot »): the punctuation would start a line.
      if (token === " " || text[at - 1] === " " || text[at] === " ") at = safeCut(text, Math.max(1, at - (token === " " ? 2 : 3)));
      const piece = text.slice(0, at);
      push(piece, displayWidth(piece));
      text = text.slice(at);
      width = displayWidth(text);
      cut = { at: -1, width: 0 };
    }
    text += token;
    width += tokenWidth;
    if (CUT_AFTER.has(token)) cut = { at: text.length, width };
  }
  if (text !== "") push(text, width);
  return pieces;
}

/** A cut position moved back out of an escape sequence or a surrogate pair, and off a space. */
function safeCut(text: string, at: number): number {
  const escape = text.lastIndexOf("\u001b", at - 1);
  if (escape >= 0) {
    ESCAPE_AT.lastIndex = escape;
    if (ESCAPE_AT.exec(text) && ESCAPE_AT.lastIndex > at) at = escape;
  }
  if (at > 0 && /[\udc00-\udfff]/.test(text[at] ?? "")) at--;
  while (at > 1 && text[at - 1] === " ") at--;
  return Math.max(1, at);
}

/**
 * Wraps one paragraph to `width` columns. The first line starts with `indent`, the others with `hanging`
 * (a hanging indent for list items). Newlines in the text are kept as line breaks. A word longer than a
 * line (a long URL) is cut, after a `/` where it can be, so that no line is wider than `width`.
 * @example wrapText("one two three", 8) // ["one two", "three"]
 */
export function wrapText(text: string, width: number, indent = "", hanging = indent): string[] {
  const lines: string[] = [];
  const room = Math.max(1, width - displayWidth(hanging));
  text.split("\n").forEach((part, n) => {
    const first = n === 0 ? indent : hanging;
    let line = first;
    let lineWidth = displayWidth(first);
    let empty = true;
    let atoms = atomsOf(part);
    if (atoms.some((atom) => atom.width > room)) atoms = atoms.flatMap((whole) => (whole.width > room ? cutAtom(whole, room) : [whole]));
    for (const atom of atoms) {
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

/** Lays out a table at a width (render/table.ts, loaded only for a rendering that has one). */
export type TableLayout = (header: readonly string[], rows: ReadonlyArray<readonly string[]>, width: number, indent?: string) => string[];

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
export function layOutAnsi(rendered: string, width: number, tables?: TableLayout): string {
  const lines = rendered.split("\n").flatMap((line) => {
    const table = line.indexOf(TABLE);
    if (table >= 0) {
      // A table in a list item or a quote comes after its indentation (and styles, which are dropped).
      const before = withoutEscapes(line.slice(0, table));
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
