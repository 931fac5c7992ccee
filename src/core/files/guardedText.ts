import type { FileDecision } from '../guard/fileDecision';
import type { FileGuard } from '../guard/fileGuard';
import { openGuardedFile } from '../guard/guardedOpen';
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
