// A stack of sources read as one glossary: for the same locale and slug, the first source wins.

import path from "node:path";
import type { GlossaryIndex } from "../index/reader.js";
import { slugKey, titleComparer } from "../text/fold.js";
import { BACKLINK_PREFIX, type Entry, type EntryRecord, KeyKind } from "../types.js";

export interface Layer {
  index: GlossaryIndex;
  /** How the source is named to the user (its folder, or "bundled"). */
  label: string;
  /** The licence its pages are published under, when the source says so (MDN's pages). */
  licence?: string | null;
}

/** An entry matched by a key, with how it matched. */
export interface Match {
  entry: Entry;
  kind: KeyKind;
}

/** Sources in precedence order, queried as one. */
export class Glossary {
  readonly layers: readonly Layer[];

  constructor(layers: readonly Layer[]) {
    this.layers = layers;
  }

  /** Identifies the sources and their content: two glossaries with the same signature answer alike. */
  signature(): string {
    return this.layers.map((layer) => layer.index.stamp).join("\u0000");
  }

  /**
   * Whether another glossary's signature is this one's but for the content of one layer (the same sources,
   * one of them changed since).
   */
  differsOnlyIn(signature: string, layer: number): boolean {
    const stamps = signature.split("\u0000");
    return stamps.length === this.layers.length && this.layers.every((each, n) => n === layer || each.index.stamp === stamps[n]);
  }

  /** Every locale that has at least one entry, sorted. */
  locales(): string[] {
    const all = new Set<string>();
    for (const layer of this.layers) for (const locale of layer.index.locales.keys()) all.add(locale);
    return [...all].sort();
  }

  entry(layer: number, id: number): Entry {
    const index = this.layers[layer]!.index;
    return toEntry(index.record(id), index.root, layer);
  }

  /** Entries whose title, slug or slug segment folds to `key`, shadowed entries left out. */
  match(key: string): Match[] {
    const found = new Map<string, Match>();
    this.layers.forEach((layer, n) => {
      for (const [id, kind] of layer.index.lookup(key)) {
        const entry = this.entry(n, id);
        const identity = `${entry.locale}\u0000${slugKey(entry.slug)}`;
        if (found.has(identity) || this.#shadowed(entry)) continue;
        found.set(identity, { entry, kind });
      }
    });
    return [...found.values()];
  }

  /**
   * The entry with this slug key in this locale, from the first source that has it.
   * @example glossary.bySlug("glossary/asynchronous", "fr")
   */
  bySlug(key: string, locale: string, below = this.layers.length): Entry | undefined {
    for (let n = 0; n < below; n++) {
      const index = this.layers[n]!.index;
      for (const [id, kind] of index.lookup(key)) {
        if (kind !== KeyKind.Slug) continue;
        const record = index.record(id);
        if (record.locale === locale && slugKey(record.slug) === key) return toEntry(record, index.root, n);
      }
    }
    return undefined;
  }

  /** Every locale's entry for this slug key, one per locale, first source winning. */
  translations(key: string): Entry[] {
    const byLocale = new Map<string, Entry>();
    this.layers.forEach((layer, n) => {
      for (const [id, kind] of layer.index.lookup(key)) {
        if (kind !== KeyKind.Slug) continue;
        const record = layer.index.record(id);
        if (slugKey(record.slug) !== key || byLocale.has(record.locale)) continue;
        byLocale.set(record.locale, toEntry(record, layer.index.root, n));
      }
    });
    return [...byLocale.values()];
  }

  /** Visible entries of a locale, sorted by title for readers of that locale. */
  titles(locale: string): Entry[] {
    return this.titleList(locale).map(({ layer, id }) => this.entry(layer, id));
  }

  /**
   * The titles and slugs of a locale's visible entries, sorted by title for readers of that locale, read
   * from the title lists alone: listing or completing needs no record.
   */
  titleList(locale: string): ListedTitle[] {
    if (this.layers.length === 1) return this.layers[0]!.index.titles(locale).map(([title, id, slug]) => ({ title, slug, layer: 0, id }));
    const listed: ListedTitle[] = [];
    const seen = new Set<string>();
    this.layers.forEach((layer, n) => {
      for (const [title, id, slug] of layer.index.titles(locale)) {
        const identity = slugKey(slug);
        if (seen.has(identity)) continue;
        seen.add(identity);
        listed.push({ title, slug, layer: n, id });
      }
    });
    return sortByTitle(listed, locale);
  }

  /** Visible entries of a locale that link to this slug key, from every source, sorted by title. */
  backlinks(key: string, locale: string): Entry[] {
    const found = new Map<string, Entry>();
    this.layers.forEach((layer, n) => {
      for (const [id, kind] of layer.index.lookup(BACKLINK_PREFIX + key)) {
        if (kind !== KeyKind.Backlink) continue;
        const entry = this.entry(n, id);
        const identity = slugKey(entry.slug);
        if (entry.locale !== locale || found.has(identity) || this.#shadowed(entry)) continue;
        found.set(identity, entry);
      }
    });
    return byTitle([...found.values()], locale);
  }

  /** True when a source before the entry's own has an entry of the same locale and slug. */
  isShadowed(entry: Entry): boolean {
    return this.#shadowed(entry);
  }

  #shadowed(entry: Entry): boolean {
    return entry.layer > 0 && this.bySlug(slugKey(entry.slug), entry.locale, entry.layer) !== undefined;
  }
}

/** An entry of a title list (see {@link Glossary.titleList}). */
export interface ListedTitle {
  title: string;
  slug: string;
  /** The entry's source and record (see {@link Glossary.entry}). */
  layer: number;
  id: number;
}

/**
 * Entries of a locale sorted by title for its readers: by their title ranks when they all come from one
 * source, else with a collator.
 */
function byTitle(entries: Entry[], locale: string): Entry[] {
  if (entries.every((entry) => entry.layer === entries[0]!.layer)) return entries.sort((a, b) => a.titleRank - b.titleRank);
  return sortByTitle(entries, locale);
}

/** Sorts by title with a collator for readers of the locale (which costs milliseconds to make). */
function sortByTitle<T extends { title: string }>(items: T[], locale: string): T[] {
  const compare = titleComparer(locale);
  return items.sort((a, b) => compare(a.title, b.title));
}

function toEntry(record: EntryRecord, root: string, layer: number): Entry {
  // The record's path is relative, normalised and `/`-separated (the indexer wrote it): no need to join.
  const relative = path.sep === "/" ? record.path : record.path.split("/").join(path.sep);
  return { ...record, file: root.endsWith(path.sep) ? root + relative : `${root}${path.sep}${relative}`, layer };
}
