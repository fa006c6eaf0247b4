// A problem in a page as one line, `path:line: severity: message`, as lint and --verbose print it.

import type { PageProblem } from "../types.js";
import { stripControls } from "./sanitize.js";

/**
 * The line of a problem, its path written by `shown` (default: as it is); no control character in it.
 * @example problemLine({ path: "a/index.md", line: 3, severity: "error", message: "no title" }) // "a/index.md:3: error: no title"
 */
export function problemLine(problem: PageProblem, shown: (path: string) => string = (path) => path): string {
  return stripControls(`${shown(problem.path)}:${problem.line}: ${problem.severity}: ${problem.message}`);
}
