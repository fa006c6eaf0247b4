// Finds and reads the config file (`$XDG_CONFIG_HOME/glossary/config.toml`): one failed open when there is
// none; the TOML parser and the checks (config-parse.ts) are loaded only when there is one.

import path from "node:path";
import { UsageError, errorCode } from "../errors.js";
import { readOptionalFile } from "./optional-file.js";
import type { Env, GlossaryConfig } from "../types.js";

/**
 * The config file's path: `$XDG_CONFIG_HOME/glossary/config.toml`, else `~/.config/glossary/config.toml`;
 * null when neither can be named.
 * @example configPath({ XDG_CONFIG_HOME: "/etc/x" }) // "/etc/x/glossary/config.toml"
 */
export function configPath(env: Env): string | null {
  const xdg = env["XDG_CONFIG_HOME"];
  if (xdg && path.isAbsolute(xdg)) return path.join(xdg, "glossary", "config.toml");
  const home = env["HOME"] || env["USERPROFILE"];
  return home ? path.join(home, ".config", "glossary", "config.toml") : null;
}

/**
 * The config file, read and checked; null when there is none. A file that cannot be read or is not valid
 * is a usage error naming the file, the line and the key: it is never ignored.
 */
export async function loadConfig(env: Env): Promise<GlossaryConfig | null> {
  const file = configPath(env);
  if (file === null) return null;
  let text: string | null;
  try {
    text = readOptionalFile(file);
  } catch (error) {
    throw new UsageError(`${file}: cannot read the config file (${errorCode(error) ?? "unreadable"})`);
  }
  if (text === null) return null;
  const { parseConfig } = await import("./config-parse.js");
  return parseConfig(text, file, env["HOME"] || env["USERPROFILE"]);
}
