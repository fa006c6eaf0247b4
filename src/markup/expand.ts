// Turns an MDN page body into plain Markdown: macros expanded, links absolute, inline HTML made readable.

import { foldTerm } from "../text/fold.js";
import { CODE, ClosingTags, EMPHASIS, HIDDEN, LINE_ENDING, STRONG, decodeEntities, readEntity, readTag, subscript, superscript } from "./html.js";
import { parseMacroCall } from "./macro-call.js";
import { type ChildPage, type MacroContext, type MacroOutput, type TermResolver, expandMacro } from "./macros.js";
import { codeSpan, escapeMarkdown } from "./escape.js";
import { absoluteUrl, isRunnableUrl, mdnUrl, safeUrl } from "./urls.js";

export interface ExpandOptions {
  locale: string;
  /** The page's own slug: relative links and anchors resolve against its URL. */
  slug: string;
  /** Glossary terms resolved in the loaded sources, by slug key. */
  terms?: TermResolver;
  /** Pages directly below this one, for `{{GlossaryDisambiguation}}`. */
  children?: readonly ChildPage[];
}

export interface ExpandedBody {
  /** The whole body as Markdown. */
  markdown: string;
  /** The body without its "See also" section. */
  definition: string;
  /** The "See also" section: its heading text and its content, without the heading line. */
  seeAlso: { heading: string; markdown: string } | null;
}

/** Headings that introduce a "See also" section, in the locales MDN has. */
export const SEE_ALSO_HEADINGS: readonly string[] = [
  "See also", "Related", "Learn more", "Voir aussi", "Voir également", "Pour en savoir plus", "En savoir plus",
  "Pour approfondir", "Véase también", "Vea también", "Ver también", "Ver además", "Más información",
  "Para saber más", "Saber más", "Aprende más", "Veja também", "Ver também", "Veja mais", "Saiba mais", "Aprenda mais",
  "Siehe auch", "Weitere Informationen", "Mehr erfahren", "Erfahre mehr", "Erfahren Sie mehr", "Mehr dazu",
  "Aprender más", "En apprendre plus", "Aprender mais", "理解を深める", "より詳しく知る", "Узнай больше",
  "Подробнее", "Дополнительные ресурсы", "Больше информации", "更多学习", "更多信息", "另可參閱", "學習更多",
  "更進一步了解", "Vedi anche", "Per saperne di più",
  "Zobacz też", "Zobacz także", "Див. також", "Дивіться також", "Дізнатися більше", "Дізнатись більше", "См. также",
  "Смотрите также", "Смотри также", "Читайте также", "Узнать больше", "Дополнительная информация",
  "関連情報", "関連項目", "関連常用", "参照", "もっと詳しく", "さらに詳しく", "詳細情報", "参见", "参考", "另见", "参阅",
  "相关链接", "相关信息", "参考资料", "了解更多", "延伸阅读", "深入了解", "參見", "參閱", "參考", "另見",
  "相關連結", "相關資訊", "參考資料", "延伸閱讀", "같이 보기", "함께 보기", "참고",
  "참조", "더 알아보기", "더 보기", "관련 정보", "Lihat juga", "Xem thêm", "Ayrıca bakınız", "Zie ook",
];

/** Text of code points below U+0370 only: Latin letters and their diacritics, digits, punctuation. */
const LATIN = /^[\u0000-\u036f]*$/;
/**
 * The headings folded, those written in Latin letters apart: folding the others (Cyrillic, Chinese, Japanese,
 * Korean) costs a process about half a millisecond (Unicode's tables of marks), and most pages' headings are
 * Latin. A heading written in another script folds to text of that script (a test checks it), so a heading
 * that folds to Latin text can only be one of the Latin ones.
 */
let latinSeeAlsoHeadings: ReadonlySet<string> | undefined;
let otherSeeAlsoHeadings: ReadonlySet<string> | undefined;

/** True when a heading's text names a "See also" section in any locale MDN has. */
export function isSeeAlsoHeading(text: string): boolean {
  const key = foldTerm(text.replace(/[:：]\s*$/, ""));
  latinSeeAlsoHeadings ??= new Set(SEE_ALSO_HEADINGS.filter((heading) => LATIN.test(heading)).map(foldTerm));
  if (latinSeeAlsoHeadings.has(key)) return true;
  if (LATIN.test(key)) return false;
  otherSeeAlsoHeadings ??= new Set(SEE_ALSO_HEADINGS.filter((heading) => !LATIN.test(heading)).map(foldTerm));
  return otherSeeAlsoHeadings.has(key);
}

