import * as vscode from 'vscode';
import { knownToolIds } from '../core/agent/toolRegistry';
import type { AuditSink } from '../core/audit/auditSink';
import { BUILTIN_PACK_NAMES, loadBuiltinPack } from '../core/policy/builtinPacks';
import type { PolicySourceKind } from '../core/policy/effectivePolicy';
import { addFirewallRule, removeFirewallRule } from '../core/policy/firewallEditor';
import { ALL_TOOLS, listRules, type EgressList, type EgressRuleRow } from '../core/policy/firewallRules';
import { formatHostPattern, parseHostPattern } from '../core/policy/hostPattern';
import { unsafeEgressReason } from '../core/policy/hostSafety';
import { hostFromPasted } from '../core/policy/pastedHost';
import { standingEgressEntries, standingFieldEntries } from '../core/policy/standingEntries';
import type { PolicyService } from './policyService';
import type { SecuritySettings } from './securitySettings';

export interface FirewallContext {
  readonly policy: PolicyService;
  readonly settings: SecuritySettings;
  readonly audit: AuditSink;
  readonly log: vscode.LogOutputChannel;
}

const ALL_TOOLS_LABEL = 'All tools';

/** "Airlock: Firewall: List Rules": every rule by tool; overlay rules can be removed from here. */
export async function listFirewallRules(ctx: FirewallContext): Promise<void> {
  const effective = await ctx.policy.reload();
  const rows = listRules(effective.sources);
  const remove: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('trash'), tooltip: 'Remove this rule' };
  const pick = vscode.window.createQuickPick<vscode.QuickPickItem & { row?: EgressRuleRow }>();
  pick.title = `Airlock Firewall — pack "${effective.packName}" (everything not allowed is denied)`;
  pick.placeholder = rows.length === 0 ? 'No rules: every host is denied. Use "Airlock: Firewall: Allow Domain…" to allow one.' : 'Filter rules';
  pick.matchOnDescription = true;
  pick.items = rows.length === 0 ? [{ label: '$(shield) default deny — no host is allowed' }] : rows.map((row) => ({
    label: `${listIcon(row.list)} ${row.pattern}`,
    description: `${row.tool === ALL_TOOLS ? ALL_TOOLS_LABEL : row.tool} · ${row.list}`,
    detail: sourceLabel(row.source, row.file, effective.packName),
    row,
    ...(removable(row) ? { buttons: [remove] } : {}),
  }));
  const done = new Promise<void>((resolve) => {
    pick.onDidTriggerItemButton(async ({ item }) => {
      if (!item.row) return;
      pick.hide();
      await removeRule(ctx, item.row.pattern, item.row.tool);
    });
    // Choosing a row is how people expect to act on it: offer what can be done with that rule.
    pick.onDidAccept(async () => {
      const row = pick.selectedItems[0]?.row;
      if (row === undefined) return;
      pick.hide();
      await offerRuleAction(ctx, row, effective.packName);
    });
    pick.onDidHide(() => {
      pick.dispose();
      resolve();
    });
  });
  pick.show();
  await done;
}

/** "Airlock: Firewall: Allow Domain…": pick a tool (or all), enter a host pattern, confirm. */
export async function allowDomain(ctx: FirewallContext, presetTool?: string, presetPattern?: string): Promise<boolean> {
  const tool = presetTool ?? (await pickTool());
  if (tool === undefined) return false;
  const raw = presetPattern ?? (await vscode.window.showInputBox({
    title: `Airlock: allow a host for ${tool === ALL_TOOLS ? 'all tools' : tool}`,
    prompt: 'A host name (example.com), a wildcard for its subdomains (*.example.com), optionally :port; or paste a URL to take its host.',
    placeHolder: 'docs.example.com',
    ignoreFocusOut: true,
    validateInput: validatePattern,
  }));
  if (raw === undefined) return false;
  const problem = validatePattern(raw);
  if (typeof problem === 'string') {
    void vscode.window.showErrorMessage(`Airlock: ${problem}`);
    return false;
  }
  const host = hostFromPasted(raw);
  const parsed = parseHostPattern(host);
  const pattern = parsed.ok ? formatHostPattern(parsed.pattern) : host;
  const scope = tool === ALL_TOOLS ? 'every tool' : tool;
  // Loosening the guard asks, even when the user started it: a palette command can be mis-typed.
  const confirm = await vscode.window.showWarningMessage(`Airlock: allow ${pattern} for ${scope}?`, { modal: true, detail: `The agent's network requests to ${pattern} will no longer be blocked for ${scope}. The rule is written to .airlock/policy/${ctx.policy.packName}.yaml.` }, 'Allow');
  if (confirm !== 'Allow') return false;
  return runEdit(ctx, 'allow', pattern, tool);
}

