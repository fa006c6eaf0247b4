// The man page, glossary(1), written in roff from the same command definitions and reference text as `--help`.

import type { Argument, Command, Option } from "commander";
import { buildProgram, type ProgramContext } from "./program.js";
import { type Definition, ENVIRONMENT, EXAMPLES, EXIT_STATUS, FILES, FORMAT_DESCRIPTIONS } from "./reference.js";

/** Text as roff: backslashes and hyphens escaped, no line starting with a control character. */
export function roff(text: string): string {
  return text
    .replace(/\\/g, "\\e")
    .replace(/-/g, "\\-")
    .split("\n")
    .map((line) => (/^[.']/.test(line) ? `\\&${line}` : line))
    .join("\n");
}

const italic = (text: string): string => `\\fI${roff(text)}\\fR`;
const bold = (text: string): string => `\\fB${roff(text)}\\fR`;

/** How an argument is shown in a synopsis: `term...`, `[folder...]`. */
function argumentSynopsis(argument: Argument): string {
  const name = italic(`${argument.name()}${argument.variadic ? "..." : ""}`);
  return argument.required ? name : `[${name}]`;
}

function optionHeading(option: Option): string {
  const names = option.flags.split(/[ ,|]+/).filter((part) => part.startsWith("-"));
  const value = /<([^>]+)>/.exec(option.flags)?.[1];
  return `${names.map(bold).join(", ")}${value ? ` ${italic(value)}` : ""}`;
}

function optionDescription(option: Option): string {
  const choices = option.argChoices ? ` One of: ${option.argChoices.join(", ")}.` : "";
  return roff(`${sentence(option.description)}${choices}`);
}

/** A description as a sentence: capital first letter, full stop at the end. */
function sentence(text: string): string {
  const capital = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?:]$/.test(capital) ? capital : `${capital}.`;
}

function definitionList(rows: readonly Definition[], term: (text: string) => string = bold): string[] {
  return rows.flatMap(([name, meaning]) => [".TP", term(name), roff(sentence(meaning))]);
}

const visibleCommands = (program: Command): Command[] => program.createHelp().visibleCommands(program);

/** A command's own options as help lists them (a subcommand's help option is the program's, listed once). */
const visibleOptions = (command: Command): Option[] =>
  command.createHelp().visibleOptions(command).filter((option) => command.parent === null || option.long !== "--help");

/**
 * The man page of the program, in roff: every visible command and option, with the reference sections.
 * @example manualPage(buildProgram(context, "1.0.0"), "1.0.0").startsWith(".TH GLOSSARY 1") // true
 */
export function manualPage(program: Command, version: string): string {
  const name = program.name();
  const lines: string[] = [
    `.\\" Generated from the command definitions of ${name} (src/cli/program.ts and src/cli/reference.ts).`,
    `.TH ${name.toUpperCase()} 1 "" "${name} ${version}" "User Commands"`,
    ".nh",
    ".ad l",
    ".SH NAME",
    `${name} \\- ${roff(program.description().replace(/\.$/, "").replace(/^./, (c) => c.toLowerCase()))}`,
    ".SH SYNOPSIS",
    `${bold(name)} [${italic("options")}] ${program.registeredArguments.map(argumentSynopsis).join(" ")}`,
  ];
  for (const command of visibleCommands(program)) {
    const hasOptions = visibleOptions(command).length > 0;
    lines.push(".br", `${bold(name)} ${bold(command.name())}${hasOptions ? ` [${italic("options")}]` : ""} ${command.registeredArguments.map(argumentSynopsis).join(" ")}`.trimEnd());
  }
  lines.push(
    ".SH DESCRIPTION",
    roff(`${program.description()}`),
    ".PP",
    roff(
      "A lookup matches an entry's title, its slug (Glossary/Asynchronous) or the slug's last segment, ignoring case, diacritics, and the difference between spaces, underscores and hyphens. " +
        "The entry in the preferred locale wins; a term found only in another locale shows that locale's entry. " +
        "When nothing matches, the closest titles are suggested on standard error.",
    ),
    ".PP",
    roff(
      "Entries come from the bundled glossary and from source folders (--source, GLOSSARY_PATH) laid out as MDN Web Docs' content is: <locale>/glossary/<slug>/index.md, Markdown with YAML front matter. " +
        "Sources listed first win for the same locale and slug; all of them win over the bundled entries. " +
        "MDN's macros ({{Glossary}}, {{domxref}}...) are shown as the text and links MDN shows. " +
        "Output taller than the terminal goes through a pager.",
    ),
    ".SH COMMANDS",
    ".TP",
    `${bold(name)} ${program.registeredArguments.map(argumentSynopsis).join(" ")}`,
    roff("Look up a term and show its entry. The words of the term are joined by one space: glossary same origin policy."),
  );
  for (const command of visibleCommands(program)) {
    const description = command.description();
    lines.push(".TP", `${bold(command.name())} ${command.registeredArguments.map(argumentSynopsis).join(" ")}`.trimEnd());
    lines.push(roff(sentence(description)));
    for (const option of visibleOptions(command)) {
      lines.push(".RS", ".TP", optionHeading(option), optionDescription(option), ".RE");
    }
  }
  lines.push(".SH OPTIONS", roff("These options go with every command."));
  for (const option of visibleOptions(program)) lines.push(".TP", optionHeading(option), optionDescription(option));
  lines.push(".SH FORMATS", ...definitionList(FORMAT_DESCRIPTIONS));
  lines.push(".SH ENVIRONMENT", ...definitionList(ENVIRONMENT));
  lines.push(".SH FILES", ...definitionList(FILES, italic));
  lines.push(".SH EXIT STATUS", ...definitionList(EXIT_STATUS));
  lines.push(".SH EXAMPLES");
  for (const [example, meaning] of EXAMPLES) {
    lines.push(".PP", roff(sentence(meaning).replace(/\.$/, ":")), ".RS", ".nf", roff(`$ ${example}`), ".fi", ".RE");
  }
  lines.push(".SH SEE ALSO", `${bold("less")}(1), ${bold("dot")}(1), ${roff("https://developer.mozilla.org/en-US/docs/Glossary")}`);
  return `${lines.join("\n")}\n`;
}

/** The program's command definitions alone, for documentation: running any of its commands is an error. */
export function programDefinitions(version: string): Command {
  const unavailable = (): never => {
    throw new Error("the command definitions are for documentation only");
  };
  const context: ProgramContext = {
    settings: unavailable,
    open: unavailable,
    withGlossary: unavailable,
    lookUp: unavailable,
    emit: unavailable,
    paths: { bundledData: "", cwd: "", worker: "", home: undefined },
    cache: null,
    config: null,
    fetched: [],
    data: null,
    env: {},
    progress: () => undefined,
    progressText: () => null,
    untilStopped: unavailable,
    writeOut: unavailable,
    writeErr: unavailable,
    writeUsage: unavailable,
  };
  return buildProgram(context, version);
}
