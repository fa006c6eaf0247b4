// Renders an entry for a terminal with marked and marked-terminal; loaded only when output is ANSI.

import chalk, { Chalk, type ChalkInstance } from "chalk";
import type { MarkedExtension, Token, Tokens } from "marked";
import { Marked } from "../markup/marked.js";
import { markedTerminal } from "marked-terminal";
import { stripControls } from "../text/sanitize.js";
import { glossaryTarget } from "../markup/urls.js";
import { NO_WRAP, RULE, TABLE, layOutAnsi } from "./wrap.js";
import { layOutTable } from "./table.js";
import { codeLanguage, renderSegments } from "./highlight.js";
import { GLOSSARY_LABEL, TERM_MARK, linkSuffix } from "./text.js";
import { localLabel } from "../text/labels.js";
import { blockTokens } from "./tokens.js";
import type { ColorLevel, EntryView, Segment } from "../types.js";


export interface AnsiOptions {
  /** Columns to wrap to. */
  width: number;
  /** 0 = no colour, 1 = 16 colours, 2 = 256, 3 = true colour (the theme's colours read the same at 1 to 3). */
  colorLevel: ColorLevel;
  /** Write links as OSC 8 hyperlinks (for terminals that support them). */
  hyperlinks: boolean;
}

const ESC = "\u001b";

/**
 * An OSC 8 hyperlink around already styled text.
 * @example hyperlink("https://x.y", "text") // "\u001b]8;;https://x.y\u001b\\text\u001b]8;;\u001b\\"
 */
export function hyperlink(url: string, text: string): string {
  // Only printable ASCII inside the escape sequence: anything else percent-encoded (lone surrogates as U+FFFD).
  const safe = stripControls(url)
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD")
    .replace(/[^\x21-\x7e]/gu, encodeURIComponent);
  return `${ESC}]8;;${safe}${ESC}\\${text}${ESC}]8;;${ESC}\\`;
}

/** Colours for code blocks, by highlight.js scope, from the chosen colour level. */
function highlightTheme(c: ChalkInstance): Record<string, (text: string) => string> {
  return {
    keyword: c.blue, built_in: c.cyan, type: c.cyan, literal: c.blue, number: c.magenta, regexp: c.red,
    string: c.green, subst: (t) => t, symbol: c.magenta, class: c.cyan, function: c.yellow, title: c.yellow,
    params: (t) => t, comment: c.gray, doctag: c.gray, meta: c.gray, "meta-keyword": c.gray, "meta-string": c.gray,
    section: c.bold, tag: c.gray, name: c.blue, attr: c.cyan, attribute: c.cyan, variable: (t) => t,
    bullet: c.yellow, code: c.yellow, emphasis: c.italic, strong: c.bold, link: c.underline, quote: c.gray,
    "selector-tag": c.blue, "selector-id": c.yellow, "selector-class": c.yellow, "selector-attr": c.cyan,
    "selector-pseudo": c.cyan, addition: c.green, deletion: c.red, formula: c.cyan, selector: c.blue,
    "template-tag": c.magenta, "template-variable": c.magenta, "builtin-name": c.cyan, default: (t) => t,
  };
}

/**
 * Renders an entry as styled terminal text: the title, the definition, then the "See also" list. Colour
 * and hyperlinks are decided by the caller; nothing here reads the process or its streams.
 */
export function renderAnsi(view: EntryView, options: AnsiOptions): string {
  return layOutAnsi(renderAnsiUnwrapped(view, options), options.width, layOutTable);
}

/**
 * The ANSI rendering of an entry before it is laid out at a width ({@link layOutAnsi}): the same for every
 * width, so it can be stored and reused.
 */
