import type { PlatformPath } from 'node:path';
import { denyFile, type FileDecision, type FileMode } from './fileDecision';
import type { FileRules } from './fileRules';
import { checkWriteSize, describeSize, withinSizeLimit } from './fileSize';
import { errorCode, nodeGuardFs, statIfExists, type GuardFs, type GuardStats } from './guardFs';
import { hostPathPlatform, pathApiFor, type PathPlatform } from './pathPlatform';
import { findNameProblem, findPathProblem } from './pathSyntax';
import { directLocator, folderCachingLocator, type Located, type Locator } from './pathLocator';
import { compileFileRules, judgeByRules, type FileRuleMatcher } from './ruleMatcher';
import { foldersContaining, resolveWorkspaceFolders, type FolderPath, type WorkspaceFolder } from './workspaceFolders';

export interface FileGuardOptions {
  /** Absolute paths of the workspace folders; relative paths are taken from the first one that resolves. */
  readonly workspaceFolders: readonly string[];
  readonly rules: FileRules;
  /** Compare names case-insensitively. Default: probed per folder on its file system. */
  readonly caseInsensitive?: boolean;
  /** The file system to ask; default node:fs/promises. */
  readonly fs?: GuardFs;
  /** The path syntax to read; default the host's. Tests pass win32 with an in-memory fs. */
  readonly platform?: PathPlatform;
}

/**
 * Decides what the agent's file tools may touch. A tool must then open `decision.path`, the real
 * location that was judged, not the string it was given: the two can differ by symbolic links
 * and `..`. A link swapped between decision and use is caught by opening through guardedOpen
 * (reads, listings) and guardedWrite (writes), which check what they opened.
 */
export interface FileGuard {
  decide(path: string, mode: FileMode): Promise<FileDecision>;
  /** Whether a write of this many bytes is within the size limit; ask before writing. */
  checkWriteSize(bytes: number): FileDecision;
  /**
   * Checks 7 and 8 again on what a tool actually opened (the descriptor's fstat), so a file
   * swapped or given a second name after `decide` is refused: undefined when it passes.
   */
  judgeOpened(opened: GuardStats, mode: FileMode, path: string): FileDecision | undefined;
  /**
   * Judges a name read from a folder whose real path (`folder`) a guarded open verified on its
   * descriptor, by the type the listing reported: checks 1, 3 and 6 on `folder` + `name`, with no
   * file system call, so a listing of thousands of names costs rule matching alone. It says
   * whether the entry may be named in a listing or, for a folder, opened; not whether a file may
   * be read (size and link count are judged when it is opened). Links and entries of unknown
   * type are not for this: decide them.
   */
  judgeEntry(folder: string, name: string, kind: 'file' | 'folder'): Promise<FileDecision>;
  /**
   * The same guard for one tool call that decides many paths (a listing, search hits): it
   * resolves each folder's real path once for the call instead of once per file. Ask for a new
   * one on every call, so a folder swapped for a link since the last call is judged anew.
   */
  forCall(): FileGuard;
}

const MODES: ReadonlySet<string> = new Set<FileMode>(['read', 'write', 'list']);

/**
 * Builds a guard; workspace folders are resolved (and their case sensitivity probed) once, on the
 * first decision, and the rules compiled once per case mode. When the folders or the rules
 * change, build a new guard.
 *
 * `decide` checks, in order, and the first failing check is the answer:
 *  1. the path is a plain string: no NUL, control, invisible or look-alike characters, no
 *     percent-encoding, no Windows device/verbatim/UNC-like/drive-relative forms, streams,
 *     trailing dots or spaces, reserved device names or 8.3 names ('invalid-path');
 *  2. there is a workspace folder ('no-workspace');
 *  3. with `..` collapsed, the path lies in a workspace folder ('outside-workspace');
 *  4. its real location (realpath of the longest existing prefix, then the rest) can be found
 *     ('unresolvable-path', 'dangling-symlink'), lies in a workspace folder ('symlink-escape')
 *     and can be inspected ('unresolvable-path');
 *  5. a workspace folder itself is only listed ('not-a-file');
 *  6. the rules, for the real location and for the path as named (a rule must not be dodged by
 *     naming a file through a link): control files for writes ('control-file'), deny globs
 *     ('denied-by-rule'), readonly globs for writes ('readonly'), allow globs
 *     ('not-allowed-by-rule'), extensions for reads and writes ('extension-not-allowed');
 *  7. what is on disk suits the mode ('not-a-file', 'not-a-directory');
 *  8. a file to read is within the size limit ('too-large'); a file has one name only
 *     ('hard-link'): another name may be a denied file or lie outside the workspace, and writing
 *     in place would change it too; `readHardLinks` lets such files be read, never written.
 * Anything that goes wrong while deciding is a denial ('guard-error').
 */
