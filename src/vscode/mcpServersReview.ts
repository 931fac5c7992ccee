import * as vscode from 'vscode';
import type { AuditSink } from '../core/audit/auditSink';
import { directServerMove } from '../core/mcp/directServerPolicy';
import { mcpServerSummary, mcpServerSummaryText, type McpServerSummary } from '../core/mcp/mcpServerSummary';
import type { McpWorkspace } from '../core/mcp/mcpWorkspace';
import { ownEntries } from '../core/policy/keyedRecord';
import { overlayDisplayPath } from '../core/policy/policyPaths';
import type { McpServerPolicy } from '../core/policy/policySchema';
import { WORKSPACE_MCP_FILES } from '../core/posture/mcpConfigFiles';
import { describeLaunch, shownName } from '../core/posture/mcpServerEntries';
import { mcpLockStatus, mcpServerRows, type McpServerRow } from '../core/posture/mcpServerList';
import type { PostureFacts } from '../core/posture/sideDoors';
import { airlockGatewayLaunch } from './mcpGatewayLaunch';
import { lockMcp, type McpLockTarget } from './mcpLock';
import { moveBehindAirlock, type DirectServer } from './mcpServerMove';
import type { McpServers } from './mcpServers';
import type { PolicyService } from './policyService';
import type { SideDoors } from './sideDoors';
import { closeSideDoor } from './sideDoorsReview';

type Item = vscode.QuickPickItem & { readonly action?: () => Promise<void> };

export interface McpReviewContext {
  readonly doors: SideDoors;
  readonly policy: PolicyService;
  readonly audit: AuditSink;
  /** Where the extension is installed: the gateway's command line names its CLI there. */
  readonly extensionPath: string;
  /** The policy's servers as they run in this window: their state, pins and listings. */
  readonly servers: McpServers;
}

/**
 * "Airlock: Review MCP Servers…": the lock's state (and the lock itself, on confirmation), each
 * workspace setting that turns VS Code's MCP back on, Airlock's own servers with their state in
 * this window, pin, changes withheld, tools offered and flags (choosing one opens the whole
 * summary), every server configured for VS Code or other agents with where it is declared, and
 * "Move Behind Airlock…" for each one a workspace file declares.
 */
export async function reviewMcpServers(ctx: McpReviewContext): Promise<void> {
  const target = mcpLockTarget(ctx.doors.userDir, ctx.extensionPath);
  await ctx.doors.refresh();
  const facts = ctx.doors.facts;
  if (facts === undefined) return;
  const status = mcpLockStatus(facts, target.gatewayCommand);
  const lockItem: Item = status.locked
    ? { label: '$(lock) VS Code\'s MCP is locked to Airlock\'s gateway', detail: status.sentence }
    : { label: '$(unlock) Lock VS Code\'s MCP to Airlock\'s gateway…', detail: status.sentence, action: () => lock(ctx, target) };
  const findings = ctx.doors.current.filter((door) => door.kind === 'mcp-override').map((door): Item => ({
    label: `$(warning) ${door.label}`,
    detail: door.sentence,
    action: () => closeSideDoor(door, ctx.doors, ctx.audit),
  }));
  const own = await ownServers(ctx.servers.running, ctx.policy.policy?.mcp.servers);
  // Airlock's own servers are listed from their summaries, with what only this window knows.
  const rows = mcpServerRows(facts, undefined);
  const moves = directServers(facts, vscode.workspace.workspaceFolders?.[0]?.uri).map((direct) => moveItem(ctx, direct));
  const items: Item[] = [
    lockItem,
    ...section('Findings', findings),
    ...section('Airlock\'s servers', own.map(ownItem)),
    ...section('Servers', rows.map(serverItem)),
    ...section('Move behind Airlock', moves),
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: 'Airlock: MCP Servers',
    placeHolder: `${own.length + rows.length} listed${findings.length > 0 ? `, ${findings.length} finding${findings.length === 1 ? '' : 's'}` : ''}: choose one to act on it`,
    matchOnDescription: true,
    matchOnDetail: true,
  });
  await picked?.action?.();
}

async function lock(ctx: McpReviewContext, target: McpLockTarget): Promise<void> {
  if (!(await lockMcp(target, ctx.audit))) return;
  await ctx.doors.refresh();
  const facts = ctx.doors.facts;
  const status = facts === undefined ? undefined : mcpLockStatus(facts, target.gatewayCommand);
  if (status?.locked !== true) {
    void vscode.window.showWarningMessage(`Airlock: the settings were written, but VS Code does not report the lock yet: ${status?.sentence ?? ''}`);
  } else if (ctx.doors.current.some((door) => door.id === 'mcp-override:chat.mcp.access')) {
    void vscode.window.showWarningMessage('Airlock: VS Code\'s MCP is locked to Airlock\'s gateway, but this workspace\'s settings turn chat.mcp.access back on here; the allowlist still holds. See Airlock: Review MCP Servers….');
  } else {
    void vscode.window.showInformationMessage('Airlock: VS Code\'s MCP is locked to Airlock\'s gateway (chat.mcp.allowedServers) and stopped (chat.mcp.access: "none").');
  }
}

