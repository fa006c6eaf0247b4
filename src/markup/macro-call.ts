// Parses the syntax of one MDN macro call, `{{Name("arg", 'arg', 3)}}`, tolerating garbled calls.

export interface MacroCall {
  /** Lower-cased name with `-` read as `_`. */
  name: string;
  /** The name as written. */
  rawName: string;
  args: string[];
  /** Index just after the closing `}}`. */
  end: number;
  /** False when the call could not be read: `args` then holds whatever readable text was inside. */
  wellFormed: boolean;
}

/** How far to look for the closing `}}` of a garbled call before giving up. */
const MAX_MACRO_LENGTH = 1000;

/**
 * Reads the macro call that starts at `start` (which must point at `{{`).
 * @example parseMacroCall('{{Glossary("DOM", "the DOM")}}', 0) // { name: "glossary", args: ["DOM", "the DOM"], ... }
 */
export function parseMacroCall(text: string, start: number): MacroCall {
  let i = start + 2;
  const skipSpaces = (): void => {
    while (i < text.length && (text[i] === " " || text[i] === "\t")) i++;
  };
  skipSpaces();
  const nameMatch = /^[A-Za-z_][\w-]*/.exec(text.slice(i, i + 100));
  if (nameMatch) {
    const rawName = nameMatch[0];
    i += rawName.length;
    skipSpaces();
    const args: string[] = [];
    let ok = true;
    if (text[i] === "(") {
      i++;
      const parsed = parseArgs(text, i);
      if (parsed) {
        args.push(...parsed.args);
        i = parsed.end;
      } else {
        ok = false;
      }
    }
    if (ok) {
      skipSpaces();
      if (text.startsWith("}}", i)) {
        return { name: macroName(rawName), rawName, args, end: i + 2, wellFormed: true };
      }
    }
  }
  return garbled(text, start);
}

/** Normalises a macro name: case-insensitive, `-` same as `_`. */
export function macroName(name: string): string {
  return name.toLowerCase().replace(/-/g, "_");
}

function parseArgs(text: string, from: number): { args: string[]; end: number } | null {
  const args: string[] = [];
  let i = from;
  const limit = Math.min(text.length, from + MAX_MACRO_LENGTH);
  for (;;) {
    while (i < limit && /\s/.test(text[i]!)) i++;
    if (i >= limit) return null;
    const c = text[i]!;
    if (c === ")" && args.length === 0) return { args, end: i + 1 };
    if (c === '"' || c === "'") {
      let value = "";
      i++;
      while (i < limit && text[i] !== c) {
        if (text[i] === "\\" && i + 1 < limit) i++;
        if (text[i] === "\n") return null;
        value += text[i];
        i++;
      }
      if (i >= limit) return null;
      i++;
      args.push(value);
    } else {
      const bare = /^[^,()"'{}\n]*/.exec(text.slice(i, limit))![0];
      if (bare.trim() === "" && c !== ",") return null;
      args.push(bare.trim());
      i += bare.length;
    }
    while (i < limit && /[ \t]/.test(text[i]!)) i++;
    if (text[i] === ",") {
      i++;
      continue;
    }
    if (text[i] === ")") return { args, end: i + 1 };
    return null;
  }
}

/** A call that cannot be read: keep its first quoted string (or first word) as readable text. */
function garbled(text: string, start: number): MacroCall {
  const window = text.slice(start + 2, start + 2 + MAX_MACRO_LENGTH);
  const lineEnd = window.indexOf("\n");
  const close = window.indexOf("}}");
  const end = close >= 0 && (lineEnd < 0 || close < lineEnd) ? start + 2 + close + 2 : lineEnd >= 0 ? start + 2 + lineEnd : start + 2 + window.length;
  const inside = text.slice(start + 2, close >= 0 && end === start + 2 + close + 2 ? start + 2 + close : end);
  const nameMatch = /^\s*([A-Za-z_][\w-]*)/.exec(inside);
  const quoted = /["']([^"'\n]+)["']/.exec(inside);
  const args = quoted ? [quoted[1]!.trim()] : [];
  const rawName = nameMatch?.[1] ?? "";
  return { name: macroName(rawName), rawName, args, end, wellFormed: false };
}
