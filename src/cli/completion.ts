// Shell completion: the scripts for bash, zsh and fish, and the candidates they ask the program for.

import type { Command, Option } from "commander";
import { foldTerm } from "../text/fold.js";
import type { Glossary } from "../query/glossary.js";
import { resolveLocale } from "../sources/locale.js";

import { COMPLETE_COMMAND, SHELLS, type Shell } from "./reference.js";

export { COMPLETE_COMMAND, SHELLS, type Shell };
/** Printed alone instead of candidates: the shell should complete folder names itself. */
export const FOLDER_DIRECTIVE = ":folder";
/** At most this many term candidates are printed (a shell lists them all). */
export const MAX_TERM_CANDIDATES = 1000;

/** What a command's positional arguments are, for completion. */
type ArgumentKind = "term" | "folder" | "shell" | "none";
const ARGUMENT_KINDS: Readonly<Record<string, ArgumentKind>> = {
  show: "term",
  related: "term",
  langs: "term",
  lint: "folder",
  completion: "shell",
};

/** The words typed so far, read the way the program will read them. */
export interface TypedLine {
  /** The subcommand, or null for a lookup (`glossary <term>`) or before one is typed. */
  command: string | null;
  /** Values of `--lang`, `--source` and `--no-bundled` typed so far. */
  lang: string | undefined;
  sources: string[];
  bundled: boolean;
  /** Positional words before the current one (after the subcommand). */
  positionals: string[];
}

/** The options of a command and of the program, with the names they go by. */
function optionsOf(command: Command): readonly Option[] {
  const own = command.options as readonly Option[];
  return command.parent ? [...own, ...(command.parent.options as readonly Option[])] : own;
}

function optionNamed(options: readonly Option[], word: string): Option | undefined {
  const name = word.split("=")[0];
  return options.find((option) => option.long === name || option.short === name);
}

const takesValue = (option: Option | undefined): boolean => option !== undefined && (option.required || option.optional);

/** Reads the words before the cursor: which subcommand, which options with values. */
export function readTypedLine(program: Command, words: readonly string[]): TypedLine {
  const line: TypedLine = { command: null, lang: undefined, sources: [], bundled: true, positionals: [] };
  let current: Command = program;
  for (let n = 0; n < words.length; n++) {
    const word = words[n]!;
    if (word.startsWith("-") && word.length > 1) {
      const option = optionNamed(optionsOf(current), word);
      if (!option) continue;
      const inline = word.includes("=") ? word.slice(word.indexOf("=") + 1) : undefined;
      const value = takesValue(option) ? (inline ?? words[++n]) : undefined;
      if (option.long === "--lang") line.lang = value;
      if (option.long === "--source" && value !== undefined) line.sources.push(value);
      if (option.long === "--no-bundled") line.bundled = false;
      continue;
    }
    const sub = line.command === null && line.positionals.length === 0 ? program.commands.find((c) => c.name() === word) : undefined;
    if (sub) {
      line.command = sub.name();
      current = sub;
    } else line.positionals.push(word);
  }
  return line;
}

/** What the candidates depend on, beyond the words: the program and, when terms are wanted, the glossary. */
export interface CompletionContext {
  program: Command;
  /** Opens the glossary the typed line describes (only called when term or locale candidates are wanted). */
  glossary(line: TypedLine): Promise<Glossary>;
  /** The preferred locale, from `--lang` typed or the environment. */
  locale(line: TypedLine): string;
}

/**
 * The candidates for the last word of `words` (the word being typed, possibly empty), one per line in the
 * order to show them; or the folder directive.
 * @example await completionCandidates(["asynch"], context) // ["asynchrone", "asynchronous"]
 */
export async function completionCandidates(words: readonly string[], context: CompletionContext): Promise<string[]> {
  const typed = words.length === 0 ? [""] : words;
  const current = typed[typed.length - 1]!;
  const before = typed.slice(0, -1);
  const line = readTypedLine(context.program, before);
  const command = line.command === null ? context.program : context.program.commands.find((c) => c.name() === line.command)!;
  const options = optionsOf(command);

  // The value of an option.
  const previous = before[before.length - 1];
  const valueOf = previous !== undefined && !previous.includes("=") ? optionNamed(options, previous) : undefined;
  if (takesValue(valueOf)) return optionValues(valueOf!, current, line, context);
  if (current.startsWith("--") && current.includes("=")) {
    const option = optionNamed(options, current);
    if (takesValue(option)) {
      const prefix = current.slice(0, current.indexOf("=") + 1);
      return (await optionValues(option!, current.slice(prefix.length), line, context)).map((value) => (value === FOLDER_DIRECTIVE ? value : prefix + value));
    }
  }
  if (current.startsWith("-")) {
    const names = options.flatMap((option) => (option.hidden ? [] : [option.long, option.short])).filter((name): name is string => name !== undefined);
    return unique(names.filter((name) => name.startsWith(current)).sort());
  }

  const kind: ArgumentKind = line.command === null ? "term" : (ARGUMENT_KINDS[line.command] ?? "none");
  const subcommands =
    line.command === null && line.positionals.length === 0
      ? visibleSubcommands(context.program).filter((name) => name.startsWith(current))
      : [];
  switch (kind) {
    case "folder":
      return [FOLDER_DIRECTIVE];
    case "shell":
      return line.positionals.length === 0 ? SHELLS.filter((shell) => shell.startsWith(current)) : [];
    case "term":
      return [...subcommands, ...termCandidates(await context.glossary(line), current, context.locale(line))];
    case "none":
      return subcommands;
  }
}

