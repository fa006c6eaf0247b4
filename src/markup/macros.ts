// What each MDN macro shows and where it links: one function per macro, returning typed output.

import { glossaryRefKey } from "../text/fold.js";
import { decodeEntities } from "./html.js";
import { decodeUrlPart, mdnUrl } from "./urls.js";

import type { ChildPage, ResolvedTerm } from "../types.js";

export type { ChildPage, ResolvedTerm };

/** Glossary terms by slug key (see `glossaryRefKey`): a map, or a resolver that looks each up when asked. */
export interface TermResolver {
  get(key: string): ResolvedTerm | undefined;
}

export interface MacroContext {
  locale: string;
  /** Resolved glossary terms by slug key. */
  terms: TermResolver;
  children: readonly ChildPage[];
  /** True inside the "See also" section, where glossary terms show their titles. */
  inSeeAlso: boolean;
}

export type MacroOutput =
  | { kind: "link"; text: string; url: string; code: boolean }
  | { kind: "text"; text: string; code: boolean }
  | { kind: "badge"; text: string }
  | { kind: "children"; pages: readonly ChildPage[] }
  | { kind: "none" };

type MacroFunction = (args: readonly string[], context: MacroContext) => MacroOutput;

const NONE: MacroOutput = { kind: "none" };

/** HTML tags of inline text that pages put in macro arguments (`"texte (<i lang='en'>x</i>)"`). */
const INLINE_TAG = /<\/?(?:a|abbr|b|bdi|bdo|br|cite|code|del|dfn|em|i|ins|kbd|mark|q|s|samp|small|span|strong|sub|sup|time|u|var|wbr)(?:\s[^<>]*)?\/?>/gi;

/**
 * The n-th argument as text: inline HTML tags dropped, character references decoded (`&lt;color&gt;` ->
 * `<color>`, which is no tag); undefined when empty.
 */
const arg = (args: readonly string[], n: number): string | undefined => {
  // (The pattern of tags is slow to compile: most arguments hold none.)
  const value = args[n]?.includes("<") ? args[n]!.replace(INLINE_TAG, "") : args[n];
  return value === undefined || value.trim() === "" ? undefined : decodeEntities(value);
};

const withAnchor = (url: string, anchor: string | undefined): string =>
  anchor ? url + (anchor.startsWith("#") ? anchor : `#${anchor}`) : url;

const truthy = (value: string | undefined): boolean =>
  value !== undefined && value !== "" && value !== "0" && value.toLowerCase() !== "false";


/** Reason phrases shown after a status code when a page gives none. */
const HTTP_REASONS: Readonly<Record<string, string>> = {
  "100": "Continue", "101": "Switching Protocols", "102": "Processing", "103": "Early Hints",
  "200": "OK", "201": "Created", "202": "Accepted", "203": "Non-Authoritative Information", "204": "No Content",
  "205": "Reset Content", "206": "Partial Content", "207": "Multi-Status", "208": "Already Reported",
  "226": "IM Used", "300": "Multiple Choices", "301": "Moved Permanently", "302": "Found", "303": "See Other",
  "304": "Not Modified", "307": "Temporary Redirect", "308": "Permanent Redirect", "400": "Bad Request",
  "401": "Unauthorized", "402": "Payment Required", "403": "Forbidden", "404": "Not Found",
  "405": "Method Not Allowed", "406": "Not Acceptable", "407": "Proxy Authentication Required",
  "408": "Request Timeout", "409": "Conflict", "410": "Gone", "411": "Length Required",
  "412": "Precondition Failed", "413": "Content Too Large", "414": "URI Too Long",
  "415": "Unsupported Media Type", "416": "Range Not Satisfiable", "417": "Expectation Failed",
  "418": "I'm a teapot", "421": "Misdirected Request", "422": "Unprocessable Content", "423": "Locked",
  "424": "Failed Dependency", "425": "Too Early", "426": "Upgrade Required", "428": "Precondition Required",
  "429": "Too Many Requests", "431": "Request Header Fields Too Large", "451": "Unavailable For Legal Reasons",
  "500": "Internal Server Error", "501": "Not Implemented", "502": "Bad Gateway", "503": "Service Unavailable",
  "504": "Gateway Timeout", "505": "HTTP Version Not Supported", "506": "Variant Also Negotiates",
  "507": "Insufficient Storage", "508": "Loop Detected", "510": "Not Extended",
  "511": "Network Authentication Required",
};

