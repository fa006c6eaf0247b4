// The neighbourhood of an entry: its "see also" list, the terms its body links to, and its backlinks.

import { slugKey } from "../text/fold.js";
import { type Entry, FALLBACK_LOCALE, type Relation } from "../types.js";
import type { Glossary } from "./glossary.js";

export type { Relation } from "../types.js";

export interface RelatedEntry {
  entry: Entry;
  relation: Relation;
}

/**
 * The entries related to one entry, each once, in this order: its "see also" terms, the other terms its
 * body links to, then the entries of its locale that link to it. Terms are resolved in the entry's locale,
 * else in en-US; links to terms no source has are left out.
 * @example related(glossary, asynchronous).map((r) => r.entry.title) // ["Synchronous", ...]
 */
export function related(glossary: Glossary, entry: Entry): RelatedEntry[] {
  const out: RelatedEntry[] = [];
  const seen = new Set<string>([slugKey(entry.slug)]);
  const add = (key: string, relation: Relation): void => {
    if (seen.has(key)) return;
    const target = glossary.bySlug(key, entry.locale) ?? glossary.bySlug(key, FALLBACK_LOCALE);
    if (!target) return;
    seen.add(key);
    out.push({ entry: target, relation });
  };
  for (const key of entry.seeAlso) add(key, "see-also");
  for (const key of entry.refs) add(key, "links-to");
  for (const source of glossary.backlinks(slugKey(entry.slug), entry.locale)) {
    const key = slugKey(source.slug);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ entry: source, relation: "linked-from" });
  }
  return out;
}

export interface GraphEdge {
  from: Entry;
  to: Entry;
  relation: Exclude<Relation, "linked-from">;
}

/** The graph around an entry: the entries drawn, the links between them, and how many were reached. */
export interface Neighbourhood {
  nodes: Entry[];
  edges: GraphEdge[];
  /** Entries within the steps asked for, those left out by the cap included. */
  reached: number;
}

/**
 * The graph around an entry up to `depth` steps: the entries reached, nearest first (at most `max` of
 * them: the nearest), and every link between the entries kept (a backlink is the same edge seen from its
 * target).
 */
export function neighbourhood(glossary: Glossary, start: Entry, depth: number, max = Number.POSITIVE_INFINITY): Neighbourhood {
  const id = (e: Entry): string => `${e.locale}\u0000${slugKey(e.slug)}`;
  const relatedOf = new Map<string, RelatedEntry[]>();
  const around = (entry: Entry): RelatedEntry[] => {
    let found = relatedOf.get(id(entry));
    if (!found) relatedOf.set(id(entry), (found = related(glossary, entry)));
    return found;
  };
  const reached = new Map<string, Entry>([[id(start), start]]);
  let frontier = [start];
  for (let step = 0; step < depth && frontier.length > 0; step++) {
    const next: Entry[] = [];
    for (const entry of frontier) {
      for (const { entry: other } of around(entry)) {
        if (reached.has(id(other))) continue;
        reached.set(id(other), other);
        next.push(other);
      }
    }
    frontier = next;
  }
  const nodes = [...reached.values()].slice(0, Math.max(1, max));
  const kept = new Set(nodes.map(id));
  const edges = new Map<string, GraphEdge>();
  const addEdge = (from: Entry, to: Entry, relation: GraphEdge["relation"]): void => {
    const key = `${id(from)}\u0001${id(to)}`;
    const previous = edges.get(key);
    // A "see also" is the stronger statement of the same link.
    if (!previous || (previous.relation === "links-to" && relation === "see-also")) edges.set(key, { from, to, relation });
  };
  for (const entry of nodes) {
    for (const { entry: other, relation } of around(entry)) {
      if (!kept.has(id(other))) continue;
      if (relation === "linked-from") addEdge(other, entry, "links-to");
      else addEdge(entry, other, relation);
    }
  }
  return { nodes, edges: [...edges.values()], reached: reached.size };
}
