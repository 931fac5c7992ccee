/**
 * V8 stores a string in one byte per character when every code unit fits in Latin-1, and in two
 * otherwise. A regular expression is compiled separately for each width, and a large set of them
 * recompiled on every change of width costs seconds per text: a peer that runs hundreds of big
 * regexes is measured fairly only on texts grouped by width.
 */
export function isOneByte(text: string): boolean {
  for (let index = 0; index < text.length; index++) if (text.charCodeAt(index) > 0xff) return false;
  return true;
}

/** The indices of `texts`, one-byte strings first and two-byte ones after, each group in order. */
export function byStringWidth(texts: readonly string[]): { readonly oneByte: readonly number[]; readonly twoByte: readonly number[] } {
  const oneByte: number[] = [];
  const twoByte: number[] = [];
  texts.forEach((text, index) => (isOneByte(text) ? oneByte : twoByte).push(index));
  return { oneByte, twoByte };
}
