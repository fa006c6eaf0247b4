import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { fdStream } from "../../src/output/fd-stream.js";
import { tempFolder } from "../helpers.js";

const errno = (code: string): Error => Object.assign(new Error(code), { code });

afterEach(() => {
  vi.restoreAllMocks();
});

describe("fdStream", () => {
  it("writes text to the descriptor as UTF-8", () => {
    const file = path.join(tempFolder(), "out.txt");
    const fd = fs.openSync(file, "w");
    const stream = fdStream(fd, { name: "out", isTTY: false, onClosed: () => {} });
    expect(stream.write("Asynchrone — é\n")).toBe(true);
    stream.write("");
    stream.write("日本\n");
    fs.closeSync(fd);
    expect(fs.readFileSync(file, "utf8")).toBe("Asynchrone — é\n日本\n");
  });
  it("finishes partial writes and waits for a full pipe that does not block", () => {
    const written: Buffer[] = [];
    let calls = 0;
    // At most 3 bytes per write (cutting "é" and "日" in two), and a full pipe at the second call.
    vi.spyOn(fs, "writeSync").mockImplementation(((_fd: number, data: string | Buffer, offset?: number, length?: number) => {
      calls++;
      if (calls === 2) throw errno("EAGAIN");
      const bytes = typeof data === "string" ? Buffer.from(data, "utf8") : data.subarray(offset, (offset ?? 0) + (length ?? data.length));
      const count = Math.min(3, bytes.length);
      written.push(bytes.subarray(0, count));
      return count;
    }) as unknown as typeof fs.writeSync);
    expect(fdStream(99, { name: "out", isTTY: false, onClosed: () => {} }).write("abé日h")).toBe(true);
    expect(Buffer.concat(written).toString("utf8")).toBe("abé日h");
    expect(calls).toBe(4); // 3 bytes, a full pipe, 3 bytes, 2 bytes
  });
  it("writes a text whole in one call when the descriptor takes it", () => {
    const spy = vi.spyOn(fs, "writeSync").mockImplementation(((_fd: number, data: string) => Buffer.byteLength(data)) as unknown as typeof fs.writeSync);
    expect(fdStream(99, { name: "out", isTTY: false, onClosed: () => {} }).write("Asynchrone — é\n")).toBe(true);
    expect(spy).toHaveBeenCalledTimes(1);
    expect(spy).toHaveBeenCalledWith(99, "Asynchrone — é\n");
  });
  it("tells once that the reader has gone, and writes nothing more", () => {
    const spy = vi.spyOn(fs, "writeSync").mockImplementation((() => {
      throw errno("EPIPE");
    }) as unknown as typeof fs.writeSync);
    const onClosed = vi.fn();
    const stream = fdStream(99, { name: "out", isTTY: false, onClosed });
    expect(stream.write("a")).toBe(false);
    expect(stream.write("b")).toBe(false);
    expect(onClosed).toHaveBeenCalledTimes(1);
    expect(spy).toHaveBeenCalledTimes(1);
  });
  it("throws other write errors as output errors, or gives up quietly when asked to", () => {
    vi.spyOn(fs, "writeSync").mockImplementation((() => {
      throw errno("ENOSPC");
    }) as unknown as typeof fs.writeSync);
    expect(() => fdStream(99, { name: "standard output", isTTY: false, onClosed: () => {} }).write("a")).toThrow(
      expect.objectContaining({ name: "OutputError", exitCode: 74, message: "cannot write to standard output: ENOSPC" }),
    );
    const quiet = fdStream(99, { name: "standard error", quiet: true, isTTY: false, onClosed: () => {} });
    expect(quiet.write("a")).toBe(false);
    expect(quiet.write("b")).toBe(false);
  });
  it("asks whether it is a terminal only when asked, and its size only on a terminal", () => {
    const isTTY = vi.fn(() => true);
    const size = vi.fn(() => ({ columns: 120, rows: 40 }));
    const stream = fdStream(2, { name: "err", isTTY, size, onClosed: () => {} });
    expect(isTTY).not.toHaveBeenCalled();
    expect([stream.isTTY, stream.isTTY, stream.columns, stream.rows]).toEqual([true, true, 120, 40]);
    expect(isTTY).toHaveBeenCalledTimes(1);
    const piped = fdStream(1, { name: "out", isTTY: false, size, onClosed: () => {} });
    expect([piped.columns, piped.rows]).toEqual([undefined, undefined]);
  });
});
