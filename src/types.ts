// Value types every stage shares: pages, index records, entries, views and their stored form, the document
// model, the settings a command runs with, and the JSON shapes of `--json` and the library.

/** A glossary page read from disk and split into front matter and body. */
export interface Page {
  /** BCP 47 locale, e.g. `en-US`, `fr`, `pt-BR`. */
  locale: string;
  /** MDN slug, e.g. `Glossary/Asynchronous`. */
  slug: string;
  title: string;
  /** `glossary-definition`, `glossary-disambiguation`, or empty when the page does not say. */
  pageType: string;
  /** Markdown after the front matter. */
  body: string;
  /** 1-based line number of the first body line in the file (for messages). */
  bodyLine: number;
  /** Absolute path of the `index.md` file. */
  path: string;
  /** Other names the page is known by: `short-title`, `original_slug`. */
  aliases: string[];
  /** Older front matter, kept for tools: `translation_of`, `l10n.sourceCommit`, `tags`. */
  translationOf?: string;
  sourceCommit?: string;
  tags?: string[];
}

export type Severity = "error" | "warning";

/** Something wrong with a page, named by file and line. */
export interface PageProblem {
  path: string;
  line: number;
  severity: Severity;
  message: string;
}

/** How a lookup key was derived from an entry (ranked by {@link keyKindRank}). */
export const KeyKind = {
  Title: 0,
  Slug: 1,
  Segment: 2,
  /** Not a name of the entry: the entry links to the slug key that follows {@link BACKLINK_PREFIX}. */
  Backlink: 3,
  /**
   * One of two names a title holds: "Cross-site request forgery (CSRF)" is also "CSRF", "Fonction de rappel
   * (callback)" also "callback". Ranked after the title itself and the slug (see {@link keyKindRank}).
   */
  TitleName: 4,
} as const;

/** How well a key of a kind names its entry: lower is better (a backlink names nothing). */
export function keyKindRank(kind: KeyKind): number {
  return kind === KeyKind.TitleName ? 1.5 : kind;
}

/** Prefix of the keys under which an index lists the entries linking to a slug key. */
export const BACKLINK_PREFIX = "\u2192";
export type KeyKind = (typeof KeyKind)[keyof typeof KeyKind];

/** One entry of an index: what queries need without reading the page again. */
export interface EntryRecord {
  id: number;
  locale: string;
  slug: string;
  title: string;
  pageType: string;
  /** Path of the page relative to the source root, with `/` separators. */
  path: string;
  /** First paragraph as plain text. */
  summary: string;
  /** Normalised slug keys of the glossary terms the body links to, in order of appearance. */
  refs: string[];
  /** Normalised slug keys of the glossary terms listed under "See also". */
  seeAlso: string[];
  /** Ids of the entries directly below this one (same locale), e.g. `Node/DOM` below `Node`. */
  children: number[];
  /**
   * Place of the title among the titles of its locale in its source, in the order readers of that locale
   * sort them: entries of one source sort by it, without a collator (making one costs milliseconds).
   */
  titleRank: number;
}

/** An entry as returned by queries: a record plus the source it came from. */
export interface Entry extends EntryRecord {
  /** Absolute path of the page. */
  file: string;
  /** Position of the source in precedence order (0 = highest). */
  layer: number;
}

/** A link found in a rendered entry. */
export interface LinkRef {
  text: string;
  url: string;
  /** Canonical slug when the link points to a glossary entry in the loaded sources, else null. */
  slug: string | null;
}

/** A "see also" item as printed in JSON. */
export interface SeeAlsoItem {
  title: string;
  slug: string | null;
  url: string;
}

/** A glossary term resolved in the loaded sources. */
export interface ResolvedTerm {
  slug: string;
  /** Title in the entry's locale (or the en-US title when the locale has no such entry). */
  title: string;
}

/** A page directly below another one, listed by `{{GlossaryDisambiguation}}`. */
export interface ChildPage {
  slug: string;
  title: string;
  summary: string;
}

/** The locale every other one falls back to, as MDN does. */
export const FALLBACK_LOCALE = "en-US";

