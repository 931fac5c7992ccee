import picomatch from 'picomatch';

/**
 * What a glob needs to look at, so a set of 200 globs can skip most of them per path:
 *  - `**` then k segments (`**\/.env`, `**\/.vscode/settings.json`): only the last k segments;
 *  - `**`, k segments, `**` (`**\/.ssh/**`): only runs of k consecutive segments;
 *  - a literal leading folder (`packages/app/src/**\/*.ts`): only paths under that folder, found
 *    by looking the path's leading folders up in a map;
 *  - anything else: the whole path, always.
 * Segment shapes exclude escapes and extglobs, and braces or brackets across several segments,
 * which could hide a "/" or "**"; those stay whole-path globs: always correct, only slower.
 */
export type GlobShape =
  | { readonly kind: 'tail'; readonly segments: number; readonly pattern: string }
  | { readonly kind: 'window'; readonly segments: number; readonly pattern: string }
  | { readonly kind: 'under-folder'; readonly folder: string; readonly pattern: string }
  | { readonly kind: 'whole-path'; readonly pattern: string };

export function globShape(pattern: string): GlobShape {
  const window = /^\*\*\/(.+)\/\*\*$/.exec(pattern)?.[1];
  if (window !== undefined && segmentCount(window) > 0) return { kind: 'window', segments: segmentCount(window), pattern: window };
  const tail = /^\*\*\/(.+)$/.exec(pattern)?.[1];
  if (tail !== undefined && segmentCount(tail) > 0) return { kind: 'tail', segments: segmentCount(tail), pattern: tail };
  const folder = literalFolder(pattern);
  return folder === '' ? { kind: 'whole-path', pattern } : { kind: 'under-folder', folder, pattern };
}

/** How many segments the inner pattern always spans; 0 when that cannot be told safely. */
function segmentCount(inner: string): number {
  if (/[\\()]/.test(inner)) return 0;
  const segments = inner.split('/');
  if (segments.some((segment) => segment === '' || segment.includes('**'))) return 0;
  if (segments.length > 1 && /[{}[\]]/.test(inner)) return 0;
  return segments.length;
}

/**
 * The literal folders a pattern starts with ('' when none). Only plain ASCII without escapes is
 * trusted: the map lookup folds case with toLowerCase, which agrees with the regex's case folding
 * for ASCII; anything else is matched against the whole path instead.
 */
function literalFolder(pattern: string): string {
  const { base } = picomatch.scan(pattern, { nonegate: true });
  if (base === '' || !/^[\x20-\x7e]+$/.test(base) || base.includes('\\')) return '';
  const startsWithBase = pattern.startsWith(base) && (pattern.length === base.length || pattern[base.length] === '/');
  return startsWithBase ? base : '';
}
