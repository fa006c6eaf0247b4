// Runs the laying out of a page with V8 compiling regular expressions to machine code at their first use
// (loaded only when a page is laid out, since `node:v8` costs milliseconds to load).

import v8 from "node:v8";

/** The V8 flag that makes a regular expression machine code at once, and the one that puts back V8's default. */
const AT_ONCE = "--no-regexp-tier-up";
const DEFAULT = "--regexp-tier-up";

/**
 * Calls `work` with V8 compiling each regular expression to machine code the first time it runs, then puts
 * V8's default back. By default V8 runs a regular expression's first match in its interpreter, and marked's
 * block rules are long expressions full of lookaheads that its interpreter runs slowly over a whole page: the
 * first page a process lays out took about four times longer. The default is put back before any other code
 * runs (`work` is synchronous), so code caches, which V8 refuses under other flags, are used as before. Left
 * alone when the process was started with a regular-expression flag of its own (`execArgv`, `NODE_OPTIONS`).
 */
export function withNativeRegexps<T>(work: () => T): T {
  if (hasRegexpFlag(process.execArgv, process.env.NODE_OPTIONS)) return work();
  v8.setFlagsFromString(AT_ONCE);
  try {
    return work();
  } finally {
    v8.setFlagsFromString(DEFAULT);
  }
}

/** True when Node.js's arguments or `NODE_OPTIONS` name a V8 flag about regular expressions. */
export function hasRegexpFlag(execArgv: readonly string[], nodeOptions: string | undefined): boolean {
  return [...execArgv, nodeOptions ?? ""].some((argument) => /regexp/i.test(argument));
}
