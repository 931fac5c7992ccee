import * as vscode from 'vscode';
import type { AuditSink } from '../core/audit/auditSink';
import { mcpLockStatus, mcpServerRows, type McpServerRow } from '../core/posture/mcpServerList';
import { airlockGatewayLaunch } from './mcpGatewayLaunch';
import { lockMcp, type McpLockTarget } from './mcpLock';
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
}

/**
 * "Airlock: Review MCP Servers…": the lock's state (and the lock itself, on confirmation), each
 * workspace setting that turns VS Code's MCP back on, then every server Airlock knows of with
 * where it is declared, its command or URL, and its state.
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
  const rows = mcpServerRows(facts, ctx.policy.policy?.mcp);
  const items: Item[] = [
    lockItem,
    ...section('Findings', findings),
    ...section('Servers', rows.map(serverItem)),
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: 'Airlock: MCP Servers',
    placeHolder: `${rows.length} listed${findings.length > 0 ? `, ${findings.length} finding${findings.length === 1 ? '' : 's'}` : ''}: choose one to act on it`,
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

function section(label: string, items: readonly Item[]): Item[] {
  return items.length === 0 ? [] : [{ label, kind: vscode.QuickPickItemKind.Separator }, ...items];
}
