/** One input line, or the fact that it was longer than allowed (its text is dropped). */
export type InputLine = { readonly text: string } | { readonly tooLong: true };

/**
 * Splits a byte or text stream into lines (`\n` or `\r\n`) as they arrive, so a caller can answer
 * each one before the next is typed. A line longer than `maxChars` is reported, not buffered: a
 * stream without newlines must not exhaust memory. A final line without a newline counts.
 */
export async function* readLines(source: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>, maxChars: number): AsyncGenerator<InputLine> {
  const decoder = new TextDecoder('utf-8');
  let pending = '';
  let overflowed = false;
  for await (const chunk of source) {
    pending += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    let newline = pending.indexOf('\n');
    while (newline >= 0) {
      yield overflowed || newline > maxChars ? { tooLong: true } : { text: pending.slice(0, newline).replace(/\r$/, '') };
      overflowed = false;
      pending = pending.slice(newline + 1);
      newline = pending.indexOf('\n');
    }
    if (pending.length > maxChars) {
      overflowed = true;
      pending = '';
    }
  }
  pending += decoder.decode();
  if (overflowed || pending.length > maxChars) yield { tooLong: true };
  else if (pending !== '') yield { text: pending.replace(/\r$/, '') };
}
