// Folds terms for matching: case, diacritics (also letters that do not decompose), space/_/- alike, every
// apostrophe alike, invisible characters out.

/** Letters that Unicode decomposition leaves alone but readers treat as a base letter plus a mark. */
const FOLDED_LETTERS: Readonly<Record<string, string>> = {
  đ: "d", ð: "d", ø: "o", ł: "l", ß: "ss", ẞ: "ss", æ: "ae", œ: "oe", þ: "th", ı: "i", ħ: "h", ŧ: "t",
  ŀ: "l", ĸ: "k", ŋ: "n", ſ: "s", ɨ: "i", ʉ: "u", ƀ: "b", ɍ: "r",
};
const FOLDED_PATTERN = new RegExp(`[${Object.keys(FOLDED_LETTERS).join("")}]`, "g");

/**
 * The form in which terms are compared: lower case, no diacritics, spaces, `_` and `-` as one space,
 * surrounding spaces dropped.
 * @example foldTerm("  Même_Origine ") // "meme origine"
 * @example foldTerm("Łódź") // "lodz"
 * @example foldTerm("Fil d’exécution\u200b") // "fil d'execution"
 */
export function foldTerm(text: string): string {
  // ASCII has nothing to decompose or fold but case (and the Unicode steps are slow to start).
  if (ASCII.test(text)) return text.toLowerCase().replace(/[\s_-]+/g, " ").trim();
  // Invisible characters (zero-width, bidirectional marks, the BOM) go; every apostrophe is the plain one.
  const decomposed = text.replace(INVISIBLE, "").replace(APOSTROPHES, "'").normalize("NFKD");
  // Below U+0370 the only marks are the combining diacritics U+0300-U+036F: a plain range, much cheaper to
  // set up than the Unicode property (which matters at start, when a lookup folds a few terms).
  const unmarked = LATIN_OR_MARKS.test(decomposed) ? decomposed.replace(/[\u0300-\u036f]+/g, "") : decomposed.replace(/\p{M}+/gu, "");
  return unmarked
    .toLowerCase()
    .replace(FOLDED_PATTERN, (letter) => FOLDED_LETTERS[letter] ?? letter)
    .replace(/[\s_\-\u00A0\u2010-\u2015\u202F]+/g, " ")
    .trim();
}

const ASCII = /^[\u0000-\u007f]*$/;
/** Zero-width characters, bidirectional marks and isolates, the BOM, the soft hyphen. */
const INVISIBLE = /[\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;
/** Typographic apostrophes and the marks that stand for one. */
const APOSTROPHES = /[\u2018\u2019\u201B\u02BC\u2032\uFF07]/g;
/** Text of code points below U+0370 only. */
const LATIN_OR_MARKS = /^[\u0000-\u036f]*$/;

/**
 * The key of a slug: folded, with the `Glossary/` prefix kept so slugs and titles never collide.
 * @example slugKey("Glossary/Callback_function") // "glossary/callback function"
 */
export function slugKey(slug: string): string {
  return foldTerm(slug.replace(/^\/+|\/+$/g, ""));
}

/**
 * The slug key a glossary reference points to: `{{Glossary("callback function")}}` and
 * `/en-US/docs/Glossary/Callback_function` both give `glossary/callback function`.
 */
export function glossaryRefKey(term: string): string {
  const trimmed = term.trim().replace(/^\/+|\/+$/g, "");
  return slugKey(/^glossary\//i.test(trimmed) ? trimmed : `Glossary/${trimmed}`);
}

/** Sorts titles the way a reader of the locale expects (accents, case and numbers handled). */
export function titleComparer(locale: string): (a: string, b: string) => number {
  let collator: Intl.Collator;
  try {
    collator = new Intl.Collator(locale, { sensitivity: "base", numeric: true });
  } catch {
    collator = new Intl.Collator("en", { sensitivity: "base", numeric: true });
  }
  return (a, b) => collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}
