// Keeps text from entries from driving the terminal: escape sequences and control characters out, messages
// on one line, words quoted for a shell, JSON's C1 range escaped.

/**
 * What a terminal reads as a control, whole: control strings (OSC `ESC ]`, DCS `ESC P`, SOS `ESC X`, PM
 * `ESC ^`, APC `ESC _`, and their 8-bit forms 0x9D, 0x90, 0x98, 0x9E, 0x9F) up to their terminator (BEL or
 * ST, `ESC \` or 0x9C) or, unterminated, to the end of their line or the next control; CSI sequences (`ESC
 * [` or 0x9B, parameters, intermediates, final byte); other escape sequences (ESC, intermediates, final
 * byte); then any other C0 control but tab and newline, DEL, and C1 control.
 */
const SEQUENCES =
  /(?:\u001b[\]PX^_]|[\u0090\u0098\u009d\u009e\u009f])[^\u0007\u0018\u001a\u001b\n\u0080-\u009f]*(?:\u0007|\u001b\\|\u009c)?|(?:\u001b\[|\u009b)[\u0030-\u003f]*[\u0020-\u002f]*[\u0040-\u007e]?|\u001b[\u0020-\u002f]*[\u0030-\u007e]?|[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/**
 * Removes escape sequences whole (nothing of `ESC [2J` or `ESC ]52;c;...` stays visible) and every other
 * control character but tab and newline, so text from a page cannot drive the terminal.
 * @example stripControls("a\u001b[2Jb\u009b31mc\u001b]0;title\u0007d") // "abcd"
 */
export function stripControls(text: string): string {
  return text.replace(SEQUENCES, "");
}

/**
 * Text as one line for a message: no control, white space (newlines included) as single spaces, and at
 * most `max` characters, cut at a word boundary and ended with " …" when longer (`cut` then says so).
 * @example oneLine("a\nb", 60) // { text: "a b", cut: false }
 */
export function oneLine(text: string, max: number): { text: string; cut: boolean } {
  const clean = stripControls(text).replace(/\s+/g, " ").trim();
  const characters = Array.from(clean);
  if (characters.length <= max) return { text: clean, cut: false };
  const kept = characters.slice(0, max - 1).join("");
  const boundary = kept.lastIndexOf(" ");
  return { text: `${boundary > 0 ? kept.slice(0, boundary) : characters.slice(0, max - 2).join("")} …`, cut: true };
}

/**
 * Words a POSIX shell (and zsh, fish) reads as they are, unquoted. Made on first use: a pattern of Unicode
 * property classes takes a fraction of a millisecond to make, which every start of the core would pay.
 */
let plainWord: RegExp | undefined;

/**
 * A word quoted for a POSIX shell: as it is when nothing in it is special, else in single quotes (a quote
 * inside written `'\''`), so that pasting it runs nothing.
 * @example shellQuote("$(id)") // "'$(id)'"
 */
export function shellQuote(word: string): string {
  plainWord ??= /^[\p{L}\p{N}_@%+:,./-]+$/u;
  return plainWord.test(word) ? word : `'${word.replace(/'/g, "'\\''")}'`;
}

/**
 * Serialises a value as the program's JSON output: every string without escape sequences and control
 * characters but tab and newline ({@link stripControls}), so that `jq -r` prints none; U+2028 and U+2029
 * escaped.
 * @example toJson({ a: "\u001b[2Jb\u2028" }) // '{\n  "a": "b\\u2028"\n}'
 * @example toJson({ a: 1 }, 0) // '{"a":1}' (one line: a line of JSON Lines)
 */
export function toJson(value: unknown, indent: 0 | 2 = 2): string {
  return JSON.stringify(value, (_key, item: unknown) => (typeof item === "string" ? stripControls(item) : item), indent).replace(/[\u007F-\u009F\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
