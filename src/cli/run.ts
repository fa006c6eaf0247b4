// Runs the program in this Node.js process: the only place that touches the real process object.

import process from "node:process";
import { main } from "./main.js";

declare const __GLOSSARY_VERSION__: string | undefined;

/** The package version, set when the program is bundled. */
export const version = typeof __GLOSSARY_VERSION__ === "string" ? __GLOSSARY_VERSION__ : "0.0.0";

export { main };

/** Runs `glossary` with this process's arguments and streams, and sets its exit code. */
export async function run(packageRoot: string): Promise<void> {
  // A reader that stops early (`glossary list | head -1`) closes the pipe: that is not an error.
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(0);
    throw error;
  });
  process.stderr.on("error", () => {});
  process.exitCode = await main(
    { argv: process.argv.slice(2), env: process.env, stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), page: async (...args) => (await import("./pager-process.js")).runPager(...args) },
    { packageRoot, version },
  );
}
