import { stringify } from 'yaml';
import { shownName, type McpServerEntry } from '../posture/mcpServerEntries';
import { MCP_SERVER_NAME } from '../policy/policySchema';

/** The policy entry a directly configured server becomes: its command or URL, env names only, no tool allowed. */
export interface AdoptedServer {
  readonly stdio?: { readonly command: string; readonly args: readonly string[]; readonly env?: readonly string[] };
  readonly http?: { readonly url: string };
  readonly tools: { readonly allow: readonly string[] };
}

/** What to write into a policy overlay to run a server Airlock does not run yet behind its guard. */
export interface DirectServerMove {
  readonly ok: true;
  /** A server name the policy accepts, derived from the file's name for it. */
  readonly name: string;
  /** True when the file's name had to be changed into one the policy accepts. */
  readonly renamed: boolean;
  readonly server: AdoptedServer;
  /** The overlay text: the server with no tool allowed yet (the user picks them after `airlock mcp diff`). */
  readonly yaml: string;
  /** What was not carried over, and why, for the user to read before the move. */
  readonly notes: readonly string[];
}

export interface DirectServerRefusal {
  readonly ok: false;
  readonly reason: string;
}

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;

/**
 * The step that moves a server configured directly for an agent (VS Code's `.vscode/mcp.json`,
 * `.cursor/mcp.json`…) behind Airlock: the same command or URL as a policy server with no tool
 * allowed, and the names of its environment variables but never their values (those stay in
 * secret storage or the environment). Refused, with the reason, for an entry with neither a
 * command nor a URL, or whose name the policy cannot take (see policyServerName).
 */
export function directServerMove(entry: McpServerEntry): DirectServerMove | DirectServerRefusal {
  const named = policyServerName(entry.rawName);
  if (!named.ok) return named;
  const env = (entry.env ?? []).filter((name) => ENV_NAME.test(name));
  const dropped = (entry.env ?? []).filter((name) => !ENV_NAME.test(name));
  const stdio = entry.command === undefined ? undefined : { command: entry.command, args: [...(entry.args ?? [])], ...(env.length > 0 ? { env } : {}) };
  const http = stdio === undefined && entry.url !== undefined ? { url: entry.url } : undefined;
  if (stdio === undefined && http === undefined) return { ok: false, reason: `"${entry.name}" names no command or URL: there is nothing to run behind Airlock` };
  const server: AdoptedServer = { ...(stdio ? { stdio } : {}), ...(http ? { http } : {}), tools: { allow: [] } };
  const notes = [
    ...(named.renamed ? [`named "${named.name}" in the policy: server names there are lowercase letters, digits and dashes`] : []),
    ...(env.length > 0 ? [`its variables ${env.join(', ')} are named, not copied: Airlock reads their values from its secret storage or the environment`] : []),
    ...(dropped.length > 0 ? [`variables whose names are not environment variable names are left out: ${dropped.map((name) => JSON.stringify(name)).join(', ')}`] : []),
  ];
  // A Map keeps the name a key of the YAML document, whatever it is.
  const yaml = stringify({ version: 1, mcp: { servers: new Map([[named.name, server]]) } });
  return { ok: true, name: named.name, renamed: named.renamed, server, yaml, notes };
}

/**
 * The policy's name for a server the file calls `raw`: lowercase letters, digits and dashes,
 * starting with a letter, at most 32 (what MCP_SERVER_NAME accepts). A name that maps to one is
 * renamed; one with nothing usable left, or that is (or maps to) a property every JavaScript
 * object has (`__proto__`, `constructor`…), is refused: such a key reads as something else in
 * code that forgets it came from outside, so a server should not be known by it.
 */
export function policyServerName(raw: string): { readonly ok: true; readonly name: string; readonly renamed: boolean } | DirectServerRefusal {
  if (isPrototypeName(raw)) return { ok: false, reason: `"${shownName(raw)}" is a name every JavaScript object already has; rename the server in its file first` };
  const name = raw.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^[^a-z]+/, '').slice(0, 32).replace(/-+$/, '');
  if (!MCP_SERVER_NAME.test(name)) return { ok: false, reason: `"${shownName(raw)}" has no letters the policy can use for a server name (lowercase letters, digits and dashes, starting with a letter); rename it in its file first` };
  if (isPrototypeName(name)) return { ok: false, reason: `"${shownName(raw)}" would be named "${name}", a name every JavaScript object already has; rename the server in its file first` };
  return { ok: true, name, renamed: name !== raw };
}

function isPrototypeName(name: string): boolean {
  return name === '__proto__' || Object.hasOwn(Object.prototype, name);
}