/**
 * The gateway's command line, and the default profile's user folder: `userDir` is this window's
 * profile folder (`User/profiles/<id>` in a profile other than the default one), and VS Code reads
 * application-scope settings from the default profile's settings.json only.
 */
function mcpLockTarget(userDir: vscode.Uri, extensionPath: string): McpLockTarget {
  const parent = vscode.Uri.joinPath(userDir, '..');
  const applicationUserDir = parent.path.endsWith('/profiles') ? vscode.Uri.joinPath(parent, '..') : userDir;
  return { applicationUserDir, gatewayCommand: airlockGatewayLaunch(extensionPath).commandLine };
}

function serverItem(row: McpServerRow): Item {
  const location = row.location;
  return {
    label: `${row.outsideGuard ? '$(warning)' : '$(server)'} ${row.name}`,
    description: row.state,
    detail: `${row.source} · ${row.launch}`,
    ...(location === undefined ? {} : { action: async () => void (await vscode.window.showTextDocument(vscode.Uri.parse(location))) }),
  };
}

interface OwnServer {
  readonly summary: McpServerSummary;
  readonly launch: string;
}

/** The policy's servers, each summarised with what the window's manager knows of it (nothing runs without a folder). */
async function ownServers(running: McpWorkspace | undefined, servers: Readonly<Record<string, McpServerPolicy>> | undefined): Promise<OwnServer[]> {
  return Promise.all(ownEntries(servers).map(async ([server, settings]) => {
    const identity = running?.identity(server);
    const approved = identity === undefined ? undefined : await running?.pins.approved(identity);
    const runtime = running === undefined ? undefined : { status: running.manager.status(server), maxFailures: running.manager.maxFailures, tools: running.serverTools(server)?.current() };
    const launch = settings.stdio ? describeLaunch({ name: server, rawName: server, command: settings.stdio.command, args: settings.stdio.args }) : describeLaunch({ name: server, rawName: server, ...(settings.http ? { url: settings.http.url } : {}) });
    return { summary: mcpServerSummary({ server, settings, approved, ...(runtime === undefined ? {} : { runtime }) }), launch };
  }));
}

function ownItem({ summary, launch }: OwnServer): Item {
  const pin = summary.pin === null ? 'never approved' : `pinned ${summary.pin.tools} tools ${summary.pin.approvedAt.slice(0, 16).replace('T', ' ')} (pin ${summary.pin.sha256}…)`;
  const pending = summary.pending === null ? [] : [`${summary.pending.added.length + summary.pending.changed.length + summary.pending.removed.length} changes withheld until you approve them`];
  const offered = summary.listing === 'none' ? [] : [`offers ${summary.offered.length}, withholds ${summary.withheld.length}`];
  const flags = summary.flags.length === 0 ? [] : [`${summary.flags.length} flagged`];
  return {
    label: `$(shield) ${summary.server}`,
    description: summary.state,
    detail: ['Airlock policy', launch, pin, ...pending, ...offered, ...flags].join(' · '),
    action: async () => {
      const content = [`# MCP server "${summary.server}" (Airlock policy)`, '', `runs: ${launch}`, ...mcpServerSummaryText(summary)].join('\n');
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ language: 'plaintext', content: `${content}\n` }));
    },
  };
}

/** The servers with something to run that the first folder's own MCP files declare (the overlay is that folder's). */
function directServers(facts: PostureFacts, root: vscode.Uri | undefined): DirectServer[] {
  if (root === undefined) return [];
  return WORKSPACE_MCP_FILES.flatMap((file) => {
    const location = vscode.Uri.joinPath(root, file.path).toString();
    const fact = facts.mcpConfigs.find((config) => config.location === location);
    return (fact?.servers ?? []).filter((entry) => entry.command !== undefined || entry.url !== undefined).map((entry) => ({ file: file.path, entry }));
  });
}

function moveItem(ctx: McpReviewContext, direct: DirectServer): Item {
  const move = directServerMove(direct.entry);
  return {
    label: `$(arrow-right) Move "${shownName(direct.entry.name)}" Behind Airlock…`,
    description: direct.file,
    detail: move.ok ? `writes mcp.servers.${move.name} (no tool allowed yet) to ${overlayDisplayPath(ctx.policy.packName)}, which you approve; then offers to remove it from ${direct.file}` : `cannot be moved: ${move.reason}`,
    action: () => moveBehindAirlock(ctx, direct),
  };
}

function section(label: string, items: readonly Item[]): Item[] {
  return items.length === 0 ? [] : [{ label, kind: vscode.QuickPickItemKind.Separator }, ...items];
}
