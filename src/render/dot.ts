// Renders a glossary neighbourhood as a Graphviz graph that `dot -Tsvg` draws.

import { slugKey } from "../text/fold.js";
import { stripControls } from "../text/sanitize.js";
import type { GraphEdge } from "../query/related.js";
import type { Entry } from "../types.js";

const quote = (text: string): string => `"${stripControls(text).replace(/[\\"]/g, "\\$&").replace(/\n/g, " ")}"`;
const nodeId = (entry: Entry): string => quote(`${entry.locale}:${slugKey(entry.slug)}`);

/**
 * A `digraph` with one box per entry (the start entry bold) and one arrow per link: solid for "see also",
 * dashed for a link in the body.
 * @example renderDot({ nodes, edges }, start) // "digraph glossary {\n  ..."
 */
export function renderDot(graph: { nodes: readonly Entry[]; edges: readonly GraphEdge[]; reached?: number }, start: Entry): string {
  const left = (graph.reached ?? graph.nodes.length) - graph.nodes.length;
  const cut = left > 0 ? `    (${left} more ${left === 1 ? "entry" : "entries"} not drawn)` : "";
  const lines = [
    "digraph glossary {",
    `  graph [rankdir=LR, fontname="Helvetica", label="solid: see also    dashed: linked from the text${cut}", labelloc=b, fontsize=10];`,
    "  node [shape=box, style=\"rounded\", fontname=\"Helvetica\"];",
    "  edge [color=\"#555555\"];",
  ];
  for (const node of graph.nodes) {
    const style = node === start ? ", style=\"rounded,bold,filled\", fillcolor=\"#e8f0fe\"" : "";
    const tooltip = node.summary ? `, tooltip=${quote(node.summary)}` : "";
    lines.push(`  ${nodeId(node)} [label=${quote(node.title)}${style}${tooltip}];`);
  }
  for (const edge of graph.edges) {
    lines.push(`  ${nodeId(edge.from)} -> ${nodeId(edge.to)}${edge.relation === "links-to" ? " [style=dashed]" : ""};`);
  }
  lines.push("}");
  return `${lines.join("\n")}\n`;
}
