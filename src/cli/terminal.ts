// Terminal capabilities that only the real process can tell: OSC 8 hyperlink support.

import { createSupportsHyperlinks } from "supports-hyperlinks";

/**
 * True when stdout is a terminal known to show OSC 8 hyperlinks (FORCE_HYPERLINK is read before: see
 * hyperlinkChoice in cli/environment.ts).
 * @param isTerminal whether stdout is a terminal, as the caller saw it.
 */
export function supportsHyperlinks(isTerminal: boolean): boolean {
  // Only the stream's isTTY is read (the environment is read from the process by the library itself).
  return createSupportsHyperlinks({ isTTY: isTerminal } as NodeJS.WriteStream);
}
