// Typed errors that carry their exit code and a hint, printed once by the CLI's top-level handler.

export const ExitCode = {
  Found: 0,
  NotFound: 1,
  Usage: 2,
  /** The output could not be written (a full disk...): sysexits' EX_IOERR. */
  Output: 74,
  /** `update` needs Git, which is not installed or not on PATH: sysexits' EX_UNAVAILABLE. */
  Unavailable: 69,
  /** An update failed (remote unreachable, another update running...), the pages served before kept: EX_TEMPFAIL. */
  Update: 75,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** An error meant for the user: one line of message, an optional hint, and the exit code to use. */
export class GlossaryError extends Error {
  readonly exitCode: ExitCode;
  readonly hint: string | undefined;

  constructor(message: string, exitCode: ExitCode, hint?: string) {
    super(message);
    this.name = "GlossaryError";
    this.exitCode = exitCode;
    this.hint = hint;
  }
}

/** A usage error or an unusable source: exit 2. */
export class UsageError extends GlossaryError {
  constructor(message: string, hint?: string) {
    super(message, ExitCode.Usage, hint);
    this.name = "UsageError";
  }
}

/** The output could not be written: exit 74. */
export class OutputError extends GlossaryError {
  constructor(message: string) {
    super(message, ExitCode.Output);
    this.name = "OutputError";
  }
}

/** Nothing matched the query: exit 1. The message goes to stderr, nothing to stdout. */
export class NotFoundError extends GlossaryError {
  constructor(message: string, hint?: string) {
    super(message, ExitCode.NotFound, hint);
    this.name = "NotFoundError";
  }
}

/** An update could not be made: exit 75 (or 69 when Git is missing). The pages served before stay. */
export class UpdateError extends GlossaryError {
  constructor(message: string, hint?: string, exitCode: ExitCode = ExitCode.Update) {
    super(message, exitCode, hint);
    this.name = "UpdateError";
  }
}

/**
 * The code of a failed system call's error (`ENOENT`, `EACCES`...): undefined for an error without one.
 * @example errorCode(Object.assign(new Error("x"), { code: "ENOENT" })) // "ENOENT"
 */
export function errorCode(error: unknown): string | undefined {
  return error instanceof Error && "code" in error ? String(error.code) : undefined;
}