/** The width of text output when nothing decides otherwise (not a terminal, no --width). */
export const DEFAULT_WIDTH = 80;

/** The widest prose is laid out, however wide the terminal: a readable measure. */
export const READABLE_WIDTH = 100;

/** Environment variables, as given (never read from the process by the stages). */
export type Env = Readonly<Record<string, string | undefined>>;

/** A locale the reader prefers. */
export interface LocalePreference {
  locale: string;
  /** True when the user asked for this locale (`--lang`, `GLOSSARY_LANG`), not merely lives in it. */
  explicit: boolean;
  /** The reader's next languages, in order (the rest of gettext's `LANGUAGE` list), before en-US. */
  alternatives?: readonly string[];
}

/** The output formats. */
export const FORMATS = ["ansi", "text", "markdown", "json", "dot"] as const;
export type Format = (typeof FORMATS)[number];

/** How many colours the ANSI output uses: none, 16, 256, or true colour. */
export type ColorLevel = 0 | 1 | 2 | 3;

/** The licence MDN Web Docs' pages are published under, as their attribution line names it. */
export const MDN_LICENCE = "CC-BY-SA 2.5, Mozilla Contributors";

/** A source `glossary update` fetched with Git and serves from the data folder (its record there). */
export interface FetchedSource {
  /** `mdn` for MDN's repositories, `git` for a team glossary named in the config file. */
  kind: "mdn" | "git";
  /** The folder name of its clone in the data folder: `mdn-content`, `mdn-translated-content`, `git-<hash>`. */
  name: string;
  /** The Git remote it is fetched from (any URL Git accepts). */
  remote: string;
  /** The branch fetched; null: the remote's default branch. */
  branch: string | null;
  /** The folder of the repository that holds the pages (`files` for MDN; "" for a whole repository). */
  folder: string;
  /** The locales fetched (MDN: as `update` was asked for them; Git: every locale the pages have). */
  locales: string[];
  /** The commit served, and its time (ISO 8601). */
  commit: string;
  committed: string;
  /** When the update that fetched it ended (ISO 8601), how many bytes Git received and how long it took. */
  updated: string;
  bytes: number;
  seconds: number;
  /** The folder served: `<locale>/glossary/<slug>/index.md` below it (absolute). */
  path: string;
  /** The pages' licence, when known (MDN's). */
  licence: string | null;
}

/** A folder source named in the config file; a `git` one is served from the data folder once fetched. */
export interface ConfiguredSource {
  /** A folder (absolute, `~` expanded), or null for a Git remote. */
  path: string | null;
  git: string | null;
  branch: string | null;
  /** The folder of the repository holding the pages ("" for its root). */
  folder: string;
  /** The line of the config file that names it. */
  line: number;
}

/** What a command runs with, settled once from its options, the environment and the terminal. */
/**
 * Pages larger than this (bytes) are read only so far: indexed by their front matter (title, slug, names)
 * alone, and shown cut short. No real glossary page comes near it; GLOSSARY_MAX_PAGE_BYTES and
 * --max-page-bytes change it.
 */
export const DEFAULT_MAX_PAGE_BYTES = 1_000_000;

/**
 * Sources of at least this many pages are watched in the background once a command has read them: below
 * it, a lookup finds what changed in a few milliseconds itself (see {@link Settings.autoWatch}).
 */
export const DEFAULT_AUTO_WATCH_PAGES = 20_000;

/** The hidden command a command runs in the background to watch a large source: `glossary __watch <spec>` (app/background-watch.ts). */
export const WATCH_COMMAND = "__watch";

