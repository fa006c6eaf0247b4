// Test run set-up: every temporary folder the tests make goes below one folder of this run, removed when the
// run ends (vitest stops its test processes without running their exit handlers, which left them behind).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export default function setup(): () => void {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "glossary-tests-"));
  process.env["GLOSSARY_TEST_TEMP"] = folder;
  return () => fs.rmSync(folder, { recursive: true, force: true });
}