export function createFileGuard(options: FileGuardOptions): FileGuard {
  const platform = options.platform ?? hostPathPlatform();
  const pathApi = pathApiFor(platform);
  const fs = options.fs ?? nodeGuardFs;
  let folders: Promise<WorkspaceFolder[]> | undefined;
  const matchers = new Map<boolean, FileRuleMatcher>();

  function matcherFor(folder: WorkspaceFolder): FileRuleMatcher {
    let matcher = matchers.get(folder.caseInsensitive);
    if (matcher === undefined) {
      matcher = compileFileRules(options.rules, { nocase: folder.caseInsensitive });
      matchers.set(folder.caseInsensitive, matcher);
    }
    return matcher;
  }

  const direct = directLocator(fs, pathApi);
  const workspace = (): Promise<WorkspaceFolder[]> => (folders ??= resolveWorkspaceFolders(options.workspaceFolders, { fs, platform, pathApi, caseInsensitive: options.caseInsensitive }));

  /** `cached`: the locator of one call, or undefined to resolve every path on its own. */
  function guardWith(cached: Locator | undefined): FileGuard {
    return {
      async decide(path: string, mode: FileMode): Promise<FileDecision> {
        try {
          if (typeof path !== 'string') return denyFile('invalid-path', 'the path is not a string.');
          if (!MODES.has(mode)) return denyFile('guard-error', `"${String(mode)}" is not a file mode (read, write, list).`);
          const resolved = await workspace();
          // A folder's real path plus a name as typed is not what realpath answers on a volume
          // that ignores case (it gives the name as stored), so those resolve every path.
          const locate = cached !== undefined && resolved.every((folder) => !folder.caseInsensitive) ? cached : direct;
          return await decidePath({ fs, pathApi, platform, rules: options.rules, folders: resolved, matcherFor, locate }, path, mode);
        } catch (error) {
          return denyFile('guard-error', `the guard could not decide (${error instanceof Error ? error.message : String(error)}), so access is denied.`);
        }
      },
      checkWriteSize(bytes: number): FileDecision {
        return checkWriteSize(bytes, options.rules.maxFileSizeMb);
      },
      judgeOpened: (opened, mode, path) => judgeOnDisk(opened, mode, options.rules, path),
      async judgeEntry(folder: string, name: string, kind: 'file' | 'folder'): Promise<FileDecision> {
        try {
          return judgeListedName({ pathApi, platform, folders: await workspace(), matcherFor }, folder, name, kind);
        } catch (error) {
          return denyFile('guard-error', `the guard could not judge ${name} (${error instanceof Error ? error.message : String(error)}), so it is hidden.`);
        }
      },
      forCall: () => guardWith(folderCachingLocator(fs, pathApi)),
    };
  }
  return guardWith(undefined);
}

interface DecideContext {
  readonly fs: GuardFs;
  readonly pathApi: PlatformPath;
  readonly platform: PathPlatform;
  readonly rules: FileRules;
  readonly folders: readonly WorkspaceFolder[];
  matcherFor(folder: WorkspaceFolder): FileRuleMatcher;
  readonly locate: Locator;
}

async function decidePath(context: DecideContext, raw: string, mode: FileMode): Promise<FileDecision> {
  const { fs, pathApi, folders } = context;
  const problem = findPathProblem(raw, context.platform);
  if (problem !== undefined) return denyFile('invalid-path', `${problem}.`);
  const first = folders[0];
  if (first === undefined) return denyFile('no-workspace', 'no workspace folder is open (or none could be resolved), so no file is accessible.');

  // Joined by hand, not with path.resolve: `..` must be resolved by the file system below.
  const absolute = pathApi.isAbsolute(raw) ? raw : `${first.given}${pathApi.sep}${raw}`;
  const lexical = pathApi.resolve(absolute);
  const named = foldersContaining(lexical, folders, pathApi, 'given-or-real');
  if (named.length === 0) return denyFile('outside-workspace', `${lexical} is outside the workspace folders (${folders.map((folder) => folder.given).join(', ')}).`, { path: lexical });

  const located = await context.locate(absolute);
  if ('decision' in located) return located;
  const location = located.path;
  const real = foldersContaining(location, folders, pathApi, 'real');
  if (real.length === 0) return denyFile('symlink-escape', `${raw} leads through a symbolic link to ${location}, outside the workspace folders.`, { path: location });

  const onDisk = await inspect(fs, located);
  if ('decision' in onDisk) return onDisk;
  if (mode !== 'list' && real.some((entry) => entry.relative === '')) return denyFile('not-a-file', 'a workspace folder can be listed, not read or written.', { path: location });

  const byRules = judgeCandidates(context, [...real, ...named], mode, location);
  if (byRules.decision === 'deny') return byRules;
  return judgeOnDisk(onDisk.stats, mode, context.rules, location) ?? byRules;
}

