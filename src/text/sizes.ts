// Sizes for people: a number of bytes as `512 B`, `3.4 kB`, `52.0 MB`.

/**
 * A number of bytes for people, in powers of 1,000.
 * @example formatBytes(1234567) // "1.2 MB"
 */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  const units = ["kB", "MB", "GB", "TB"];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}
