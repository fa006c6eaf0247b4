// Test helpers for `glossary update`: local Git repositories laid out like mdn/content and
// mdn/translated-content (bare, allowing partial clones), served through file:// or `git http-backend` on
// 127.0.0.1, a `git` wrapper that kills or pauses the program at a chosen Git command, and the binary run
// without blocking (so that a server in this process can answer it).

import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { FIXTURES, SHARED_CORPUS, cleanEnv, tempFolder } from "./helpers.js";

/** Runs git, failing the test on an error. */
export function git(args: readonly string[], cwd: string): string {
  const result = spawnSync("git", args, {
    cwd,
    encoding: "utf8",
    env: { PATH: process.env["PATH"] ?? "/usr/bin:/bin", HOME: cwd, GIT_CONFIG_NOSYSTEM: "1", GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@example.com", GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@example.com" },
  });
  if (result.status !== 0) throw new Error(`git ${args.join(" ")}: ${result.stderr}`);
  return result.stdout;
}

/** A repository being written (`work`) and the bare repository it is pushed to, which updates fetch from. */
export interface Mirror {
  work: string;
  bare: string;
  /** The bare repository's file:// URL. */
  url: string;
  /** Commits everything in the work tree and pushes it; returns the commit. */
  commit(message: string): string;
}

/** Makes a mirror whose first commit holds `files` (relative path to content), served as `<name>.git`. */
export function makeMirror(root: string, name: string, files: Record<string, string>): Mirror {
  const work = path.join(root, `${name}-work`);
  const bare = path.join(root, `${name}.git`);
  fs.mkdirSync(work, { recursive: true });
  git(["init", "-q", "-b", "main"], work);
  writeFiles(work, files);
  git(["init", "-q", "--bare", "-b", "main", bare], root);
  git(["config", "uploadpack.allowFilter", "true"], bare);
  git(["config", "uploadpack.allowAnySHA1InWant", "true"], bare);
  git(["config", "http.receivepack", "false"], bare);
  const mirror: Mirror = {
    work,
    bare,
    url: `file://${bare}`,
    commit(message) {
      git(["add", "-A"], work);
      git(["commit", "-q", "-m", message], work);
      git(["push", "-q", bare, "HEAD:main"], work);
      return git(["rev-parse", "HEAD"], work).trim();
    },
  };
  mirror.commit("first");
  return mirror;
}

/** Writes files (relative path to content) below a folder. */
export function writeFiles(folder: string, files: Record<string, string>): void {
  for (const [relative, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(folder, relative)), { recursive: true });
    fs.writeFileSync(path.join(folder, relative), content);
  }
}

/** The pages of a fixture or corpus folder (`<locale>/glossary/...`) as files below `files/`, with other files beside them as MDN has. */
export function pagesOf(folder: string, locales: readonly string[], limit = Infinity): Record<string, string> {
  const files: Record<string, string> = { "README.md": "# a mirror for tests\n", "files/jsondata/L10n-Common.json": "{}\n" };
  for (const locale of locales) {
    const glossary = path.join(folder, locale, "glossary");
    const slugs = fs.readdirSync(glossary).sort().slice(0, limit);
    for (const slug of slugs) {
      for (const name of fs.readdirSync(path.join(glossary, slug), { recursive: true }) as string[]) {
        const full = path.join(glossary, slug, name);
        if (fs.statSync(full).isFile()) files[`files/${locale}/glossary/${slug}/${name}`] = fs.readFileSync(full, "utf8");
      }
    }
    // A page outside the glossary, which a sparse checkout leaves out.
    files[`files/${locale}/web/index.md`] = "---\ntitle: Web\nslug: Web\n---\n\nNot a glossary page.\n";
  }
  return files;
}

/** MDN-like mirrors: en-US (real pages of the shared corpus when it is there, else the fixture's) and translations. */
export function mdnMirrors(root: string): { content: Mirror; translated: Mirror } {
  const english = fs.existsSync(path.join(SHARED_CORPUS, "files", "en-us", "glossary"))
    ? pagesOf(path.join(SHARED_CORPUS, "files"), ["en-us"], 40)
    : pagesOf(path.join(FIXTURES, "mdn", "files"), ["en-us"]);
  const content = makeMirror(root, "content", { ...english, ...pagesOf(path.join(FIXTURES, "mdn", "files"), ["en-us"]) });
  const translated = makeMirror(root, "translated-content", {
    ...pagesOf(path.join(FIXTURES, "mdn", "files"), ["fr", "pt-br"]),
    ...pagesOf(path.join(FIXTURES, "mdn-locales", "files"), ["de", "ja"]),
  });
  return { content, translated };
}