const FENCE = /^\s*(`{3,}|~{3,})(.*)$/;
/** A heading written in HTML, alone on its line: `<h2 id="see_also">See also</h2>`. */
const HTML_HEADING = /^\s*<h([1-6])(?:\s[^>]*)?>(.*?)<\/h\1>\s*$/i;
/** What French typography sets after a no-break space. */
const FRENCH_SPACED_AFTER = /[:;?!»]/;
/** The characters `expandInline` acts on; in French also the space (its typography). */
const SPECIAL = /[\\`<{&\][]/g;
const SPECIAL_FRENCH = /[\\`<{&\][ ]/g;
const HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;

interface Section {
  lines: string[];
  seeAlso: boolean;
  /** Heading text, expanded. */
  heading: string;
  /** The heading as a Markdown line (kept apart for the "See also" section). */
  headingLine: string;
}

/**
 * Expands an MDN page body into Markdown and splits off its "See also" section.
 * @example expandBody('Not {{Glossary("Synchronous", "synchronous")}}.', { locale: "en-US", slug: "Glossary/Asynchronous" }).markdown
 * // "Not [synchronous](https://developer.mozilla.org/en-US/docs/Glossary/Synchronous)."
 */
export function expandBody(body: string, options: ExpandOptions): ExpandedBody {
  const context: InlineContext = {
    locale: options.locale,
    pageUrl: mdnUrl(options.locale, options.slug),
    terms: options.terms ?? new Map(),
    children: options.children ?? [],
    inSeeAlso: false,
  };
  const sections: Section[] = [{ lines: [], seeAlso: false, heading: "", headingLine: "" }];
  let current = sections[0]!;
  let seeAlsoLevel = 0;
  let prose: string[] = [];
  let fence: { marker: string } | null = null;

  const flush = (): void => {
    if (prose.length === 0) return;
    context.inSeeAlso = current.seeAlso;
    current.lines.push(expandInline(definitionLists(prose).join("\n"), context));
    prose = [];
  };

  for (const line of body.split("\n")) {
    if (fence) {
      current.lines.push(line);
      const close = FENCE.exec(line);
      if (close && close[1]![0] === fence.marker[0] && close[1]!.length >= fence.marker.length && close[2]!.trim() === "") fence = null;
      continue;
    }
    const open = FENCE.exec(line);
    if (open && !(open[1]![0] === "`" && open[2]!.includes("`"))) {
      flush();
      fence = { marker: open[1]! };
      current.lines.push(line);
      continue;
    }
    // Older pages, converted from the wiki, write their headings in HTML.
    const htmlHeading = HTML_HEADING.exec(line);
    const heading = HEADING.exec(htmlHeading ? `${"#".repeat(Number(htmlHeading[1]))} ${htmlHeading[2]}` : line);
    if (heading) {
      flush();
      const level = heading[1]!.length;
      context.inSeeAlso = false;
      const text = expandInline(heading[2] ?? "", context).trim();
      const stillInSeeAlso = current.seeAlso && level > seeAlsoLevel;
      if (!stillInSeeAlso) {
        const seeAlso = isSeeAlsoHeading(text);
        if (seeAlso) seeAlsoLevel = level;
        current = { lines: [], seeAlso, heading: text, headingLine: `${heading[1]} ${text}` };
        sections.push(current);
        if (seeAlso) continue;
      }
      current.lines.push(`${heading[1]} ${text}`);
      continue;
    }
    prose.push(line);
  }
  flush();

  const headingLine = (section: Section): string[] => (section.seeAlso ? [section.headingLine] : []);
  const join = (lines: string[]): string => tidy(lines.join("\n"));
  const all = sections.flatMap((s) => [...headingLine(s), ...s.lines]);
  // A page may have several ("Learn more", then "See also"): the first names them, the others keep their headings.
  const seeAlsoSections = sections.filter((s) => s.seeAlso);
  const [firstSeeAlso, ...laterSeeAlso] = seeAlsoSections;
  return {
    markdown: join(all),
    definition: join(sections.filter((s) => !s.seeAlso).flatMap((s) => s.lines)),
    seeAlso: firstSeeAlso
      ? { heading: firstSeeAlso.heading, markdown: join([...firstSeeAlso.lines, ...laterSeeAlso.flatMap((s) => ["", `### ${s.heading}`, "", ...s.lines])]) }
      : null,
  };
}

const LIST_ITEM = /^(\s*)([-*+]) (.*)$/;
const DEFINITION = /^(\s*)[-*+] :(?: (.*))?$/;

