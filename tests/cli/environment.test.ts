import { describe, expect, it } from "vitest";
import { colorLevel, hyperlinkChoice, outputWidth, parseWidth } from "../../src/cli/environment.js";
import { settingsFrom } from "../../src/cli/settings.js";
import { UsageError } from "../../src/errors.js";
import { preferredLocale } from "../../src/sources/locale.js";

describe("preferredLocale", () => {
  it("takes --lang, then GLOSSARY_LANG, both explicit", () => {
    expect(preferredLocale("fr", { GLOSSARY_LANG: "de" })).toEqual({ locale: "fr", explicit: true });
    expect(preferredLocale(undefined, { GLOSSARY_LANG: "pt_BR", LANG: "fr_FR.UTF-8" })).toEqual({ locale: "pt-BR", explicit: true });
  });
  it("reads the system locale as gettext does", () => {
    expect(preferredLocale(undefined, { LANG: "fr_FR.UTF-8" })).toEqual({ locale: "fr-FR", explicit: false });
    expect(preferredLocale(undefined, { LC_MESSAGES: "de_DE", LANG: "fr_FR" }).locale).toBe("de-DE");
    expect(preferredLocale(undefined, { LC_ALL: "es_ES", LC_MESSAGES: "de_DE" }).locale).toBe("es-ES");
    expect(preferredLocale(undefined, { LANGUAGE: "ja:en", LANG: "fr_FR.UTF-8" }).locale).toBe("ja");
    expect(preferredLocale(undefined, { LANGUAGE: "ja", LANG: "C" }).locale).toBe("en-US");
    expect(preferredLocale(undefined, { LANGUAGE: "ja" }).locale).toBe("en-US");
    expect(preferredLocale(undefined, { LC_ALL: "C", LANG: "fr_FR" }).locale).toBe("en-US");
    expect(preferredLocale(undefined, { LANG: "POSIX" })).toEqual({ locale: "en-US", explicit: false });
    expect(preferredLocale(undefined, {})).toEqual({ locale: "en-US", explicit: false });
  });
});

describe("colorLevel", () => {
  it("follows --color, NO_COLOR, FORCE_COLOR and the terminal", () => {
    expect(colorLevel("auto", {}, true)).toBe(1);
    expect(colorLevel("auto", {}, false)).toBe(0);
    expect(colorLevel("auto", { NO_COLOR: "1" }, true)).toBe(0);
    expect(colorLevel("auto", { NO_COLOR: "" }, true)).toBe(1);
    expect(colorLevel("always", { NO_COLOR: "1" }, false)).toBe(1);
    expect(colorLevel("never", { FORCE_COLOR: "3" }, true)).toBe(0);
    expect(colorLevel("auto", { FORCE_COLOR: "1" }, false)).toBe(1);
    expect(colorLevel("auto", { FORCE_COLOR: "0" }, true)).toBe(0);
    expect(colorLevel("auto", { COLORTERM: "truecolor" }, true)).toBe(3);
    expect(colorLevel("auto", { TERM: "xterm-256color" }, true)).toBe(2);
    expect(colorLevel("auto", { TERM: "dumb" }, true)).toBe(0);
  });
});

describe("width and format", () => {
  it("wraps to the terminal, else 80, unless --width says", () => {
    expect(outputWidth(undefined, true, 90)).toBe(90);
    expect(outputWidth(undefined, false, 120)).toBe(80);
    expect(outputWidth(40, true, 120)).toBe(40);
    expect(outputWidth(200, true, 120)).toBe(200);
  });
  it("keeps prose to a readable measure on a wide terminal", () => {
    expect(outputWidth(undefined, true, 120)).toBe(100);
    expect(outputWidth(undefined, true, 300, { COLUMNS: "50" })).toBe(100);
  });
  it("reads COLUMNS when the terminal reports no width, then falls back to 80", () => {
    expect(outputWidth(undefined, true, 0, { COLUMNS: "60" })).toBe(60);
    expect(outputWidth(undefined, true, undefined, { COLUMNS: "72" })).toBe(72);
    expect(outputWidth(undefined, true, 0, { COLUMNS: "wide" })).toBe(80);
    expect(outputWidth(undefined, true, 0, {})).toBe(80);
    expect(outputWidth(undefined, false, 0, { COLUMNS: "60" })).toBe(80);
    expect(outputWidth(undefined, false, 120)).toBe(80);
    expect(outputWidth(40, true, 120)).toBe(40);
    expect(parseWidth("40")).toBe(40);
    expect(() => parseWidth("abc")).toThrow(UsageError);
    expect(() => parseWidth("3")).toThrow(UsageError);
  });
  it("chooses the format from --json, --format and the terminal", () => {
    expect(settingsFrom({}, {}, { isTTY: true, columns: 90 })).toMatchObject({ format: "ansi", width: 90, colorLevel: 1 });
    expect(settingsFrom({}, {}, { isTTY: false, columns: undefined })).toMatchObject({ format: "text", width: 80, colorLevel: 0 });
    expect(settingsFrom({ json: true, format: "json" }, {}, { isTTY: true, columns: 90 }).format).toBe("json");
    expect(() => settingsFrom({ json: true, format: "markdown" }, {}, { isTTY: true, columns: 90 })).toThrow(/--json and --format markdown/);
    expect(() => settingsFrom({ json: true, format: "text" }, {}, { isTTY: false, columns: undefined })).toThrow(UsageError);
    expect(() => settingsFrom({ format: "html" }, {}, { isTTY: false, columns: undefined })).toThrow(/unknown format/);
  });
});

describe("hyperlinkChoice", () => {
  it("lets FORCE_HYPERLINK decide, then says no off a terminal, and leaves a terminal to be asked", () => {
    expect(hyperlinkChoice({ FORCE_HYPERLINK: "1" }, false)).toBe(true);
    expect(hyperlinkChoice({ FORCE_HYPERLINK: "0" }, true)).toBe(false);
    expect(hyperlinkChoice({ FORCE_HYPERLINK: "" }, false)).toBe(false);
    expect(hyperlinkChoice({}, false)).toBe(false);
    expect(hyperlinkChoice({ NETLIFY: "true" }, false)).toBeNull();
    expect(hyperlinkChoice({}, true)).toBeNull();
  });
  it("colours a pipe in ansi when colour is asked for, as ls and grep do", () => {
    const pipe = { isTTY: false, columns: undefined };
    expect(settingsFrom({ color: "always" }, {}, pipe)).toMatchObject({ format: "ansi", colorLevel: 1, terminal: false, hyperlinks: false });
    expect(settingsFrom({}, { FORCE_COLOR: "1" }, pipe)).toMatchObject({ format: "ansi", colorLevel: 1 });
    expect(settingsFrom({}, { FORCE_COLOR: "0" }, pipe).format).toBe("text");
    expect(settingsFrom({ color: "never" }, { FORCE_COLOR: "1" }, pipe).format).toBe("text");
    expect(settingsFrom({ color: "always", format: "text" }, {}, pipe).format).toBe("text");
    expect(settingsFrom({ color: "never" }, {}, { isTTY: true, columns: 90 })).toMatchObject({ format: "ansi", colorLevel: 0 });
  });
});
