import { parseHostPattern, hostMatches, type HostPattern } from '../policy/hostPattern';
import type { PolicyPack } from '../policy/policySchema';
import { canonicalAddress } from './addressClass';
import { defaultPort } from './egressTarget';

/** One host pattern from the policy, parsed once, with the text the decisions quote. */
export interface HostRule {
  readonly text: string;
  readonly pattern: HostPattern;
  /** Canonical address when the pattern is an IP literal. */
  readonly address: string | undefined;
  /**
   * What a pattern without a port covers: allow and requireApproval rules the scheme's default
   * port only (other ports must be named, `host:8443`), so a redirect cannot reach another service
   * on an allowed host; block rules and loopback model endpoints every port.
   */
  readonly portless: 'default-port' | 'any-port';
}

/** The egress lists that apply to one tool: the rules for every tool, then its own. */
export interface ToolRules {
  readonly block: readonly HostRule[];
  readonly requireApproval: readonly HostRule[];
  readonly allow: readonly HostRule[];
}

export interface RemoteModelRule {
  readonly provider: string;
  readonly url: URL;
}

export interface ModelRules {
  readonly endpoints: readonly HostRule[];
  readonly remote: readonly RemoteModelRule[];
}

/** What a rule is matched against: a name or an address, a port, and the scheme whose default port a portless rule means. */
export interface MatchTarget {
  readonly scheme: 'http' | 'https';
  readonly host: string;
  readonly address: string | undefined;
  readonly port: number;
}

interface Compiled {
  readonly tools: Map<string, ToolRules>;
  model?: ModelRules;
}

// The policy object is replaced, never mutated, when the policy changes: cache by identity.
const cache = new WeakMap<PolicyPack, Compiled>();

function compiled(policy: PolicyPack): Compiled {
  let entry = cache.get(policy);
  if (entry === undefined) {
    entry = { tools: new Map() };
    cache.set(policy, entry);
  }
  return entry;
}

/** The lists for `tool`, compiled once per policy object. */
export function toolRules(policy: PolicyPack, tool: string): ToolRules {
  const entry = compiled(policy);
  let rules = entry.tools.get(tool);
  if (rules === undefined) {
    const own = Object.hasOwn(policy.egress.tools, tool) ? policy.egress.tools[tool] : undefined;
    rules = {
      block: compileList([...policy.egress.block, ...(own?.block ?? [])], 'any-port'),
      requireApproval: compileList([...policy.egress.requireApproval, ...(own?.requireApproval ?? [])], 'default-port'),
      allow: compileList([...policy.egress.allow, ...(own?.allow ?? [])], 'default-port'),
    };
    entry.tools.set(tool, rules);
  }
  return rules;
}

/** The `model` section, compiled once per policy object. */
export function modelRules(policy: PolicyPack): ModelRules {
  const entry = compiled(policy);
  entry.model ??= {
    // A local model server listens where it likes (11434, 8080, 1234…); endpoints are loopback only.
    endpoints: compileList(policy.model.endpoints, 'any-port'),
    remote: policy.model.remote.flatMap((remote) => (URL.canParse(remote.url) ? [{ provider: remote.provider, url: new URL(remote.url) }] : [])),
  };
  return entry.model;
}

function compileList(texts: readonly string[], portless: HostRule['portless']): HostRule[] {
  const rules: HostRule[] = [];
  for (const text of new Set(texts)) {
    const parsed = parseHostPattern(text);
    // The schema validated every pattern; one that no longer parses matches nothing.
    if (parsed.ok) rules.push({ text, pattern: parsed.pattern, address: parsed.pattern.wildcard ? undefined : canonicalAddress(parsed.pattern.host), portless });
  }
  return rules;
}

/** A name pattern matches names; an address pattern matches that address in any spelling. */
export function ruleMatches(rule: HostRule, target: MatchTarget): boolean {
  const port = rule.pattern.port ?? (rule.portless === 'default-port' ? defaultPort(target.scheme) : undefined);
  if (port !== undefined && port !== target.port) return false;
  if (rule.address !== undefined || target.address !== undefined) return rule.address !== undefined && rule.address === target.address;
  return hostMatches(rule.pattern, target.host, target.port);
}

export function firstMatch(rules: readonly HostRule[], target: MatchTarget): HostRule | undefined {
  return rules.find((rule) => ruleMatches(rule, target));
}

/** A rule that names exactly this host or address (no wildcard): the only way to open a special one. */
export function namingRule(rules: ToolRules, target: MatchTarget): HostRule | undefined {
  const names = (rule: HostRule): boolean => !rule.pattern.wildcard && ruleMatches(rule, target);
  return rules.allow.find(names) ?? rules.requireApproval.find(names);
}
