/** Why a search block cannot be applied: the model is told which block and what to do. */
export class SearchBlockError extends Error {
  override readonly name = 'SearchBlockError';
}

/**
 * Applies one exact search/replace block. The search text must occur exactly once: no match and
 * several matches are both errors that say so, since guessing which place was meant would edit
 * code nobody approved. Line endings are matched as the file has them.
 */
export function applySearchReplace(text: string, search: string, replace: string, label: string): string {
  if (search === '') throw new SearchBlockError(`${label}: the search text is empty; give the exact lines to replace`);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const wanted = eol === '\r\n' ? search.replace(/\r?\n/g, '\r\n') : search.replace(/\r\n/g, '\n');
  const replacement = eol === '\r\n' ? replace.replace(/\r?\n/g, '\r\n') : replace.replace(/\r\n/g, '\n');
  const first = text.indexOf(wanted);
  if (first === -1) throw new SearchBlockError(`${label}: the search text does not match the file${matchesLoosely(text, wanted) ? ' exactly (it matches only if whitespace is ignored: copy the lines exactly as they are)' : ''}; read the file again and copy the exact lines`);
  const count = countOccurrences(text, wanted);
  if (count > 1) throw new SearchBlockError(`${label}: the search text matches ${count} places; include more surrounding lines so it matches exactly one`);
  return text.slice(0, first) + replacement + text.slice(first + wanted.length);
}

function countOccurrences(text: string, needle: string): number {
  let count = 0;
  for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + 1)) count++;
  return count;
}

function matchesLoosely(text: string, search: string): boolean {
  const squash = (value: string): string => value.replace(/\s+/g, ' ').trim();
  return squash(search) !== '' && squash(text).includes(squash(search));
}
