import * as vscode from 'vscode';
import type { WorkspaceRoots } from '../core/agent/tools/workspaceRoots';
import { createFileGuard, type FileGuard } from '../core/guard/fileGuard';
import type { FileRules } from '../core/guard/fileRules';
import type { PolicyService } from './policyService';

/** Rules that allow nothing: with no policy loaded, no file can be touched. */
const NO_FILES: FileRules = { allow: [], deny: ['**'], readonly: [], extensions: [], maxFileSizeMb: 0 };

export interface WorkspaceFiles {
  readonly rules: () => FileRules;
  readonly roots: WorkspaceRoots;
  /** The file guard for the policy in force and the open folders, rebuilt when either changes. */
  readonly guard: () => FileGuard;
}

/** The file guard over the open workspace folders, shared by the agent's file tools and the panel's Apply. */
export function workspaceFiles(policy: PolicyService): WorkspaceFiles {
  let cached: { rules: FileRules; folders: string; guard: FileGuard } | undefined;
  const rules = (): FileRules => policy.policy?.files ?? NO_FILES;
  const roots = (): string[] => (vscode.workspace.workspaceFolders ?? []).filter((folder) => folder.uri.scheme === 'file').map((folder) => folder.uri.fsPath);
  const guard = (): FileGuard => {
    const current = rules();
    const folders = roots().join('\0');
    if (cached?.rules !== current || cached.folders !== folders) cached = { rules: current, folders, guard: createFileGuard({ workspaceFolders: roots(), rules: current }) };
    return cached.guard;
  };
  return { rules, roots, guard };
}
