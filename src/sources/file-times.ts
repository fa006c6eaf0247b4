// The times of files and folders an index records to see later changes: a time read too soon after a change
// may stay the same through a second change (a file system's clock steps), and is recorded as unknown.

/** A recorded time that matches no file's: the file or folder is taken as changed at the next check. */
export const UNKNOWN_TIME = -1;

/**
 * The longest a file system's sub-second clock may stand still: the kernel's tick it reads (up to 10 ms
 * with Linux before 6.13; about 15.6 ms with Windows), so that two changes within it may give one time.
 */
const FINE_CLOCK_STEP_MS = 20;

/** The same for file systems that keep whole seconds (FAT keeps even seconds). */
const WHOLE_SECOND_CLOCK_STEP_MS = 2_000;

/** The time now, as file times are given (ms since the epoch): the wall clock, which file times follow. */
export function wallClock(): number {
  return Date.now();
}

/**
 * The time to record of a file or folder read at or after `since` (a {@link wallClock} time taken before
 * it was read): its modification time, or {@link UNKNOWN_TIME} when that may not say everything, because
 * it falls within a step of the file system's clock before `since`, or after it (changed while it was
 * read, or a time in the future). As Git treats "racily clean" files: a change in the same step as the one
 * the time records would leave it as it is, and go unseen until the next change.
 */
export function recordedTime(mtimeMs: number, since: number): number {
  const step = mtimeMs % 1000 === 0 ? WHOLE_SECOND_CLOCK_STEP_MS : FINE_CLOCK_STEP_MS;
  return mtimeMs > since - step ? UNKNOWN_TIME : mtimeMs;
}
