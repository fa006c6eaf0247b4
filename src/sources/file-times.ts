// The times of files and folders an index records to see later changes: a time read too soon after a change
// may stay the same through a second change (a file system's clock steps), and is recorded as unknown.

/** A recorded time that matches no file's: the file or folder is taken as changed at the next check. */
export const UNKNOWN_TIME = -1;

/**
 * The longest a file system's sub-second clock may stand still: the kernel's tick it reads (up to 10 ms
 * with Linux before 6.13; about 15.6 ms with Windows), so that two changes within it may give one time.
 */
export const CLOCK_STEP_MS = 20;

/** The time now, as file times are given (ms since the epoch): the wall clock, which file times follow. */
export function wallClock(): number {
  return Date.now();
}

/**
 * The time to record of a file or folder read at or after `since` (a {@link wallClock} time taken before
 * it was read), and before `until` (one taken after): its modification time, or {@link UNKNOWN_TIME} when
 * that may not say everything, because it falls within a step of the file system's clock before `since`,
 * or between the two (changed while it was read). As Git treats "racily clean" files: a second change in
 * the same step as the one the time records would leave it as it is, and go unseen until the next change.
 * A time later than `until` (a clock set ahead) is recorded as it is: no change made now can give it.
 */
export function recordedTime(mtimeMs: number, since: number, until: number = wallClock()): number {
  return mtimeMs > since - CLOCK_STEP_MS && mtimeMs <= until + 1 ? UNKNOWN_TIME : mtimeMs;
}
