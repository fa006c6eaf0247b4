// Reads Git's index (the staging area, `.git/index`): the files it records with the modification time Git
// last gave or saw each, which tells a source the pages a checkout wrote without asking every page.

/** An index file starts with "DIRC" (for "dircache"). */
const SIGNATURE = 0x44495243;
/** An index file's header: its signature, version and number of entries. */
const HEADER_BYTES = 12;
/** An entry's stat data before its object name: ten 32-bit numbers (times, device, inode, mode, owner, group, size). */
const STAT_BYTES = 40;
/** Where an entry's times of change (its ctime) and modification (whole seconds) are, from its start. */
const CTIME_SECONDS_AT = 0;
const MTIME_SECONDS_AT = 8;
/** Where an entry's mode is, from its start. */
const MODE_AT = 24;
/** The sizes of object names: SHA-1, then SHA-256 (a repository made with `--object-format=sha256`). */
const HASH_SIZES = [20, 32] as const;
/** An entry's flags: a second word of flags follows (version 3 and later), and the name's length (capped). */
const EXTENDED_FLAG = 0x4000;
const NAME_LENGTH_MASK = 0x0fff;
/** The type bits of a mode, and those of a folder: a sparse index records whole folders so. */
const MODE_TYPE_MASK = 0o170000;
const MODE_FOLDER = 0o040000;
/**
 * Extensions saying the entries here are not every file: a split index ("link": the others are in a shared
 * index file) and a sparse one ("sdir": folders outside the sparse checkout stand for their files).
 */
const PARTIAL_EXTENSIONS = new Set(["link", "sdir"]);

/**
 * The paths (`/`-separated, from the top of the work tree) of the files Git may have written since the
 * second `sinceSeconds` (since the epoch), as the bytes of its index file record them: those with a
 * modification time in or after it, and those it records no times for (a file with a conflict, or brought
 * back by `git stash pop`: Git wrote it and has not looked at it since). Null when the bytes are not an
 * index this reads whole: a version other than 2, 3 and 4, a split or sparse index, or damage. Every entry
 * is checked as it is read (its name's length and ending, its padding, and the extensions after the
 * entries ending where the checksum begins), but only the paths found are decoded.
 * @example filesWrittenSince(fs.readFileSync(".git/index"), 1_700_000_000) // ["files/en-us/glossary/dom/index.md"]
 */
export function filesWrittenSince(bytes: Uint8Array, sinceSeconds: number): string[] | null {
  for (const hashSize of HASH_SIZES) {
    const found = readEntries(bytes, sinceSeconds, hashSize);
    if (found !== null) return found;
  }
  return null;
}

/** {@link filesWrittenSince} for object names of one size; null when the bytes do not read as an index with them. */
function readEntries(bytes: Uint8Array, sinceSeconds: number, hashSize: number): string[] | null {
  const end = bytes.length - hashSize;
  if (end < HEADER_BYTES) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(4);
  if (view.getUint32(0) !== SIGNATURE || version < 2 || version > 4) return null;
  const count = view.getUint32(8);
  const decoder = new TextDecoder();
  const found: string[] = [];
  // Version 4 writes each path as what to keep of the one before and what follows: the path so far.
  let path = new Uint8Array(256);
  let pathLength = 0;
  let at = HEADER_BYTES;
  for (let entry = 0; entry < count; entry++) {
    const start = at;
    if (start + STAT_BYTES + hashSize + 2 > end) return null;
    if ((view.getUint32(start + MODE_AT) & MODE_TYPE_MASK) === MODE_FOLDER) return null;
    const seconds = view.getUint32(start + MTIME_SECONDS_AT);
    const written = seconds >= sinceSeconds || (seconds === 0 && view.getUint32(start + CTIME_SECONDS_AT) === 0);
    at = start + STAT_BYTES + hashSize;
    const flags = view.getUint16(at);
    at += 2;
    if ((flags & EXTENDED_FLAG) !== 0) {
      if (version < 3) return null;
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
    if (written) found.push(decoder.decode(version === 4 ? path.subarray(0, nameLength) : bytes.subarray(start + fixed, start + fixed + nameLength)));
  }
  // Extensions (a signature, a size and that many bytes each) up to the checksum.
  while (at < end) {
    if (at + 8 > end) return null;
    const signature = String.fromCharCode(bytes[at]!, bytes[at + 1]!, bytes[at + 2]!, bytes[at + 3]!);
    if (PARTIAL_EXTENSIONS.has(signature)) return null;
    at += 8 + view.getUint32(at + 4);
  }
  return at === end ? found : null;
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