export interface Settings {
  locale: LocalePreference;
  sources: string[];
  /**
   * Sources fetched by `glossary update` (MDN's pages), below `sources` and above the bundled entries;
   * absent: none.
   */
  fetched?: FetchedSource[];
  /** The pager command from the config file, used when neither GLOSSARY_PAGER nor PAGER is set. */
  pagerCommand?: string;
  bundled: boolean;
  format: Format;
  short: boolean;
  width: number;
  colorLevel: ColorLevel;
  verbose: boolean;
  pager: boolean;
  /** stdout is a terminal. */
  terminal: boolean;
  /** Links are OSC 8 hyperlinks (when in colour); null: only the terminal can tell (cli/terminal.ts). */
  hyperlinks: boolean | null;
  /** Pages larger than this (bytes) are indexed by title only and shown cut short (absent: {@link DEFAULT_MAX_PAGE_BYTES}). */
  maxPageBytes?: number;
  /**
   * A source of at least this many pages is watched in the background once a command has read it, which
   * keeps its index fresh between commands (app/background-watch.ts); 0 or absent: never.
   */
  autoWatch?: number;
}

/** What a command prints: stdout text, and notes for stderr. */
export interface CommandOutput {
  stdout: string;
  /** Notes on stderr, before the output. */
  notes: string[];
  /** Notes on stderr after the output (a summary of it). */
  after?: string[];
  /** The exit status, when not 0: a miss that still prints something (`--json`'s `[]`). */
  exitCode?: number;
}

// The document model: Markdown blocks and inlines as plain, serialisable data, drawn by the text renderer.

/** Highlighted code: text, or a highlight.js scope with its content. */
export type Segment = string | [scope: string, content: Segment[]];

/** Inline content: plain text (entities decoded), code, emphasis, links and line breaks. */
export type Inline =
  | string
  | { t: "code"; text: string }
  | { t: "strong" | "em" | "del"; c: Inline[] }
  | { t: "link"; href: string; c: Inline[] }
  | { t: "br" };

/**
 * Block content: paragraphs, headings, code blocks, lists, quotes, tables, rules and raw HTML text. A code
 * block may carry its highlighting, computed ahead (null: a language highlight.js does not know).
 */
export type Block =
  | { t: "p"; c: Inline[] }
  | { t: "h"; depth: number; c: Inline[] }
  | { t: "code"; text: string; lang: string; highlighted?: Segment[] | null }
  | { t: "list"; ordered: boolean; start: number; loose: boolean; items: Block[][] }
  | { t: "quote"; c: Block[] }
  | { t: "table"; header: Inline[][]; rows: Inline[][][] }
  | { t: "hr" }
  | { t: "html"; text: string };

export type Doc = Block[];

// Entry views: an entry ready to render, and its stored form.

/**
 * Output rendered ahead and stored with the view, valid while the view is: the renderers' work, done once.
 * A lookup whose rendering was made ahead needs nothing else of the view. (Every colour level from 16
 * colours to true colour gives the same ANSI rendering: the theme uses the 16.)
 */
export interface RenderedAhead {
  /** The `text` output at {@link DEFAULT_WIDTH}. */
  text?: string;
  /** The ANSI rendering in colour before it is laid out at a width, links written out. */
  ansi?: string;
  /** The same with links as OSC 8 hyperlinks. */
  ansiHyperlinks?: string;
  /** `ansi` laid out at {@link DEFAULT_WIDTH}: what `--color always` prints on a pipe, as it is. */
  ansiLaidOut?: string;
  /** `ansi` laid out at {@link READABLE_WIDTH}: what a terminal that wide or wider shows without hyperlinks. */
  ansiLaidOutWide?: string;
}

/** One entry, ready to render in any format. */
export interface EntryView {
  title: string;
  slug: string;
  locale: string;
  pageType: string;
  /** The page on developer.mozilla.org. */
  url: string;
  /** First paragraph, plain text. */
  summary: string;
  /** The page file the entry was read from. */
  source: string;
  /** The whole body as Markdown: macros expanded, links absolute. */
  markdown: string;
  /** The body without the "See also" section. */
  definition: string;
  /** The "See also" section's heading and content, if the page has one. */
  seeAlsoSection: { heading: string; markdown: string } | null;
  seeAlso: SeeAlsoItem[];
  links: LinkRef[];
  /** Glossary terms linked from the page that exist in the loaded sources, by slug key. */
  terms: ReadonlyMap<string, ResolvedTerm>;
  /** The definition and the "See also" list as documents for the text renderer. */
  documents: { definition: Doc; seeAlso: Doc | null };
}

