// Test run set-up: every temporary folder the tests make goes below one folder of this run, removed when the
// run ends (vitest stops its test processes without running their exit handlers, which left them behind).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export default function setup(): () => Promise<void> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "glossary-tests-"));
  process.env["GLOSSARY_TEST_TEMP"] = folder;
  // Removed without blocking: a synchronous removal of a large folder held up vitest's own shutdown.
  return () => fs.promises.rm(folder, { recursive: true, force: true });
}
