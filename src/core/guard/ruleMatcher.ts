import { posix } from 'node:path';
import { CONTROL_FILES } from './controlFiles';
import { compileDirectoryGlobs } from './directoryGlobs';
import { allowFile, denyFile, type FileDecision, type FileMode } from './fileDecision';
import type { FileRules } from './fileRules';
import { compileGlobSet, type GlobOptions, type GlobSet } from './globSet';

/** A policy's file rules and the hard control-file list, compiled once for one case mode. */
export interface FileRuleMatcher {
  readonly control: GlobSet;
  readonly deny: GlobSet;
  readonly readonly: GlobSet;
  readonly allow: GlobSet;
  /** Folders on the way to something `allow` matches, for `list`. */
  readonly allowFolders: GlobSet;
  /** Lower-cased extensions such as ".ts"; undefined when any extension is allowed. */
  readonly extensions: ReadonlySet<string> | undefined;
}

const CONTROL_FILE_WHY = new Map(CONTROL_FILES.map((file) => [file.glob, file.why]));

export function compileFileRules(rules: FileRules, options: GlobOptions): FileRuleMatcher {
  return {
    control: compileGlobSet(CONTROL_FILES.map((file) => file.glob), { ...options, coverContents: false }),
    deny: compileGlobSet(rules.deny, { ...options, coverContents: true }),
    readonly: compileGlobSet(rules.readonly, { ...options, coverContents: true }),
    allow: compileGlobSet(rules.allow, { ...options, coverContents: false }),
    allowFolders: compileDirectoryGlobs(rules.allow, options),
    extensions: rules.extensions.length === 0 ? undefined : new Set(rules.extensions.map((ext) => ext.toLowerCase())),
  };
}

/**
 * Judges a POSIX-style path relative to a workspace folder by the rules alone (no file system).
 * Order: control files (write only), deny, readonly (write only), allow (for `list`, also the
 * folders leading to allowed paths), extensions (read and write only). Deny wins over allow
 * because it is checked first; no allow rule matching is a denial.
 */
export function judgeByRules(matcher: FileRuleMatcher, relativePath: string, mode: FileMode): FileDecision {
  if (mode === 'write') {
    const control = matcher.control.firstMatch(relativePath);
    if (control !== undefined) {
      return denyFile('control-file', `${relativePath} is a control file that agents may never write: ${CONTROL_FILE_WHY.get(control) ?? 'it can change how the editor or the guard behaves'}.`, { rule: control });
    }
  }
  const denied = matcher.deny.firstMatch(relativePath);
  if (denied !== undefined) return denyFile('denied-by-rule', `${relativePath} matches the deny rule "${denied}".`, { rule: denied });
  if (mode === 'write') {
    const readonly = matcher.readonly.firstMatch(relativePath);
    if (readonly !== undefined) return denyFile('readonly', `${relativePath} matches the read-only rule "${readonly}".`, { rule: readonly });
  }
  const allowed = matcher.allow.firstMatch(relativePath) ?? (mode === 'list' ? matcher.allowFolders.firstMatch(relativePath) : undefined);
  if (allowed === undefined) return denyFile('not-allowed-by-rule', `${relativePath === '' ? 'the workspace folder' : relativePath} matches no allow rule; access is denied by default.`);
  if (mode !== 'list' && matcher.extensions !== undefined) {
    const extension = posix.extname(relativePath).toLowerCase();
    if (!matcher.extensions.has(extension)) {
      return denyFile('extension-not-allowed', `${extension === '' ? 'a file without an extension' : `"${extension}"`} is not among the allowed extensions (${[...matcher.extensions].join(', ')}).`, { rule: allowed });
    }
  }
  return allowFile(`${relativePath === '' ? 'the workspace folder' : relativePath} matches the allow rule "${allowed}".`, { rule: allowed });
}
