#!/usr/bin/env node
// Command-line entry point: loads the program bundled into dist/ (built by `npm install`) and runs it.
"use strict";

const fs = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");

/**
 * A code cache file: a header of four 32-bit words (magic, the length of the source it was made for, the
 * length of V8's data, and the runtime that made it: see {@link runtimeTag}), then V8's data twice. V8
 * checks its own header but not its data: damaged data would crash the program. Both copies must be the
 * same (native comparisons, where hashing the data at every start would cost more than the rest of the
 * loader): a cache damaged anywhere is not used.
 */
const MAGIC = 0x33434c47; // "GLC3"
const HEADER = 16;
/** More V8 data than any bundle's: a header naming more is damaged, and nothing that size is allocated. */
const MAX_DATA = 64 * 1024 * 1024;
/** The second copy is read and compared this many bytes at a time, into one small buffer. */
const COMPARE_CHUNK = 16 * 1024;

/**
 * V8's data in a code cache file made for a source of this length; undefined when missing or damaged.
 * Read with a few plain reads into buffers no bigger than needed: memory a process touches for the first
 * time costs more than reading the file, so the second copy never has a buffer of its own.
 */
function readCache(file, sourceLength) {
  let fd;
  try {
    // Without waiting: a named pipe put in the cache's place reads as nothing, instead of hanging every start.
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK || 0));
  } catch {
    return undefined;
  }
  try {
    const header = Buffer.allocUnsafe(HEADER);
    if (fs.readSync(fd, header, 0, HEADER, 0) !== HEADER || header.readUInt32LE(0) !== MAGIC || header.readUInt32LE(4) !== sourceLength || header.readUInt32LE(12) !== runtimeTag()) return undefined;
    const length = header.readUInt32LE(8);
    if (length === 0 || length > MAX_DATA) return undefined;
    const data = Buffer.allocUnsafe(length);
    if (fs.readSync(fd, data, 0, length, HEADER) !== length) return undefined;
    const chunk = Buffer.allocUnsafe(Math.min(COMPARE_CHUNK, length));
    for (let at = 0; at < length; ) {
      const read = fs.readSync(fd, chunk, 0, Math.min(chunk.length, length - at), HEADER + length + at);
      if (read <= 0 || chunk.compare(data, at, at + read, 0, read) !== 0) return undefined;
      at += read;
    }
    return data;
  } catch {
    return undefined;
  } finally {
    fs.closeSync(fd);
  }
}

/** A code cache file's content: the header, then V8's data twice. */
function cacheFileContent(data, sourceLength) {
  const bytes = Buffer.alloc(HEADER + 2 * data.length);
  bytes.writeUInt32LE(MAGIC, 0);
  bytes.writeUInt32LE(sourceLength, 4);
  bytes.writeUInt32LE(data.length, 8);
  bytes.writeUInt32LE(runtimeTag(), 12);
  data.copy(bytes, HEADER);
  data.copy(bytes, HEADER + data.length);
  return bytes;
}

