// Stop words: dropped from queries in the reader's language and in English; a query of nothing else misses.
import { describe, expect, it } from "vitest";
import { meaningfulQuery, stopWords } from "../../src/query/stop-words.js";
import { SHARED_CORPUS, runMain } from "../helpers.js";
import fs from "node:fs";

describe("meaningfulQuery", () => {
  it("drops the stop words of the reader's language and of English", () => {
    expect(meaningfulQuery("what is a closure", "en-US")).toBe("closure");
    expect(meaningfulQuery("qu'est-ce qu'une fermeture", "fr")).toBe("fermeture");
    expect(meaningfulQuery("was ist ein Closure", "de")).toBe("Closure");
    expect(meaningfulQuery("what is the cross-origin policy", "ja")).toBe("cross origin policy");
    expect(meaningfulQuery("of the in", "en-US")).toBe("");
  });
  it("keeps the terms of the web that word lists elsewhere count as common", () => {
    const stop = stopWords("en-US");
    for (const term of ["http", "html", "web", "site", "value", "null", "number", "first", "page", "state", "test", "computer"]) expect(stop.has(term), term).toBe(false);
  });
  it("has a list for every language MDN has", () => {
    const english = stopWords("en-US").size;
    expect(english).toBeGreaterThan(100);
    for (const locale of ["de", "es", "fr", "ja", "ko", "pt-BR", "ru", "zh-CN", "zh-TW"]) expect(stopWords(locale).size, locale).toBeGreaterThan(english);
  });
});

describe.skipIf(!fs.existsSync(SHARED_CORPUS))("search on MDN's en-US glossary", () => {
  const corpus = ["--no-bundled", "--source", SHARED_CORPUS];
  it("misses, exit 1, when only stop words match", async () => {
    expect(await runMain([...corpus, "search", "qwzx-in-plk"])).toMatchObject({ status: 1, stdout: "" });
    expect(await runMain([...corpus, "search", "what", "is", "it"])).toMatchObject({
      status: 1,
      stdout: "",
      stderr: 'glossary: nothing to search for in "what is it": only common words\nglossary: add a word that names what you are looking for\n',
    });
  });
  it("ranks what a question is about first", async () => {
    expect((await runMain([...corpus, "search", "what", "is", "a", "closure"])).stdout).toMatch(/^Closure\t/);
  });
  it("says when the locale asked for has no entry, and searches en-US as lookups do", async () => {
    const result = await runMain([...corpus, "search", "--lang", "pt-BR", "closure"]);
    expect(result).toMatchObject({ status: 0, stderr: "glossary: no pt-BR entries; showing en-US\n" });
    expect(result.stdout).toMatch(/^Closure\t/);
  });
});
