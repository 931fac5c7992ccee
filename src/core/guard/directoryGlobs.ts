import picomatch from 'picomatch';
import { picomatchOptions, type GlobOptions, type GlobSet } from './globSet';

type SegmentMatcher = ((segment: string) => boolean) | 'globstar';

interface SegmentedGlob {
  readonly glob: string;
  readonly segments: readonly SegmentMatcher[];
}

/**
 * Answers "could this folder contain a path the glob matches?" so `list` can open the folders on
 * the way to allowed files: with allow `["src/**\/*.ts"]`, listing `src` and `src/util` is fine,
 * listing `docs` is not. Each folder segment is matched against the glob's segment at the same
 * depth until a `**`, which can match anything below. A glob whose braces span a "/" cannot be
 * split this way and matches fewer folders than it could: that errs towards denying.
 */
export function compileDirectoryGlobs(globs: readonly string[], options: GlobOptions): GlobSet {
  const picoOptions = picomatchOptions(options);
  const segmented: SegmentedGlob[] = globs.map((glob) => ({
    glob,
    segments: (picomatch.scan(glob, { parts: true }).parts ?? [glob]).map((part): SegmentMatcher => (part === '**' ? 'globstar' : picomatch(part, picoOptions))),
  }));
  return {
    firstMatch(relativeFolder: string): string | undefined {
      const folderSegments = relativeFolder === '' ? [] : relativeFolder.split('/');
      return segmented.find((entry) => couldContainMatch(folderSegments, entry.segments))?.glob;
    },
  };
}

function couldContainMatch(folderSegments: readonly string[], globSegments: readonly SegmentMatcher[]): boolean {
  for (const [index, segment] of folderSegments.entries()) {
    const matcher = globSegments[index];
    if (matcher === undefined) return false;
    if (matcher === 'globstar') return true;
    if (!matcher(segment)) return false;
  }
  return true;
}