/** What a stored view was computed from: it holds while these still hold. */
export interface ViewBasis {
  slug: string;
  locale: string;
  /**
   * The page file's text it was computed from: the view holds while the file says the same (compared
   * whole, which is cheaper at start than hashing it in JavaScript).
   */
  pageText: string;
  /** The glossary's signature when the view was computed: while it is the same, so are the terms. */
  signature: string;
  /** Every glossary slug key the page links to, resolved or not. */
  refKeys: string[];
  /** The resolved terms, as `[key, slug, title]`. */
  terms: Array<[string, string, string]>;
  /** True when the page lists the pages below it (`{{GlossaryDisambiguation}}`). */
  listsChildren: boolean;
  /** The pages below this one that it listed. */
  children: ChildPage[];
}

/** What is stored of the view itself: all of it but what the basis and the entry say. */
export type ViewBody = Omit<EntryView, "source" | "terms" | "slug" | "locale">;

/**
 * A view as stored beside an index: its basis and renderings, which a lookup reads first and may need
 * alone, and its body.
 */
export interface StoredView {
  basis: ViewBasis;
  rendered: RenderedAhead;
  body: ViewBody;
}

/** A stored view as read back: the body is read only when asked for (null when it cannot be). */
export interface StoredViewReader {
  basis: ViewBasis;
  rendered: RenderedAhead;
  body(): ViewBody | null;
}

/** What a view was computed from, besides the page text. */
export interface ViewInputs {
  signature: string;
  refKeys: readonly string[];
  listsChildren: boolean;
  children: readonly ChildPage[];
}

// The JSON shapes printed by `--json` and returned by the library API (made in render/json.ts).

/** How a related entry is related: listed under "see also", linked from the entry's text, or linking to it. */
export type Relation = "see-also" | "links-to" | "linked-from";

export interface EntryJson {
  title: string;
  slug: string;
  locale: string;
  url: string;
  summary: string;
  markdown: string;
  seeAlso: SeeAlsoItem[];
  source: string;
  pageType: string;
  links: LinkRef[];
  /** The licence the page is published under, when its source says (MDN's pages: CC-BY-SA 2.5), else null. */
  licence: string | null;
}

/** One title of `list --json`. */
export interface ListItemJson {
  title: string;
  slug: string;
  locale: string;
  summary: string;
}

/** One result of `search --json`, best first. */
export interface SearchResultJson extends ListItemJson {
  /** Relevance, rounded to three decimals: comparable within one search only. */
  score: number;
}

/** One entry of `related --json`. */
export interface RelatedJson {
  title: string;
  slug: string;
  locale: string;
  relation: Relation;
}

/** One locale of `langs --json` without a term. */
export interface LocaleCountJson {
  locale: string;
  count: number;
}

/** One translation of `langs <term> --json`. */
export interface TranslationJson {
  locale: string;
  title: string;
  slug: string;
}

/** A value read from the config file, with the line that set it (for messages and `glossary config`). */
export interface ConfigValue<T> {
  value: T;
  line: number;
}

/** The config file (`$XDG_CONFIG_HOME/glossary/config.toml`), read and checked. */
export interface GlossaryConfig {
  /** The file it was read from. */
  file: string;
  /** Preferred locales, first first (`lang = "fr"` or `lang = ["fr", "de"]`). */
  lang?: ConfigValue<string[]>;
  bundled?: ConfigValue<boolean>;
  color?: ConfigValue<"auto" | "always" | "never">;
  width?: ConfigValue<number>;
  /** false: never page; true: the default pager; a string: the pager command. */
  pager?: ConfigValue<boolean | string>;
  /** The locales `glossary update` fetches from MDN when none is named (`[mdn] locales = [...]`). */
  mdnLocales?: ConfigValue<string[]>;
  /** Sources of at least this many pages are watched in the background (`auto-watch = 20000`; 0: never). */
  autoWatch?: ConfigValue<number>;
  /** Folders and Git remotes, in the order the file lists them. */
  sources: ConfiguredSource[];
}
