import { describe, expect, it } from "vitest";
import { parseMacroCall } from "../../src/markup/macro-call.js";

describe("parseMacroCall", () => {
  it("reads names case-insensitively, with - as _", () => {
    expect(parseMacroCall("{{GlossarySidebar}}", 0)).toMatchObject({ name: "glossarysidebar", args: [], end: 19, wellFormed: true });
    expect(parseMacroCall("{{Optional-Inline}}", 0).name).toBe("optional_inline");
  });
  it("reads quoted, numeric and spaced arguments", () => {
    expect(parseMacroCall(`{{ Glossary("DOM", 'the "DOM"') }}`, 0)).toMatchObject({ args: ["DOM", 'the "DOM"'], wellFormed: true });
    expect(parseMacroCall("{{rfc(4648, '', 5)}}", 0).args).toEqual(["4648", "", "5"]);
    expect(parseMacroCall(`{{jsxref("a\\"b")}}`, 0).args).toEqual(['a"b']);
  });
  it("reads garbled calls as their readable argument", () => {
    const call = parseMacroCall(`{{Broken("x"}} after`, 0);
    expect(call).toMatchObject({ wellFormed: false, args: ["x"] });
    expect(`{{Broken("x"}} after`.slice(call.end)).toBe(" after");
    expect(parseMacroCall("{{ unterminated", 0)).toMatchObject({ wellFormed: false, end: 15 });
    expect(parseMacroCall("{{}}", 0)).toMatchObject({ wellFormed: false, args: [], end: 4 });
  });
});
