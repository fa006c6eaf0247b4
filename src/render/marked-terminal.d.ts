// Type declarations for marked-terminal 7, which ships none of its own that match its current API.

declare module "marked-terminal" {
  /** Styling functions and layout options of marked-terminal's renderer. */
  export interface TerminalRendererOptions {
    code?: (text: string) => string;
    blockquote?: (text: string) => string;
    html?: (text: string) => string;
    heading?: (text: string) => string;
    firstHeading?: (text: string) => string;
    hr?: (text: string) => string;
    listitem?: (text: string) => string;
    list?: (body: string, ordered: boolean, indent: string) => string;
    table?: (text: string) => string;
    paragraph?: (text: string) => string;
    strong?: (text: string) => string;
    em?: (text: string) => string;
    codespan?: (text: string) => string;
    del?: (text: string) => string;
    link?: (text: string) => string;
    href?: (text: string) => string;
    text?: (text: string) => string;
    unescape?: boolean;
    emoji?: boolean;
    width?: number;
    showSectionPrefix?: boolean;
    reflowText?: boolean;
    tab?: number | string;
    tableOptions?: Record<string, unknown>;
  }

  /** Options passed on to cli-highlight for code blocks. */
  export interface HighlightOptions {
    theme?: Record<string, (text: string) => string>;
    [key: string]: unknown;
  }

  /** A marked extension: one renderer function per token type, called with marked's renderer as `this`. */
  export function markedTerminal(
    options?: TerminalRendererOptions,
    highlightOptions?: HighlightOptions,
  ): { renderer: Record<string, (this: unknown, ...args: unknown[]) => string>; useNewRenderer: boolean };
}
