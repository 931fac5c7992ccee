import { isLoopbackPattern, patternOf, unsafeEgressReason } from './hostSafety';
import type { PolicyErrorCode } from './policyError';
import type { EgressRules, PolicyOverlay } from './policySchema';
import type { FieldPath } from './yamlLocation';
import { ownEntries, ownValue } from './keyedRecord';
import { checkMcp, unmatchedMcpPatterns } from './mcpPolicyChecks';

/** What kind of file is being checked: a complete pack, a workspace overlay, or the managed file. */
export type PolicyFileKind = 'pack' | 'overlay' | 'managed';

/** A rule that is well-formed but dangerous or pointless, found after the schema accepted it. */
export interface PolicyFinding {
  readonly severity: 'error' | 'warning';
  readonly code: PolicyErrorCode;
  readonly path: FieldPath;
  readonly detail: string;
}

type EgressRuleLists = Partial<EgressRules>;

/**
 * Checks the schema cannot express. Errors:
 *  - a model endpoint that is not on this machine (remote APIs are named under model.remote);
 *  - an egress allow or requireApproval pattern that names loopback, private or link-local
 *    addresses, localhost or a cloud metadata service;
 *  - an overlay whose `name` differs from its file name (it would be read as another pack);
 *  - a pack whose approvals do not cover `critical` (policy edits are critical).
 *  - the `mcp` section's mistakes and attacks (see checkMcp).
 * Warnings: a host both allowed and blocked in one list set (block wins, the allow does nothing);
 * in a pack, MCP risk and read-only patterns that match no allowed tool (an overlay's are
 * checked with the pack below it: unmatchedMcpPatterns).
 */
export function checkPolicy(policy: PolicyOverlay, kind: PolicyFileKind, expectedName?: string): PolicyFinding[] {
  return [
    ...checkModelEndpoints(policy),
    ...checkEgressLists(policy.egress, ['egress']),
    ...ownEntries(policy.egress?.tools).flatMap(([tool, rules]) => checkEgressLists(rules, ['egress', 'tools', tool])),
    ...checkName(policy, kind, expectedName),
    ...checkApprovals(policy, kind),
    ...checkMcp(policy, kind),
    ...(kind === 'pack' ? unmatchedMcpPatterns(policy, undefined) : []),
  ];
}

function checkModelEndpoints(policy: PolicyOverlay): PolicyFinding[] {
  return (policy.model?.endpoints ?? []).flatMap((endpoint, index) => {
    const pattern = patternOf(endpoint);
    if (pattern === undefined || isLoopbackPattern(pattern)) return [];
    return [error('POLICY_UNSAFE_RULE', ['model', 'endpoints', index], `${endpoint} is not on this machine; model endpoints must be loopback (127.0.0.1, [::1], localhost). Name a remote model API under model.remote instead`)];
  });
}

function checkEgressLists(rules: EgressRuleLists | undefined, at: FieldPath): PolicyFinding[] {
  const findings: PolicyFinding[] = [];
  for (const list of ['allow', 'requireApproval'] as const) {
    (ownValue(rules, list) ?? []).forEach((entry, index) => {
      const pattern = patternOf(entry);
      const reason = pattern === undefined ? undefined : unsafeEgressReason(pattern);
      if (reason !== undefined) findings.push(error('POLICY_UNSAFE_RULE', [...at, list, index], `${entry} must not be reachable: ${reason}`));
    });
  }
  const blocked = new Set(rules?.block ?? []);
  (rules?.allow ?? []).forEach((entry, index) => {
    if (blocked.has(entry)) findings.push({ severity: 'warning', code: 'POLICY_UNSAFE_RULE', path: [...at, 'allow', index], detail: `${entry} is also in block, and block wins: this allow has no effect` });
  });
  return findings;
}

function checkName(policy: PolicyOverlay, kind: PolicyFileKind, expectedName: string | undefined): PolicyFinding[] {
  if (expectedName === undefined || policy.name === undefined || policy.name === expectedName) return [];
  const what = kind === 'overlay' ? `this overlay applies to the "${expectedName}" pack (its file name)` : `the file is named ${expectedName}.yaml`;
  return [error('POLICY_NAME_MISMATCH', ['name'], `"${policy.name}" does not match: ${what}; rename the file or fix the name`)];
}

function checkApprovals(policy: PolicyOverlay, kind: PolicyFileKind): PolicyFinding[] {
  const required = policy.approvals?.require;
  if (kind !== 'pack' || required === undefined || required.includes('critical')) return [];
  return [error('POLICY_UNSAFE_RULE', ['approvals', 'require'], 'must include "critical": critical actions, such as changing the firewall, always need the user\'s approval')];
}

function error(code: PolicyErrorCode, path: FieldPath, detail: string): PolicyFinding {
  return { severity: 'error', code, path, detail };
}
