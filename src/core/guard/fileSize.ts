import { allowFile, denyFile, type FileDecision } from './fileDecision';

/** The policy says MB; the guard means MiB, the unit file sizes are usually shown in. */
export const BYTES_PER_MB = 1024 * 1024;

export function sizeLimitBytes(maxFileSizeMb: number): number {
  return maxFileSizeMb * BYTES_PER_MB;
}

/**
 * Whether content of this many bytes may be written. Reads are checked by `decide` from the file's
 * size on disk; a write's size is only known to the tool, which must ask before writing.
 */
export function checkWriteSize(bytes: number, maxFileSizeMb: number): FileDecision {
  if (!Number.isSafeInteger(bytes) || bytes < 0) return denyFile('invalid-size', `${String(bytes)} is not a byte count.`);
  if (!withinSizeLimit(bytes, maxFileSizeMb)) return denyFile('too-large', `${describeSize(bytes)} is more than the ${maxFileSizeMb} MB limit for files.`);
  return allowFile(`${describeSize(bytes)} is within the ${maxFileSizeMb} MB limit for files.`);
}

/** Written as "not above" so that a missing or NaN limit denies instead of allowing everything. */
export function withinSizeLimit(bytes: number, maxFileSizeMb: number): boolean {
  return bytes <= sizeLimitBytes(maxFileSizeMb);
}

export function describeSize(bytes: number): string {
  return bytes < BYTES_PER_MB ? `${bytes} bytes` : `${(bytes / BYTES_PER_MB).toFixed(1)} MB`;
}
