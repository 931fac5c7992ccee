import type { PolicyPack } from '../policy/policySchema';
import { addressForms, classifyAddress, isIpLiteral, METADATA_HOST_NAMES, type AddressClass } from './addressClass';
import { allow, ask, deny, type AddressReason, type EgressDecision } from './egressDecision';
import { firstMatch, modelRules, namingRule, ruleMatches, toolRules, type HostRule, type MatchTarget } from './egressRules';
import { defaultPort, formatTarget, targetOf, type EgressTarget } from './egressTarget';

/** The model client's tool id: its rules are the policy's `model` section, not `egress`. */
export const MODEL_TOOL = 'model';

const LOCALHOST_NAME = /^(?:[a-z0-9-]+\.)*localhost$/;

const CLASS_WORDS: Readonly<Record<Exclude<AddressClass, 'public'>, string>> = {
  loopback: 'a loopback address (this machine)',
  private: 'a private network address',
  'link-local': 'a link-local address',
  'carrier-grade-nat': 'a carrier-grade NAT address',
  'unique-local': 'a unique local (private IPv6) address',
  multicast: 'a multicast address',
  broadcast: 'the broadcast address',
  reserved: 'a reserved address',
  unspecified: 'the unspecified address (it reaches this machine)',
  metadata: 'a cloud metadata service address (it hands out the machine\'s credentials)',
};

/**
 * Decides one request from the policy and the URL alone, without any lookup. In order:
 *  1. the URL must parse (WHATWG, so the host is the one the request would reach) — `invalid-url`;
 *  2. the scheme must be http or https — `scheme-not-allowed`;
 *  3. no credentials in the URL — `credentials-in-url`;
 *  4. a `block` rule (for every tool, or this tool) matching the host, or any IPv4 address an IPv6
 *     literal embeds, denies — `blocked-by-rule`: block wins over everything below;
 *  5. the `model` tool is decided by the `model` section only: a loopback host listed in
 *     `model.endpoints` (http allowed) — `model-endpoint`; a URL under a `model.remote` API —
 *     `model-remote`; anything else — `model-endpoint-not-listed`;
 *  6. other tools: an IP literal that is not public (loopback, private, link-local, CGNAT,
 *     unique-local, multicast, broadcast, reserved, unspecified, metadata) — `<class>-address`;
 *     a metadata service name — `metadata-host`; localhost or *.localhost — `local-host-name`;
 *     each unless an allow or requireApproval rule names exactly that host (no wildcard);
 *  7. a `requireApproval` rule matching — `ask`, `approval-required` (it wins over allow);
 *  8. an `allow` rule matching — `allowed-by-rule`;
 *  9. nothing matched — `no-rule-matched`: default deny;
 * 10. for 7 and 8, plain http only when the deciding rule names a port (`example.com:80`);
 *     otherwise `plain-http-not-allowed`.
 * An allow or requireApproval rule without a port covers the scheme's default port only (443,
 * or 80); block rules and model endpoints without a port cover every port. A host with an empty
 * label (`example.com..`) is `invalid-url`.
 * Names are judged here by name only; decideAddress() judges every address they resolve to.
 */
export function decide(policy: PolicyPack, tool: string, input: URL | string): EgressDecision {
  const url = typeof input === 'string' ? (URL.canParse(input) ? new URL(input) : undefined) : input;
  if (url === undefined) return deny('invalid-url', 'this is not a valid URL.');
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return deny('scheme-not-allowed', `${url.protocol.replace(/:$/, '')} is not allowed; use http or https.`);
  if (url.username !== '' || url.password !== '') {
    return deny('credentials-in-url', 'URLs with credentials (user:password@host) are refused; they leak secrets into logs and hide the real host.');
  }
  const target = targetOf(url);
  if (target === undefined) return deny('invalid-url', url.hostname === '' ? 'the URL has no host.' : `${url.hostname} is not a valid host: it has an empty label (two dots in a row, or a leading dot).`);
  const blocked = blockingRule(policy, tool, target);
  if (blocked !== undefined) return deny('blocked-by-rule', `${formatTarget(target)} is blocked by the rule "${blocked.text}".`, blocked.text);
  if (tool === MODEL_TOOL) return decideModel(policy, url, target);
  const rules = toolRules(policy, tool);
  const special = specialHost(target);
  if (special !== undefined && namingRule(rules, target) === undefined) return special;
  const approval = firstMatch(rules.requireApproval, target);
  if (approval !== undefined) return plainHttpCheck(target, approval) ?? ask('approval-required', `${formatTarget(target)} needs your approval for ${tool} (rule "${approval.text}").`, approval.text);
  const allowed = firstMatch(rules.allow, target);
  if (allowed !== undefined) return plainHttpCheck(target, allowed) ?? allow('allowed-by-rule', `${formatTarget(target)} is allowed for ${tool} by the rule "${allowed.text}".`, allowed.text);
  const pattern = target.port === defaultPort(target.scheme) ? target.host : formatTarget(target);
  return deny('no-rule-matched', `no rule allows ${formatTarget(target)} for ${tool}; egress is denied unless the policy allows the host (airlock firewall allow ${pattern}).`);
}

/**
 * Decides one address that `target`'s host resolved to (or the literal itself), before any
 * connection: block rules apply to it and to the IPv4 address it embeds; the model's loopback
 * endpoints must resolve to loopback only; everything else must be public unless an allow or
 * requireApproval rule for the tool names exactly that address.
 */
