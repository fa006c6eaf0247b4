// The library API: open a glossary from code and query it, getting the same objects `--json` prints.

import path from "node:path";
import { fileURLToPath } from "node:url";
import { cacheRoot } from "./app/cache-root.js";
import { searchWithFallback } from "./app/commands.js";
import { NotFoundError } from "./errors.js";
import { openGlossary as openSources, queryWithRebuild, type Refresh } from "./app/open.js";
import type { Glossary } from "./query/glossary.js";
import { localeCounts, translationsOf } from "./query/langs.js";
import { lookup as lookupEntry } from "./query/lookup.js";
import { related as relatedEntries } from "./query/related.js";
import { entryView } from "./app/entry-view.js";
import { suggest as suggestEntries } from "./query/suggest.js";
import {
  entryJson,
  listItemJson,
  localeCountJson,
  relatedJson,
  searchResultJson,
  translationJson,
} from "./render/json.js";
import { preferredLocale, resolveLocale } from "./sources/locale.js";
import { checkLangVariable, configuredLocale, readUserSetup, userSources } from "./app/user-setup.js";
import type { Entry, EntryJson, ListItemJson, LocaleCountJson, RelatedJson, SearchResultJson, TranslationJson } from "./types.js";

export { ExitCode, GlossaryError, NotFoundError, UsageError } from "./errors.js";
// The declarations of the package's API reach only these two modules, which import nothing: the package
// installs no dependency, so its declarations may name none.
export type { EntryJson, LinkRef, ListItemJson, LocaleCountJson, RelatedJson, Relation, SearchResultJson, SeeAlsoItem, TranslationJson } from "./types.js";

export interface GlossaryOptions {
  /** Folders of MDN-format pages, in precedence order: the first wins for the same locale and slug. */
  sources?: readonly string[];
  /** Include the entries bundled with the package (default true). */
  bundled?: boolean;
  /**
   * The preferred locale (en-US, fr, pt-BR...). Given, it is followed as `--lang` is; not given, terms are
   * looked up in every locale with en-US first.
   */
  locale?: string;
  /** Where source indexes are cached: a folder, or false for none (default: `$XDG_CACHE_HOME/glossary`). */
  cache?: string | false;
  /** Receives notes about pages that could not be read and cache decisions (default: ignored). */
  onNote?: (message: string) => void;
  /**
   * Use the settings the command line uses as well (default false): the config file
   * (`$XDG_CONFIG_HOME/glossary/config.toml`: its locales, folders, Git sources and `bundled`), the pages
   * `glossary update` fetched (`$XDG_DATA_HOME/glossary`), GLOSSARY_PATH, and the preferred locale of
   * GLOSSARY_LANG or LANG, each below the options given here, as flags beat them on the command line. An
   * invalid config file is then a `UsageError` naming the file, line and key.
   */
  userSettings?: boolean;
  /** The environment those settings and the cache folder are found from (default: `process.env`). */
  env?: Readonly<Record<string, string | undefined>>;
}

/** Per-call choice of locale, overriding the glossary's. */
export interface LocaleOption {
  locale?: string;
}

export interface SearchOptions extends LocaleOption {
  /** At most this many results (default 20). */
  limit?: number;
}

/** An open glossary. Methods that take a term answer `null` when no entry matches it. */
export interface GlossaryLibrary {
  /** Every locale that has at least one entry, sorted. */
  locales(): string[];
  /** The entry a term means, as `glossary --json <term>` prints it. */
  lookup(term: string, options?: LocaleOption): Promise<EntryJson | null>;
  /** Full-text search, best first, as `glossary search --json` prints it. */
  search(query: string, options?: SearchOptions): Promise<SearchResultJson[]>;
  /** The entries related to a term, as `glossary related --json` prints them. */
  related(term: string, options?: LocaleOption): Promise<RelatedJson[] | null>;
  /** Every title of a locale, sorted, as `glossary list --json` prints them. */
  list(options?: LocaleOption): Promise<ListItemJson[]>;
  /** Each locale with its entry count, as `glossary langs --json` prints them. */
  langs(): Promise<LocaleCountJson[]>;
  /** A term in every locale that has it, as `glossary langs --json <term>` prints it. */
  translations(term: string, options?: LocaleOption): Promise<TranslationJson[] | null>;
  /** The closest titles to a misspelt term, closest first (what the command line suggests on a miss). */
  suggest(term: string, options?: LocaleOption): Promise<ListItemJson[]>;
}

