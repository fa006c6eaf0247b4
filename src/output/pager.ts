// Paging: which pager shows long output on a terminal, with what environment, and when it is needed.

import type { ProcessLike } from "./stream.js";

type Env = ProcessLike["env"];

/** The pager used when neither GLOSSARY_PAGER nor PAGER is set. */
export const DEFAULT_PAGER = "less -R";

/**
 * The pager command line: GLOSSARY_PAGER, else PAGER, else the config file's `pager`, else `less -R`. Set
 * to an empty string (or `cat`), either variable turns paging off: null.
 * @example pagerCommand({ PAGER: "most" }) // "most"
 */
export function pagerCommand(env: Env, configured?: string): string | null {
  for (const name of ["GLOSSARY_PAGER", "PAGER"]) {
    const value = env[name];
    if (value === undefined) continue;
    const command = value.trim();
    return command === "" || command === "cat" ? null : command;
  }
  return configured?.trim() === "cat" ? null : (configured?.trim() ?? DEFAULT_PAGER);
}

/**
 * The pager's environment: as git does, `LESS=FRX` (quit when the text fits, keep colours, leave the text
 * on screen) and `LV=-c` (colours in lv), unless the user set them.
 */
export function pagerEnvironment(env: Env): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) if (value !== undefined) out[name] = value;
  out["LESS"] ??= "FRX";
  out["LV"] ??= "-c";
  return out;
}

/** True when text of this many lines does not fit a screen of `rows` rows (keeping one for the prompt). */
export function tallerThanScreen(text: string, rows: number | undefined): boolean {
  if (rows === undefined || rows <= 0) return false;
  let lines = 0;
  for (let at = text.indexOf("\n"); at !== -1; at = text.indexOf("\n", at + 1)) {
    if (++lines >= rows) return true;
  }
  return false;
}