export function decideAddress(policy: PolicyPack, tool: string, address: string, target: Pick<EgressTarget, 'scheme' | 'host' | 'port'>): EgressDecision {
  const classified = classifyAddress(address);
  const where = target.host === classified.address ? classified.address : `${target.host} resolved to ${classified.address}, which`;
  const blocked = blockingAddressRule(policy, tool, classified.address, target);
  if (blocked !== undefined) return deny('blocked-by-rule', `${where} is blocked by the rule "${blocked.text}".`, blocked.text);
  if (tool === MODEL_TOOL && isLoopbackHost(target.host)) {
    return classified.class === 'loopback'
      ? allow('model-endpoint', `${where} is on this machine.`)
      : deny('address-not-loopback', `${where} is not a loopback address.`);
  }
  if (classified.class === 'public') return allow('public-address', `${where} is a public address.`);
  const named = tool === MODEL_TOOL ? undefined : namingRule(toolRules(policy, tool), { scheme: target.scheme, host: classified.address, address: classified.address, port: target.port });
  if (named !== undefined) return allow('address-named-by-rule', `${where} is ${classWords(classified.class)}, named by the rule "${named.text}".`, named.text);
  const via = classified.embedded === undefined ? '' : ` (it carries ${classified.embedded})`;
  return deny(addressReason(classified.class), `${where} is ${classWords(classified.class)}${via}; agent tools and commands may only reach public hosts (a policy cannot allow a private or local address for them).`);
}

/** True for a loopback IP literal, localhost or *.localhost. */
export function isLoopbackHost(host: string): boolean {
  return isIpLiteral(host) ? classifyAddress(host).class === 'loopback' : LOCALHOST_NAME.test(host);
}

function decideModel(policy: PolicyPack, url: URL, target: EgressTarget): EgressDecision {
  const rules = modelRules(policy);
  if (isLoopbackHost(target.host)) {
    const endpoint = firstMatch(rules.endpoints, target);
    return endpoint === undefined
      ? deny('model-endpoint-not-listed', `${formatTarget(target)} is on this machine but not listed in model.endpoints.`)
      : allow('model-endpoint', `${formatTarget(target)} is on this machine (model.endpoints "${endpoint.text}").`, endpoint.text);
  }
  const remote = rules.remote.find((entry) => entry.url.origin === url.origin && within(url.pathname, entry.url.pathname));
  if (remote !== undefined) return allow('model-remote', `${url.origin} is the remote model API "${remote.provider}" named in model.remote.`, `model.remote: ${remote.provider}`);
  return deny('model-endpoint-not-listed', `${target.host} is not a loopback address; Airlock sends model traffic only to this machine (127.0.0.1, ::1, localhost) or to a remote model API the policy names under model.remote.`);
}

/** `/v1/chat` is within `/v1`; `/v10` is not. */
function within(path: string, base: string): boolean {
  const prefix = base.endsWith('/') ? base : `${base}/`;
  return path === base || path.startsWith(prefix) || base === '/';
}

function specialHost(target: EgressTarget): EgressDecision | undefined {
  if (target.address !== undefined) {
    const classified = classifyAddress(target.address);
    if (classified.class === 'public') return undefined;
    const via = classified.embedded === undefined ? '' : ` (it carries ${classified.embedded})`;
    return deny(addressReason(classified.class), `${target.address} is ${classWords(classified.class)}${via}; agent tools and commands may only reach public hosts (a policy cannot allow a private or local address for them).`);
  }
  if (METADATA_HOST_NAMES.has(target.host)) return deny('metadata-host', `${target.host} is a cloud metadata service; it hands out the machine's credentials.`);
  if (LOCALHOST_NAME.test(target.host)) return deny('local-host-name', `${target.host} is this machine; web tools may only reach public hosts.`);
  return undefined;
}

function plainHttpCheck(target: EgressTarget, rule: HostRule): EgressDecision | undefined {
  if (target.scheme === 'https' || rule.pattern.port !== undefined) return undefined;
  return deny('plain-http-not-allowed', `plain http to ${formatTarget(target)} is refused: use https, or name the port in the rule (e.g. ${rule.text}:${target.port}) to allow unencrypted http.`, rule.text);
}

function blockingRule(policy: PolicyPack, tool: string, target: EgressTarget): HostRule | undefined {
  if (target.address !== undefined) return blockingAddressRule(policy, tool, target.address, target);
  return firstMatch(toolRules(policy, tool).block, target);
}

function blockingAddressRule(policy: PolicyPack, tool: string, address: string, where: Pick<EgressTarget, 'scheme' | 'port'>): HostRule | undefined {
  const rules = toolRules(policy, tool).block;
  for (const form of addressForms(address)) {
    const target: MatchTarget = { scheme: where.scheme, host: form, address: form, port: where.port };
    const rule = rules.find((candidate) => ruleMatches(candidate, target));
    if (rule !== undefined) return rule;
  }
  return undefined;
}

function addressReason(addressClass: Exclude<AddressClass, 'public'>): AddressReason {
  return `${addressClass}-address`;
}

function classWords(addressClass: AddressClass): string {
  return addressClass === 'public' ? 'a public address' : CLASS_WORDS[addressClass];
}
