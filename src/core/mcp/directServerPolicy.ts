import { stringify } from 'yaml';
import type { McpServerEntry } from '../posture/mcpServerEntries';
import { MCP_SERVER_NAME } from '../policy/policySchema';

/** What to write into a policy overlay to run a server Airlock does not run yet behind its guard. */
export interface DirectServerMove {
  /** A server name the policy accepts, derived from the file's name for it. */
  readonly name: string;
  /** The overlay text: the server with no tool allowed yet (the user picks them after `airlock mcp diff`). */
  readonly yaml: string;
}

/**
 * The step that moves a server configured directly for an agent (VS Code's `.vscode/mcp.json`,
 * `.cursor/mcp.json`…) behind Airlock: the same command or URL as a policy server with no tool
 * allowed, and no environment values (names only; values stay in secret storage or the
 * environment). Undefined for an entry with neither a command nor a URL. The file's server is not
 * removed here: the user does that, and the side-door review keeps showing it until then.
 */
export function directServerMove(entry: McpServerEntry): DirectServerMove | undefined {
  const transport = entry.command !== undefined ? { stdio: { command: entry.command, args: [...(entry.args ?? [])] } } : entry.url !== undefined ? { http: { url: entry.url } } : undefined;
  if (transport === undefined) return undefined;
  const name = policyServerName(entry.rawName);
  const server = { ...transport, tools: { allow: [] } };
  // A Map keeps the name a key of the YAML document, whatever it is.
  const yaml = stringify({ version: 1, mcp: { servers: new Map([[name, server]]) } });
  return { name, yaml };
}

/** Lowercase letters, digits and dashes, starting with a letter, at most 32: what MCP_SERVER_NAME accepts. */
export function policyServerName(raw: string): string {
  const slug = raw.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^[^a-z]+/, '').replace(/-+$/, '').slice(0, 32).replace(/-+$/, '');
  const name = slug === '' ? 'server' : slug;
  return MCP_SERVER_NAME.test(name) ? name : 'server';
}
