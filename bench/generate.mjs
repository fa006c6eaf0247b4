// Writes a synthetic glossary in MDN's layout, for scale tests and benchmarks:
//   npm run gen -- <folder> <count>
// About 40% of the pages are en-US; the rest are translations of them in five other locales. Titles are
// made-up words, some followed by a kind ("protocol", "element"...). Texts draw their words as real text
// does (Zipf's law): a few hundred common English and web words make up most of the running text, and
// thousands of rarer made-up words the rest. Texts link to other terms, and every page has a "See also"
// list. The same count always gives the same files.

import fs from "node:fs";
import path from "node:path";

const LOCALES = ["fr", "de", "es", "ja", "pt-br"];
const SEE_ALSO = { "en-us": "See also", fr: "Voir aussi", de: "Siehe auch", es: "Véase también", ja: "関連情報", "pt-br": "Veja também" };
const SYLLABLES = ["ka", "lo", "mi", "ne", "ra", "su", "ti", "vo", "ze", "ba", "do", "fe", "gu", "ha", "ji", "pe", "qua", "ri", "sho", "tra", "ul", "ven", "wi", "xo", "yu", "zan", "bri", "clo", "dra", "fla"];
const KINDS = [
  "protocol", "element", "function", "header", "policy", "attribute", "pattern", "format", "engine", "metric",
  "selector", "property", "method", "event", "interface", "directive", "token", "cache", "store", "buffer",
  "stream", "worker", "layout", "codec", "cipher", "schema", "query", "index", "router", "handler", "filter",
  "module", "bundle", "parser", "compiler", "runtime", "sandbox", "context", "origin", "credential",
];
const WORDS = (
  "the a of to and in is that for it as with was on be by this are or from an which can at not have has all their when use used using " +
  "browser server request response data page document element value function object property method event script style network cache " +
  "client user code string number array type error state time memory thread process file stream buffer message signal token header " +
  "security origin policy content resource image text layout render paint frame worker module package library framework api interface " +
  "standard specification version support feature behavior performance latency bandwidth connection socket session cookie storage " +
  "query index search result list tree node graph edge path route handler callback promise async await loop scope closure variable " +
  "constant class instance prototype inheritance syntax parser compiler runtime engine optimizer garbage collector heap stack frame"
).split(" ");

function random(seed) {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
}

function main() {
  const [folder, countText] = process.argv.slice(2);
  const count = Number(countText);
  if (!folder || !Number.isInteger(count) || count < 1) {
    console.error("usage: npm run gen -- <folder> <count>");
    process.exit(2);
  }
  const next = random(count * 2654435761);
  const pick = (list) => list[Math.floor(next() * list.length)];
  // The vocabulary of the texts, most frequent first: the common words, then rarer made-up ones.
  const vocabulary = [...WORDS];
  const known = new Set(vocabulary);
  while (vocabulary.length < 20_000) {
    const made = Array.from({ length: 2 + Math.floor(next() * 3) }, () => pick(SYLLABLES)).join("");
    if (!known.has(made)) {
      known.add(made);
      vocabulary.push(made);
    }
  }
  // Zipf's law: the word of rank r is drawn with a probability in proportion to 1/r.
  const cumulative = [];
  let total = 0;
  for (let rank = 1; rank <= vocabulary.length; rank++) cumulative.push((total += 1 / rank));
  const word = () => {
    const target = next() * total;
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (cumulative[middle] < target) low = middle + 1;
      else high = middle;
    }
    return vocabulary[low];
  };
  const englishCount = Math.max(1, Math.ceil(count * 0.4));
  const terms = [];
  const seen = new Set();
  while (terms.length < englishCount) {
    const name = Array.from({ length: 2 + Math.floor(next() * 3) }, () => pick(SYLLABLES)).join("");
    const title = `${name[0].toUpperCase()}${name.slice(1)}${next() < 0.3 ? ` ${pick(KINDS)}` : ""}`;
    if (seen.has(title.toLowerCase())) continue;
    seen.add(title.toLowerCase());
    terms.push({ title, slug: title.replace(/ /g, "_") });
  }
  const sentence = (links) => {
    const words = Array.from({ length: 8 + Math.floor(next() * 14) }, word);
    for (let i = 0; i < links; i++) {
      const target = pick(terms);
      words.splice(Math.floor(next() * words.length), 0, `{{Glossary("${target.slug}", "${target.title.toLowerCase()}")}}`);
    }
    const text = words.join(" ");
    return `${text[0].toUpperCase()}${text.slice(1)}.`;
  };
  const page = (locale, term, title) => {
    const lines = ["---", `title: ${JSON.stringify(title)}`, `slug: Glossary/${term.slug}`, "page-type: glossary-definition"];
    if (locale !== "en-us") lines.push("l10n:", `  sourceCommit: ${Math.floor(next() * 0xffffffff).toString(16).padStart(8, "0")}`);
    lines.push("---", "");
    if (locale !== "en-us") lines.push("{{GlossarySidebar}}", "");
    lines.push(`**${title}** ${sentence(1).toLowerCase()} ${sentence(0)}`, "");
    for (let p = 0; p < 1 + Math.floor(next() * 3); p++) lines.push(`${sentence(1)} ${sentence(0)} ${sentence(next() < 0.5 ? 1 : 0)}`, "");
    lines.push(`## ${SEE_ALSO[locale]}`, "");
    for (let i = 0; i < 2 + Math.floor(next() * 2); i++) lines.push(`- {{Glossary("${pick(terms).slug}")}}`);
    lines.push(`- [${word()} ${word()}](/${locale === "en-us" ? "en-US" : locale}/docs/Web/API/${pick(terms).slug})`, "");
    return lines.join("\n");
  };
  let written = 0;
  const write = (locale, term, title) => {
    const file = path.join(folder, "files", locale, "glossary", term.slug.toLowerCase(), "index.md");
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, page(locale, term, title));
    written++;
  };
  for (const term of terms) write("en-us", term, term.title);
  let n = 0;
  while (written < count) {
    const term = terms[n % terms.length];
    const locale = LOCALES[Math.floor(n / terms.length) % LOCALES.length];
    write(locale, term, `${term.title} (${locale})`);
    n++;
  }
  console.log(`wrote ${written} pages (${terms.length} en-US terms) in ${folder}`);
}

main();
