import { stat } from 'node:fs/promises';

/**
 * What a file is now, as a string that changes when it is written or replaced (inode, size,
 * modification time); 'missing' when it is not there. For polling a file that a watcher may not
 * report: compare two stamps, not contents.
 */
export function fileStamp(path: string): Promise<string> {
  return stat(path).then((file) => `${file.ino}:${file.size}:${file.mtimeMs}`, () => 'missing');
}
