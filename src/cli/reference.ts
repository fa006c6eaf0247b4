// The reference text shared by `--help` and the man page: examples, formats, environment, files, exit status.

/** The shells `glossary completion` writes scripts for. */
export const SHELLS = ["bash", "zsh", "fish"] as const;
export type Shell = (typeof SHELLS)[number];

export { COMPLETE_COMMAND } from "./options.js";

/** A term and what it means: one row of a reference table. */
export type Definition = readonly [term: string, meaning: string];

export const EXAMPLES: readonly Definition[] = [
  ["glossary asynchrone", 'the French entry "Asynchrone"'],
  ["glossary asynchrone --lang en-US", "the same term in English"],
  ["glossary --short closure", "the one-paragraph summary"],
  ["glossary --json promise | jq .seeAlso", "the entry as JSON, for other programs"],
  ["glossary list --lang fr", "every French title"],
  ["glossary search function passed as an argument", "full-text search, best first"],
  ["glossary related promise --json", "see-also terms, links and backlinks"],
  ["glossary related dom -f dot -d 2 | dot -Tsvg > dom.svg", "a graph of the terms around DOM (at most 40: --max)"],
  ["glossary search closure -f markdown", "search results as a Markdown list of links"],
  ["glossary langs asynchronous", "the term in every locale"],
  ["glossary --source ~/mdn/files dom", "look up in a clone of MDN's content"],
  ["glossary update fr", "fetch MDN's French glossary (then glossary asynchrone shows MDN's page)"],
  ["glossary sources", "every source, its locales and its last update"],
  ["glossary config", "the settings in effect, and where each came from"],
  ["source <(glossary completion bash)", "Tab completion in bash"],
  ["glossary help search", "the help of one command"],
];

/** What `glossary` alone prints on stderr: the usual command lines, and where the rest is described. */
export const SHORT_USAGE = `usage: glossary [options] <term...>
       glossary <command> [options] [arguments]

  glossary asynchrone                 look a term up (in its language: "Asynchrone")
  glossary search closure scope       search the texts
  glossary related promise            the terms around an entry
  glossary list --lang fr             every title of a locale

glossary help: every command and option; glossary help <command>: that command; man glossary: the manual
`;

export const FORMAT_DESCRIPTIONS: readonly Definition[] = [
  ["ansi", "styled for the terminal: colours, code highlighting, hyperlinks where the terminal shows them (the default on a terminal, and with --color always or FORCE_COLOR)"],
  ["text", "plain text without escape codes, wrapped (the default when stdout is not a terminal)"],
  ["markdown", "the entry as Markdown, macros expanded, links absolute; for search, related and list, a list of links"],
  ["json", "one JSON object per entry, or an array for list, search, related and langs"],
  ["dot", "for related: a Graphviz graph of the terms around the entry"],
];

