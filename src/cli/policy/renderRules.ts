import type { EffectivePolicy, PolicySourceKind } from '../../core/policy/effectivePolicy';
import { ALL_TOOLS, isDefaultDeny, type EgressRuleRow } from '../../core/policy/firewallRules';

/** A rule row as `airlock firewall list --json` prints it. */
export interface RuleRowJson {
  readonly tool: string;
  readonly list: string;
  readonly pattern: string;
  readonly source: PolicySourceKind;
  readonly file: string;
}

export function sourceLabel(kind: PolicySourceKind, file: string, packName: string): string {
  if (kind === 'builtin') return `built-in "${packName}" pack`;
  return kind === 'managed' ? `managed policy ${file}` : file;
}

/** The rules as an aligned table, with the default-deny status and a note on a pending overlay. */
export function renderRuleTable(rows: readonly EgressRuleRow[], effective: EffectivePolicy): string {
  const header = `Firewall rules, pack "${effective.packName}" (${isDefaultDeny(effective.policy) ? 'default deny: nothing is allowed without asking' : 'some hosts are allowed without asking'})\n`;
  const pending = effective.pendingOverlay === undefined ? '' : `\nNot applied: ${effective.pendingOverlay.file} is waiting for approval (see "airlock policy show").\n`;
  if (rows.length === 0) return `${header}No rules: every host is refused.\n${pending}`;
  const table = [['TOOL', 'LIST', 'PATTERN', 'SOURCE'], ...rows.map((row) => [row.tool === ALL_TOOLS ? '* (all tools)' : row.tool, row.list, row.pattern, sourceLabel(row.source, row.file, effective.packName)])];
  const widths = [0, 1, 2].map((column) => Math.max(...table.map((cells) => cells[column]?.length ?? 0)));
  const lines = table.map((cells) => cells.map((cell, column) => (column < 3 ? cell.padEnd(widths[column] ?? 0) : cell)).join('  ').trimEnd());
  return `${header}${lines.join('\n')}\n${pending}`;
}