/**
 * "Airlock: Firewall: Remove Domain…": pick any egress entry that stands in the workspace overlay,
 * read from the file itself, so an overlay that fails to load can be repaired from here.
 */
export async function removeDomain(ctx: FirewallContext): Promise<boolean> {
  const workspaceFolder = ctx.policy.workspaceFolder;
  const entries = workspaceFolder === undefined ? [] : await standingEgressEntries(workspaceFolder, ctx.policy.packName);
  const fields = workspaceFolder === undefined ? [] : await standingFieldEntries(workspaceFolder, ctx.policy.packName);
  if (entries.length === 0 && fields.length === 0) {
    void vscode.window.showInformationMessage('Airlock: the workspace overlay lists no host; there is nothing to remove.');
    return false;
  }
  const items = [
    ...entries.map((entry) => ({ label: entry.pattern, description: `${entry.tool === ALL_TOOLS ? ALL_TOOLS_LABEL : entry.tool} · ${entry.list}`, remove: () => runEdit(ctx, 'remove', entry.pattern, entry.tool, entry.list) })),
    // Entries of the other lists too: any one of them can be what keeps the overlay from loading.
    ...fields.map((entry) => ({ label: entry.value, description: entry.field, remove: () => runEdit(ctx, 'remove', entry.value, ALL_TOOLS, 'allow', entry.field) })),
  ];
  const choice = await vscode.window.showQuickPick(items, { title: 'Airlock: remove a host from the workspace overlay (or another entry that stands in it)', placeHolder: 'Entry to remove' });
  if (!choice) return false;
  return choice.remove();
}

/** "Airlock: Select Policy Pack…": a looser pack than the current one asks first. */
export async function selectPolicyPack(ctx: FirewallContext): Promise<void> {
  const current = ctx.policy.packName;
  const items = await Promise.all(BUILTIN_PACK_NAMES.map(async (name) => ({ label: name, description: name === current ? 'active' : '', detail: await packDescription(ctx, name), picked: name === current })));
  const choice = await vscode.window.showQuickPick(items, { title: 'Airlock: policy pack' });
  if (!choice || choice.label === current) return;
  if (current === 'strict') {
    const confirm = await vscode.window.showWarningMessage(`Airlock: switch from "strict" to "${choice.label}"?`, { modal: true, detail: 'This loosens the guard: files may become writable and more tools available.' }, 'Switch');
    if (confirm !== 'Switch') return;
  }
  // Kept in Airlock's own store for this workspace: the repository's settings file is not the user's.
  await ctx.settings.choose('airlock.policy.pack', choice.label);
  ctx.audit.record({ actor: 'user', action: 'policy.pack.select', target: choice.label, decision: 'allow', detail: { from: current } });
  await ctx.policy.reload();
}

/** Only allow rules of the workspace overlay are Airlock's to remove; the packs and managed policy are not. */
function removable(row: EgressRuleRow): boolean {
  return row.source === 'overlay' && row.list === 'allow';
}

/** Where a rule is written, in words: the built-in pack by name, not its install path. */
function sourceLabel(source: PolicySourceKind, file: string, packName: string): string {
  if (source === 'builtin') return `built-in pack "${packName}"`;
  if (source === 'managed') return `managed policy: ${file}`;
  return `workspace overlay: ${file}`;
}

async function offerRuleAction(ctx: FirewallContext, row: EgressRuleRow, packName: string): Promise<void> {
  const scope = row.tool === ALL_TOOLS ? 'all tools' : row.tool;
  if (!removable(row)) {
    const why = row.source === 'overlay' ? `the ${row.list} list is edited in ${row.file} itself` : `it comes from the ${sourceLabel(row.source, row.file, packName)}, which Airlock does not edit; a block or deny in the workspace overlay can narrow it`;
    void vscode.window.showInformationMessage(`Airlock: ${row.pattern} (${row.list}, ${scope}) cannot be removed from here: ${why}.`);
    return;
  }
  const choice = await vscode.window.showWarningMessage(`Airlock: remove ${row.pattern} for ${scope}?`, { modal: true, detail: `Requests to ${row.pattern} will be blocked again for ${scope}. The rule is removed from ${row.file}.` }, 'Remove Rule');
  if (choice === 'Remove Rule') await removeRule(ctx, row.pattern, row.tool);
}

