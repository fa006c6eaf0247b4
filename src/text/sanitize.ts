// Keeps text from entries from driving the terminal: control characters out, JSON's C1 range escaped.

/** C0 controls except tab and newline, DEL, and C1 controls (0x80-0x9F, e.g. the 8-bit CSI 0x9B). */
const CONTROLS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;

/**
 * Removes every control character but tab and newline, so text from a page cannot carry escape
 * sequences (ESC, BEL, 8-bit CSI) to the terminal.
 * @example stripControls("a\u001b[2Jb\u009b31mc") // "a[2Jb31mc"
 */
export function stripControls(text: string): string {
  return text.replace(CONTROLS, "");
}

/**
 * Serialises a value as JSON with C1 controls and lone surrogates escaped too (JSON.stringify leaves
 * C1 characters raw, and some terminals read them as escape sequences).
 * @example toJson({ a: "\u009b" }) // '{\n  "a": "\\u009b"\n}'
 */
export function toJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/[\u007F-\u009F\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