/** A 32-bit hash of a string (FNV-1a). */
function hash32(text) {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

/** A short hash of a string, to name files. */
function nameHash(text) {
  return hash32(text).toString(16).padStart(8, "0");
}

let runtime;
/**
 * This Node.js and its V8 flags, as a number a code cache file records: V8 refuses a cache another made
 * only after compiling the bundle as if it had none (the package's caches, made by the Node.js that built
 * it, under another one), so such a cache is never handed to it and the user's own is read instead.
 */
function runtimeTag() {
  runtime ??= hash32(`${process.version}\0${process.env.NODE_OPTIONS || ""}\0${process.execArgv.join(" ")}`);
  return runtime;
}

/**
 * Where code caches made at run time go: the user's cache folder (`$XDG_CACHE_HOME/glossary/code`, else
 * `~/.cache/glossary/code`, as for source indexes), never the package, which may be read-only or shared.
 * Null when neither folder can be named.
 */
function userCodeFolder(env) {
  const xdg = env.XDG_CACHE_HOME;
  if (xdg && path.isAbsolute(xdg)) return path.join(xdg, "glossary", "code");
  const home = env.HOME || env.USERPROFILE;
  return home ? path.join(home, ".cache", "glossary", "code") : null;
}

/**
 * The user cache file of a bundle: named after the bundle file (path, size, time), this Node.js and its V8
 * flags, so that another build or another Node.js never reads it.
 */
function userCacheFile(file, env) {
  const folder = userCodeFolder(env);
  if (folder === null) return null;
  let stat;
  try {
    stat = fs.statSync(file);
  } catch {
    return null;
  }
  const identity = `${file}\0${stat.size}\0${stat.mtimeMs}\0${process.version}\0${env.NODE_OPTIONS || ""}\0${process.execArgv.join(" ")}`;
  return path.join(folder, `${path.basename(file, ".cjs")}-${nameHash(identity)}.cache`);
}

/** Creates a folder and its missing parents one at a time (a recursive mkdir can loop on special file systems). */
function makeFolder(folder) {
  if (fs.existsSync(folder)) return;
  const parent = path.dirname(folder);
  if (parent !== folder) makeFolder(parent);
  fs.mkdirSync(folder);
}

/** Writes a file under a temporary name and renames it into place; false when it cannot be written. */
function writeFile(file, content) {
  const temporary = `${file}.tmp-${process.pid}`;
  try {
    makeFolder(path.dirname(file));
    fs.writeFileSync(temporary, content);
    fs.renameSync(temporary, file);
    return true;
  } catch {
    try {
      fs.rmSync(temporary, { force: true });
    } catch {
      // Nothing was written.
    }
    return false;
  }
}

/**
 * Every bundle the loader runs is one function expression, written so by the build (scripts/build.mjs): the
 * file's text is compiled as it is, with no copy of it made to wrap it. It is called with CommonJS's five
 * arguments.
 */
const BUNDLE_START = "(function (exports, require, module, __filename, __dirname) {";
const BUNDLE_END = "\n})";

/** A bundle file not made by this loader's build. */
class OutdatedBuildError extends Error {
  constructor(file) {
    super(`${path.basename(file)} is not a bundle of this build`);
    this.code = "EOUTDATED";
  }
}

/**
 * Loads a bundle with V8's code cache: the one the build made beside it (`<file>.cache`), else the one made
 * at an earlier run in the user's cache folder. A cache that is damaged, or that V8 refuses (made by another
 * Node.js or with other V8 flags), is not used, and the compiled code can be saved for next time. The bundle
 * is run directly rather than required: Node's module resolution would cost more than the file.
 */
function load(file, requireModule, env = process.env) {
  const source = fs.readFileSync(file, "utf8");
  if (!source.startsWith(BUNDLE_START)) throw new OutdatedBuildError(file);
  const userCache = () => {
    const userFile = userCacheFile(file, env);
    return userFile === null ? undefined : readCache(userFile, source.length);
  };
  // The package's cache when this runtime made it (see runtimeTag), else the user's: a script is made once,
  // since V8 compiles the whole bundle before refusing a cache. One refused all the same (by a machine of
  // other processor features) is followed by the user's.
  const packaged = readCache(`${file}.cache`, source.length);
  let cachedData = packaged ?? userCache();
  let script = new vm.Script(source, { filename: file, cachedData });
  if (packaged !== undefined && script.cachedDataRejected === true) {
    const userData = userCache();
    if (userData !== undefined) {
      const second = new vm.Script(source, { filename: file, cachedData: userData });
      if (second.cachedDataRejected !== true) {
        script = second;
        cachedData = userData;
      }
    }
  }
  const module_ = { exports: {} };
  script.runInThisContext()(module_.exports, requireModule, module_, file, path.dirname(file));
  return {
    file,
    exports: module_.exports,
    cacheMissed: cachedData === undefined || script.cachedDataRejected === true,
    /** The code compiled so far, as a code cache file's content. */
    cacheContent: () => cacheFileContent(script.createCachedData(), source.length),
    /** Saves the code compiled so far (default: in the user's cache folder); false when it cannot be. */
    saveCache(target = userCacheFile(file, env)) {
      return target !== null && writeFile(target, cacheFileContent(script.createCachedData(), source.length));
    },
  };
}

/** Loads the core bundle, which links the others (src/startup/boot.ts). */
function loadProgram(packageRoot) {
  const link = { require };
  const core = load(path.join(packageRoot, "dist", "glossary.cjs"), (id) => link.require(id));
  return { core, load, nodeRequire: require, link };
}

/** An error's message as one line without control characters. */
function errorLine(error) {
  return String(error instanceof Error ? error.message : error).split("\n")[0].replace(/[\u0000-\u001f\u007f-\u009f]/g, "");
}

/** Why the program cannot start, in one line: a missing, unreadable, damaged or outdated build. */
function notStarted(error, packageRoot) {
  const build = `run \`npm install\` or \`npm run build\` in ${packageRoot}`;
  const code = error !== null && typeof error === "object" ? error.code : undefined;
  if (code === "ENOENT") return `the program is not built; ${build}`;
  if (error instanceof OutdatedBuildError) return `the program's build is out of date; ${build}`;
  if (typeof code === "string") return `cannot read the program (${code}); ${build}`;
  if (error === null) return `the program's build is out of date; ${build}`;
  return `the program's build is damaged (${errorLine(error)}); ${build}`;
}

// The build loads the program through this file without running it (scripts/build.mjs).
if (globalThis[Symbol.for("glossary.loadOnly")] === true) {
  module.exports = { loadProgram, BUNDLE_START, BUNDLE_END };
} else {
  const packageRoot = path.join(__dirname, "..");
  let program;
  let problem = null;
  try {
    program = loadProgram(packageRoot);
    if (typeof program.core.exports.boot !== "function") problem = notStarted(null, packageRoot);
  } catch (error) {
    problem = notStarted(error, packageRoot);
  }
  if (problem !== null) {
    process.stderr.write(`glossary: ${problem}\n`);
    process.exit(2);
  }
  // The program reports its own errors; anything escaping it still gets one line and the exit code of a bug.
  Promise.resolve(program.core.exports.boot(packageRoot, program)).catch((error) => {
    process.stderr.write(`glossary: internal error: ${errorLine(error)}\nglossary: this is a bug in glossary; please report it with the command that caused it\n`);
    process.exit(70);
  });
}
