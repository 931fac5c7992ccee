/**
 * What a server's policy says about one of its tools: offered to the model or not, and at what
 * risk. Order of checks, first decisive one wins:
 * 1. no policy for the server, or the server disabled: not offered;
 * 2. the tool matches no `tools.allow` name or glob: not offered (the default is none);
 * 3. the server is `readonly` and the tool matches no `tools.readonly` entry: not offered (a
 *    server's own readOnlyHint is a claim, not a proof, so it is never read here);
 * 4. offered, at the risk `tools.risk` gives: an exact name wins over globs, among globs the
 *    highest level, and `high` (asks every call) when nothing matches.
 */
import picomatch from 'picomatch';
import type { McpServerPolicy, RiskLevel } from '../policy/policySchema';
import { ownValue } from '../policy/keyedRecord';

export type McpToolDecision =
  | { readonly offered: true; readonly risk: RiskLevel; readonly reason: string }
  | { readonly offered: false; readonly reason: string };

export const DEFAULT_MCP_RISK: RiskLevel = 'high';
const RISK_ORDER: readonly RiskLevel[] = ['low', 'medium', 'high', 'critical'];

export function decideMcpTool(policy: McpServerPolicy | undefined, tool: string): McpToolDecision {
  if (!policy) return { offered: false, reason: 'the policy names no such server' };
  if (!policy.enabled) return { offered: false, reason: 'the server is disabled by the policy' };
  if (!matchesAny(policy.tools.allow, tool)) return { offered: false, reason: `"${tool}" is not in the server's tools.allow` };
  if (policy.readonly && !matchesAny(policy.tools.readonly, tool)) return { offered: false, reason: `the server is read-only and "${tool}" is not in its tools.readonly` };
  const risk = mcpToolRisk(policy, tool);
  return { offered: true, risk, reason: `allowed by tools.allow (risk ${risk})` };
}

export function mcpToolRisk(policy: McpServerPolicy, tool: string): RiskLevel {
  const exact = ownValue(policy.tools.risk, tool);
  if (exact !== undefined) return exact;
  let risk: RiskLevel | undefined;
  for (const [pattern, level] of Object.entries(policy.tools.risk)) {
    if (matches(pattern, tool) && (risk === undefined || RISK_ORDER.indexOf(level) > RISK_ORDER.indexOf(risk))) risk = level;
  }
  return risk ?? DEFAULT_MCP_RISK;
}

function matchesAny(patterns: readonly string[], tool: string): boolean {
  return patterns.some((pattern) => matches(pattern, tool));
}

/** Tool names have no slashes, so a glob is matched against the whole name; a name is matched as itself. */
function matches(pattern: string, tool: string): boolean {
  if (!/[*?]/.test(pattern)) return pattern === tool;
  return picomatch.isMatch(tool, pattern, { dot: true });
}
