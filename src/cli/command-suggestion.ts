// The command a mistyped first word was probably meant to be (`glossary serach closure`): asked only after a
// lookup of the words found nothing, so a term that exists is always shown.

import { COMMAND_NAMES, HIDDEN_COMMANDS } from "./options.js";

/**
 * Edit distance counting a swap of two neighbouring letters as one edit (optimal string alignment), as
 * typing mistakes go: "serach" is one edit from "search".
 * @example typingDistance("serach", "search") // 1
 */
export function typingDistance(a: string, b: string): number {
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = best;
    }
  }
  return rows[a.length]![b.length]!;
}

/**
 * The command a first word is a typing mistake of: one edit away for a command of up to 5 letters, two for
 * a longer one (a swap of neighbouring letters is one edit); null when none is that close, or the word is
 * a command itself (or too short or too long to be one mistyped).
 * @example commandNear("serach") // "search"
 * @example commandNear("closure") // null
 */
export function commandNear(word: string): string | null {
  const typed = word.toLowerCase();
  if (typed.length < 3 || typed.length > 12 || COMMAND_NAMES.has(typed)) return null;
  let best: { name: string; distance: number } | null = null;
  for (const name of COMMAND_NAMES) {
    if (HIDDEN_COMMANDS.has(name)) continue;
    const distance = typingDistance(typed, name);
    if (distance <= (name.length <= 5 ? 1 : 2) && (best === null || distance < best.distance)) best = { name, distance };
  }
  return best?.name ?? null;
}
