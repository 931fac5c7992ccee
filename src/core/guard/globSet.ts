import picomatch from 'picomatch';
import { compileFolderTree, type FolderNode } from './folderTree';
import { compileGlobBucket, type GlobEntry } from './globBucket';
import { globShape } from './globShape';

/** How the guard compiles globs; `nocase` is set on case-insensitive file systems. */
export interface GlobOptions {
  readonly nocase: boolean;
}

/**
 * The options every guard glob compiles with. Dot files match (`**` must not skip `.env`), a
 * leading "!" is a literal character (negation inside an allow list would silently widen it) and
 * paths are POSIX-style on every host, because the guard converts them before matching.
 */
export function picomatchOptions(options: GlobOptions): picomatch.PicomatchOptions {
  return { dot: true, nonegate: true, windows: false, nocase: options.nocase };
}

/** Many globs compiled once, asked "which one matches?" per decision. */
export interface GlobSet {
  /** The first glob, in list order, matching the POSIX-style relative path; undefined when none does. */
  firstMatch(relativePath: string): string | undefined;
}

/**
 * Compiles the globs once into a few groups by shape (see globShape), each group one regular
 * expression (an alternation of picomatch's regexes) tested against only the part of the path
 * its globs can match: a path pays for a few short tests, not one per glob. With `coverContents`,
 * a glob also matches everything below a folder it matches, so denying `secrets` denies
 * `secrets/key.pem`, as a user writing it means.
 */
export function compileGlobSet(globs: readonly string[], options: GlobOptions & { readonly coverContents: boolean }): GlobSet {
  const picoOptions = picomatchOptions(options);
  const fold = options.nocase ? lowerCase : sameCase;
  const tails = new Map<number, GlobEntry[]>();
  const windows = new Map<number, GlobEntry[]>();
  const underFolder = new Map<string, GlobEntry[]>();
  globs.forEach((glob, index) => {
    for (const pattern of patternsFor(glob, options.coverContents)) {
      const shape = globShape(pattern);
      const entry = { index, regex: picomatch.makeRe(shape.pattern, picoOptions) };
      if (shape.kind === 'tail') addTo(tails, shape.segments, entry);
      else if (shape.kind === 'window') addTo(windows, shape.segments, entry);
      else addTo(underFolder, shape.kind === 'under-folder' ? fold(shape.folder) : '', entry);
    }
  });
  const tailBuckets = [...tails].map(([count, entries]) => ({ count, bucket: compileGlobBucket(entries, options.nocase) }));
  const windowBuckets = [...windows].map(([count, entries]) => ({ count, bucket: compileGlobBucket(entries, options.nocase) }));
  const folders = compileFolderTree(underFolder, options.nocase);

  return {
    firstMatch(relativePath: string): string | undefined {
      const bounds = segmentBounds(relativePath);
      const segments = bounds.length - 1;
      let best = Number.POSITIVE_INFINITY;
      for (const { count, bucket } of tailBuckets) {
        if (count <= segments) best = Math.min(best, bucket.firstIndex(segmentRun(relativePath, bounds, segments - count, count)));
      }
      for (const { count, bucket } of windowBuckets) {
        for (let start = 0; start + count <= segments; start++) best = Math.min(best, bucket.firstIndex(segmentRun(relativePath, bounds, start, count)));
      }
      // Walk down the path's own folders as long as globs are filed under them.
      let node: FolderNode | undefined = folders;
      for (let segment = 0; node !== undefined; segment++) {
        if (node.bucket !== undefined) best = Math.min(best, node.bucket.firstIndex(relativePath));
        node = segment < segments ? node.children.get(fold(segmentRun(relativePath, bounds, segment, 1))) : undefined;
      }
      return best === Number.POSITIVE_INFINITY ? undefined : globs[best];
    },
  };
}

function addTo<K>(groups: Map<K, GlobEntry[]>, key: K, entry: GlobEntry): void {
  const entries = groups.get(key);
  if (entries === undefined) groups.set(key, [entry]);
  else entries.push(entry);
}

/** Where each segment ends: -1 (before the first), each slash, then the length. Computed once per path. */
function segmentBounds(relativePath: string): number[] {
  const bounds = [-1];
  for (let slash = relativePath.indexOf('/'); slash !== -1; slash = relativePath.indexOf('/', slash + 1)) bounds.push(slash);
  bounds.push(relativePath.length);
  return bounds;
}

/** `count` segments from segment `start`, joined by "/". */
function segmentRun(relativePath: string, bounds: readonly number[], start: number, count: number): string {
  return relativePath.slice((bounds[start] ?? 0) + 1, bounds[start + count]);
}

function patternsFor(glob: string, coverContents: boolean): string[] {
  return coverContents && !glob.endsWith('/**') ? [glob, `${glob}/**`] : [glob];
}

function lowerCase(text: string): string {
  return text.toLowerCase();
}

function sameCase(text: string): string {
  return text;
}
