// What a user has set up outside a command line, combined as the command line combines it: the config
// file, the sources `glossary update` fetched into the data folder, GLOSSARY_PATH and GLOSSARY_LANG.

import path from "node:path";
import { UsageError } from "../errors.js";
import { canonicalLocale, isLocaleTag } from "../sources/locale.js";
import type { Env, FetchedSource, GlossaryConfig, LocalePreference } from "../types.js";
import { loadConfig } from "./config.js";
import { dataRoot, readDataState } from "./data-home.js";
import { readOptionalFile } from "./optional-file.js";

/** The config file and the record of fetched sources, as read at the start of a run. */
export interface UserSetup {
  /** The config file, checked; null when there is none. */
  config: GlossaryConfig | null;
  /** The data folder of fetched sources; null when neither XDG_DATA_HOME nor a home folder names one. */
  data: string | null;
  /** The sources the data folder serves, in the order they were fetched. */
  fetched: FetchedSource[];
  /** A note saying why the record of fetched sources could not be read (an update writes it again); null when it could. */
  damaged: string | null;
}

/**
 * Reads the config file and the record of fetched sources (one failed open each when there is none). An
 * invalid config file is a usage error naming the file, line and key.
 */
export async function readUserSetup(env: Env): Promise<UserSetup> {
  const config = await loadConfig(env);
  const data = dataRoot(env);
  const { sources, damaged } = readDataState(data);
  return { config, data, fetched: sources, damaged: damaged === null ? null : `${damaged}; run glossary update to fetch the sources again` };
}

/**
 * The folders a glossary reads and MDN's fetched pages, in precedence order: `folders` (from `--source`),
 * GLOSSARY_PATH, the config file's folders and its Git sources where fetched, then MDN's fetched pages
 * (kept apart: they carry MDN's licence).
 */
export function userSources(folders: readonly string[], env: Env, config: GlossaryConfig | null, fetched: readonly FetchedSource[]): { sources: string[]; fetched?: FetchedSource[] } {
  const mdn = fetched.filter((source) => source.kind === "mdn");
  return {
    sources: withConfiguredSources(sourceFolders(folders, env), config, fetched),
    ...(mdn.length > 0 ? { fetched: mdn } : {}),
  };
}

/**
 * The config file's locales, when neither --lang nor GLOSSARY_LANG names one (they beat it; the config
 * beats the system's locale, LANG and the like). Null: the config does not decide.
 */
export function configuredLocale(flag: string | undefined, env: Env, config: GlossaryConfig | null): LocalePreference | null {
  const locales = config?.lang?.value;
  if (!locales || (flag !== undefined && flag.trim() !== "") || (env["GLOSSARY_LANG"] ?? "").trim() !== "") return null;
  const [first, ...others] = locales.map(canonicalLocale);
  return others.length > 0 ? { locale: first!, explicit: true, alternatives: others } : { locale: first!, explicit: true };
}

/**
 * The source folders with those of the config file after them: its folders, and its Git sources where
 * `glossary update` has fetched them (in the order the file lists them; one not fetched yet is left out).
 */
export function withConfiguredSources(folders: string[], config: GlossaryConfig | null, fetched: readonly FetchedSource[]): string[] {
  if (!config || config.sources.length === 0) return folders;
  const all = [...folders];
  for (const source of config.sources) {
    const served = source.path ?? fetched.find((each) => each.kind === "git" && each.remote === source.git && each.branch === source.branch && each.folder === source.folder)?.path;
    if (served !== undefined && !all.includes(served)) all.push(served);
  }
  return all;
}

/**
 * The source folders in precedence order: `--source` flags first, then `GLOSSARY_PATH` (split on the
 * platform's path delimiter, empty parts skipped), the same folder listed twice kept once; `~` and `~/...`
 * at the start of each are the home folder, as shells expand them.
 */
export function sourceFolders(flags: readonly string[], env: Env, delimiter = path.delimiter): string[] {
  const fromEnv = (env["GLOSSARY_PATH"] ?? "").split(delimiter).filter((p) => p.trim() !== "");
  const seen = new Set<string>();
  const folders: string[] = [];
  for (const folder of [...flags, ...fromEnv].map((each) => expandHome(each, env))) {
    const key = path.resolve(folder);
    if (seen.has(key)) continue;
    seen.add(key);
    folders.push(folder);
  }
  return folders;
}

/**
 * A folder with `~` at its start expanded as shells do: `~` and `~/` to the home folder (HOME, else
 * USERPROFILE), `~name` and `~name/` to the home folder the user database (`passwd`, read only then) gives
 * that user; as it is when there is no such folder or user.
 * @example expandHome("~/glossary", { HOME: "/home/u" }) // "/home/u/glossary"
 */
export function expandHome(folder: string, env: Env, passwd = "/etc/passwd"): string {
  const tilde = /^~([^/\\]*)(?=$|[/\\])/.exec(folder);
  if (tilde === null) return folder;
  const home = tilde[1] === "" ? env["HOME"] || env["USERPROFILE"] : userHome(tilde[1]!, passwd);
  return home ? path.join(home, folder.slice(tilde[0].length)) : folder;
}

/** A user's home folder from a `passwd` file (`name:password:uid:gid:comment:home:shell` lines); null if not listed. */
function userHome(name: string, passwd: string): string | null {
  let text: string | null;
  try {
    text = readOptionalFile(passwd);
  } catch {
    return null;
  }
  for (const line of (text ?? "").split("\n")) {
    const fields = line.split(":");
    if (fields.length >= 7 && fields[0] === name && path.isAbsolute(fields[5]!)) return fields[5]!;
  }
  return null;
}

/** Refuses a GLOSSARY_LANG (set and not empty) that is not a locale tag: a usage error, never ignored. */
export function checkLangVariable(env: Env): void {
  const chosen = env["GLOSSARY_LANG"];
  if (chosen !== undefined && chosen !== "" && !isLocaleTag(chosen)) {
    throw new UsageError(`GLOSSARY_LANG takes a locale such as en-US, fr or pt-BR, not "${chosen}"`);
  }
}