/** The environment of a user with their own home, cache, config and data folders. */
export function userEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env = cleanEnv();
  return { ...env, XDG_DATA_HOME: path.join(env["HOME"]!, ".local", "share"), XDG_CONFIG_HOME: path.join(env["HOME"]!, ".config"), ...extra };
}

export { runCliAsync as runAsync } from "./helpers.js";

/** The real git's path. */
export function realGit(): string {
  const found = spawnSync("sh", ["-c", "command -v git"], { encoding: "utf8" }).stdout.trim();
  if (!found) throw new Error("git not found");
  return found;
}

/**
 * A folder holding a `git` that runs the real one, except at the Git command named by GLOSSARY_TEST_AT:
 * GLOSSARY_TEST_DO=kill-after runs it then kills its parent (the program) with SIGKILL; kill-before kills
 * the program instead of running it; pause writes the file GLOSSARY_TEST_PAUSED, then waits for the file
 * GLOSSARY_TEST_RESUME before running it.
 */
export function gitWrapper(): string {
  const folder = tempFolder("glossary-git-wrapper-");
  const script = `#!/bin/sh
real=${JSON.stringify(realGit())}
if [ "$1" = "$GLOSSARY_TEST_AT" ]; then
  case "$GLOSSARY_TEST_DO" in
    kill-before) kill -9 "$PPID"; exit 1 ;;
    kill-after) "$real" "$@"; status=$?; kill -9 "$PPID"; exit $status ;;
    pause) : > "$GLOSSARY_TEST_PAUSED"; while [ ! -e "$GLOSSARY_TEST_RESUME" ]; do sleep 0.05; done ;;
  esac
fi
exec "$real" "$@"
`;
  fs.writeFileSync(path.join(folder, "git"), script, { mode: 0o755 });
  return folder;
}

/** Every file below a folder, relative, sorted (to compare what a data folder holds). */
export function listFiles(folder: string): string[] {
  if (!fs.existsSync(folder)) return [];
  return (fs.readdirSync(folder, { recursive: true }) as string[]).map((name) => name.split(path.sep).join("/")).sort();
}

/**
 * `git http-backend` behind a Node.js server on 127.0.0.1 (port chosen by the system): Git's smart HTTP
 * protocol for the bare repositories below `root`. Returns the base URL and a function that stops it.
 */
export async function gitHttpServer(root: string): Promise<{ url: string; close: () => Promise<void> }> {
  const backend = path.join(git(["--exec-path"], root).trim(), "git-http-backend");
  if (!fs.existsSync(backend)) throw new Error(`git http-backend not found at ${backend}`);
  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    const child = spawn(backend, [], {
      env: {
        PATH: process.env["PATH"] ?? "/usr/bin:/bin",
        GIT_PROJECT_ROOT: root,
        GIT_HTTP_EXPORT_ALL: "1",
        GIT_CONFIG_NOSYSTEM: "1",
        HOME: root,
        REQUEST_METHOD: request.method ?? "GET",
        PATH_INFO: decodeURIComponent(url.pathname),
        QUERY_STRING: url.search.replace(/^\?/, ""),
        CONTENT_TYPE: request.headers["content-type"] ?? "",
        REMOTE_ADDR: "127.0.0.1",
        GIT_PROTOCOL: String(request.headers["git-protocol"] ?? ""),
        HTTP_CONTENT_ENCODING: String(request.headers["content-encoding"] ?? ""),
      },
    });
    request.pipe(child.stdin);
    let head = Buffer.alloc(0);
    let headersDone = false;
    child.stdout.on("data", (chunk: Buffer) => {
      if (headersDone) {
        response.write(chunk);
        return;
      }
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf("\r\n\r\n");
      if (end === -1) return;
      headersDone = true;
      let status = 200;
      for (const line of head.subarray(0, end).toString("latin1").split("\r\n")) {
        const colon = line.indexOf(":");
        const name = line.slice(0, colon).trim();
        const value = line.slice(colon + 1).trim();
        if (name.toLowerCase() === "status") status = Number.parseInt(value, 10);
        else response.setHeader(name, value);
      }
      response.statusCode = status;
      response.write(head.subarray(end + 4));
    });
    child.stdout.on("end", () => response.end());
    child.on("error", () => response.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
