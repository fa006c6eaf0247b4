// Reads Git's index (the staging area, `.git/index`): the files it tracks, with the times Git last gave or
// saw each, which tells a source the pages a checkout wrote or removed without asking every page for its time.

import { type PathSetHash, PathSetHasher } from "./path-set-hash.js";

/** An index file starts with "DIRC" (for "dircache"). */
const SIGNATURE = 0x44495243;
/** An index file's header: its signature, version and number of entries. */
const HEADER_BYTES = 12;
/** An entry's stat data before its object name: ten 32-bit numbers (times, device, inode, mode, owner, group, size). */
const STAT_BYTES = 40;
/** Where an entry's times of change (its ctime) and modification are, from its start: seconds, then nanoseconds. */
const CTIME_AT = 0;
const MTIME_AT = 8;
/** Where an entry's mode is, from its start. */
const MODE_AT = 24;
/** The sizes of object names: SHA-1, then SHA-256 (a repository made with `--object-format=sha256`). */
const HASH_SIZES = [20, 32] as const;
/** An entry's flags: a second word of flags follows (version 3 and later), and the name's length (capped). */
const EXTENDED_FLAG = 0x4000;
const NAME_LENGTH_MASK = 0x0fff;
/** An entry's flags: its stage (0 but in a conflict: the common ancestor's, ours and theirs). */
const STAGE_MASK = 0x3000;
/** The type bits of a mode; those of a folder (a sparse index records whole folders so), a symbolic link and a submodule. */
const MODE_TYPE_MASK = 0o170000;
const MODE_FOLDER = 0o040000;
const MODE_SYMBOLIC_LINK = 0o120000;
const MODE_SUBMODULE = 0o160000;
/** An entry's extended flags: the file is left out of a sparse checkout (not in the work tree). */
const SKIP_WORKTREE_FLAG = 0x4000;
/**
 * Extensions saying the entries here are not every file: a split index ("link": the others are in a shared
 * index file) and a sparse one ("sdir": folders outside the sparse checkout stand for their files).
 */
const PARTIAL_EXTENSIONS = new Set(["link", "sdir"]);

/** What Git's index tells of the files below a folder of its work tree (see {@link readGitIndex}), by their paths from there. */
export interface GitIndexReading {
  /**
   * The files Git may have written since the time asked: changed or modified then or later (a rename
   * changes a file's ctime alone), or with no times (a conflict's stages, a file brought back by
   * `git stash pop`, one added with intent to add: Git wrote them and has not looked at them since).
   */
  written: string[];
  /**
   * The files Git tracks there, in the work tree (not left out of a sparse checkout), of the name asked:
   * their paths decoded when asked (a second pass over the index's bytes), and their hash at once.
   */
  tracked(): string[];
  trackedHash: PathSetHash;
  /**
   * True when files there may have changed that the index does not tell of: a submodule there or holding
   * the folder (its files are in its own index), or a symbolic link Git may have written since (it may
   * lead somewhere else now).
   */
  beyond: boolean;
}

/**
 * What the bytes of Git's index file tell of the files below `folder` (`/`-separated, from the top of the
 * work tree; "" for all of it): those Git may have written since `sinceMs` (ms since the epoch), and those
 * it tracks named `trackedName`. Null when the bytes are not an index this reads whole:
 * a version other than 2, 3 and 4, a split or sparse index, or damage to its structure. Every entry is
 * checked as it is read (its name's length and ending, its padding, and the extensions after the entries
 * ending where the checksum begins), but only the paths given are decoded.
 * @example readGitIndex(fs.readFileSync(".git/index"), "files", 1_700_000_000_000, "index.md")?.written // ["en-us/glossary/dom/index.md"]
 */
