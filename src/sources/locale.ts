// Locale tags: BCP 47 case for folder names and user input, and the locale of a page from its path.

import path from "node:path";
import type { Env, LocalePreference } from "../types.js";

/**
 * The locales of MDN's content, already canonical: taken as they are (the first use of Intl costs more
 * than a lookup does).
 */
export const MDN_LOCALES: ReadonlySet<string> = new Set(["en-US", "de", "es", "fr", "ja", "ko", "pt-BR", "ru", "zh-CN", "zh-TW"]);

/**
 * Tags written in BCP 47 case so far: a walk asks for the locale of every page's folder (`en-us` for
 * 40,000 pages, at about 9 microseconds each from Intl).
 */
const canonicalTags = new Map<string, string>();
const KEPT_TAGS = 1000;

/**
 * Writes a locale tag in BCP 47 case, accepting `_` for `-`.
 * @example canonicalLocale("en-us") // "en-US"
 * @example canonicalLocale("zh_cn") // "zh-CN"
 */
export function canonicalLocale(tag: string): string {
  const dashed = tag.trim().replace(/_/g, "-");
  if (MDN_LOCALES.has(dashed)) return dashed;
  let canonical = canonicalTags.get(dashed);
  if (canonical === undefined) {
    try {
      canonical = Intl.getCanonicalLocales(dashed)[0] ?? dashed.toLowerCase();
    } catch {
      // Not a valid tag: keep it readable rather than failing.
      canonical = dashed.toLowerCase();
    }
    if (canonicalTags.size < KEPT_TAGS) canonicalTags.set(dashed, canonical);
  }
  return canonical;
}

/**
 * The locale of a page: the folder just above the nearest `glossary` folder in its path, as in MDN's
 * `files/<locale>/glossary/...`. Null when the path has no such folder.
 * @example localeFromPath("/mdn/files/fr/glossary/asynchronous/index.md") // "fr"
 */
export function localeFromPath(file: string): string | null {
  const parts = path.resolve(file).split(path.sep);
  // Only folders count: the last part is the file itself.
  for (let i = parts.length - 2; i > 0; i--) {
    if (parts[i]!.toLowerCase() === "glossary") {
      const folder = parts[i - 1];
      return folder ? canonicalLocale(folder) : null;
    }
  }
  return null;
}

/**
 * Reads a POSIX locale such as `fr_FR.UTF-8@euro` as a BCP 47 tag; null for `C`, `POSIX` or empty.
 * @example posixLocaleTag("fr_FR.UTF-8") // "fr-FR"
 */
export function posixLocaleTag(value: string | undefined): string | null {
  if (!value) return null;
  const base = value.split(/[.@]/)[0]!.trim();
  if (base === "" || base === "C" || base === "POSIX") return null;
  return canonicalLocale(base);
}

/** The language part of a tag: `pt-BR` -> `pt`. */
export function languageOf(tag: string): string {
  return tag.split("-")[0]!.toLowerCase();
}

/**
 * Picks which of the available locales a requested tag means: an exact match, else the bare language
 * (`fr-FR` -> `fr`), else `en` -> `en-US`, else any locale of the same language (`pt` -> `pt-BR`).
 * Returns the canonical request when nothing available matches.
 * @example resolveLocale("FR", ["en-US", "fr"]) // "fr"
 */
export function resolveLocale(requested: string, available: readonly string[]): string {
  const wanted = canonicalLocale(requested);
  const lower = wanted.toLowerCase();
  const exact = available.find((l) => l.toLowerCase() === lower);
  if (exact) return exact;
  const language = languageOf(wanted);
  const bare = available.find((l) => l.toLowerCase() === language);
  if (bare) return bare;
  if (language === "en") return "en-US";
  const sameLanguage = available.filter((l) => languageOf(l) === language).sort();
  if (sameLanguage[0]) return sameLanguage[0];
  return wanted.includes("-") ? wanted : language;
}

/**
 * The reader's preferred locale: `--lang`, else `GLOSSARY_LANG`, else the system locale (`LANGUAGE`,
 * ignored when the locale is C, then `LC_ALL`, `LC_MESSAGES`, `LANG`), else en-US.
 * @example preferredLocale(undefined, { LANG: "fr_FR.UTF-8" }) // { locale: "fr-FR", explicit: false }
 * @example preferredLocale(undefined, { LANG: "de_DE.UTF-8", LANGUAGE: "de:fr" }) // { locale: "de", explicit: false, alternatives: ["fr"] }
 */
/**
 * True for a locale tag as `--lang` and GLOSSARY_LANG take it: a language of 2 or 3 letters, then subtags
 * of letters and digits after `-` or `_` (`fr`, `en-US`, `pt_BR`, `zh-Hant-TW`); nothing that could be a
 * path or hold white space.
 * @example isLocaleTag("../../etc") // false
 */
export function isLocaleTag(text: string): boolean {
  return /^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*$/.test(text);
}

export function preferredLocale(flag: string | undefined, env: Env): LocalePreference {
  if (flag !== undefined && flag.trim() !== "") return { locale: canonicalLocale(flag), explicit: true };
  const chosen = env["GLOSSARY_LANG"];
  if (chosen !== undefined && chosen.trim() !== "") return { locale: canonicalLocale(chosen), explicit: true };
  // As gettext does: the first of LC_ALL, LC_MESSAGES, LANG that is set is the locale, and LANGUAGE
  // (a list of languages) is read only when that locale is not C or POSIX.
  const system = [env["LC_ALL"], env["LC_MESSAGES"], env["LANG"]].find((v) => v !== undefined && v !== "");
  const systemTag = posixLocaleTag(system);
  if (systemTag !== null) {
    const languages = (env["LANGUAGE"] ?? "").split(":").map(posixLocaleTag).filter((tag): tag is string => tag !== null);
    const [first, ...others] = [...new Set(languages)];
    if (first !== undefined) return others.length > 0 ? { locale: first, explicit: false, alternatives: others } : { locale: first, explicit: false };
    return { locale: systemTag, explicit: false };
  }
  return { locale: "en-US", explicit: false };
}
