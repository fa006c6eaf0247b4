import { describe, expect, it } from "vitest";
import { DEFAULT_PAGER, pagerCommand, pagerEnvironment, tallerThanScreen } from "../../src/output/pager.js";

describe("pagerCommand", () => {
  it("prefers GLOSSARY_PAGER, then PAGER, then less -R", () => {
    expect(pagerCommand({ GLOSSARY_PAGER: "most", PAGER: "more" })).toBe("most");
    expect(pagerCommand({ PAGER: "more" })).toBe("more");
    expect(pagerCommand({})).toBe(DEFAULT_PAGER);
    expect(DEFAULT_PAGER).toBe("less -R");
  });
  it("turns paging off for an empty value or cat, even when the other variable is set", () => {
    expect(pagerCommand({ GLOSSARY_PAGER: "", PAGER: "more" })).toBeNull();
    expect(pagerCommand({ PAGER: " cat " })).toBeNull();
  });
});

describe("pagerEnvironment", () => {
  it("sets LESS and LV as git does, unless the user has", () => {
    expect(pagerEnvironment({ HOME: "/h" })).toMatchObject({ HOME: "/h", LESS: "FRX", LV: "-c" });
    expect(pagerEnvironment({ LESS: "-i" })["LESS"]).toBe("-i");
  });
});

describe("tallerThanScreen", () => {
  it("is true when the lines do not fit above the prompt", () => {
    expect(tallerThanScreen("a\nb\nc\n", 4)).toBe(false);
    expect(tallerThanScreen("a\nb\nc\nd\n", 4)).toBe(true);
  });
  it("is false when the screen size is unknown", () => {
    expect(tallerThanScreen("a\n".repeat(1000), undefined)).toBe(false);
    expect(tallerThanScreen("a\n".repeat(1000), 0)).toBe(false);
  });
});
