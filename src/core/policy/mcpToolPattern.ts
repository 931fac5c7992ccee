import { ownEntries } from './keyedRecord';
import { RISK_LEVELS, type McpServerPolicy, type RiskLevel } from './policySchema';

/** The risk of an MCP tool that no pattern under `tools.risk` matches: it asks before every call. */
export const DEFAULT_MCP_TOOL_RISK: RiskLevel = 'high';

/**
 * Whether an MCP tool name matches a pattern of `tools.allow`, `tools.risk` or `tools.readonly`:
 * `*` stands for any run of characters, `?` for one, everything else for itself (dots included,
 * since MCP tool names may hold them). Case-sensitive, like the names servers report.
 */
export function mcpToolMatches(pattern: string, name: string): boolean {
  return patternRegExp(pattern).test(name);
}

/**
 * The risk of a server's tool: the highest level of every `tools.risk` pattern that matches it,
 * `high` when none does. Highest, not most specific: a glob is a floor that a narrower entry
 * cannot undercut, so a managed `"*": critical` holds whatever a pack or overlay says of one tool.
 */
export function mcpToolRisk(server: Pick<McpServerPolicy, 'tools'>, name: string): RiskLevel {
  const levels = ownEntries(server.tools.risk).filter(([pattern]) => mcpToolMatches(pattern, name)).map(([, level]) => RISK_LEVELS.indexOf(level));
  return levels.length === 0 ? DEFAULT_MCP_TOOL_RISK : (RISK_LEVELS.at(Math.max(...levels)) ?? DEFAULT_MCP_TOOL_RISK);
}

/** Compiled patterns: a call checks the same few policy patterns again and again. Bounded, since any caller may pass one. */
const compiled = new Map<string, RegExp>();
const MAX_COMPILED = 4096;

function patternRegExp(pattern: string): RegExp {
  let regExp = compiled.get(pattern);
  if (regExp === undefined) {
    const body = [...pattern].map((char) => (char === '*' ? '.*' : char === '?' ? '.' : char.replace(/[.\\^$+()[\]{}|-]/g, '\\$&'))).join('');
    regExp = new RegExp(`^${body}$`, 's');
    if (compiled.size >= MAX_COMPILED) compiled.clear();
    compiled.set(pattern, regExp);
  }
  return regExp;
}
