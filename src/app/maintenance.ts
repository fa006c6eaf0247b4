// The maintenance commands, loaded only when used: lint glossary folders, build or refresh source indexes.

import path from "node:path";
import { toJson } from "../text/sanitize.js";
import { lintScans } from "../query/lint.js";
import { checkSourceFolder } from "../sources/discover.js";
import { scanSource } from "../sources/scan.js";
import { tsv } from "./commands.js";
import { onlyTextOrJson } from "./lookup-command.js";
import type { CommandOutput, Settings } from "../types.js";
import type { Glossary } from "../query/glossary.js";
import { openSourceIndex } from "./cache.js";
import { problemLine } from "../text/problem.js";

/**
 * Lints glossary folders (default: the configured sources, else the bundled entries), their links and
 * translations checked against the configured glossary too (`open`: the bundled entries unless
 * `--no-bundled`, and the configured sources). One line per problem, `path:line: severity: message`, then
 * a summary; exit status 1 when any problem is an error.
 */
export async function lintCommand(
  folders: readonly string[],
  settings: Settings,
  bundledData: string,
  cwd: string,
  open: (settings: Settings) => Promise<Glossary>,
): Promise<CommandOutput & { exitCode: number }> {
  const targets = folders.length > 0 ? folders : settings.sources.length > 0 ? settings.sources : [bundledData];
  const scans = targets.map((folder) => scanSource(checkSourceFolder(folder)));
  const glossary = settings.bundled || settings.sources.length > 0 ? await open(settings) : null;
  const elsewhere = (locale: string, key: string): boolean => glossary !== null && glossary.bySlug(key, locale) !== undefined;
  const shown = (file: string): string => {
    const relative = path.relative(cwd, file);
    return relative.startsWith("..") || path.isAbsolute(relative) ? file : relative;
  };
  const problems = lintScans(scans, shown, elsewhere);
  const errors = problems.filter((p) => p.severity === "error").length;
  const warnings = problems.length - errors;
  const pages = scans.reduce((n, scan) => n + scan.fileCount, 0);
  const stdout =
    settings.format === "json"
      ? `${toJson(problems.map((p) => ({ ...p, path: shown(p.path) })))}\n`
      : problems.map((p) => `${problemLine(p, shown)}\n`).join("");
  const count = (n: number, word: string): string => `${n} ${word}${n === 1 ? "" : "s"}`;
  return {
    stdout,
    notes: [],
    after: [`${count(errors, "error")}, ${count(warnings, "warning")} in ${count(pages, "page")}`],
    exitCode: errors > 0 ? 1 : 0,
  };
}

/**
 * Builds or refreshes the cached index of every configured source and says what it did for each:
 * `folder<TAB>entries<TAB>built|up to date`.
 */
export async function indexCommand(
  settings: Settings,
  rebuild: boolean,
  cache: string | null,
  progress: (label: string) => ((done: number, total: number) => void) | undefined,
  workerScript: string | null,
): Promise<CommandOutput> {
  onlyTextOrJson(settings, "index");
  if (settings.sources.length === 0) {
    return { stdout: "", notes: ["no source folders configured (use --source or GLOSSARY_PATH); the bundled entries are indexed when installed"] };
  }
  const rows: Array<{ source: string; entries: number; state: "built" | "up to date"; seconds: number; cache: string | null }> = [];
  const notes: string[] = [];
  const verbose = (message: string): void => {
    if (settings.verbose) notes.push(message);
  };
  for (const source of settings.sources) {
    const folder = checkSourceFolder(source);
    const started = performance.now();
    let built: { entries: number; folder: string | null } | null = null;
    const show = progress(`indexing ${source}`);
    const index = await openSourceIndex(folder, {
      root: cache,
      workerScript,
      rebuild,
      verbose,
      problems: (problems) => {
        for (const p of problems) verbose(problemLine(p));
      },
      built: (entries, where) => {
        built = { entries, folder: where };
      },
      ...(show ? { progress: show } : {}),
    });
    const result = built as { entries: number; folder: string | null } | null;
    rows.push({
      source,
      entries: result ? result.entries : index.size,
      state: result ? "built" : "up to date",
      seconds: Math.round(performance.now() - started) / 1000,
      cache: result ? result.folder : null,
    });
  }
  if (cache === null) notes.push("no cache folder (set XDG_CACHE_HOME or HOME): nothing was stored");
  if (settings.format === "json") return { stdout: `${toJson(rows)}\n`, notes };
  return { stdout: rows.map((r) => tsv(r.source, String(r.entries), r.state, `${r.seconds} s`)).join(""), notes };
}
