import { lstat } from 'node:fs/promises';
import type { FileDecision } from '../guard/fileDecision';
import type { FileGuard } from '../guard/fileGuard';
import { openGuardedFile } from '../guard/guardedOpen';
import { errorCode } from '../guard/guardFs';
import { decodeText } from './textFile';

/** A file as the agent may see it: its text, or why not (the guard's denial, or binary bytes). */
export type GuardedText =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'binary'; readonly bytes: number }
  | { readonly kind: 'denied'; readonly decision: FileDecision };

/** Reads a file through the guarded open (what is read is what was judged) as UTF-8 text. */
export async function readGuardedText(guard: FileGuard, path: string): Promise<GuardedText> {
  const opened = await openGuardedFile(guard, path);
  if (!opened.ok) return { kind: 'denied', decision: opened.decision };
  let bytes: Buffer;
  try {
    bytes = await opened.value.handle.readFile();
  } finally {
    await opened.value.handle.close();
  }
  const text = decodeText(bytes);
  return text === undefined ? { kind: 'binary', bytes: bytes.length } : { kind: 'text', text };
}

/**
 * The text on disk an edit is planned against and checked with, read through the guarded open:
 * undefined when there is no such file; a denial or binary content is an error naming why.
 */
export async function readTextToEdit(guard: FileGuard, path: string): Promise<string | undefined> {
  const exists = await lstat(path).then(
    () => true,
    (error: unknown) => {
      if (errorCode(error) === 'ENOENT') return false;
      throw error;
    },
  );
  if (!exists) return undefined;
  const read = await readGuardedText(guard, path);
  if (read.kind === 'denied') throw new Error(`${path} cannot be read to edit it: ${read.decision.detail}`);
  if (read.kind === 'binary') throw new Error(`${path} is not a UTF-8 text file`);
  return read.text;
}
