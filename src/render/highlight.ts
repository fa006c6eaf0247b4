// Highlighted code as data: highlight.js's output read into nested scopes, drawn later with any theme.
// The bundled entries' code blocks are highlighted when the package is built, not at every start.

import type { Segment } from "../types.js";

const ENTITIES: Readonly<Record<string, string>> = { "&lt;": "<", "&gt;": ">", "&amp;": "&", "&quot;": '"', "&#x27;": "'", "&#39;": "'" };

/**
 * Reads highlight.js's HTML (nested `<span class="hljs-...">`) into segments.
 * @example parseHighlightHtml('<span class="hljs-keyword">let</span> x') // [["keyword", ["let"]], " x"]
 */
export function parseHighlightHtml(html: string): Segment[] {
  const root: Segment[] = [];
  const stack: Segment[][] = [root];
  const pattern = /<span class="([^"]*)">|<\/span>|([^<]+)/g;
  for (const match of html.matchAll(pattern)) {
    const top = stack[stack.length - 1]!;
    if (match[2] !== undefined) {
      top.push(match[2].replace(/&(?:lt|gt|amp|quot|#x27|#39);/g, (entity) => ENTITIES[entity] ?? entity));
    } else if (match[1] !== undefined) {
      // As cli-highlight reads classes: the word after `hljs-` ("hljs-meta-keyword" is "meta").
      const scope = /hljs-(\w+)/.exec(match[1])?.[1] ?? "";
      const content: Segment[] = [];
      top.push([scope, content]);
      stack.push(content);
    } else if (stack.length > 1) {
      stack.pop();
    }
  }
  return root;
}

/**
 * Draws segments with a theme (scope -> style), as cli-highlight does: unstyled scopes keep their text.
 * @example renderSegments([["keyword", ["let"]], " x"], { keyword: (t) => `[${t}]` }) // "[let] x"
 */
export function renderSegments(segments: readonly Segment[], theme: Readonly<Record<string, (text: string) => string>>, inScope = false): string {
  let out = "";
  for (const segment of segments) {
    if (typeof segment === "string") {
      out += inScope || !theme["default"] ? segment : theme["default"](segment);
      continue;
    }
    const [scope, content] = segment;
    const inner = renderSegments(content, theme, scope !== "" || inScope);
    const style = scope === "" ? undefined : theme[scope];
    out += style ? style(inner) : inner;
  }
  return out;
}

/** Info strings that name no language: the block is plain text. */
const PLAIN_TEXT = new Set(["plain", "plaintext", "text", "txt", "none"]);

/**
 * The language of a code block from its info string, as MDN writes them ("js example-bad", "js-nolint" ->
 * "js"); null for plain text.
 * @example codeLanguage("html hidden") // "html"
 */
export function codeLanguage(info: string | undefined): string | null {
  const first = (info ?? "").trim().split(/\s+/)[0]!.toLowerCase().replace(/-nolint$/, "");
  return first === "" || PLAIN_TEXT.has(first) ? null : first;
}
