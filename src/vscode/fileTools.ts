import * as vscode from 'vscode';
import type { AgentTool } from '../core/agent/agentTool';
import { fsListTool } from '../core/agent/tools/fsListTool';
import { fsReadTool } from '../core/agent/tools/fsReadTool';
import { fsSearchTool } from '../core/agent/tools/fsSearchTool';
import { fsWriteTool } from '../core/agent/tools/fsWriteTool';
import { findRipgrep } from '../core/process/ripgrepLocation';
import { ripgrepSearch } from '../core/process/ripgrepSearch';
import { nodeTextSearch } from '../core/search/nodeTextSearch';
import type { TextSearchEngine } from '../core/search/textSearch';
import type { PolicyService } from './policyService';
import { VscodeWorkspaceEditor } from './vscodeWorkspaceEditor';
import { workspaceFiles } from './workspaceFiles';

/**
 * The agent's file tools, wired to VS Code: the file guard built from the policy in force and the
 * open workspace folders (rebuilt when either changes), VS Code's own ripgrep for search, and
 * edits into unsaved buffers or through the guarded writes.
 */
export function fileTools(policy: PolicyService): AgentTool[] {
  const { rules, roots, guard } = workspaceFiles(policy);
  let engine: Promise<TextSearchEngine> | undefined;
  const search: TextSearchEngine = {
    search: async (query, signal) => (await (engine ??= findRipgrep(vscode.env.appRoot).then((rg) => (rg ? ripgrepSearch(rg) : nodeTextSearch())))).search(query, signal),
  };
  return [
    fsListTool({ guard, roots }),
    fsReadTool({ guard, roots }),
    fsSearchTool({ guard, roots, rules, engine: () => search }),
    fsWriteTool({ guard, roots, editor: new VscodeWorkspaceEditor(guard) }),
  ];
}
