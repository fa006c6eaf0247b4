import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openGlossary } from "../../src/app/open.js";
import { type ShownEntry, entryView } from "../../src/app/entry-view.js";
import { renderEntry, showCommand } from "../../src/app/lookup-command.js";
import { describeWithInputs } from "../../src/query/describe.js";
import { renderAnsiUnwrapped } from "../../src/render/ansi.js";
import { layOutTable } from "../../src/render/table.js";
import { TABLE, layOutAnsi } from "../../src/render/wrap.js";
import { parsePage } from "../../src/sources/page.js";
import { DEFAULT_WIDTH, type EntryView, READABLE_WIDTH, type RenderedAhead, type Settings, type StoredView } from "../../src/types.js";
import { ROOT, tempFolder } from "../helpers.js";

const glossary = await openGlossary({ sources: [], bundled: true, packageRoot: ROOT, verbose: () => {} });

/** The view of a bundled entry, computed from its page. */
function viewOf(term: string): EntryView {
  const entry = glossary.match(term)[0]!.entry;
  const page = parsePage(fs.readFileSync(entry.file, "utf8"), entry.file, entry.locale);
  if (page.kind !== "page") throw new Error(entry.file);
  return describeWithInputs(page.page, entry, glossary).view;
}

/** An entry to show with these renderings made ahead, and the renderings it is asked to keep. */
function shownWith(view: EntryView, rendered: RenderedAhead): { shown: ShownEntry; kept: RenderedAhead[] } {
  const kept: RenderedAhead[] = [];
  return { shown: { rendered, view: async () => view, remember: (made) => kept.push(made), keepView: () => {} }, kept };
}

const colours = (overrides: Partial<Settings> = {}): Settings => ({
  locale: { locale: "en-US", explicit: true },
  sources: [],
  bundled: true,
  format: "ansi",
  short: false,
  width: DEFAULT_WIDTH,
  colorLevel: 1,
  verbose: false,
  pager: false,
  terminal: false,
  hyperlinks: false,
  ...overrides,
});

describe("colour output of a lookup", () => {
  it("is kept laid out at the default width, and is then what the renderers print", async () => {
    for (const term of ["closure", "effective connection type", "asynchrone"]) {
      const view = viewOf(term);
      const ansi = renderAnsiUnwrapped(view, { colorLevel: 1, hyperlinks: false });
      const expected = layOutAnsi(ansi, DEFAULT_WIDTH, ansi.includes(TABLE) ? layOutTable : undefined);
      const first = shownWith(view, {});
      expect(await renderEntry(first.shown, colours()), term).toBe(expected);
      expect(first.kept, term).toEqual([{ ansi, ansiLaidOut: expected }]);
      // Made ahead but not yet laid out: only the layout is kept.
      const unwrapped = shownWith(view, { ansi });
      expect(await renderEntry(unwrapped.shown, colours())).toBe(expected);
      expect(unwrapped.kept).toEqual([{ ansiLaidOut: expected }]);
    }
  });
  it("is kept laid out at the readable measure too, for terminals that wide or wider", async () => {
    const view = viewOf("effective connection type");
    const ansi = renderAnsiUnwrapped(view, { colorLevel: 1, hyperlinks: false });
    const expected = layOutAnsi(ansi, READABLE_WIDTH, ansi.includes(TABLE) ? layOutTable : undefined);
    const wide = shownWith(view, { ansi });
    expect(await renderEntry(wide.shown, colours({ width: READABLE_WIDTH }))).toBe(expected);
    expect(wide.kept).toEqual([{ ansiLaidOutWide: expected }]);
    expect(await renderEntry(shownWith(view, { ansi, ansiLaidOut: "at 80\n", ansiLaidOutWide: "at 100\n" }).shown, colours({ width: READABLE_WIDTH }))).toBe("at 100\n");
  });
  it("uses the kept layout only for colours without hyperlinks at the default width or the readable measure", async () => {
    const view = viewOf("closure");
    const ansi = renderAnsiUnwrapped(view, { colorLevel: 1, hyperlinks: false });
    const ahead = { ansi, ansiLaidOut: "kept\n" };
    expect(await renderEntry(shownWith(view, ahead).shown, colours())).toBe("kept\n");
    expect(await renderEntry(shownWith(view, ahead).shown, colours({ colorLevel: 3 }))).toBe("kept\n");
    expect(await renderEntry(shownWith(view, ahead).shown, colours({ width: 99 }))).toBe(layOutAnsi(ansi, 99));
    const narrow = shownWith(view, ahead);
    expect(await renderEntry(narrow.shown, colours({ width: 60 }))).toBe(layOutAnsi(ansi, 60));
    expect(narrow.kept).toEqual([]);
    expect(await renderEntry(shownWith(view, ahead).shown, colours({ hyperlinks: true }))).not.toBe("kept\n");
    expect(await renderEntry(shownWith(view, ahead).shown, colours({ colorLevel: 0 }))).not.toBe("kept\n");
  });
});

describe("a view computed from the page", () => {
  it("is written once by a lookup, with the rendering made of it, and by a lookup that keeps none", async () => {
    const team = tempFolder();
    const folder = path.join(team, "en-us", "glossary", "team_term");
    fs.mkdirSync(folder, { recursive: true });
    const page = path.join(folder, "index.md");
    fs.writeFileSync(page, "---\ntitle: Team term\nslug: Glossary/Team_term\n---\n\nA **term** of the team.\n");
    const teamGlossary = await openGlossary({ sources: [team], bundled: false, packageRoot: ROOT, cache: tempFolder(), verbose: () => {} });
    const index = teamGlossary.layers[0]!.index;
    const writes: StoredView[] = [];
    const save = index.saveView.bind(index);
    index.saveView = (id, view) => {
      writes.push(view);
      save(id, view);
    };
    const text = colours({ format: "text", colorLevel: 0 });
    const first = await showCommand(["team term"], text, teamGlossary);
    expect(writes.map((view) => view.rendered)).toEqual([{ text: first.stdout }]);
    // Shown again from the view stored: nothing is written.
    expect((await showCommand(["team term"], text, teamGlossary)).stdout).toBe(first.stdout);
    expect(writes).toHaveLength(1);
    // Edited, then looked up as JSON (no rendering kept): the new view is written, once.
    fs.writeFileSync(page, "---\ntitle: Team term\nslug: Glossary/Team_term\n---\n\nA **term** of the team, edited.\n");
    const json = await showCommand(["team term"], colours({ format: "json" }), teamGlossary);
    expect(JSON.parse(json.stdout).summary).toBe("A term of the team, edited.");
    expect(writes.map((view) => [view.basis.pageText.includes("edited"), view.rendered])).toEqual([[false, { text: first.stdout }], [true, {}]]);
    // Edited again, then asked for its view as the library asks: written once as well.
    fs.writeFileSync(page, "---\ntitle: Team term\nslug: Glossary/Team_term\n---\n\nA **term** of the team, edited twice.\n");
    const entry = teamGlossary.match("team term")[0]!.entry;
    expect((await entryView(entry, teamGlossary)).summary).toBe("A term of the team, edited twice.");
    expect(writes.map((view) => view.basis.pageText.includes("edited twice"))).toEqual([false, false, true]);
    expect(index.view(entry.id)!.basis.pageText).toContain("edited twice");
  });
});