export const ENVIRONMENT: readonly Definition[] = [
  ["GLOSSARY_LANG", "the preferred locale, as if given with --lang (empty: not set; a value that is not a locale tag is a usage error)"],
  ["LANGUAGE, LC_ALL, LC_MESSAGES, LANG", "the preferred locale when neither --lang nor GLOSSARY_LANG is given, read as gettext does"],
  ["GLOSSARY_PATH", "more source folders, after any --source, separated by the platform's path delimiter (: or ;); empty parts are skipped, ~ at the start of a folder is the home folder"],
  ["GLOSSARY_PAGER, PAGER", "the pager for output taller than the terminal (default: less -R); empty or cat: no pager"],
  ["NO_COLOR", "when set and not empty, no colour unless --color always"],
  ["FORCE_COLOR", "colour (the ansi format) even when stdout is not a terminal (0 turns colour off); 2 or 3 for 256 colours or true colour"],
  ["COLUMNS", "the width to wrap to when the terminal reports 0 columns"],
  ["FORCE_HYPERLINK", "1: OSC 8 hyperlinks even where the terminal is not known to show them; 0: never"],
  ["GLOSSARY_MAX_PAGE_BYTES", "pages larger than this many bytes are indexed by title only and shown cut short, as with --max-page-bytes (default 1000000)"],
  ["GLOSSARY_AUTO_WATCH", "a source of at least this many pages is watched in the background once a command has read it: the watch indexes each change as it is made, before the next lookup would (default 20000; 0: never; a watch ends after 30 minutes unused)"],
  ["XDG_CACHE_HOME", "where the cache folder is (default: ~/.cache)"],
  ["XDG_CONFIG_HOME", "where the config file is: $XDG_CONFIG_HOME/glossary/config.toml (default: ~/.config/glossary/config.toml)"],
  ["XDG_DATA_HOME", "where glossary update keeps what it fetches: $XDG_DATA_HOME/glossary (default: ~/.local/share/glossary)"],
  ["GLOSSARY_MDN_CONTENT_REPO", "the Git remote glossary update fetches en-US from, instead of https://github.com/mdn/content.git (any URL Git accepts, file:// included)"],
  ["GLOSSARY_MDN_TRANSLATED_REPO", "the Git remote glossary update fetches other locales from, instead of https://github.com/mdn/translated-content.git"],
];

export const FILES: readonly Definition[] = [
  ["$XDG_CACHE_HOME/glossary/", "indexes of source folders, rebuilt when their pages change, and the record of each background watch (watch.json); safe to delete"],
  ["$XDG_CONFIG_HOME/glossary/config.toml", "the config file: lang, bundled, color, width, pager, auto-watch, [mdn] locales, [[sources]] (path, or git with branch and folder)"],
  ["$XDG_DATA_HOME/glossary/", "what glossary update fetched: Git clones (repos/), the pages served (served/) and their record (sources.json)"],
  ["<source>/<locale>/glossary/<slug>/index.md", "an entry, in MDN Web Docs' layout: Markdown with YAML front matter"],
];

export const EXIT_STATUS: readonly Definition[] = [
  ["0", "the entry was found, or the command succeeded"],
  ["1", "no entry matched (suggestions are printed on stderr), a search found nothing (--json prints []), lint found errors, or index --watch has no source left to watch (every folder gone, or the system's limit of watched folders reached)"],
  ["2", "usage error (unknown option, bad value such as --lang ../x or an empty --source, --json with another --format, no term), an invalid config file, a source folder that cannot be read, or a program not built (or whose build is damaged or out of date)"],
  ["69", "glossary update needs Git, which is not installed or not on PATH"],
  ["70", "internal error: a bug in glossary; please report it"],
  ["74", "the output could not be written (a full disk...)"],
  ["75", "glossary update could not update a source (remote unreachable, another update running...): the pages fetched before are still used"],
  ["130", "index --watch stopped by a second Ctrl-C before the check under way ended"],
];

/** A reference table as help text: a heading and rows, meanings wrapped to `width` columns under each other. */
export function helpSection(heading: string, rows: readonly Definition[], width = 80): string {
  const indent = 2;
  const termWidth = Math.min(Math.max(...rows.map(([term]) => term.length)), 36);
  const column = indent + termWidth + 2;
  const lines: string[] = [];
  for (const [term, meaning] of rows) {
    const wrapped = wrapWords(meaning, Math.max(20, width - column));
    const first = term.length > termWidth ? [`${" ".repeat(indent)}${term}`] : [];
    const lead = term.length > termWidth ? " ".repeat(column) : `${" ".repeat(indent)}${term.padEnd(termWidth)}  `;
    lines.push(...first, ...wrapped.map((line, n) => (n === 0 ? lead : " ".repeat(column)) + line));
  }
  return `${heading}:\n${lines.join("\n")}`;
}

/** Words in lines of at most `width` characters (a longer word gets a line of its own). */
function wrapWords(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line !== "" && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === "" ? word : `${line} ${word}`;
  }
  return [...lines, line];
}
