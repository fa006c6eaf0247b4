// The commands about where entries come from, loaded only when used: `update` (fetch MDN's pages and team
// glossaries with Git) and `sources` (every source in precedence order, with its locales and origin).

import fs from "node:fs";
import path from "node:path";
import { UpdateError, UsageError } from "../errors.js";
import { toJson } from "../text/sanitize.js";
import { MDN_LOCALES, canonicalLocale, languageOf } from "../sources/locale.js";
import type { Glossary } from "../query/glossary.js";
import { type CommandOutput, type ConfiguredSource, type Env, type FetchedSource, type GlossaryConfig, MDN_LICENCE, type Settings } from "../types.js";
import { openSourceIndex } from "./cache.js";
import { updateSources } from "./update.js";
import { formatBytes } from "../text/sizes.js";

/** What `update` needs besides the settings. */
export interface UpdateContext {
  env: Env;
  /** The data folder (null: none can be named). */
  data: string | null;
  config: GlossaryConfig | null;
  /** The cache folder, where the indexes of the fetched pages are built ahead. */
  cache: string | null;
  workerScript: string;
  /** Writes progress on stderr; null when stderr is not a terminal. */
  progress: ((text: string) => void) | null;
  verbose: (message: string) => void;
}

/**
 * The MDN locales `update` fetches when none is named: the config file's `[mdn] locales`, else the
 * preferred locale (as MDN names it, when MDN has it) and en-US.
 * @example defaultLocales(null, "fr-FR") // ["fr", "en-US"]
 */
export function defaultLocales(config: GlossaryConfig | null, preferred: string): string[] {
  if (config?.mdnLocales) return config.mdnLocales.value;
  const mdn = [preferred, languageOf(preferred)].map(canonicalLocale).find((locale) => MDN_LOCALES.has(locale));
  return [...new Set([...(mdn ? [mdn] : []), "en-US"])];
}

/**
 * Fetches MDN's glossary for the locales given (default: {@link defaultLocales}) and every team glossary
 * of the config file held in Git; one line per source updated on stdout. A source that could not be
 * updated (its previous pages still served) is `failure`, to be raised after the output is printed.
 */
export async function updateCommand(locales: readonly string[], settings: Settings, context: UpdateContext): Promise<CommandOutput & { failure: UpdateError | null }> {
  if (context.data === null) throw new UpdateError("no data folder: set XDG_DATA_HOME or HOME");
  for (const locale of locales) {
    if (!/^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*$/.test(locale)) throw new UsageError(`not a locale: "${locale.slice(0, 40)}"`, "name locales as MDN does: en-US, fr, pt-BR, zh-CN...");
  }
  const wanted = locales.length > 0 ? locales.map(canonicalLocale) : defaultLocales(context.config, settings.locale.locale);
  const git = (context.config?.sources ?? []).filter((source): source is ConfiguredSource & { git: string } => source.git !== null);
  const report = await updateSources({
    env: context.env,
    data: context.data,
    locales: wanted,
    git,
    progress: context.progress,
    index: async (folder) => {
      try {
        await openSourceIndex(folder, { root: context.cache, verbose: context.verbose, workerScript: context.workerScript });
      } catch (error) {
        context.verbose(`${folder}: index not built ahead (${error instanceof Error ? error.message : String(error)})`);
      }
    },
  });
  const lines = report.updated.map((source) => `${updateLine(source)}\n`).join("");
  const [first] = report.failed;
  const others = report.failed.length > 1 ? ` (and ${report.failed.length - 1} more)` : "";
  const failure = first ? new UpdateError(`cannot update ${first.remote}: ${first.message}${others}`, "the pages fetched before are still used") : null;
  return { stdout: lines, notes: [], failure };
}

/**
 * One line about a source updated: what, which commit, how many pages, bytes received and seconds taken.
 * @example "updated fr from https://github.com/mdn/translated-content.git: 1a2b3c4d5e6f (2025-01-31), 312 pages, 1.2 MB received in 3.4 s"
 */
export function updateLine(source: FetchedSource): string {
  const what = source.kind === "mdn" ? source.locales.join(", ") : source.folder === "" ? "glossary" : source.folder;
  const pages = countPages(source.path);
  return `updated ${what} from ${source.remote}${source.branch ? ` (${source.branch})` : ""}: ${source.commit.slice(0, 12)} (${source.committed.slice(0, 10)}), ${pages} ${pages === 1 ? "page" : "pages"}, ${formatBytes(source.bytes)} received in ${source.seconds} s`;
}

function countPages(folder: string): number {
  let count = 0;
  for (const name of fs.readdirSync(folder, { recursive: true }) as string[]) if (path.basename(name) === "index.md") count++;
  return count;
}

/** One source of `sources --json`, in precedence order. */
export interface SourceJson {
  kind: "folder" | "git" | "mdn" | "bundled";
  /** Its folder (for Git and MDN, the folder served from the data folder). */
  path: string;
  /** Where it is fetched from (Git and MDN). */
  remote: string | null;
  branch: string | null;
  locales: Array<{ locale: string; count: number }>;
  /** The commit served and its time, and when it was fetched (Git and MDN). */
  commit: string | null;
  committed: string | null;
  updated: string | null;
  licence: string | null;
}

/** Every source of the glossary in precedence order: kind, where it is, locales with counts, last update, licence. */
export function sourcesCommand(settings: Settings, glossary: Glossary, fetched: readonly FetchedSource[], bundledData: string): CommandOutput {
  const sources: SourceJson[] = glossary.layers.map((layer) => {
    const record = fetched.find((source) => source.path === layer.label);
    const locales = [...layer.index.locales].sort(([a], [b]) => a.localeCompare(b)).map(([locale, count]) => ({ locale, count }));
    const bundled = layer.label === "bundled";
    return {
      kind: bundled ? "bundled" : record ? record.kind : "folder",
      path: bundled ? bundledData : layer.label,
      remote: record?.remote ?? null,
      branch: record?.branch ?? null,
      locales,
      commit: record?.commit ?? null,
      committed: record?.committed ?? null,
      updated: record?.updated ?? null,
      licence: layer.licence ?? (record?.kind === "mdn" ? MDN_LICENCE : null),
    };
  });
  if (settings.format === "json") return { stdout: `${toJson(sources)}\n`, notes: [] };
  const kinds = { bundled: "bundled", folder: "folder", git: "Git", mdn: "MDN" } as const;
  const blocks = sources.map((source, n) => {
    const lines = [`${n + 1}. ${kinds[source.kind]}  ${source.path}`];
    if (source.remote) lines.push(`   from ${source.remote}${source.branch ? ` (${source.branch})` : ""}`);
    lines.push(`   locales: ${source.locales.length > 0 ? source.locales.map(({ locale, count }) => `${locale} ${count}`).join(", ") : "none"}`);
    if (source.commit) lines.push(`   commit ${source.commit.slice(0, 12)} of ${source.committed}, fetched ${source.updated}`);
    if (source.licence) lines.push(`   licence: ${source.licence}`);
    return lines.join("\n");
  });
  return { stdout: `${blocks.join("\n")}\n`, notes: sources.length === 0 ? ["no sources: every source is turned off"] : [] };
}
