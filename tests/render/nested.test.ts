// Blocks inside others, in the colour rendering: a table in a list item or a quote is laid out at the width,
// and code in a language the grammars do not know is shown plain, with nothing on stderr.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, tempFolder } from "../helpers.js";

const page = `---
title: Nested
slug: Glossary/Nested
---

Intro.

- item

  | a | b |
  |---|---|
  | x | y |

> quoted
>
> | c | d |
> |---|---|
> | z | w |

\`\`\`js-nolint
let a = 1;
\`\`\`

\`\`\`fortran
print *, "hi"
\`\`\`
`;

describe("nested blocks in colour", () => {
  const source = tempFolder("glossary-nested-");
  fs.mkdirSync(path.join(source, "files", "en-us", "glossary", "nested"), { recursive: true });
  fs.writeFileSync(path.join(source, "files", "en-us", "glossary", "nested", "index.md"), page);
  it("lays out tables inside list items and quotes, and shows code of unknown languages quietly", () => {
    for (const color of ["always", "never"]) {
      const result = runCli(["--source", source, "--no-bundled", "--format", "ansi", "--color", color, "nested"]);
      expect(result.status).toBe(0);
      expect(result.stderr).toBe("");
      const visible = result.stdout.replace(/\u001b\[[0-9;]*m/g, "");
      expect(visible).not.toContain("\u0003");
      expect(visible).toMatch(/^ +x {2}y$/m);
      expect(visible).toMatch(/^ +z {2}w$/m);
      expect(visible).toContain('print *, "hi"');
    }
  });
});