/** Badge labels by language; English is the fallback. */
const BADGES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  optional_inline: { en: "Optional", fr: "Facultatif", es: "Opcional", de: "Optional", ja: "省略可", "pt": "Opcional", ru: "Необязательный", zh: "可选", ko: "선택 사항", it: "Opzionale" },
  deprecated_inline: { en: "Deprecated", fr: "Obsolète", es: "Obsoleto", de: "Veraltet", ja: "非推奨", pt: "Obsoleto", ru: "Устарело", zh: "已弃用", ko: "지원이 중단되었습니다", it: "Deprecato" },
  experimental_inline: { en: "Experimental", fr: "Expérimental", es: "Experimental", de: "Experimentell", ja: "実験的", pt: "Experimental", ru: "Экспериментальная возможность", zh: "实验性", ko: "실험적", it: "Sperimentale" },
  non_standard_inline: { en: "Non-standard", fr: "Non standard", es: "No estándar", de: "Nicht standardisiert", ja: "標準外", pt: "Não padrão", ru: "Нестандартно", zh: "非标准", ko: "비표준", it: "Non standard" },
  readonlyinline: { en: "Read only", fr: "Lecture seule", es: "Solo lectura", de: "Schreibgeschützt", ja: "読取専用", pt: "Somente leitura", ru: "Только для чтения", zh: "只读", ko: "읽기 전용", it: "Sola lettura" },
  securecontext_inline: { en: "Secure context", fr: "Contexte sécurisé", es: "Contexto seguro", de: "Sicherer Kontext", ja: "安全なコンテキスト用", pt: "Contexto seguro", ru: "Безопасный контекст", zh: "安全上下文", ko: "보안 컨텍스트", it: "Contesto sicuro" },
};

const SECTION_WORD: Readonly<Record<string, string>> = {
  en: "section", fr: "section", es: "sección", de: "Abschnitt", ja: "セクション", pt: "seção", ru: "раздел",
  zh: "章节", ko: "섹션", it: "sezione",
};

const inLanguage = (table: Readonly<Record<string, string>>, locale: string): string =>
  table[locale.split("-")[0]!.toLowerCase()] ?? table["en"]!;

const codeLink = (text: string, url: string): MacroOutput => ({ kind: "link", text, url, code: true });

const glossary: MacroFunction = (args, context) => {
  const term = arg(args, 0);
  if (!term) return NONE;
  const resolved = context.terms.get(glossaryRefKey(term));
  const written = arg(args, 1) ?? term;
  const text = context.inSeeAlso && resolved ? resolved.title : written;
  // "/Baseline/Typography" names Glossary/Baseline/Typography, as its key says (slashes at either end go).
  const slug = resolved ? resolved.slug : `Glossary/${term.trim().replace(/^\/+|\/+$/g, "").replace(/ /g, "_")}`;
  return { kind: "link", text, url: mdnUrl(context.locale, slug), code: false };
};

const cssxref: MacroFunction = (args, context) => {
  const name = arg(args, 0);
  if (!name) return NONE;
  const display = arg(args, 1);
  const decoded = name;
  const shown = display ? display : decoded.includes("/") ? decoded.slice(decoded.lastIndexOf("/") + 1) : decoded;
  let slug = decoded.replace(/^</, "").replace(/>$/, "").replace(/\(\)$/, "");
  const special: Record<string, string> = {
    "<color>": "color_value", "<flex>": "flex_value", "<overflow>": "overflow_value",
    "<position>": "position_value", ":host()": ":host_function", "fit-content()": "fit_content_function",
  };
  slug = special[decoded] ?? slug;
  const folder = decoded.startsWith("<")
    ? "Values"
    : decoded.startsWith(":")
      ? "Selectors"
      : decoded.startsWith("@")
        ? "At-rules"
        : decoded.endsWith("()")
          ? "Values"
          : "Properties";
  return codeLink(shown, withAnchor(mdnUrl(context.locale, `Web/CSS/Reference/${folder}/${slug}`), arg(args, 2)));
};