/**
 * MDN's definition lists, a list item holding the term and below it an item `- : definition`, as Markdown
 * that reads the same everywhere: the term in bold, its definition as a paragraph below it, indented.
 * @example definitionLists(["- `a`", "  - : The a."]) // ["- **`a`**", "", "  The a."]
 */
export function definitionLists(lines: readonly string[]): string[] {
  const out: string[] = [];
  for (let n = 0; n < lines.length; n++) {
    const term = LIST_ITEM.exec(lines[n]!);
    const definition = term && !DEFINITION.test(lines[n]!) ? DEFINITION.exec(lines[n + 1] ?? "") : null;
    if (!term || !definition || definition[1]!.length <= term[1]!.length) {
      const stray = DEFINITION.exec(lines[n]!);
      // A definition without its term (or after another definition): its text, in its place.
      out.push(stray ? `${stray[1]}${stray[2] ?? ""}` : lines[n]!);
      continue;
    }
    const text = term[3]!.trim();
    out.push(`${term[1]}${term[2]} ${text.includes("**") ? text : `**${text}**`}`, "", `${term[1]}  ${definition[2] ?? ""}`);
    n++;
  }
  return out;
}

/** Drops blank lines at both ends and runs of more than one blank line outside code. */
function tidy(markdown: string): string {
  const out: string[] = [];
  let fence: string | null = null;
  for (const line of markdown.split("\n")) {
    const marker = FENCE.exec(line)?.[1];
    if (fence) {
      if (marker && marker[0] === fence[0] && marker.length >= fence.length) fence = null;
      out.push(line);
      continue;
    }
    if (marker) fence = marker;
    const blank = line.trim() === "";
    if (blank && (out.length === 0 || out[out.length - 1]!.trim() === "")) continue;
    out.push(blank ? "" : line);
  }
  while (out.length > 0 && out[out.length - 1]!.trim() === "") out.pop();
  return out.join("\n");
}

interface InlineContext extends MacroContext {
  pageUrl: string;
  /** How many elements (emphasis, strong, quotes) the text is inside (none when absent). */
  depth?: number;
}

/**
 * Elements nested deeper than this keep their content as plain text: each level is expanded by a call of
 * its own, and a page of thousands of nested tags would exhaust the stack.
 */
const MAX_NESTED_ELEMENTS = 32;

/**
 * Expands macros, HTML, entities and relative links in a run of Markdown text outside fenced code.
 * Code spans are copied as they are.
 */