export function readGitIndex(bytes: Uint8Array, folder: string, sinceMs: number, trackedName: string): GitIndexReading | null {
  const encoder = new TextEncoder();
  const below = { prefix: encoder.encode(folder === "" ? "" : `${folder}/`), name: encoder.encode(trackedName) };
  for (const hashSize of HASH_SIZES) {
    const found = readEntries(bytes, sinceMs, hashSize, below, null);
    if (found !== null) {
      const { written, trackedHash, beyond } = found;
      const tracked = (): string[] => {
        const paths: string[] = [];
        readEntries(bytes, sinceMs, hashSize, below, paths);
        return paths;
      };
      return { written, tracked, trackedHash, beyond };
    }
  }
  return null;
}

/**
 * {@link readGitIndex} for object names of one size, the tracked files' paths put in `tracked` when given;
 * null when the bytes do not read as an index with them.
 */
function readEntries(
  bytes: Uint8Array,
  sinceMs: number,
  hashSize: number,
  below: { prefix: Uint8Array; name: Uint8Array },
  tracked: string[] | null,
): Omit<GitIndexReading, "tracked"> | null {
  const end = bytes.length - hashSize;
  if (end < HEADER_BYTES) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(4);
  if (view.getUint32(0) !== SIGNATURE || version < 2 || version > 4) return null;
  const count = view.getUint32(8);
  const decoder = new TextDecoder();
  const written: string[] = [];
  const trackedHash = new PathSetHasher();
  let beyond = false;
  const { prefix, name: trackedName } = below;
  // A file in conflict has an entry for each stage: the latest one counted.
  let staged = "";
  // Version 4 writes each path as what to keep of the one before and what follows: the path so far.
  let path = new Uint8Array(256);
  let pathLength = 0;
  let at = HEADER_BYTES;
  for (let entry = 0; entry < count; entry++) {
    const start = at;
    if (start + STAT_BYTES + hashSize + 2 > end) return null;
    const type = view.getUint32(start + MODE_AT) & MODE_TYPE_MASK;
    if (type === MODE_FOLDER) return null;
    const changed = timeAt(view, start + CTIME_AT);
    const modified = timeAt(view, start + MTIME_AT);
    at = start + STAT_BYTES + hashSize;
    const flags = view.getUint16(at);
    at += 2;
    let skipped = false;
    if ((flags & EXTENDED_FLAG) !== 0) {
      if (version < 3) return null;
      skipped = (view.getUint16(at) & SKIP_WORKTREE_FLAG) !== 0;
      at += 2;
    }
    const fixed = at - start;
    const capped = flags & NAME_LENGTH_MASK;
    let nameLength: number;
    if (version === 4) {
      const strip = readVarint(bytes, at, end);
      if (strip === null || strip.value > pathLength) return null;
      at = strip.next;
      const kept = pathLength - strip.value;
      const nul = endOfName(bytes, at, capped === NAME_LENGTH_MASK ? null : capped - kept, end);
      if (nul < 0) return null;
      nameLength = kept + nul - at;
      if (nameLength > path.length) {
        const larger = new Uint8Array(Math.max(nameLength, path.length * 2));
        larger.set(path.subarray(0, kept));
        path = larger;
      }
      for (let from = at, to = kept; from < nul; ) path[to++] = bytes[from++]!;
      pathLength = nameLength;
      at = nul + 1;
    } else {
      const nul = endOfName(bytes, at, capped === NAME_LENGTH_MASK ? null : capped, end);
      if (nul < 0) return null;
      nameLength = nul - at;
      // The entry is padded with 1 to 8 NULs to a multiple of 8 bytes.
      const next = start + ((fixed + nameLength + 8) & ~7);
      if (next > end) return null;
      for (let pad = nul; pad < next; pad++) if (bytes[pad] !== 0) return null;
      at = next;
    }
    if (nameLength === 0 || capped !== Math.min(nameLength, NAME_LENGTH_MASK)) return null;
    // The name where it is, `names[from, to)` (no view of it made: most entries are only looked at).
    const names = version === 4 ? path : bytes;
    const from = version === 4 ? 0 : start + fixed;
    const to = from + nameLength;
    if (nameLength < prefix.length || !sameBytes(names, from, prefix, 0, prefix.length)) {
      // A submodule holding the folder: its files are not here.
      if (type === MODE_SUBMODULE && nameLength < prefix.length && prefix[nameLength] === 0x2f && sameBytes(names, from, prefix, 0, nameLength)) beyond = true;
      continue;
    }
    const below = from + prefix.length;
    const isWritten = changed >= sinceMs || modified >= sinceMs || (changed === 0 && modified === 0);
    if (type === MODE_SUBMODULE || (type === MODE_SYMBOLIC_LINK && isWritten)) beyond = true;
    if (isWritten) written.push(decoder.decode(names.subarray(below, to)));
    if (!skipped && endsWithName(names, below, to, trackedName)) {
      const stage = (flags & STAGE_MASK) === 0 ? null : decoder.decode(names.subarray(from, to));
      if (stage === null || stage !== staged) {
        trackedHash.addBytes(names, below, to);
        tracked?.push(decoder.decode(names.subarray(below, to)));
      }
      if (stage !== null) staged = stage;
    }
  }
  // Extensions (a signature, a size and that many bytes each) up to the checksum.
  while (at < end) {
    if (at + 8 > end) return null;
    const signature = String.fromCharCode(bytes[at]!, bytes[at + 1]!, bytes[at + 2]!, bytes[at + 3]!);
    if (PARTIAL_EXTENSIONS.has(signature)) return null;
    at += 8 + view.getUint32(at + 4);
  }
  return at === end ? { written, trackedHash: trackedHash.hash, beyond } : null;
}

