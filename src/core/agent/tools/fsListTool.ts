import type { Dirent } from 'node:fs';
import { z } from 'zod';
import { denyFile, type FileDecision } from '../../guard/fileDecision';
import type { FileGuard } from '../../guard/fileGuard';
import { NOT_DESCENDED } from '../../files/generatedFolders';
import { judgeListedEntry, readGuardedDirectory, readGuardedSubfolder, type GuardedListing, type GuardedOpen } from '../../guard/guardedOpen';
import type { AgentTool, ToolPlan, ToolResult } from '../agentTool';
import { displayPath, type WorkspaceRoots } from './workspaceRoots';

/** Entries judged together; see listFolder. */
const JUDGE_WINDOW = 32;

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
  // One call's guard: a link in the listing, decided in full, resolves each folder once for the call.
  const guard = context.guard().forCall();
  const shown = displayPath(context.roots, args.path);
  const walk: Walk = { lines: [], denied: 0, notDescended: 0, cut: false };
  const root = await readGuardedDirectory(guard, args.path);
  if (!root.ok) return { ok: false, error: `${shown} cannot be listed: ${root.decision.detail}` };
  await listFolder(guard, root.value, 1, args, walk);
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

/** An entry's decision and, for a folder the walk will descend into, its listing already under way. */
interface Judged {
  readonly decision: FileDecision;
  readonly listing?: Promise<GuardedOpen<GuardedListing> | undefined>;
}

async function listFolder(guard: FileGuard, listing: GuardedListing, level: number, args: Args, walk: Walk): Promise<void> {
  const sorted = [...listing.entries].sort((a, b) => Number(b.isDirectory()) - Number(a.isDirectory()) || a.name.localeCompare(b.name));
  const indent = '  '.repeat(level - 1);
  let window: Promise<Judged[]> = Promise.resolve([]);
  for (const [index, entry] of sorted.entries()) {
    if (walk.lines.length >= args.maxEntries) {
      walk.cut = true;
      return;
    }
    const isFolder = entry.isDirectory();
    // Entries are judged a window at a time, together, and their subfolders read ahead: each
    // folder waits on the disk, and one at a time the waits add up. A window, not the whole
    // folder, because the cap may stop the listing early.
    if (index % JUDGE_WINDOW === 0) window = judgeWindow(guard, listing, sorted.slice(index, index + JUDGE_WINDOW), level, args);
    const judged = (await window)[index % JUDGE_WINDOW];
    const decision = judged?.decision ?? denyFile('guard-error', `${entry.name} was not decided.`);
    // Too large to read is still there to see (a link judged in full may say so); every other denial hides the entry.
    if (decision.decision === 'deny' && decision.reason !== 'too-large') {
      walk.denied++;
      continue;
    }
    walk.lines.push(`${indent}${entry.name}${isFolder ? '/' : ''}`);
    if (!isFolder || level >= args.depth) continue;
    if (NOT_DESCENDED.has(entry.name)) {
      walk.notDescended++;
      continue;
    }
    const sub = await judged?.listing;
    if (sub === undefined || !sub.ok) {
      walk.denied++;
      continue;
    }
    await listFolder(guard, sub.value, level + 1, args, walk);
  }
}

/**
 * Plain files and folders are judged by the rules alone, their folder having been checked on its
 * descriptor: naming an entry reads nothing, and fs.read decides a file in full when it is read.
 */
function judgeWindow(guard: FileGuard, listing: GuardedListing, entries: readonly Dirent[], level: number, args: Args): Promise<Judged[]> {
  return Promise.all(entries.map(async (entry): Promise<Judged> => {
    const decision = await judgeListedEntry(guard, listing, entry);
    if (!entry.isDirectory() || decision.decision === 'deny' || level >= args.depth || NOT_DESCENDED.has(entry.name)) return { decision };
    // A folder that cannot be read is hidden like a denied one.
    return { decision, listing: readGuardedSubfolder(guard, listing, entry).catch(() => undefined) };
  }));
}
