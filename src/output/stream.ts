// The streams the program writes to, as an interface so tests can pass fakes.

/** What the program needs of stdout or stderr. */
export interface OutputStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
  columns?: number;
  rows?: number;
}

/** What the program needs of its process: arguments, environment and the two output streams. */
export interface ProcessLike {
  argv: readonly string[];
  env: Readonly<Record<string, string | undefined>>;
  stdout: OutputStream;
  stderr: OutputStream;
  /** The working directory, for paths in messages (default: the process's). */
  cwd?: string;
  /**
   * Shows text through a pager (a shell command line) on the terminal; resolves false when the pager
   * could not be started, so that the caller prints the text itself.
   */
  page?(command: string, text: string, env: Record<string, string>): Promise<boolean>;
  /**
   * A signal aborted when the user stops the program (Ctrl-C, or SIGTERM or SIGHUP), for commands that run
   * until then (`index --watch`); asked only by them. Without it they run until the process ends.
   */
  untilStopped?(): AbortSignal;
  /**
   * Starts the program again in the background, detached from this process and its terminal, from the
   * root folder, with these arguments (a watch of a large source: app/background-watch.ts); resolves to
   * its process id, null when none could be started. Without it, none is started.
   */
  startInBackground?(args: readonly string[]): Promise<number | null>;
}