const httpReference =
  (folder: string, show: (name: string) => string): MacroFunction =>
  (args, context) => {
    const name = arg(args, 0);
    if (!name) return NONE;
    const text = arg(args, 1) ?? show(name);
    return codeLink(text, withAnchor(mdnUrl(context.locale, `Web/HTTP/Reference/${folder}/${name.trim()}`), arg(args, 2)));
  };

const htmlelement: MacroFunction = (args, context) => {
  const name = arg(args, 0);
  if (!name) return NONE;
  const [target = "", anchor] = name.trim().toLowerCase().split("#");
  const text = arg(args, 1) ?? `<${target.split("/")[0]}>`;
  return codeLink(text, withAnchor(mdnUrl(context.locale, `Web/HTML/Reference/Elements/${target}`), arg(args, 2) ?? anchor));
};

const domxref: MacroFunction = (args, context) => {
  const api = arg(args, 0);
  if (!api) return NONE;
  const display = arg(args, 1);
  let docPath = api.trim().replace(/ /g, "_").replace(/\(\)/g, "").replace(/\.prototype\./g, ".").replace(/\./g, "/");
  docPath = docPath.charAt(0).toUpperCase() + docPath.slice(1);
  const url = withAnchor(mdnUrl(context.locale, `Web/API/${docPath}`), arg(args, 2));
  return { kind: "link", text: display ?? api, url, code: !truthy(arg(args, 3)) };
};

/** Parts of the JavaScript reference that are not global objects, as `jsxref("Statements/let")` names them. */
const JS_REFERENCE_FOLDERS =
  /^(Statements|Operators|Functions|Classes|Errors|Lexical_grammar|Global_Objects|Iteration_protocols|Strict_mode|Template_literals|Trailing_commas|Deprecated_and_obsolete_features|Regular_expressions)\//;

const jsxref: MacroFunction = (args, context) => {
  const name = arg(args, 0);
  if (!name) return NONE;
  let slug = name.trim().replace(/\(\)/g, "").replace(/\.prototype\./g, ".");
  if (!slug.includes("/") && slug.includes(".")) slug = slug.replace(/\./g, "/");
  const docPath = JS_REFERENCE_FOLDERS.test(slug) ? slug : `Global_Objects/${slug}`;
  const url = withAnchor(mdnUrl(context.locale, `Web/JavaScript/Reference/${docPath}`), arg(args, 2));
  return { kind: "link", text: arg(args, 1) ?? name, url, code: !truthy(arg(args, 3)) };
};

const rfc: MacroFunction = (args, context) => {
  const number = arg(args, 0)?.trim();
  if (!number) return NONE;
  const content = arg(args, 1);
  const section = arg(args, 2)?.trim();
  let text = `RFC ${number}`;
  if (section) text += `, ${inLanguage(SECTION_WORD, context.locale)} ${section}`;
  if (content) text += `: ${content}`;
  const url = `https://datatracker.ietf.org/doc/html/rfc${encodeURIComponent(number)}${section ? `#section-${encodeURIComponent(section)}` : ""}`;
  return { kind: "link", text, url, code: false };
};

const simpleReference =
  (docPath: (name: string) => string, show: (name: string) => string): MacroFunction =>
  (args, context) => {
    const name = arg(args, 0)?.trim();
    if (!name) return NONE;
    return codeLink(arg(args, 1) ?? show(name), mdnUrl(context.locale, docPath(name)));
  };

const htmlattrxref: MacroFunction = (args, context) => {
  const attribute = arg(args, 0)?.trim();
  if (!attribute) return NONE;
  const element = arg(args, 1)?.trim();
  const docPath = element
    ? `Web/HTML/Reference/Elements/${element.toLowerCase()}#${attribute}`
    : `Web/HTML/Reference/Global_attributes/${attribute}`;
  return codeLink(arg(args, 2) ?? attribute, mdnUrl(context.locale, docPath));
};

