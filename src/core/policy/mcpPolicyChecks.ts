import { isLoopbackPattern, patternOf, unsafeEgressReason } from './hostSafety';
import { ownEntries, ownValue } from './keyedRecord';
import { isGlob, mcpToolMatches } from './mcpToolPattern';
import type { PolicyFileKind, PolicyFinding } from './policyChecks';
import { formatDiagnostic, type PolicyErrorCode } from './policyError';
import type { ParsedPolicy } from './policyLoader';
import type { McpPolicy, PolicyOverlay } from './policySchema';
import type { FieldPath } from './yamlLocation';

type FileServer = NonNullable<NonNullable<NonNullable<PolicyOverlay['mcp']>['servers']>[string]>;

/**
 * The checks of one file's `mcp` section the schema cannot express. Errors: a server entry that
 * states both stdio and http; a blank command; an http URL that carries credentials, sends
 * plain http anywhere but this machine, or names an address agent tools may not reach; an
 * egress host that is unsafe (as for `egress`); in the managed file, anything that would add
 * (a transport, allowed or read-only tools, egress hosts), since it can only narrow.
 * Warnings: settings with no effect (egress or write on an http server; in the managed file, a
 * switch it can only turn off set to on).
 * Whether a merged server names exactly one transport is settled after the merge, with the pack.
 */
export function checkMcp(policy: PolicyOverlay, kind: PolicyFileKind): PolicyFinding[] {
  return ownEntries(policy.mcp?.servers).flatMap(([name, server]) => {
    const at: FieldPath = ['mcp', 'servers', name];
    return [...checkTransport(server, at), ...checkEgress(server, at), ...(kind === 'managed' ? checkNarrowing(server, at) : [])];
  });
}

function checkTransport(server: FileServer, at: FieldPath): PolicyFinding[] {
  const findings: PolicyFinding[] = [];
  if (server.stdio !== undefined && server.http !== undefined) findings.push(error([...at, 'http'], 'a server is started (stdio) or reached (http), not both; keep one', 'POLICY_SCHEMA'));
  if (server.stdio?.command?.trim() === '') findings.push(error([...at, 'stdio', 'command'], 'the command is blank; name the program that starts the server, such as "npx" or "node"', 'POLICY_SCHEMA'));
  const url = server.http?.url;
  if (url !== undefined && URL.canParse(url)) findings.push(...checkUrl(new URL(url), [...at, 'http', 'url']));
  if (server.http !== undefined && (server.egress?.length ?? 0) > 0) findings.push(warning([...at, 'egress'], 'egress is for a stdio server\'s own connections; an http server is reached at its url, so this list has no effect'));
  if (server.http !== undefined && server.write === true) findings.push(warning([...at, 'write'], 'write is for a stdio server, which runs in the sandbox; an http server runs elsewhere, so this has no effect'));
  return findings;
}

function checkUrl(url: URL, at: FieldPath): PolicyFinding[] {
  if (url.username !== '' || url.password !== '') return [error(at, 'the URL carries credentials; a policy file is shared and read by others, so give the server its token another way')];
  const pattern = patternOf(url.port === '' ? url.hostname : `${url.hostname}:${url.port}`);
  if (pattern === undefined || isLoopbackPattern(pattern)) return [];
  const unsafe = unsafeEgressReason(pattern);
  if (unsafe !== undefined) return [error(at, `${url.host} must not be reachable: ${unsafe}`)];
  if (url.protocol === 'http:') return [error(at, `plain http to ${url.host} sends every call, its arguments and any token in the clear; use https (plain http only to this machine: 127.0.0.1, [::1], localhost)`)];
  return [];
}

function checkEgress(server: FileServer, at: FieldPath): PolicyFinding[] {
  return (server.egress ?? []).flatMap((entry, index) => {
    const pattern = patternOf(entry);
    const reason = pattern === undefined ? undefined : unsafeEgressReason(pattern);
    return reason === undefined ? [] : [error([...at, 'egress', index], `${entry} must not be reachable: ${reason}`)];
  });
}

