// Where the cache of source indexes lives (a function of the environment, kept apart from the cache code
// so that naming the folder loads nothing else).

import path from "node:path";

/**
 * The cache folder: `$XDG_CACHE_HOME/glossary`, else `~/.cache/glossary`; null when neither can be named.
 * @example cacheRoot({ XDG_CACHE_HOME: "/tmp/c" }) // "/tmp/c/glossary"
 */
export function cacheRoot(env: Readonly<Record<string, string | undefined>>): string | null {
  const xdg = env["XDG_CACHE_HOME"];
  if (xdg && path.isAbsolute(xdg)) return path.join(xdg, "glossary");
  const home = env["HOME"] || env["USERPROFILE"];
  return home ? path.join(home, ".cache", "glossary") : null;
}