export function renderAnsiUnwrapped(view: EntryView, options: Omit<AnsiOptions, "width">): string {
  // marked-terminal checks the shared chalk instance before highlighting code: give it our level.
  chalk.level = options.colorLevel;
  const c = new Chalk({ level: options.colorLevel });
  const glossaryStyle = c.cyan.underline;
  const extension = markedTerminal(
    {
      code: c.yellow,
      blockquote: c.gray.italic,
      html: c.gray,
      heading: c.green.bold,
      firstHeading: c.magenta.bold,
      hr: c.gray,
      listitem: (t) => t,
      table: (t) => t,
      paragraph: (t) => t,
      strong: c.bold,
      em: c.italic,
      codespan: c.yellow,
      del: c.dim.strikethrough,
      link: c.blue,
      href: c.blue.underline,
      text: (t) => t,
      emoji: false,
      unescape: false,
      reflowText: false,
      showSectionPrefix: false,
      tab: 2,
    },
    { theme: highlightTheme(c), ignoreIllegals: true },
  );
  type RendererThis = { parser: { parseInline(tokens: Token[]): string } };
  const renderer = extension.renderer as Record<string, (this: RendererThis, ...args: unknown[]) => string>;
  // A rule takes the width it is laid out at (marked-terminal would ask the terminal).
  renderer["hr"] = () => `${NO_WRAP}${c.gray(RULE)}\n\n`;
  const unwrappedCode = renderer["code"]!;
  renderer["code"] = function (this: RendererThis, ...args: unknown[]): string {
    return unwrappedCode.apply(this, args).replace(/^(?=.)/gm, NO_WRAP);
  };
  // A table is laid out at the width (layOutAnsi): its styled cells are kept as data until then.
  renderer["table"] = function (this: RendererThis, ...args: unknown[]): string {
    const token = args[0] as Tokens.Table;
    // marked-terminal writes colons of code as a placeholder, which its own paragraphs turn back.
    const cell = (tokens: Token[]): string => this.parser.parseInline(tokens).replaceAll("*#COLON|*", ":");
    const header = token.header.map((item) => c.bold(cell(item.tokens)));
    const rows = token.rows.map((row) => row.map((item) => cell(item.tokens)));
    return `${TABLE}${JSON.stringify({ header, rows })}\n\n`;
  };
  // Code highlighted ahead (the bundled entries) is drawn with the same theme, without loading highlight.js.
  const theme = highlightTheme(c);
  const highlightedLater = renderer["code"]!;
  renderer["code"] = function (this: RendererThis, ...args: unknown[]): string {
    const token = args[0] as Tokens.Code & { highlighted?: Segment[] | null };
    const language = codeLanguage(token.lang);
    if (token.highlighted === undefined && language !== null) return highlightedLater.apply(this, [{ ...token, lang: language }, ...args.slice(1)]);
    const code = options.colorLevel === 0 ? token.text : !token.highlighted ? c.yellow(token.text) : renderSegments(token.highlighted, theme);
    return `${code.split("\n").map((line) => `${NO_WRAP}  ${line}`).join("\n")}\n\n`;
  };
  // marked-terminal renders a tight list item's text from its raw Markdown, ignoring the inline tokens
  // marked gives it (links and emphasis would show as Markdown): render those tokens instead.
  const plainText = renderer["text"]!;
  renderer["text"] = function (this: RendererThis, ...args: unknown[]): string {
    const token = args[0] as Tokens.Text;
    return typeof token === "object" && token.tokens ? this.parser.parseInline(token.tokens) : plainText.apply(this, args);
  };
  // The glossary terms met, in order, with the URL of their first link: listed on the closing line.
  const seen = new Map<string, { title: string; href: string }>();
  renderer["link"] = function (this: RendererThis, ...args: unknown[]): string {
    const token = args[0] as Tokens.Link;
    // Link text that is code keeps the link's style: code's own colour would hide that it is a link.
    const text = token.tokens.map((part) => (part.type === "codespan" ? (part as Tokens.Codespan).text : this.parser.parseInline([part]))).join("");
    const href = stripControls(token.href);
    const target = glossaryTarget(view.terms, href);
    const styled = target ? glossaryStyle(text) : c.blue(text);
    const linked = options.hyperlinks && /^https?:/i.test(href) ? hyperlink(href, styled) : styled;
    if (target) {
      // A term that can be looked up reads in its own style, with no suffix: the closing line names it.
      // Without colour, its first occurrence is marked as in plain text.
      const first = !seen.has(target.slug);
      if (first) seen.set(target.slug, { title: target.title, href });
      return first && options.colorLevel === 0 ? `${linked}${TERM_MARK}` : linked;
    }
    const suffix = options.hyperlinks ? "" : linkSuffix(href, token.text);
    return suffix ? `${linked} ${c.dim(suffix)}` : linked;
  };

  const marked = new Marked();
  marked.use(extension as MarkedExtension);

  // The entry's documents are already parsed: hand their tokens to the parser, no Markdown to lex again.
  const heading = (depth: number, text: string): Token => blockTokens([{ t: "h", depth, c: [text] }])[0]!;
  const tokens: Token[] = [heading(1, view.title), ...blockTokens(view.documents.definition)];
  if (view.seeAlsoSection && view.documents.seeAlso) tokens.push(heading(2, view.seeAlsoSection.heading), ...blockTokens(view.documents.seeAlso));
  const body = marked.parser(tokens);
  if (seen.size === 0) return body;
  // The closing line: the terms of the entry that can be looked up, by their titles, in their style.
  const styleTerm = (title: string, href: string): string => {
    const styled = glossaryStyle(stripControls(title).replace(/\s+/g, " ").trim());
    return options.hyperlinks && /^https?:/i.test(href) ? hyperlink(href, styled) : styled;
  };
  const terms = [...seen.values()].map(({ title, href }) => styleTerm(title, href)).join(", ");
  // (A no-break space after the mark: the layout would read "* " at the start of a line as a bullet.)
  const mark = options.colorLevel === 0 ? `${TERM_MARK}\u00a0` : "";
  return `${body}${c.italic(`${mark}${localLabel(GLOSSARY_LABEL, view.locale)}`)} ${terms}\n\n`;
}
