// An order-independent hash of a set of paths: kept up to date as paths come and go, it tells whether two sets are the same without listing either.

/**
 * A set of paths' hash: how many there are, and the sums (modulo 2^32) of two 32-bit hashes of each path's
 * UTF-8 bytes. Two different sets of the same size have the same sums by chance once in about 2^64.
 */
export type PathSetHash = [count: number, first: number, second: number];

/** FNV-1a's start and multiplier (the first hash), and another start and multiplier (the second). */
const FIRST_START = 0x811c9dc5;
const FIRST_MULTIPLIER = 0x01000193;
const SECOND_START = 0x9747b28c;
const SECOND_MULTIPLIER = 0x5bd1e995;

/** MurmurHash3's last step: every bit of the input moves every bit of the output. */
function mix(hash: number): number {
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}

/** Builds a {@link PathSetHash} path by path, from none or from a set's hash. */
export class PathSetHasher {
  #count: number;
  #first: number;
  #second: number;
  #encoded = new Uint8Array(256);
  readonly #encoder = new TextEncoder();

  constructor(start: PathSetHash = [0, 0, 0]) {
    [this.#count, this.#first, this.#second] = start;
  }

  /** Adds the path whose UTF-8 bytes are `bytes[from, to)` (`sign` 1), or takes it out (-1). */
  addBytes(bytes: Uint8Array, from: number, to: number, sign: 1 | -1 = 1): void {
    let first = FIRST_START;
    let second = SECOND_START;
    for (let at = from; at < to; at++) {
      const byte = bytes[at]!;
      first = Math.imul(first ^ byte, FIRST_MULTIPLIER);
      second = Math.imul(second ^ byte, SECOND_MULTIPLIER);
    }
    this.#count += sign;
    this.#first = (this.#first + sign * mix(first)) >>> 0;
    this.#second = (this.#second + sign * mix(second)) >>> 0;
  }

  /** Adds a path (`sign` 1), or takes it out (-1). */
  add(path: string, sign: 1 | -1 = 1): void {
    // At most three bytes a UTF-16 code unit.
    if (path.length * 3 > this.#encoded.length) this.#encoded = new Uint8Array(path.length * 3);
    const { written } = this.#encoder.encodeInto(path, this.#encoded);
    this.addBytes(this.#encoded, 0, written, sign);
  }

  get hash(): PathSetHash {
    return [this.#count, this.#first, this.#second];
  }
}

/** The hash of a set of paths after some were taken out of it and others added. */
export function changedPathSet(hash: PathSetHash, removed: Iterable<string>, added: Iterable<string>): PathSetHash {
  const hasher = new PathSetHasher(hash);
  for (const path of removed) hasher.add(path, -1);
  for (const path of added) hasher.add(path);
  return hasher.hash;
}

/** The hash of a set of paths (each once). */
export function pathSetHash(paths: Iterable<string>): PathSetHash {
  return changedPathSet([0, 0, 0], [], paths);
}

/** Whether a value (read from a file) is a {@link PathSetHash}. */
export function isPathSetHash(value: unknown): value is PathSetHash {
  return Array.isArray(value) && value.length === 3 && value.every((part) => Number.isInteger(part) && part >= 0 && part <= 0xffffffff);
}

/** Whether two hashes are of the same set (see {@link PathSetHash}); false when either is missing. */
export function samePathSet(a: PathSetHash | undefined, b: PathSetHash | undefined): boolean {
  return a !== undefined && b !== undefined && a[0] === b[0] && a[1] === b[1] && a[2] === b[2];
}