/** Check 6: every way of naming the location must pass the rules; the first denial decides. */
function judgeCandidates(context: Pick<DecideContext, 'matcherFor'>, candidates: readonly FolderPath[], mode: FileMode, location: string): FileDecision {
  let allowedBy: FileDecision | undefined;
  for (const candidate of uniqueCandidates(candidates)) {
    const verdict = judgeByRules(context.matcherFor(candidate.folder), candidate.relative, mode);
    if (verdict.decision === 'deny') return { ...verdict, path: location };
    allowedBy ??= verdict;
  }
  return allowedBy === undefined ? denyFile('guard-error', `no rule set judged ${location}.`, { path: location }) : { ...allowedBy, path: location };
}

type ListingContext = Pick<DecideContext, 'pathApi' | 'platform' | 'folders' | 'matcherFor'>;

/** FileGuard.judgeEntry: the rules for a plain name in a verified folder; no file system call. */
function judgeListedName(context: ListingContext, folder: string, name: string, kind: 'file' | 'folder'): FileDecision {
  const { pathApi } = context;
  const problem = findNameProblem(name, context.platform);
  if (problem !== undefined) return denyFile('invalid-path', `${problem}.`);
  const location = pathApi.join(folder, name);
  const real = foldersContaining(location, context.folders, pathApi, 'real');
  if (real.length === 0) return denyFile('outside-workspace', `${location} is outside the workspace folders.`, { path: location });
  return judgeCandidates(context, real, kind === 'folder' ? 'list' : 'read', location);
}

/** What is at the location (stats undefined: nothing yet), or the denial when it cannot be inspected. */
async function inspect(fs: GuardFs, located: Located): Promise<{ readonly stats: GuardStats | undefined } | FileDecision> {
  if (located.onDisk !== undefined) return located.onDisk;
  const location = located.path;
  try {
    return { stats: await statIfExists(fs, location) };
  } catch (error) {
    return denyFile('unresolvable-path', `${location} could not be inspected (${errorCode(error) ?? String(error)}).`, { path: location });
  }
}

/** The same folder and relative path reached twice (real and named alike) is judged once. */
function uniqueCandidates(candidates: readonly FolderPath[]): FolderPath[] {
  const seen = new Set<string>();
  return candidates.filter((candidate) => {
    const key = `${candidate.folder.real}\0${candidate.relative}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Checks 7 and 8: what exists at the location must suit the mode. A missing file passes (it may be created). */
function judgeOnDisk(onDisk: GuardStats | undefined, mode: FileMode, rules: FileRules, location: string): FileDecision | undefined {
  if (onDisk === undefined) return undefined;
  if (mode === 'list') return onDisk.isDirectory() ? undefined : denyFile('not-a-directory', `${location} is not a folder, so it cannot be listed.`, { path: location });
  if (!onDisk.isFile()) return denyFile('not-a-file', `${location} is ${onDisk.isDirectory() ? 'a folder' : 'not a regular file (a device, pipe or socket)'}.`, { path: location });
  if (mode === 'read' && !withinSizeLimit(onDisk.size, rules.maxFileSizeMb)) {
    return denyFile('too-large', `${location} is ${describeSize(onDisk.size)}, more than the ${rules.maxFileSizeMb} MB limit for files.`, { path: location });
  }
  if (mode === 'write' && onDisk.nlink > 1) {
    return denyFile('hard-link', `${location} has ${onDisk.nlink} hard links; writing it in place would change the other names too, which may lie outside the workspace.`, { path: location });
  }
  if (mode === 'read' && onDisk.nlink > 1 && rules.readHardLinks !== true) {
    return denyFile('hard-link', `${location} has ${onDisk.nlink} names (hard links); another name may be a denied file or lie outside the workspace, so it is not read (the policy's files.readHardLinks allows it).`, { path: location });
  }
  return undefined;
}
