/** One compiled glob and its position in the rule list, which decides the rule a match names. */
export interface GlobEntry {
  readonly index: number;
  readonly regex: RegExp;
}

/** Globs tested together against one string. */
export interface GlobBucket {
  /** The smallest list index among the globs matching the text; Infinity when none does. */
  firstIndex(text: string): number;
}

/**
 * One regular expression for the whole bucket (an alternation of picomatch's regexes, each
 * anchored ^…$, so the alternation stays anchored): the usual miss costs one test; only a hit
 * pays for the scan, in list order, that names the rule.
 */
export function compileGlobBucket(entries: readonly GlobEntry[], nocase: boolean): GlobBucket {
  const ordered = [...entries].sort((a, b) => a.index - b.index);
  const combined = new RegExp(ordered.map((entry) => `(?:${entry.regex.source})`).join('|'), nocase ? 'i' : '');
  return {
    firstIndex(text: string): number {
      if (!combined.test(text)) return Number.POSITIVE_INFINITY;
      for (const entry of ordered) if (entry.regex.test(text)) return entry.index;
      return Number.POSITIVE_INFINITY;
    },
  };
}
