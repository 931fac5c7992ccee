import { knownToolIds } from '../core/agent/toolRegistry';
import type { ApprovalGate } from '../core/approval/approvalGate';
import type { PanelActions } from './chatViewProvider';
import { codeBlockApplier } from './codeBlockApplier';
import { allowDomain, type FirewallContext } from './firewallCommands';

/**
 * The panel's buttons, wired to the paths the rest of Airlock already uses: a code block's
 * Insert/Apply to the edit approval, a blocked card's fix to the firewall's Allow Domain dialog.
 */
export function panelActions(ctx: FirewallContext, gate: ApprovalGate): PanelActions {
  return {
    applyCode: codeBlockApplier(ctx.policy, gate, ctx.audit),
    // The page names the tool: only a tool the registry knows is offered to the dialog.
    allowHost: async (fix) => knownToolIds().includes(fix.tool) && (await allowDomain(ctx, fix.tool, fix.host)),
  };
}
