export interface BoundedText {
  readonly text: string;
  readonly truncated: boolean;
}

/**
 * Cuts text to at most `maxChars` characters, marker included, preferring a paragraph or
 * line break near the limit, never splitting a surrogate pair, and closing a Markdown code
 * fence the cut left open. `totalChars` is what the marker reports (the source may have been
 * cut earlier, e.g. by the byte limit).
 */
export function boundText(text: string, maxChars: number, totalChars = text.length, alreadyTruncated = false): BoundedText {
  if (text.length <= maxChars && !alreadyTruncated) return { text, truncated: false };
  const marker = (shown: number): string => `\n\n[… truncated by Airlock: ${shown} of ${totalChars}${alreadyTruncated ? '+' : ''} characters shown]`;
  if (text.length <= maxChars - marker(text.length).length) return { text: text + marker(text.length), truncated: true };
  const budget = Math.max(0, maxChars - marker(maxChars).length - 4);
  let cut = budget;
  const paragraph = text.lastIndexOf('\n\n', budget);
  const line = text.lastIndexOf('\n', budget);
  if (paragraph > budget * 0.8) cut = paragraph;
  else if (line > budget * 0.8) cut = line;
  else {
    const space = text.lastIndexOf(' ', budget);
    if (space > budget * 0.9) cut = space;
  }
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  let kept = text.slice(0, cut).trimEnd();
  const fences = kept.match(/^(`{3,}|~{3,})/gm) ?? [];
  if (fences.length % 2 === 1) kept += `\n${fences[fences.length - 1] ?? '```'}`;
  return { text: kept + marker(kept.length), truncated: true };
}