const interwiki: MacroFunction = (args) => {
  const wiki = arg(args, 0)?.trim().toLowerCase();
  const target = arg(args, 1)?.trim();
  if (!target) return NONE;
  const text = arg(args, 2) ?? target.replace(/_/g, " ");
  const host = wiki === "wikipedia" || wiki === undefined ? "en.wikipedia.org" : `${wiki}.wikipedia.org`;
  return { kind: "link", text, url: `https://${host}/wiki/${encodeURIComponent(target.replace(/ /g, "_"))}`, code: false };
};

/** `{{Link("/en-US/docs/Web/API")}}`: a link to another MDN page, named after its last segment. */
const link: MacroFunction = (args, context) => {
  const target = arg(args, 0)?.trim();
  if (!target) return NONE;
  const url = /^https?:/i.test(target) ? target : target.startsWith("/") ? `https://developer.mozilla.org${target}` : mdnUrl(context.locale, target);
  const text = arg(args, 1) ?? decodeUrlPart(target.replace(/[#?].*$/, "").split("/").filter(Boolean).pop() ?? target).replace(/_/g, " ");
  return { kind: "link", text, url, code: false };
};

const badge =
  (name: string): MacroFunction =>
  (_args, context) => ({ kind: "badge", text: inLanguage(BADGES[name]!, context.locale) });

/** Every macro this tool knows, by normalised name. */
export const MACROS: ReadonlyMap<string, MacroFunction> = new Map<string, MacroFunction>([
  ["glossary", glossary],
  ["cssxref", cssxref],
  ["httpheader", httpReference("Headers", (name) => name)],
  ["httpmethod", httpReference("Methods", (name) => name)],
  ["httpstatus", httpReference("Status", (code) => (HTTP_REASONS[code.trim()] ? `${code.trim()} ${HTTP_REASONS[code.trim()]}` : code))],
  ["htmlelement", htmlelement],
  ["domxref", domxref],
  ["jsxref", jsxref],
  ["rfc", rfc],
  ["csp", simpleReference((d) => `Web/HTTP/Reference/Headers/Content-Security-Policy/${d}`, (d) => d)],
  ["svgelement", simpleReference((e) => `Web/SVG/Reference/Element/${e}`, (e) => `<${e}>`)],
  ["svgattr", simpleReference((a) => `Web/SVG/Reference/Attribute/${a}`, (a) => a)],
  ["mathmlelement", simpleReference((e) => `Web/MathML/Reference/Element/${e}`, (e) => `<${e}>`)],
  ["htmlattrxref", htmlattrxref],
  ["interwiki", interwiki],
  ["link", link],
  ["includesubnav", () => NONE],
  ["discussionlist", () => NONE],
  ["embedlivesample", () => NONE],
  ["glossarydisambiguation", (_args, context) => ({ kind: "children", pages: context.children })],
  ["optional_inline", badge("optional_inline")],
  ["deprecated_inline", badge("deprecated_inline")],
  ["experimental_inline", badge("experimental_inline")],
  ["non_standard_inline", badge("non_standard_inline")],
  ["readonlyinline", badge("readonlyinline")],
  ["securecontext_inline", badge("securecontext_inline")],
]);

/** Macros that only make sense on the web page (sidebars, navigation, compatibility tables). */
const WEB_ONLY = /(sidebar|ref|_header|compat|specifications|previous|next|previousnext|previousmenunext|subpages|quicklinks|inheritancediagram|embed\w*|interactiveexample|livesample\w*|seecompattable|cssinfo|csssyntax|syntax)$/;

/** True when this tool knows the macro by name. */
export function isKnownMacro(name: string): boolean {
  return MACROS.has(name) || (WEB_ONLY.test(name) && !name.endsWith("xref"));
}

/**
 * Expands one macro call. Unknown macros follow MDN's rule for plain-text summaries: web-only macros
 * vanish, anything else shows its first argument as code.
 * @example expandMacro("glossary", ["DOM"], context) // { kind: "link", text: "DOM", url: ".../Glossary/DOM", code: false }
 */
export function expandMacro(name: string, args: readonly string[], context: MacroContext): MacroOutput {
  const known = MACROS.get(name);
  if (known) return known(args, context);
  if (WEB_ONLY.test(name) && !name.endsWith("xref")) return NONE;
  const first = arg(args, 0);
  return first ? { kind: "text", text: first, code: true } : NONE;
}
