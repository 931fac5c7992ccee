import { ownEntries, ownValue } from './keyedRecord';
import { DEFAULT_MCP_TOOL_RISK, isGlob, mcpToolRisk } from './mcpToolPattern';
import { RISK_LEVELS, type McpServerPolicy, type PolicyPack, type RiskLevel } from './policySchema';

/**
 * What `candidate` lets MCP servers do that `base` does not, one sentence each, for the approval
 * of an overlay. A server it adds or switches on is one sentence that names everything the user
 * is agreeing to: what runs (the command and its arguments, or the URL), the environment
 * variables it gets, the tools it offers, whether it writes to the workspace, the hosts it
 * reaches, whether it may ask to use the model, its storage. A server that was already on gets a
 * sentence per widening: a new command or URL, new variables, tools, read-only tools while it is
 * read-only, write, sampling, hosts, raised storage and limits, lowered risks.
 * Text from the file is shown with anything outside printable ASCII escaped, so an argument
 * cannot break a line of the dialog or hide behind invisible characters.
 */
export function mcpLoosening(base: PolicyPack, candidate: PolicyPack): string[] {
  return ownEntries(candidate.mcp.servers).flatMap(([name, server]) => {
    if (!server.enabled) return [];
    const before = ownValue(base.mcp.servers, name);
    if (before === undefined) return [`mcp: adds the server "${name}", which ${whole(server)}`];
    if (!before.enabled) return [`mcp: switches on the server "${name}", which ${whole(server)}`];
    return widened(name, before, server);
  });
}

function whole(server: McpServerPolicy): string {
  const parts = [
    transport(server),
    ...(server.stdio !== undefined && server.stdio.env.length > 0 ? [`gets the environment variables ${server.stdio.env.join(', ')}`] : []),
    server.tools.allow.length === 0 ? 'offers no tools yet (tools.allow is empty)' : `offers the tools ${server.tools.allow.map(visible).join(', ')}${server.readonly ? ` (only the read-only ones: ${server.tools.readonly.map(visible).join(', ') || 'none'})` : ''}`,
    ...lowRisks(server),
    ...(server.stdio !== undefined && server.write ? ['may write to the workspace'] : []),
    ...(server.stdio !== undefined && server.egress.length > 0 ? [`may reach ${server.egress.join(', ')} through the egress proxy`] : []),
    ...(server.sampling ? ['may ask to use your model (sampling; each request still asks you)'] : []),
    ...(server.stdio !== undefined ? [`gets ${server.storageMb} MB of its own storage`] : []),
  ];
  return parts.join('; ');
}

function transport(server: McpServerPolicy): string {
  if (server.stdio === undefined) return `is reached at ${visible(server.http?.url ?? '')}`;
  // The approval pins the policy file, not a script beside it: say so when the command runs one.
  const fromWorkspace = [server.stdio.command, ...server.stdio.args].some((word) => /^\.\.?\//.test(word)) || /^[^/]+\//.test(server.stdio.command);
  return `runs \`${commandLine(server.stdio)}\` in the sandbox${fromWorkspace ? ' (a file of the workspace, which can change after you approve)' : ''}`;
}

function commandLine(stdio: NonNullable<McpServerPolicy['stdio']>): string {
  // A word with spaces or quotes is quoted, so the user sees where one argument ends.
  return [stdio.command, ...stdio.args].map((word) => (/^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `"${visible(word.replace(/["\\]/g, '\\$&'))}"`)).join(' ');
}

function lowRisks(server: McpServerPolicy): string[] {
  const low = ownEntries(server.tools.risk).filter(([, level]) => below(level, DEFAULT_MCP_TOOL_RISK));
  return low.length === 0 ? [] : [`asks less often for ${low.map(([pattern, level]) => `${visible(pattern)} (${level} risk)`).join(', ')}`];
}

function widened(name: string, before: McpServerPolicy, after: McpServerPolicy): string[] {
  const of = `the server "${name}"`;
  const lines: string[] = [];
  if (transport(after) !== transport(before)) lines.push(`mcp: ${of} now ${transport(after)} (it ${transport(before)})`);
  const env = added(before.stdio?.env ?? [], after.stdio?.env ?? []);
  if (env.length > 0) lines.push(`mcp: gives ${of} the environment variables ${env.join(', ')}`);
  const tools = added(before.tools.allow, after.tools.allow);
  if (tools.length > 0) lines.push(`mcp: offers the tools ${tools.map(visible).join(', ')} of ${of} (tools.allow)`);
  if (before.readonly && !after.readonly) lines.push(`mcp: offers every allowed tool of ${of}, not only the read-only ones (readonly)`);
  const readonlyTools = added(before.tools.readonly, after.tools.readonly);
  if (after.readonly && readonlyTools.length > 0) lines.push(`mcp: offers ${readonlyTools.map(visible).join(', ')} of ${of} as read-only tools (tools.readonly)`);
  if (after.write && !before.write && after.stdio !== undefined) lines.push(`mcp: lets ${of} write to the workspace (write)`);
  if (after.sampling && !before.sampling) lines.push(`mcp: lets ${of} ask to use your model (sampling; each request still asks you)`);
  const hosts = added(before.egress, after.egress);
  if (hosts.length > 0 && after.stdio !== undefined) lines.push(`mcp: lets ${of} reach ${hosts.join(', ')} through the egress proxy (egress)`);
  const raise = (field: string, was: number, now: number): void => {
    if (now > was) lines.push(`mcp: raises mcp.servers.${name}.${field} from ${was} to ${now}`);
  };
  raise('storageMb', before.storageMb, after.storageMb);
  raise('limits.callTimeoutSeconds', before.limits.callTimeoutSeconds, after.limits.callTimeoutSeconds);
  raise('limits.outputBytes', before.limits.outputBytes, after.limits.outputBytes);
  raise('limits.callsPerMinute', before.limits.callsPerMinute, after.limits.callsPerMinute);
  for (const [pattern, level] of ownEntries(after.tools.risk)) {
    // An entry for one tool replaces what the globs gave it; a glob, what it said before (or the default).
    const was = isGlob(pattern) ? (ownValue(before.tools.risk, pattern) ?? DEFAULT_MCP_TOOL_RISK) : mcpToolRisk(before, pattern);
    if (below(level, was)) lines.push(`mcp: lowers the risk of mcp.${name}.${visible(pattern)} from ${was} to ${level}`);
  }
  return lines;
}

function below(level: RiskLevel, than: RiskLevel): boolean {
  return RISK_LEVELS.indexOf(level) < RISK_LEVELS.indexOf(than);
}

function added(base: readonly string[], candidate: readonly string[]): string[] {
  return candidate.filter((entry) => !base.includes(entry));
}

/** Printable ASCII as it is; anything else (a newline, a bidi control, a zero-width space) as \u{…}. */
function visible(text: string): string {
  return text.replace(/[^\x20-\x7e]/gu, (char) => `\\u{${(char.codePointAt(0) ?? 0).toString(16)}}`);
}
