import path from 'node:path';
import { z } from 'zod';
import type { FileGuard } from '../../guard/fileGuard';
import { NOT_DESCENDED } from '../../files/generatedFolders';
import { readGuardedDirectory } from '../../guard/guardedOpen';
import type { AgentTool, ToolPlan, ToolResult } from '../agentTool';
import { displayPath, type WorkspaceRoots } from './workspaceRoots';

const parameters = z.strictObject({
  path: z.string().min(1).max(4096).default('.').describe('folder to list, relative to the workspace folder; default the workspace folder'),
  depth: z.number().int().min(1).max(6).default(2).describe('how many levels of subfolders to descend (1 = only this folder)'),
  maxEntries: z.number().int().min(1).max(2000).default(400).describe('most entries to return'),
});
type Args = z.infer<typeof parameters>;

export interface FsListContext {
  readonly guard: () => FileGuard;
  readonly roots: WorkspaceRoots;
}

interface Walk {
  readonly lines: string[];
  denied: number;
  notDescended: number;
  cut: boolean;
}

/**
 * `fs.list`: a folder's tree, depth- and count-capped. Every entry is decided by the file guard
 * (files as reads, folders as listings) and every folder read through guardedOpen; what the guard
 * denies is left out and counted, never named.
 */
export function fsListTool(context: FsListContext): AgentTool<Args> {
  return {
    id: 'fs.list',
    description: 'List a folder of the workspace as a tree (folders end with /), a few levels deep. Entries the security policy hides are left out and counted; generated folders such as node_modules are shown but not descended.',
    parameters,
    alwaysAsk: false,
    untrustedOutput: 'tool-output',
    plan: (args) => Promise.resolve().then((): ToolPlan => {
      const shown = displayPath(context.roots, args.path);
      return { target: shown, summary: `List ${shown}`, detail: `The agent wants to list ${shown}, ${args.depth} level(s) deep.` };
    }),
    run: (args) => run(args, context),
  };
}

async function run(args: Args, context: FsListContext): Promise<ToolResult> {
  // One call's guard: each folder's real path is resolved once for the whole listing.
  const guard = context.guard().forCall();
  const shown = displayPath(context.roots, args.path);
  const walk: Walk = { lines: [], denied: 0, notDescended: 0, cut: false };
  const root = await readGuardedDirectory(guard, args.path);
  if (!root.ok) return { ok: false, error: `${shown} cannot be listed: ${root.decision.detail}` };
  await listFolder(guard, root.value.decision.path ?? args.path, root.value.entries, 1, args, walk);
  const notes = [
    walk.denied > 0 ? `${walk.denied} entr${walk.denied === 1 ? 'y' : 'ies'} hidden by the security policy` : '',
    walk.notDescended > 0 ? `${walk.notDescended} generated folder(s) not descended` : '',
    walk.cut ? `cut at ${args.maxEntries} entries: list a subfolder to see more` : '',
  ].filter((note) => note !== '');
  const body = walk.lines.length === 0 ? '(empty)' : walk.lines.join('\n');
  return {
    ok: true,
    content: `${shown === '.' ? './' : `${shown}/`}\n${body}${notes.length > 0 ? `\n(${notes.join('; ')})` : ''}`,
    summary: `Listed ${shown}: ${walk.lines.length} entries${walk.denied > 0 ? `, ${walk.denied} hidden` : ''}`,
  };
}

async function listFolder(guard: FileGuard, folder: string, entries: readonly { name: string; isDirectory(): boolean; isFile(): boolean }[], level: number, args: Args, walk: Walk): Promise<void> {
  const sorted = [...entries].sort((a, b) => Number(b.isDirectory()) - Number(a.isDirectory()) || a.name.localeCompare(b.name));
  const indent = '  '.repeat(level - 1);
  for (const entry of sorted) {
    if (walk.lines.length >= args.maxEntries) {
      walk.cut = true;
      return;
    }
    const child = path.join(folder, entry.name);
    const isFolder = entry.isDirectory();
    const decision = await guard.decide(child, isFolder ? 'list' : 'read');
    // Too large to read is still there to see; every other denial hides the entry.
    if (decision.decision === 'deny' && decision.reason !== 'too-large') {
      walk.denied++;
      continue;
    }
    walk.lines.push(`${indent}${entry.name}${isFolder ? '/' : ''}${decision.reason === 'too-large' ? ' (too large to read)' : ''}`);
    if (!isFolder || level >= args.depth) continue;
    if (NOT_DESCENDED.has(entry.name)) {
      walk.notDescended++;
      continue;
    }
    const sub = await readGuardedDirectory(guard, child);
    if (!sub.ok) {
      walk.denied++;
      continue;
    }
    await listFolder(guard, sub.value.decision.path ?? child, sub.value.entries, level + 1, args, walk);
  }
}