/**
 * A time of an entry (ms since the epoch): whole seconds, then nanoseconds, which a Git built without them
 * leaves at 0, and the time is then taken as the end of its second. 0 for no time.
 */
function timeAt(view: DataView, at: number): number {
  const seconds = view.getUint32(at);
  const nanoseconds = view.getUint32(at + 4);
  if (seconds === 0 && nanoseconds === 0) return 0;
  return seconds * 1000 + (nanoseconds === 0 ? 999.999999 : nanoseconds / 1e6);
}

/** True when `bytes[at, at + length)` are `other[from, from + length)`, both there. */
function sameBytes(bytes: Uint8Array, at: number, other: Uint8Array, from: number, length: number): boolean {
  if (at + length > bytes.length || from + length > other.length) return false;
  for (let i = 0; i < length; i++) if (bytes[at + i] !== other[from + i]) return false;
  return true;
}

/** True when the last part of the path `path[from, to)` is `name`. */
function endsWithName(path: Uint8Array, from: number, to: number, name: Uint8Array): boolean {
  const start = to - name.length;
  if (start < from || (start > from && path[start - 1] !== 0x2f)) return false;
  return sameBytes(path, start, name, 0, name.length);
}

/**
 * Where the NUL ending a name that starts at `at` is (-1 when it is not there, or not before `end`): `length`
 * bytes on when an entry's flags give the length; searched for when they cannot (null: a name as long as the
 * largest length they hold, or longer).
 */
function endOfName(bytes: Uint8Array, at: number, length: number | null, end: number): number {
  if (length !== null) return length >= 0 && at + length < end && bytes[at + length] === 0 ? at + length : -1;
  const nul = bytes.indexOf(0, at);
  return nul >= 0 && nul < end ? nul : -1;
}

/**
 * A number as Git's index version 4 writes it (varint.c): seven bits a byte, most significant first, each
 * byte but the last with its high bit set, and one added at each continuation; null past `end` or past a
 * safe integer.
 */
function readVarint(bytes: Uint8Array, at: number, end: number): { value: number; next: number } | null {
  if (at >= end) return null;
  let byte = bytes[at++]!;
  let value = byte & 0x7f;
  while ((byte & 0x80) !== 0) {
    if (at >= end || value >= 2 ** 45) return null;
    byte = bytes[at++]!;
    value = (value + 1) * 128 + (byte & 0x7f);
  }
  return { value, next: at };
}
