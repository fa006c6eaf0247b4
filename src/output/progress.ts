// A one-line progress bar for a terminal's stderr: count, rate and time left, redrawn in place.

import type { OutputStream } from "./stream.js";

/** Redraws at most this often. */
const INTERVAL_MS = 100;
/** Work shorter than this shows no bar at all. */
const QUIET_MS = 300;

/**
 * A progress callback that draws `label  1234/5000  25%  2,100/s  ETA 2 s` on one line of `stream`, and
 * clears the line when the work is done. Only meant for terminals.
 * @example const progress = progressBar(process.stderr, "reading pages"); progress(10, 100);
 */
export function progressBar(stream: OutputStream, label: string, now: () => number = Date.now): (done: number, total: number) => void {
  const started = now();
  let drawn = 0;
  let visible = false;
  return (done, total) => {
    const time = now();
    const finished = done >= total;
    if (!finished && (time - started < QUIET_MS || time - drawn < INTERVAL_MS)) return;
    drawn = time;
    if (finished) {
      if (visible) stream.write("\r\u001b[K");
      visible = false;
      return;
    }
    const seconds = Math.max((time - started) / 1000, 0.001);
    const rate = done / seconds;
    const left = rate > 0 ? Math.ceil((total - done) / rate) : 0;
    const percent = total > 0 ? Math.floor((done / total) * 100) : 0;
    const width = Math.max(10, Math.min(30, (stream.columns ?? 80) - 60));
    const bar = "#".repeat(Math.round((percent / 100) * width)).padEnd(width, "-");
    const shown = label.length > 30 ? `...${label.slice(-27)}` : label;
    stream.write(`\r\u001b[K${shown} [${bar}] ${done}/${total} ${percent}% ${Math.round(rate).toLocaleString("en-US")}/s ETA ${left} s`);
    visible = true;
  };
}