/** The pack's own one-line description, read from its file; a pack that fails to load says so. */
async function packDescription(ctx: FirewallContext, name: string): Promise<string> {
  const pack = await loadBuiltinPack(ctx.policy.compositionFiles.builtinDir, name);
  if (!pack.ok) return `cannot be loaded: ${pack.errors[0]?.message ?? 'invalid'}`;
  return pack.value.description ?? '';
}

async function removeRule(ctx: FirewallContext, pattern: string, tool: string): Promise<boolean> {
  return runEdit(ctx, 'remove', pattern, tool);
}

async function runEdit(ctx: FirewallContext, action: 'allow' | 'remove', pattern: string, tool: string, list: EgressList = 'allow', field?: string): Promise<boolean> {
  const workspaceFolder = ctx.policy.workspaceFolder;
  if (workspaceFolder === undefined) {
    void vscode.window.showErrorMessage('Airlock: open a folder first; firewall rules live in its .airlock/policy/ overlay.');
    return false;
  }
  const edit = { workspaceFolder, packName: ctx.policy.packName, configDir: ctx.policy.configDir, pattern, list, ...ctx.policy.compositionFiles, ...(tool === ALL_TOOLS ? {} : { tool }), ...(field === undefined ? {} : { field }) };
  try {
    const result = action === 'allow' ? await addFirewallRule(edit) : await removeFirewallRule(edit);
    ctx.audit.record({ actor: 'user', action: `firewall.${action}`, target: `${result.pattern} ${tool}`, decision: 'allow', detail: { file: result.file, changed: result.changed } });
    const standing = await ctx.policy.confirmEdit(result);
    if (!standing.inForce && standing.awaitingApproval) {
      void vscode.window.showInformationMessage(`Airlock: removed ${result.pattern}. ${standing.reason}.`);
      return true;
    }
    if (!standing.inForce) {
      ctx.log.warn(`firewall ${action} ${pattern}: written, not in force: ${standing.reason}`);
      void vscode.window.showWarningMessage(`Airlock: ${result.file} was written, but the change is not in force yet: ${standing.reason}`);
      return false;
    }
    const scope = field ?? `for ${tool === ALL_TOOLS ? 'all tools' : tool}`;
    void vscode.window.showInformationMessage(`Airlock: ${action === 'allow' ? 'allowed' : 'removed'} ${result.pattern} ${field === undefined ? scope : `from ${scope}`}${result.changed ? '' : ' (no change)'}.`);
    return true;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    ctx.log.error(`firewall ${action} ${pattern}: ${message}`);
    void vscode.window.showErrorMessage(`Airlock: could not ${action} ${pattern}: ${message}`);
    return false;
  }
}

async function pickTool(): Promise<string | undefined> {
  const tools = knownToolIds().filter((id) => id.startsWith('web.'));
  const choice = await vscode.window.showQuickPick([{ label: ALL_TOOLS_LABEL, id: ALL_TOOLS, description: 'egress.allow' }, ...tools.map((id) => ({ label: id, id, description: `egress.tools.${id}.allow` }))], { title: 'Airlock: allow a host for which tool?' });
  return choice?.id;
}

/** An error for a pattern that cannot be allowed; for a pasted URL, a note naming the host that will be. */
function validatePattern(value: string): string | vscode.InputBoxValidationMessage | undefined {
  const host = hostFromPasted(value);
  const parsed = parseHostPattern(host);
  if (!parsed.ok) return parsed.error;
  const unsafe = unsafeEgressReason(parsed.pattern);
  if (unsafe !== undefined) return unsafe;
  if (host !== value.trim()) return { message: `Allows the URL's host: ${formatHostPattern(parsed.pattern)}`, severity: vscode.InputBoxValidationSeverity.Info };
  return undefined;
}

function listIcon(list: EgressRuleRow['list']): string {
  return list === 'allow' ? '$(pass)' : list === 'block' ? '$(circle-slash)' : '$(question)';
}
