import { z } from 'zod';
import type { EditStanding } from '../../policy/editInForce';
import { addFirewallRule, previewFirewallEdit, removeFirewallRule, type FirewallEdit, type FirewallEditResult } from '../../policy/firewallEditor';
import { formatHostPattern, parseHostPattern } from '../../policy/hostPattern';
import { toolIdSchema } from '../../policy/policySchema';
import type { AgentTool, ToolPlan, ToolResult } from '../agentTool';
import { knownToolIds } from '../toolRegistry';

const parameters = z.strictObject({
  action: z.enum(['add', 'remove']).describe('add: allow the host; remove: take an allow rule away'),
  host: z.string().min(1).max(300).describe('host pattern: example.com, *.example.com, optional :port'),
  // The policy's own id schema, so mcp.<server>.<tool> is accepted here as in the CLI; the editor checks the server is named.
  tool: toolIdSchema.max(200).optional().describe(`tool id the rule is for, one of ${knownToolIds().join(', ')}, or mcp.<server>.<tool> of a server the policy names; omit for every tool`),
  reason: z.string().min(1).max(500).describe('why the agent needs this, shown to the user'),
});
type Args = z.infer<typeof parameters>;

export interface EgressUpdateContext {
  /** The workspace folder whose overlay is edited; undefined when no folder is open. */
  readonly workspaceFolder: () => string | undefined;
  readonly packName: () => string;
  readonly configDir: string;
  /** The built-in packs and managed policy the edited overlay is merged with before it is written. */
  readonly compositionFiles: () => { readonly builtinDir: string; readonly managedPath?: string };
  /** Reloads the policy after a write and says whether the written overlay is the one in force. */
  readonly confirmEdit: (edit: FirewallEditResult) => Promise<EditStanding>;
}

/**
 * `security.egress.update`: the agent asks to add or remove a firewall allow rule. It always
 * asks the user, whatever the policy's approval levels say, because it changes the guard itself;
 * nothing is written before the user allows it.
 */
export function egressUpdateTool(context: EgressUpdateContext): AgentTool<Args> {
  return {
    id: 'security.egress.update',
    description: 'Ask the user to add or remove a network allow rule (host pattern) in the workspace firewall. Always needs the user\'s approval.',
    parameters,
    alwaysAsk: true,
    plan: (args) => plan(args, context),
    run: (args) => run(args, context),
  };
}

/** Checks the edit as it would be made (nothing is written) and shows the overlay's diff. */
async function plan(args: Args, context: EgressUpdateContext): Promise<ToolPlan> {
  const parsed = parseHostPattern(args.host);
  if (!parsed.ok) throw new Error(parsed.error);
  const pattern = formatHostPattern(parsed.pattern);
  const scope = args.tool ?? 'every tool';
  const workspaceFolder = context.workspaceFolder();
  if (workspaceFolder === undefined) throw new Error('no workspace folder is open');
  const preview = await previewFirewallEdit(editFor(args, workspaceFolder, context), args.action);
  const verb = args.action === 'add' ? `allow ${pattern} for ${scope}` : `remove the allow rule ${pattern} for ${scope}`;
  const unchanged = preview.after === undefined ? ' (already so: nothing would change)' : '';
  return {
    target: `${args.action} ${pattern} ${args.tool ?? '*'}`,
    summary: `Firewall: ${verb}`,
    detail: `The agent asks to ${verb}${unchanged}.\nIt says: "${args.reason.replace(/[\p{Cc}\p{Cf}]/gu, ' ')}"\nFile: ${preview.file}`,
    // The rule stays in the overlay for good: the button says what it does, not "Allow once".
    allowLabel: args.action === 'add' ? 'Add Rule' : 'Remove Rule',
    permanent: true,
    diffs: [{ path: preview.file, before: preview.before ?? '', after: preview.after ?? preview.before ?? '' }],
  };
}

function editFor(args: Args, workspaceFolder: string, context: EgressUpdateContext): FirewallEdit {
  return { workspaceFolder, packName: context.packName(), configDir: context.configDir, pattern: args.host, ...context.compositionFiles(), ...(args.tool ? { tool: args.tool } : {}) };
}

async function run(args: Args, context: EgressUpdateContext): Promise<ToolResult> {
  const workspaceFolder = context.workspaceFolder();
  if (workspaceFolder === undefined) return { ok: false, error: 'no workspace folder is open' };
  const edit = editFor(args, workspaceFolder, context);
  const result = args.action === 'add' ? await addFirewallRule(edit) : await removeFirewallRule(edit);
  const done = args.action === 'add' ? `allowed ${result.pattern}` : `removed ${result.pattern}`;
  // "Done" only once the reloaded policy is the one written: the model must not act on a rule that is not enforced.
  const standing = await context.confirmEdit(result);
  if (!standing.inForce) return { ok: false, error: `${result.file} was written, but the change is not in force: ${standing.reason}` };
  return { ok: true, summary: `Firewall: ${done} (${result.file})`, content: `Done: ${done} for ${args.tool ?? 'every tool'} in ${result.file}.` };
}
