// Tables at a width: aligned when they fit, cells wrapped when their words fit, else a block per row.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { layOutTable } from "../../src/render/table.js";
import { displayWidth } from "../../src/render/wrap.js";

describe("layOutTable", () => {
  const header = ["Status", "Meaning"];
  const rows = [["200", "OK: the request succeeded"], ["404", "Not Found: nothing is at this address"]];
  it("aligns columns under a rule when the table fits", () => {
    expect(layOutTable(header, rows, 80)).toEqual(["Status  Meaning", "------  -------------------------------------", "200     OK: the request succeeded", "404     Not Found: nothing is at this address"]);
  });
  it("wraps cells when the table is wider than the width but its words fit", () => {
    const lines = layOutTable(header, rows, 30);
    expect(lines.every((line) => displayWidth(line) <= 30)).toBe(true);
    expect(lines[0]).toBe("Status  Meaning");
    expect(lines.join(" ")).toContain("nothing");
  });
  it("gives each row a block of header: value lines when even words do not fit", () => {
    const lines = layOutTable(["Header", "Example"], [["Content-Security-Policy-Report-Only", "default-src 'self'; report-to csp-endpoint"]], 24);
    expect(lines[0]).toMatch(/^Header:/);
    expect(lines.every((line) => displayWidth(line) <= 24)).toBe(true);
  });
  it("keeps each styled line complete: a style open at a line's end is closed, and opened again on the next", () => {
    const lines = layOutTable(["a", "b"], [["\u001b[33mone two three four five six\u001b[39m", "x"]], 14);
    for (const line of lines) {
      const opens = (line.match(/\u001b\[33m/g) ?? []).length;
      const closes = (line.match(/\u001b\[(?:39|0)m/g) ?? []).length;
      expect(closes, line).toBeGreaterThanOrEqual(opens);
    }
  });
  it("is never wider than the width (property)", () => {
    const cell = fc.string({ maxLength: 40 }).map((text) => text.replace(/[\u0000-\u001f\u007f-\u009f]/g, ""));
    fc.assert(
      fc.property(fc.array(cell, { minLength: 1, maxLength: 4 }), fc.array(fc.array(cell, { minLength: 1, maxLength: 4 }), { maxLength: 5 }), fc.integer({ min: 20, max: 120 }), (head, body, width) =>
        layOutTable(head, body, width).every((line) => displayWidth(line) <= width),
      ),
    );
  });
});

describe("layOutTable edge cases", () => {
  it("measures French punctuation glued to its word as wrapping does", () => {
    const lines = layOutTable(["Q", "R"], [["« oui »", "« non » « si »"]], 16);
    expect(lines.every((line) => displayWidth(line) <= 16), lines.join("\n")).toBe(true);
  });
  it("shows a table of a header alone", () => {
    expect(layOutTable(["Header one", "Header two"], [], 12).join(" ")).toContain("Header one");
    expect(layOutTable(["Header one", "Header two"], [], 80)).toEqual(["Header one  Header two", "----------  ----------"]);
  });
});
