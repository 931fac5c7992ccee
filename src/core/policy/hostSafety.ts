import ipaddr from 'ipaddr.js';
import { hostMatches, parseHostPattern, type HostPattern } from './hostPattern';
import { ownValue } from './keyedRecord';

/**
 * Cloud instance metadata services: an allow rule for one of them hands the machine's cloud
 * credentials to whatever the agent fetched last. (169.254.169.254 and fd00:ec2::254 are also
 * caught as link-local / unique-local addresses below; the names are not.)
 */
const METADATA_HOSTS = ['metadata.google.internal', 'metadata.goog', 'metadata.azure.com', 'instance-data.ec2.internal'];

/** ipaddr.js range names, as a sentence says them. */
const RANGE_NAMES: Readonly<Record<string, string>> = {
  loopback: 'a loopback',
  private: 'a private',
  linkLocal: 'a link-local',
  uniqueLocal: 'a unique local (private IPv6)',
  carrierGradeNat: 'a carrier-grade NAT',
  unspecified: 'the unspecified',
  rfc6052: 'a NAT64',
  ipv4Mapped: 'an IPv4-mapped',
};

const LOCALHOST_NAME = /^(?:[a-z0-9-]+\.)*localhost$/;

/** True when the pattern can only name this machine: a loopback IP literal, localhost, *.localhost. */
export function isLoopbackPattern(pattern: HostPattern): boolean {
  if (ipaddr.isValid(pattern.host)) return ipaddr.process(pattern.host).range() === 'loopback';
  return LOCALHOST_NAME.test(pattern.host);
}

/**
 * Why a pattern must not be allowed for agent egress, or undefined when it may be. Web tools
 * reach public hosts only: an address that is not global unicast (loopback, private, link-local,
 * CGNAT, NAT64, 6to4…), a localhost name or a metadata service is server-side request forgery
 * waiting to happen, whatever SafeFetch later checks. The model's own endpoint belongs in
 * `model.endpoints`, not here.
 */
export function unsafeEgressReason(pattern: HostPattern): string | undefined {
  if (ipaddr.isValid(pattern.host)) {
    const range = ipaddr.process(pattern.host).range();
    return range === 'unicast' ? undefined : `${pattern.host} is ${ownValue(RANGE_NAMES, range) ?? `a ${range}`} address; agent tools may only reach public hosts (the local model goes under model.endpoints)`;
  }
  if (LOCALHOST_NAME.test(pattern.host)) {
    return `${pattern.host} is this machine; agent tools may only reach public hosts (the local model goes under model.endpoints)`;
  }
  const metadata = METADATA_HOSTS.find((host) => hostMatches(pattern, host, pattern.port ?? 80));
  return metadata === undefined ? undefined : `it would let the agent reach the cloud metadata service ${metadata}, which hands out the machine's credentials`;
}

/** Parses a canonical pattern from a validated policy; invalid text yields undefined. */
export function patternOf(text: string): HostPattern | undefined {
  const parsed = parseHostPattern(text);
  return parsed.ok ? parsed.pattern : undefined;
}
