// Typed data shared by every stage: pages read from disk, index records, and what the query stage returns.

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

/** How a lookup key was derived from an entry: ranked in this order. */
export const KeyKind = {
  Title: 0,
  Slug: 1,
  Segment: 2,
  /** Not a name of the entry: the entry links to the slug key that follows {@link BACKLINK_PREFIX}. */
  Backlink: 3,
} as const;

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
