import type { PolicySource, PolicySourceKind } from './effectivePolicy';
import type { EgressRules, PolicyPack } from './policySchema';
import { ownEntries, ownValue } from './keyedRecord';

/** `*` stands for the rules every tool gets (`egress.allow`); otherwise a tool id (`egress.tools.<id>`). */
export const ALL_TOOLS = '*';

export type EgressList = keyof EgressRules;
export const EGRESS_LISTS: readonly EgressList[] = ['allow', 'requireApproval', 'block'];

/** One egress rule, where it is written. A rule written in two files appears once per file. */
export interface EgressRuleRow {
  readonly tool: string;
  readonly list: EgressList;
  readonly pattern: string;
  readonly source: PolicySourceKind;
  readonly file: string;
}

/**
 * Every egress rule of the applied sources (built-in pack, overlay, managed policy), by tool and
 * list, in file order. Only rows whose source is the overlay can be removed by the firewall
 * commands; the rest can only be outweighed (block wins over allow).
 */
export function listRules(sources: readonly PolicySource[]): EgressRuleRow[] {
  const rows: EgressRuleRow[] = [];
  for (const source of sources) {
    const egress = source.content.egress;
    rows.push(...rowsOf(source, ALL_TOOLS, egress));
    for (const [tool, rules] of ownEntries(egress?.tools)) rows.push(...rowsOf(source, tool, rules));
  }
  return rows;
}

function rowsOf(source: PolicySource, tool: string, rules: Partial<EgressRules> | undefined): EgressRuleRow[] {
  return EGRESS_LISTS.flatMap((list) => [...new Set(ownValue(rules, list) ?? [])].map((pattern) => ({ tool, list, pattern, source: source.kind, file: source.file })));
}

/** The rows that concern `tool`: its own rules and the rules for every tool. */
export function rulesForTool(rows: readonly EgressRuleRow[], tool: string): EgressRuleRow[] {
  return rows.filter((row) => row.tool === ALL_TOOLS || row.tool === tool);
}

/**
 * Whether nothing can leave without asking: no host is allowed outright, for any tool, nor for an
 * MCP server that is on (its `egress` hosts, and an http server's URL, are allowed for it). (Egress
 * is always default-deny for unlisted hosts; this is what the status bar shows as "default deny".)
 */
export function isDefaultDeny(policy: PolicyPack): boolean {
  return policy.egress.allow.length === 0
    && Object.values(policy.egress.tools).every((rules) => rules.allow.length === 0)
    && Object.values(policy.mcp.servers).every((server) => !server.enabled || (server.egress.length === 0 && server.http === undefined));
}
