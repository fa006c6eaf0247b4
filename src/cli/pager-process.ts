// Runs the pager as a child process on this terminal (loaded only when output is paged).

import { spawn } from "node:child_process";
import process from "node:process";

/**
 * Runs a pager on this terminal and feeds it the text. Quitting the pager early is fine; a command the
 * shell cannot find (status 127) or cannot start resolves false.
 */
export async function runPager(command: string, text: string, env: Record<string, string>): Promise<boolean> {
  // Ctrl-C in the pager reaches this process too: as git does, leave it to the pager.
  const ignore = (): void => {};
  process.on("SIGINT", ignore);
  try {
    return await new Promise((resolve) => {
      const pager = spawn(command, { shell: true, stdio: ["pipe", "inherit", "inherit"], env });
      pager.on("error", () => resolve(false));
      pager.stdin.on("error", () => {});
      pager.on("close", (code) => resolve(code !== 127));
      pager.stdin.end(text);
    });
  } finally {
    process.off("SIGINT", ignore);
  }
}

