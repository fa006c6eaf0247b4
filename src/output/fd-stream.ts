// Output written straight to a file descriptor, synchronously: nothing of Node's stream machinery to load
// at start (setting up process.stdout on a pipe costs milliseconds), the text complete when the call
// returns, and a reader that closed the pipe noticed at once.

import fs from "node:fs";
import { OutputError, errorCode } from "../errors.js";
import type { OutputStream } from "./stream.js";

export interface FdStreamOptions {
  /** Whether the descriptor is a terminal, or how to tell when it is first asked. */
  isTTY: boolean | (() => boolean);
  /** The terminal's size, asked only when it is a terminal. */
  size?: () => { columns?: number | undefined; rows?: number | undefined };
  /** Called when the reader has gone (EPIPE): nothing more can be written. */
  onClosed: () => void;
  /** Names the output in the error thrown when it cannot be written (`standard output`). */
  name: string;
  /** Give up quietly on any error instead of throwing (for stderr: there is nowhere to say it). */
  quiet?: boolean;
}

/** How long to wait before writing again to a descriptor that is full and does not block. */
const RETRY_MS = 1;
/** What Atomics.wait sleeps on while a full descriptor drains (made the first time one is full). */
let waiting: Int32Array | undefined;

/**
 * A stream writing to `fd` with `fs.writeSync`, retrying partial writes and full non-blocking pipes; an
 * error other than a closed pipe is an {@link OutputError} (or nothing, when quiet).
 * @example fdStream(1, { isTTY: false, name: "standard output", onClosed: () => process.exit(0) }).write("hello\n")
 */
export function fdStream(fd: number, options: FdStreamOptions): OutputStream {
  let closed = false;
  let isTTY = options.isTTY;
  const stream: OutputStream = {
    get isTTY(): boolean {
      if (typeof isTTY === "function") isTTY = isTTY();
      return isTTY;
    },
    write(chunk: string): boolean {
      if (closed || chunk === "") return !closed;
      // The text is written as it is; its bytes are made only to go on after a partial write.
      const length = Buffer.byteLength(chunk, "utf8");
      let bytes: Buffer | undefined;
      for (let offset = 0; offset < length; ) {
        try {
          offset += bytes === undefined ? fs.writeSync(fd, chunk) : fs.writeSync(fd, bytes, offset, length - offset);
          if (offset < length) bytes ??= Buffer.from(chunk, "utf8");
        } catch (error) {
          const code = errorCode(error);
          if (code === "EAGAIN") {
            Atomics.wait((waiting ??= new Int32Array(new SharedArrayBuffer(4))), 0, 0, RETRY_MS);
            continue;
          }
          closed = true;
          if (code === "EPIPE") options.onClosed();
          else if (!options.quiet) throw new OutputError(`cannot write to ${options.name}: ${code ?? (error instanceof Error ? error.message : String(error))}`);
          return false;
        }
      }
      return true;
    },
  };
  if (options.size) {
    const size = options.size;
    Object.defineProperties(stream, {
      columns: { get: () => (stream.isTTY ? size().columns : undefined), enumerable: true },
      rows: { get: () => (stream.isTTY ? size().rows : undefined), enumerable: true },
    });
  }
  return stream;
}