const NARROW_ONLY = 'the managed policy can only narrow an MCP server (switch it off, lower its limits and storage, raise risks, require read-only, turn write and sampling off)';

function checkNarrowing(server: FileServer, at: FieldPath): PolicyFinding[] {
  const adds: [FieldPath, boolean][] = [
    [[...at, 'stdio'], server.stdio !== undefined],
    [[...at, 'http'], server.http !== undefined],
    [[...at, 'tools', 'allow'], (server.tools?.allow?.length ?? 0) > 0],
    [[...at, 'tools', 'readonly'], (server.tools?.readonly?.length ?? 0) > 0],
    [[...at, 'egress'], (server.egress?.length ?? 0) > 0],
  ];
  const noEffect: [FieldPath, boolean][] = [
    [[...at, 'enabled'], server.enabled === true],
    [[...at, 'readonly'], server.readonly === false],
    [[...at, 'write'], server.write === true],
    [[...at, 'sampling'], server.sampling === true],
  ];
  return [
    ...adds.filter(([, stated]) => stated).map(([path]) => error(path, `${NARROW_ONLY}; what it would add comes from the pack or an approved overlay`)),
    ...noEffect.filter(([, stated]) => stated).map(([path]) => warning(path, `has no effect: ${NARROW_ONLY}`)),
  ];
}

/**
 * Warnings for `tools.risk` and `tools.readonly` patterns of this file that match no tool the
 * server allows (its `tools.allow` here and in `base`, the pack or merged policy below): most
 * likely a misspelt tool name, whose rule would silently never apply. Two globs are taken to
 * overlap, so only a pattern that certainly matches nothing is reported.
 */
export function unmatchedMcpPatterns(policy: PolicyOverlay, base: McpPolicy | undefined): PolicyFinding[] {
  return ownEntries(policy.mcp?.servers).flatMap(([name, server]) => {
    // A server neither this file nor the base defines is defined elsewhere (the managed file narrowing an overlay's server): nothing to compare with.
    const defined = ownValue(base?.servers, name) !== undefined || server.stdio !== undefined || server.http !== undefined || server.tools?.allow !== undefined;
    if (!defined) return [];
    const allowed = [...(ownValue(base?.servers, name)?.tools.allow ?? []), ...(server.tools?.allow ?? [])];
    const at: FieldPath = ['mcp', 'servers', name, 'tools'];
    const unmatched = (pattern: string): boolean => !allowed.some((allow) => overlaps(pattern, allow));
    const detail = (pattern: string): string => `"${pattern}" matches no tool this server allows (tools.allow${allowed.length === 0 ? ' is empty' : `: ${allowed.join(', ')}`}), so it has no effect; check the spelling`;
    return [
      ...ownEntries(server.tools?.risk).filter(([pattern]) => unmatched(pattern)).map(([pattern]) => warning([...at, 'risk', pattern], detail(pattern))),
      ...(server.tools?.readonly ?? []).flatMap((pattern, index) => (unmatched(pattern) ? [warning([...at, 'readonly', index], detail(pattern))] : [])),
    ];
  });
}

/** unmatchedMcpPatterns for a parsed overlay or managed file, over the pack (or merged policy) below it, as located warnings. */
export function mcpPatternWarnings(parsed: ParsedPolicy<PolicyOverlay>, base: McpPolicy | undefined): string[] {
  return unmatchedMcpPatterns(parsed.value, base).map((finding) => formatDiagnostic({ code: finding.code, ...parsed.locate(finding.path), detail: finding.detail }));
}

function overlaps(a: string, b: string): boolean {
  if (isGlob(a) && isGlob(b)) return true;
  return mcpToolMatches(a, b) || mcpToolMatches(b, a);
}

function error(path: FieldPath, detail: string, code: PolicyErrorCode = 'POLICY_UNSAFE_RULE'): PolicyFinding {
  return { severity: 'error', code, path, detail };
}

function warning(path: FieldPath, detail: string): PolicyFinding {
  return { severity: 'warning', code: 'POLICY_UNSAFE_RULE', path, detail };
}