/** The package folder (this module is bundled into `dist/`, one level below it). */
const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/**
 * Opens the bundled entries and the given sources. A source folder that cannot be read is a `UsageError`.
 * @example
 * const glossary = await openGlossary({ locale: "fr" });
 * (await glossary.lookup("asynchronous"))?.title // "Asynchrone"
 */
export async function openGlossary(options: GlossaryOptions = {}): Promise<GlossaryLibrary> {
  const note = options.onNote ?? (() => {});
  const env = options.env ?? process.env;
  const cache = options.cache === false ? null : (options.cache ?? cacheRoot(env));
  if (options.userSettings === true) checkLangVariable(env);
  const user = options.userSettings === true ? await readUserSetup(env) : null;
  if (user?.damaged) note(user.damaged);
  const sources = user ? userSources(options.sources ?? [], env, user.config, user.fetched) : { sources: options.sources ?? [] };
  const bundled = options.bundled ?? user?.config?.bundled?.value ?? true;
  const open = (refresh?: Refresh): Promise<Glossary> => openSources({ ...sources, bundled, packageRoot, verbose: note, ...(refresh ? { refresh } : {}), cache });
  let glossary = await open();

  /** Runs a query; an index found out of date or damaged while reading is refreshed, as the command line does (see queryWithRebuild). */
  const withGlossary = <T>(query: (glossary: Glossary) => T | Promise<T>): Promise<T> =>
    queryWithRebuild(async (refresh) => (refresh ? (glossary = await open(refresh)) : glossary), query, note);
  /** The locale preference of a call: as `--lang` when one is given, else en-US first among all. */
  const preference = (call?: LocaleOption) => {
    const chosen = call?.locale ?? options.locale;
    if (chosen !== undefined || user === null) return preferredLocale(chosen, {});
    return configuredLocale(undefined, env, user.config) ?? preferredLocale(undefined, env);
  };
  const find = (g: Glossary, term: string, call?: LocaleOption): Entry | null => {
    const result = lookupEntry(g, term, preference(call));
    return result.found ? result.entry : null;
  };
  const listLocale = (g: Glossary, call?: LocaleOption) => resolveLocale(preference(call).locale, g.locales());

  return {
    locales: () => glossary.locales(),
    lookup: (term, call) =>
      withGlossary(async (g) => {
        const entry = find(g, term, call);
        return entry ? entryJson(await entryView(entry, g), g.layers[entry.layer]?.licence ?? null) : null;
      }),
    search: (query, call) =>
      withGlossary(async (g) => {
        try {
          return (await searchWithFallback(g, query, call?.limit ?? 20, preference(call))).results.map(searchResultJson);
        } catch (error) {
          if (error instanceof NotFoundError) return [];
          throw error;
        }
      }),
    related: (term, call) =>
      withGlossary((g) => {
        const entry = find(g, term, call);
        return entry ? relatedEntries(g, entry).map(relatedJson) : null;
      }),
    list: (call) => withGlossary((g) => g.titles(listLocale(g, call)).map(listItemJson)),
    langs: () => withGlossary((g) => localeCounts(g).map(localeCountJson)),
    translations: (term, call) =>
      withGlossary((g) => {
        const entry = find(g, term, call);
        return entry ? translationsOf(g, entry).map(translationJson) : null;
      }),
    suggest: (term, call) => withGlossary((g) => suggestEntries(g, term, listLocale(g, call)).map(({ entry }) => listItemJson(entry))),
  };
}