export function expandInline(text: string, context: InlineContext): string {
  let out = "";
  let i = 0;
  const openLinks: string[] = [];
  let closingTags: ClosingTags | undefined;
  // Characters no branch below acts on are copied a run at a time (a loop over every character costs, before
  // V8 compiles it, as much a turn as it is long).
  const special = context.locale.startsWith("fr") ? SPECIAL_FRENCH : SPECIAL;
  while (i < text.length) {
    special.lastIndex = i;
    const next = special.exec(text)?.index ?? text.length;
    if (next > i) {
      out += text.slice(i, next);
      i = next;
      if (i >= text.length) break;
    }
    const c = text[i]!;
    if (c === "\\" && i + 1 < text.length) {
      out += text.slice(i, i + 2);
      i += 2;
    } else if (c === "`") {
      const run = /^`+/.exec(text.slice(i))![0];
      const close = findBacktickRun(text, i + run.length, run.length);
      if (close < 0) {
        out += run;
        i += run.length;
      } else {
        out += codeSpanWithMacros(text.slice(i + run.length, close), text.slice(i, close + run.length), context);
        i = close + run.length;
      }
    } else if (text.startsWith("<!--", i)) {
      const end = text.indexOf("-->", i + 4);
      i = end < 0 ? text.length : end + 3;
    } else if (text.startsWith("{{", i)) {
      const call = parseMacroCall(text, i);
      out += macroMarkdown(expandMacro(call.name, call.args, context), context);
      i = call.end;
    } else if (c === "<") {
      const tag = readTag(text, i);
      if (!tag) {
        // An autolink to a URL that runs code (`<javascript:...>`) is kept as text, not as a link.
        const autolink = /^<([a-z][a-z0-9+.-]{1,31}:[^\s<>]*)>/i.exec(text.slice(i, i + 2048));
        out += autolink && isRunnableUrl(autolink[1]!) ? "\\<" : c;
        i++;
        continue;
      }
      const converted = convertTag(text, tag, openLinks, context, (closingTags ??= new ClosingTags(text)));
      out += converted.markdown;
      i = converted.end;
    } else if (c === "&") {
      const entity = readEntity(text, i);
      if (entity) {
        out += escapeMarkdown(entity.text);
        i = entity.end;
      } else {
        out += c;
        i++;
      }
    } else if (c === "]" && text[i + 1] === "(") {
      const destination = readDestination(text, i + 2);
      out += `](${formatDestination(absoluteUrl(destination.url, context.pageUrl))}`;
      i = destination.end;
    } else if (c === "[" && (i === 0 || text[i - 1] === "\n")) {
      const definition = /^ {0,3}\[[^\]\n]+\]:[ \t]*/.exec(text.slice(i));
      if (definition) {
        const destination = readDestination(text, i + definition[0].length);
        out += definition[0] + formatDestination(absoluteUrl(destination.url, context.pageUrl));
        i = destination.end;
      } else {
        out += c;
        i++;
      }
    } else if (c === " " && context.locale.startsWith("fr") && (out.endsWith("«") || (FRENCH_SPACED_AFTER.test(text[i + 1] ?? "") && !/^:[-:|]/.test(text.slice(i + 1, i + 3))))) {
      // French typography: the space before : ; ? ! » and after « is a no-break space, whatever the page wrote.
      out += "\u00a0";
      i++;
    } else {
      out += c;
      i++;
    }
  }
  // Links opened by <a> and never closed: close them where the text ends.
  while (openLinks.length > 0) out += `](${formatDestination(openLinks.pop()!)})`;
  return out;
}

/**
 * MDN expands macros inside inline code too: a code span holding just a macro (`` `{{HTMLElement("a")}}` ``)
 * becomes the macro's code link; other macros in a code span become their plain text.
 */
function codeSpanWithMacros(code: string, whole: string, context: InlineContext): string {
  if (!code.includes("{{")) return whole;
  const trimmed = code.trim();
  if (trimmed.startsWith("{{")) {
    const call = parseMacroCall(trimmed, 0);
    if (call.wellFormed && call.end === trimmed.length) {
      const output = expandMacro(call.name, call.args, context);
      if (output.kind === "link") return macroMarkdown({ ...output, code: true }, context);
      if (output.kind === "text") return codeSpan(output.text);
    }
  }
  let plain = "";
  let expanded = false;
  let i = 0;
  while (i < code.length) {
    const start = code.indexOf("{{", i);
    if (start < 0) {
      plain += code.slice(i);
      break;
    }
    plain += code.slice(i, start);
    const call = parseMacroCall(code, start);
    if (!call.wellFormed) {
      // Code that merely contains braces is code: keep it as written.
      plain += "{{";
      i = start + 2;
      continue;
    }
    const output = expandMacro(call.name, call.args, context);
    if (output.kind === "link" || output.kind === "text" || output.kind === "badge") plain += output.text;
    expanded = true;
    i = call.end;
  }
  return expanded ? codeSpan(decodeEntities(plain)) : whole;
}

function findBacktickRun(text: string, from: number, length: number): number {
  let i = text.indexOf("`", from);
  while (i >= 0) {
    let j = i;
    while (text[j] === "`") j++;
    if (j - i === length) return i;
    i = text.indexOf("`", j);
  }
  return -1;
}

function convertTag(
  text: string,
  tag: NonNullable<ReturnType<typeof readTag>>,
  openLinks: string[],
  context: InlineContext,
  closingTags: ClosingTags,
): { markdown: string; end: number } {
  const { name } = tag;
  const whole = (): { inner: string; end: number } | null => {
    if (tag.closing || tag.selfClosing) return null;
    const close = closingTags.after(name, tag.end);
    return close ? { inner: text.slice(tag.end, close.start), end: close.end } : null;
  };
  if (HIDDEN.has(name)) {
    const element = whole();
    return { markdown: "", end: element ? element.end : tag.end };
  }
  if (CODE.has(name) || name === "pre") {
    const element = whole();
    if (!element) return { markdown: "", end: tag.end };
    const code = textOf(element.inner);
    if (name === "pre") return { markdown: `\n\n\`\`\`\n${code.replace(/^\n+|\n+$/g, "")}\n\`\`\`\n\n`, end: element.end };
    return { markdown: codeSpan(code), end: element.end };
  }
  if (name === "sup" || name === "sub") {
    const element = whole();
    if (!element) return { markdown: "", end: tag.end };
    const plain = textOf(element.inner).trim();
    return { markdown: escapeMarkdown(name === "sup" ? superscript(plain) : subscript(plain)), end: element.end };
  }
  if (EMPHASIS.has(name) || STRONG.has(name) || name === "q") {
    const element = whole();
    if (!element) return { markdown: "", end: tag.end };
    const depth = context.depth ?? 0;
    const inner = depth < MAX_NESTED_ELEMENTS ? expandInline(element.inner, { ...context, depth: depth + 1 }) : escapeMarkdown(textOf(element.inner));
    const leading = /^\s*/.exec(inner)![0];
    const trailing = /\s*$/.exec(inner)![0];
    const core = inner.trim();
    if (core === "") return { markdown: inner, end: element.end };
    const [open, close] = name === "q" ? quotes(context.locale) : STRONG.has(name) ? ["**", "**"] : ["*", "*"];
    return { markdown: `${leading}${open}${core}${close}${trailing}`, end: element.end };
  }
  if (name === "a") {
    if (tag.closing) {
      const href = openLinks.pop();
      return { markdown: href === undefined ? "" : `](${formatDestination(href)})`, end: tag.end };
    }
    const href = tag.attributes.get("href");
    if (href === undefined || tag.selfClosing) return { markdown: "", end: tag.end };
    openLinks.push(absoluteUrl(href, context.pageUrl));
    return { markdown: "[", end: tag.end };
  }
  if (name === "img") return { markdown: escapeMarkdown(tag.attributes.get("alt") ?? ""), end: tag.end };
  if (name === "br") return { markdown: "\\\n", end: tag.end };
  if (name === "li" && !tag.closing) return { markdown: "\n- ", end: tag.end };
  if (name === "hr") return { markdown: "\n", end: tag.end };
  if (LINE_ENDING.has(name) && tag.closing) return { markdown: "\n", end: tag.end };
  return { markdown: "", end: tag.end };
}

/** An element's content as text: its tags left out, its character references decoded. */
function textOf(html: string): string {
  return decodeEntities(html.replace(/<[^>]*>/g, ""));
}

function quotes(locale: string): [string, string] {
  return locale.startsWith("fr") ? ["«\u00a0", "\u00a0»"] : locale.startsWith("de") ? ["„", "“"] : ["“", "”"];
}

function readDestination(text: string, from: number): { url: string; end: number } {
  let j = from;
  while (text[j] === " " || text[j] === "\t") j++;
  if (text[j] === "<") {
    const close = text.indexOf(">", j);
    const newline = text.indexOf("\n", j);
    if (close > 0 && (newline < 0 || close < newline)) return { url: text.slice(j + 1, close), end: close + 1 };
  }
  let depth = 0;
  let k = j;
  while (k < text.length) {
    const ch = text[k]!;
    if (ch === "\\" && k + 1 < text.length) {
      k += 2;
      continue;
    }
    if (ch === "(") depth++;
    else if (ch === ")") {
      if (depth === 0) break;
      depth--;
    } else if (/\s/.test(ch)) break;
    k++;
  }
  return { url: text.slice(j, k), end: k };
}

/** A link destination in Markdown: empty (`<>`) for a URL that runs code, in angle brackets when it must be. */
function formatDestination(link: string): string {
  const url = safeUrl(link);
  if (url === "") return "<>";
  return /[\s()<>]/.test(url) ? `<${url.replace(/[<>\n]/g, encodeURIComponent)}>` : url;
}

function macroMarkdown(output: MacroOutput, context: InlineContext): string {
  switch (output.kind) {
    case "link":
      return `[${output.code ? codeSpan(output.text) : escapeMarkdown(output.text)}](${formatDestination(output.url)})`;
    case "text":
      return output.code ? codeSpan(output.text) : escapeMarkdown(output.text);
    case "badge":
      return `\\[${escapeMarkdown(output.text)}\\]`;
    case "children":
      if (output.pages.length === 0) return "";
      return `\n\n${output.pages
        .map((page) => {
          const sentence = firstSentence(page.summary);
          const link = `[${escapeMarkdown(page.title)}](${formatDestination(mdnUrl(context.locale, page.slug))})`;
          return sentence ? `- ${link}${context.locale.startsWith("fr") ? "\u00a0:" : ":"} ${escapeMarkdown(sentence)}` : `- ${link}`;
        })
        .join("\n")}\n\n`;
    case "none":
      return "";
  }
}

/**
 * The first sentence of a plain-text summary.
 * @example firstSentence("A node is a point. It has children.") // "A node is a point."
 */
export function firstSentence(text: string): string {
  const match = /^.*?[.!?。！？](?=\s|$)/su.exec(text.trim());
  return (match ? match[0] : text).trim();
}