async function optionValues(option: Option, current: string, line: TypedLine, context: CompletionContext): Promise<string[]> {
  if (option.argChoices) return option.argChoices.filter((choice) => choice.startsWith(current));
  if (option.long === "--source") return [FOLDER_DIRECTIVE];
  if (option.long === "--lang") {
    const folded = current.toLowerCase();
    return (await context.glossary({ ...line, lang: undefined })).locales().filter((locale) => locale.toLowerCase().startsWith(folded));
  }
  return [];
}

/**
 * Term names starting like `current` (compared folded): the titles of every locale and the slugs of the
 * preferred locale's entries, written as one word (lower case, `_` for spaces), which lookups accept.
 */
export function termCandidates(glossary: Glossary, current: string, preferredLocale: string): string[] {
  const prefix = foldTerm(current);
  const out = new Set<string>();
  const add = (name: string): void => {
    if (out.size < MAX_TERM_CANDIDATES && foldTerm(name).startsWith(prefix)) out.add(asOneWord(name));
  };
  const preferred = resolveLocale(preferredLocale, glossary.locales());
  for (const { title, slug } of glossary.titleList(preferred)) {
    add(title);
    add(slug.slice(slug.lastIndexOf("/") + 1));
  }
  for (const locale of glossary.locales()) {
    if (locale === preferred) continue;
    for (const { title } of glossary.titleList(locale)) add(title);
  }
  return [...out];
}

/** A name as one shell word: lower case, runs of spaces as `_`, no control characters. */
function asOneWord(name: string): string {
  return name
    .replace(/[\p{Cc}\p{Cf}]/gu, "")
    .trim()
    .toLowerCase()
    .replace(/\s+/g, "_");
}

const unique = (items: readonly string[]): string[] => [...new Set(items)];

/** The completion script for a shell: it asks `glossary __complete` for candidates at each Tab. */
export function completionScript(shell: Shell): string {
  switch (shell) {
    case "bash":
      return BASH;
    case "zsh":
      return ZSH;
    case "fish":
      return FISH;
  }
}

const BASH = `# bash completion for glossary. Install: glossary completion bash > ~/.local/share/bash-completion/completions/glossary
# (or add to ~/.bashrc: source <(glossary completion bash))
_glossary() {
  local cur=\${COMP_WORDS[COMP_CWORD]} candidates candidate
  local IFS=$'\\n'
  candidates=$(glossary ${COMPLETE_COMMAND} -- "\${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null) || return 0
  COMPREPLY=()
  if [[ $candidates == "${FOLDER_DIRECTIVE}" ]]; then
    compopt -o filenames 2>/dev/null
    COMPREPLY=($(compgen -d -- "$cur"))
    return 0
  fi
  for candidate in $candidates; do
    COMPREPLY+=("$(printf '%q' "$candidate")")
  done
}
complete -F _glossary glossary
`;

const ZSH = `#compdef glossary
# zsh completion for glossary. Install: glossary completion zsh > "\${fpath[1]}/_glossary"
# (or add to ~/.zshrc, after compinit: source <(glossary completion zsh))
_glossary() {
  local -a candidates
  candidates=("\${(@f)$(glossary ${COMPLETE_COMMAND} -- "\${(@)words[2,CURRENT]}" 2>/dev/null)}")
  if [[ "\${candidates[1]}" == "${FOLDER_DIRECTIVE}" ]]; then
    _files -/
    return
  fi
  candidates=("\${(@)candidates:#}")
  (( \${#candidates} )) && compadd -U -- "\${(@)candidates}"
}
if [[ "\${funcstack[1]}" == _glossary ]]; then
  _glossary "$@"
else
  compdef _glossary glossary
fi
`;

const FISH = `# fish completion for glossary. Install: glossary completion fish > ~/.config/fish/completions/glossary.fish
function __glossary_candidates
    set -l words (commandline -opc)
    set -l candidates (glossary ${COMPLETE_COMMAND} -- $words[2..-1] "$(commandline -ct)" 2>/dev/null)
    if test "$candidates" = "${FOLDER_DIRECTIVE}"
        __fish_complete_directories "$(commandline -ct)"
    else
        printf '%s\\n' $candidates
    end
end
complete -c glossary -e
complete -c glossary -f -a '(__glossary_candidates)'
`;

/** The names of a program's own subcommands that its help shows (hidden ones left out), in their order. */
export function visibleSubcommands(program: Command): string[] {
  const visible = new Set(program.createHelp().visibleCommands(program));
  return program.commands.filter((command) => visible.has(command)).map((command) => command.name());
}
