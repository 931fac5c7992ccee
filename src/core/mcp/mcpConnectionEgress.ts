import { ownEntries, ownValue } from '../policy/keyedRecord';
import type { PolicyPack } from '../policy/policySchema';

/** The tool id a server's traffic is decided, limited and audited under. */
export function serverTool(server: string): string {
  return `mcp.${server}`;
}

const derived = new WeakMap<PolicyPack, Map<string, PolicyPack>>();

/**
 * The policy the egress checks read for one server's traffic (tool `mcp.<server>`): the pack as
 * it is, the rules written for the server or any of its tools, plus the server's own `egress` hosts and, for an http server, its URL's host and port
 * (naming the server with that URL is what allows it) as allow rules for that tool alone. Block
 * rules still win, every redirect is decided again, and every address is checked as for any
 * request. The same object comes back until the policy changes, as SafeFetch and the proxy expect.
 */
export function serverEgressPolicy(policy: PolicyPack, server: string): PolicyPack {
  let perServer = derived.get(policy);
  if (perServer === undefined) {
    perServer = new Map();
    derived.set(policy, perServer);
  }
  const known = perServer.get(server);
  if (known !== undefined) return known;
  const settings = ownValue(policy.mcp.servers, server);
  const tool = serverTool(server);
  // A server is one process: its connections cannot be told apart by tool, so the rules written
  // for any of its tools (`firewall allow --tool mcp.<server>.<tool>`) are its rules, a block included.
  const own = ownEntries(policy.egress.tools).filter(([id]) => id === tool || id.startsWith(`${tool}.`)).map(([, rules]) => rules);
  const hosts = [...(settings?.egress ?? []), ...(settings?.http === undefined ? [] : [urlHost(new URL(settings.http.url))])];
  const rules = { allow: [...own.flatMap((entry) => entry.allow), ...hosts], requireApproval: own.flatMap((entry) => entry.requireApproval), block: own.flatMap((entry) => entry.block) };
  const tools = Object.assign(Object.create(null) as PolicyPack['egress']['tools'], policy.egress.tools, { [tool]: rules });
  const result: PolicyPack = { ...policy, egress: { ...policy.egress, tools } };
  perServer.set(server, result);
  return result;
}

/** `host:port` with the port always written: a plain-http server is allowed only by a rule that names one. */
function urlHost(url: URL): string {
  return `${url.hostname}:${url.port === '' ? (url.protocol === 'https:' ? '443' : '80') : url.port}`;
}
