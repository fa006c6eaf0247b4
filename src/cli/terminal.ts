// Terminal capabilities that only the real process can tell: OSC 8 hyperlink support.

import process from "node:process";
import { createSupportsHyperlinks } from "supports-hyperlinks";

/**
 * True when stdout is a terminal known to show OSC 8 hyperlinks, or FORCE_HYPERLINK asks for them.
 * @param isTerminal whether stdout is a terminal, as the caller saw it.
 */
export function supportsHyperlinks(isTerminal: boolean): boolean {
  return createSupportsHyperlinks(isTerminal ? process.stdout : { isTTY: false });
}
