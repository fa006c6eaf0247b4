// Builds developer.mozilla.org URLs, makes a page's relative links absolute, and tells the glossary term a
// URL points to.

import { glossaryRefKey } from "../text/fold.js";
import type { ResolvedTerm } from "../types.js";

export const MDN_ORIGIN = "https://developer.mozilla.org";

/**
 * The URL of an MDN page in a locale, with the path encoded for use in Markdown.
 * @example mdnUrl("fr", "Glossary/Synchronous") // "https://developer.mozilla.org/fr/docs/Glossary/Synchronous"
 */
export function mdnUrl(locale: string, docPath: string): string {
  return `${MDN_ORIGIN}/${locale}/docs/${encodePath(docPath.replace(/^\/+/, ""))}`;
}

/** Encodes a path for a URL, keeping `/`, `#`, `:` and `@` readable, and parentheses escaped for Markdown. */
export function encodePath(docPath: string): string {
  return encodeURI(docPath.replace(/ /g, "_"))
    .replace(/%25([0-9A-Fa-f]{2})/g, "%$1")
    .replace(/\(/g, "%28")
    .replace(/\)/g, "%29");
}

/**
 * Resolves a link found in a page against the page's own URL: `/fr/docs/Web` and `#anchor` become
 * absolute `https://developer.mozilla.org/...` URLs; absolute URLs are kept, but one that runs code is empty.
 * @example absoluteUrl("/fr/docs/Web/API", "https://developer.mozilla.org/fr/docs/Glossary/API") // "https://developer.mozilla.org/fr/docs/Web/API"
 */
export function absoluteUrl(href: string, pageUrl: string): string {
  const trimmed = href.trim();
  if (isRunnableUrl(trimmed)) return "";
  if (/^[a-z][a-z0-9+.-]*:/i.test(trimmed)) return trimmed;
  try {
    if (trimmed.startsWith("#")) return new URL(trimmed, pageUrl).href;
    return new URL(trimmed, `${pageUrl}/`).href;
  } catch {
    return trimmed;
  }
}

/** Named character references a browser reads inside a URL's scheme (others cannot hide one). */
const SCHEME_ENTITIES: Readonly<Record<string, string>> = { tab: "\t", newline: "\n", colon: ":" };
/** Schemes that run code or carry a document of their own, where a browser or terminal opens them. */
const RUNNABLE_SCHEME = /^(?:javascript|vbscript|data):/;

/**
 * True for a URL that runs code when opened (`javascript:`, `vbscript:`, `data:`), however written: any
 * case, character references (`java&#x09;script:`, `&#106;avascript&colon;`), and white space or
 * control characters anywhere in it, as browsers read them.
 * @example isRunnableUrl(" JaVa&#x09;Script:alert(1)") // true
 */
export function isRunnableUrl(url: string): boolean {
  const decoded = url
    .replace(/&#(?:x([0-9a-f]{1,6})|(\d{1,7}));?/gi, (whole, hex: string | undefined, decimal: string | undefined) => {
      const code = hex !== undefined ? Number.parseInt(hex, 16) : Number(decimal);
      return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    })
    .replace(/&(tab|newline|colon);/gi, (_whole, name: string) => SCHEME_ENTITIES[name.toLowerCase()]!);
  return RUNNABLE_SCHEME.test(decoded.replace(/[\s\u0000-\u001f\u007f-\u009f]/g, "").toLowerCase());
}

/**
 * A link's URL as it may be followed: empty for one that runs code ({@link isRunnableUrl}), so the link
 * keeps its text and loses its target.
 * @example safeUrl("javascript:alert(1)") // ""
 */
export function safeUrl(url: string): string {
  return isRunnableUrl(url) ? "" : url;
}

const GLOSSARY_URL = /^https?:\/\/developer\.mozilla\.org\/[^/]+\/docs\/(Glossary\/[^?#]+)/i;

/**
 * The glossary slug key a URL points to, or null when it is not a glossary page.
 * @example glossaryKeyOfUrl("https://developer.mozilla.org/fr/docs/Glossary/Synchronous") // "glossary/synchronous"
 */
export function glossaryKeyOfUrl(url: string): string | null {
  const match = GLOSSARY_URL.exec(url);
  if (!match) return null;
  return glossaryRefKey(decodeUrlPart(match[1]!));
}

/**
 * A percent-encoded part of a URL, decoded; as it is when it does not decode (the encoded form still names
 * the page).
 * @example decodeUrlPart("Caf%C3%A9") // "Café"
 */
export function decodeUrlPart(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * Reads a glossary term behind a URL: its resolved slug and title when the term is a loaded entry.
 * @example glossaryTarget(view.terms, "https://developer.mozilla.org/fr/docs/Glossary/Synchronous") // { slug, title: "Synchrone" }
 */
export function glossaryTarget(terms: ReadonlyMap<string, ResolvedTerm>, url: string): ResolvedTerm | undefined {
  const key = glossaryKeyOfUrl(url);
  return key === null ? undefined : terms.get(key);
}
