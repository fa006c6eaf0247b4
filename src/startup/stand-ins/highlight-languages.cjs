// Stands in for highlight.js in the bundled cli-highlight: the core, with the grammars MDN pages use loaded
// and registered only when a code block in that language is first shown (loading all 190 takes long).
"use strict";

const hljs = require("highlight.js/lib/core");

const GRAMMARS = {
  javascript: () => require("highlight.js/lib/languages/javascript"),
  typescript: () => require("highlight.js/lib/languages/typescript"),
  xml: () => require("highlight.js/lib/languages/xml"),
  css: () => require("highlight.js/lib/languages/css"),
  scss: () => require("highlight.js/lib/languages/scss"),
  json: () => require("highlight.js/lib/languages/json"),
  http: () => require("highlight.js/lib/languages/http"),
  bash: () => require("highlight.js/lib/languages/bash"),
  shell: () => require("highlight.js/lib/languages/shell"),
  plaintext: () => require("highlight.js/lib/languages/plaintext"),
  python: () => require("highlight.js/lib/languages/python"),
  sql: () => require("highlight.js/lib/languages/sql"),
  yaml: () => require("highlight.js/lib/languages/yaml"),
  markdown: () => require("highlight.js/lib/languages/markdown"),
  diff: () => require("highlight.js/lib/languages/diff"),
  c: () => require("highlight.js/lib/languages/c"),
  cpp: () => require("highlight.js/lib/languages/cpp"),
  java: () => require("highlight.js/lib/languages/java"),
  php: () => require("highlight.js/lib/languages/php"),
  ruby: () => require("highlight.js/lib/languages/ruby"),
  rust: () => require("highlight.js/lib/languages/rust"),
  go: () => require("highlight.js/lib/languages/go"),
  ini: () => require("highlight.js/lib/languages/ini"),
  nginx: () => require("highlight.js/lib/languages/nginx"),
  apache: () => require("highlight.js/lib/languages/apache"),
  csharp: () => require("highlight.js/lib/languages/csharp"),
  kotlin: () => require("highlight.js/lib/languages/kotlin"),
  swift: () => require("highlight.js/lib/languages/swift"),
  dockerfile: () => require("highlight.js/lib/languages/dockerfile"),
  makefile: () => require("highlight.js/lib/languages/makefile"),
  powershell: () => require("highlight.js/lib/languages/powershell"),
  glsl: () => require("highlight.js/lib/languages/glsl"),
};

/** Names MDN and highlight.js give code blocks, by the grammar that reads them. */
const ALIASES = {
  js: "javascript", jsx: "javascript", mjs: "javascript", cjs: "javascript", ts: "typescript", tsx: "typescript",
  html: "xml", xhtml: "xml", svg: "xml", mathml: "xml", rss: "xml", atom: "xml", sh: "bash", zsh: "bash",
  console: "bash", py: "python", md: "markdown", yml: "yaml", h: "c", cc: "cpp", hpp: "cpp", "c++": "cpp",
  rs: "rust", golang: "go", rb: "ruby", https: "http", patch: "diff", toml: "ini", nginxconf: "nginx",
  apacheconf: "apache", cs: "csharp", "c#": "csharp", kt: "kotlin", docker: "dockerfile", make: "makefile",
  mk: "makefile", ps: "powershell", ps1: "powershell", plain: "plaintext", text: "plaintext", txt: "plaintext",
};

const getLanguage = hljs.getLanguage.bind(hljs);

function ensure(name) {
  if (typeof name !== "string" || getLanguage(name)) return;
  const grammar = ALIASES[name.toLowerCase()] ?? name.toLowerCase();
  if (!GRAMMARS[grammar]) return;
  if (!getLanguage(grammar)) hljs.registerLanguage(grammar, GRAMMARS[grammar]());
  if (grammar !== name) hljs.registerAliases([name], { languageName: grammar });
}

// Asking for a grammar loads it, so that "is this language known?" answers for every grammar it has.
hljs.getLanguage = (name) => {
  ensure(name);
  return getLanguage(name);
};

const highlight = hljs.highlight.bind(hljs);
const highlightAuto = hljs.highlightAuto.bind(hljs);
hljs.highlight = (code, options) => {
  ensure(typeof options === "object" && options !== null ? options.language : code);
  return highlight(code, options);
};
hljs.highlightAuto = (code, subset) => {
  for (const name of Object.keys(GRAMMARS)) ensure(name);
  return highlightAuto(code, subset);
};

module.exports = hljs;
module.exports.default = hljs;
