import { stringify } from 'yaml';
import type { EffectivePolicy } from '../../core/policy/effectivePolicy';
import { isDefaultDeny } from '../../core/policy/firewallRules';
import type { PolicyError } from '../../core/policy/policyError';
import { sourceLabel } from './renderRules';

/** `airlock policy show --json`: the effective policy and where it came from. */
export function effectivePolicyJson(effective: EffectivePolicy): Record<string, unknown> {
  return {
    packName: effective.packName,
    defaultDeny: isDefaultDeny(effective.policy),
    sources: effective.sources.map(({ kind, path, file, sha256, current }) => ({ kind, path, file, sha256, current })),
    pendingOverlay: effective.pendingOverlay ?? null,
    errors: effective.errors.map(errorJson),
    warnings: effective.warnings,
    policy: effective.policy,
  };
}

function errorJson(error: PolicyError): Record<string, unknown> {
  return { code: error.code, file: error.file, line: error.line ?? null, column: error.column ?? null, field: error.field ?? null, detail: error.detail, message: error.message };
}

/** The human form: sources, a pending overlay and how to approve it, problems, then the policy as YAML. */
export function renderEffectivePolicy(effective: EffectivePolicy, approveCommand: (sha256: string) => string): string {
  const lines = [`Pack: ${effective.packName} (${isDefaultDeny(effective.policy) ? 'default deny' : 'some hosts allowed without asking'})`, 'Sources, in merge order:'];
  for (const source of effective.sources) {
    const state = source.current ? '' : ' (the file is invalid now; its last valid content applies)';
    lines.push(`  ${source.kind.padEnd(8)} ${sourceLabel(source.kind, source.file, effective.packName)}  sha256 ${source.sha256}${state}`);
  }
  const pending = effective.pendingOverlay;
  if (pending !== undefined) {
    lines.push('', `Not applied: ${pending.file} was not written by Airlock and is not approved${pending.rejected ? ' (you rejected this content)' : ''}.`, `  sha256 ${pending.sha256}`);
    lines.push(pending.loosens.length === 0 ? '  It loosens nothing.' : '  It would:', ...pending.loosens.map((line) => `    - ${line}`));
    lines.push(`  To apply it: ${approveCommand(pending.sha256)}`);
  }
  if (effective.errors.length > 0) lines.push('', 'Errors:', ...effective.errors.map((error) => `  ${error.message}`));
  if (effective.warnings.length > 0) lines.push('', 'Warnings:', ...effective.warnings.map((warning) => `  ${warning}`));
  lines.push('', 'Effective policy:', stringify(effective.policy, { lineWidth: 0 }).trimEnd());
  return `${lines.join('\n')}\n`;
}
