import { ownEntries, ownValue } from './keyedRecord';
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
 * The risk of a server's tool: the level of a `tools.risk` entry that names it exactly, else the
 * highest level of the globs that match it, else `high`. An exact name is an explicit exception
 * (`"*": critical` with `read_graph: low`); the managed policy, which only raises, raises such
 * entries too when its own pattern covers them (see narrowMcp), so its floor still holds.
 */
export function mcpToolRisk(server: Pick<McpServerPolicy, 'tools'>, name: string): RiskLevel {
  const exact = ownValue(server.tools.risk, name);
  if (exact !== undefined) return exact;
  const levels = ownEntries(server.tools.risk).filter(([pattern]) => isGlob(pattern) && mcpToolMatches(pattern, name)).map(([, level]) => RISK_LEVELS.indexOf(level));
  return levels.length === 0 ? DEFAULT_MCP_TOOL_RISK : (RISK_LEVELS.at(Math.max(...levels)) ?? DEFAULT_MCP_TOOL_RISK);
}

/** Whether a pattern holds a wildcard; one without is a tool name. */
export function isGlob(pattern: string): boolean {
  return /[*?]/.test(pattern);
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
