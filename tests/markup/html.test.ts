// Tests of the HTML helpers (markup/html.ts): closing tags found in one pass equal those found one by one.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ClosingTags, findClosingTag } from "../../src/markup/html.js";

describe("ClosingTags", () => {
  it("finds for every opening tag the closing tag findClosingTag finds (property)", () => {
    const piece = fc.constantFrom("<b>", "</b>", "<B class=x>", "</b >", "<b title=\"a>b\">", "<i>", "</i>", "<br/>", "text ", "<", ">", "<bx>");
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        const text = pieces.join("");
        const closing = new ClosingTags(text);
        for (const name of ["b", "i"]) {
          // Every place an opening tag could end: after each `>`.
          for (let from = 0; from <= text.length; from++) {
            if (from > 0 && text[from - 1] !== ">") continue;
            expect(closing.after(name, from)).toEqual(findClosingTag(text, name, from));
          }
        }
      }),
      { numRuns: 500 },
    );
  });
});
