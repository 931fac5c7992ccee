import ipaddr from 'ipaddr.js';

/**
 * What an IP address is, for egress: only `public` addresses are open to web tools. An IPv6
 * address that embeds an IPv4 one (mapped, NAT64, 6to4, Teredo, the deprecated "compatible"
 * form) is judged by the embedded address, since that is where the packets end up.
 */
export type AddressClass =
  | 'public'
  | 'loopback'
  | 'private'
  | 'link-local'
  | 'carrier-grade-nat'
  | 'unique-local'
  | 'multicast'
  | 'broadcast'
  | 'reserved'
  | 'unspecified'
  | 'metadata';

export interface ClassifiedAddress {
  /** Canonical text: IPv4 dotted quad (also for IPv4-mapped IPv6), IPv6 compressed lowercase. */
  readonly address: string;
  readonly class: AddressClass;
  /** The IPv4 address an IPv6 form carries, when the class was decided by it. */
  readonly embedded?: string;
  /** The address and every IPv4 address it embeds (block rules match any of them). */
  readonly forms: readonly string[];
  /** False when the text was not an IP literal at all (then the class is `reserved`). */
  readonly literal: boolean;
}

/**
 * Cloud instance metadata and similar host-side services: they hand out the machine's cloud
 * credentials. Most sit in link-local or private ranges anyway; Azure's WireServer does not.
 */
const METADATA_ADDRESSES: ReadonlySet<string> = new Set([
  '169.254.169.254', // AWS, GCP, Azure, OCI, DigitalOcean, OpenStack
  '169.254.170.2', // AWS ECS task metadata
  '169.254.170.23', // AWS EKS pod identity
  '169.254.0.23', // Tencent Cloud
  '100.100.100.200', // Alibaba Cloud
  '168.63.129.16', // Azure WireServer (a public address)
  '192.0.0.192', // Oracle Cloud (legacy)
  'fd00:ec2::254', // AWS IMDS over IPv6
  'fd00:ec2::23', // AWS EKS pod identity over IPv6
  'fd20:ce::254', // GCP metadata over IPv6
]);

/** Metadata services reached by name (checked before any lookup; the addresses are checked too). */
export const METADATA_HOST_NAMES: ReadonlySet<string> = new Set([
  'metadata.google.internal',
  'metadata.goog',
  'metadata.azure.com',
  'metadata.tencentyun.com',
  'instance-data.ec2.internal',
  'instance-data',
  'metadata',
]);

const IPV4_CLASSES: Readonly<Record<string, AddressClass>> = {
  unicast: 'public',
  loopback: 'loopback',
  private: 'private',
  linkLocal: 'link-local',
  carrierGradeNat: 'carrier-grade-nat',
  multicast: 'multicast',
  broadcast: 'broadcast',
  unspecified: 'unspecified',
};

const IPV6_CLASSES: Readonly<Record<string, AddressClass>> = {
  unicast: 'public',
  loopback: 'loopback',
  linkLocal: 'link-local',
  uniqueLocal: 'unique-local',
  multicast: 'multicast',
  unspecified: 'unspecified',
  deprecatedSiteLocal: 'private',
};

const GLOBAL_UNICAST = ipaddr.parseCIDR('2000::/3');
const NAT64_WELL_KNOWN = ipaddr.parseCIDR('64:ff9b::/96');
const TRANSLATED = ipaddr.parseCIDR('::ffff:0:0:0/96');
const COMPATIBLE = ipaddr.parseCIDR('::/96');
const SIX_TO_FOUR = ipaddr.parseCIDR('2002::/16');
const TEREDO = ipaddr.parseCIDR('2001::/32');

// WHATWG serialises every IPv4 host as a dotted quad and keeps IPv6 in brackets: anything else is a name.
const MAYBE_IP = /^[\d.]+$|:/;

/** True for any IPv4 or IPv6 literal (bare, no brackets, no zone). */
export function isIpLiteral(host: string): boolean {
  return MAYBE_IP.test(host) && ipaddr.isValid(host) && !host.includes('%');
}

/** Canonical text of an address (IPv4-mapped IPv6 becomes IPv4), or undefined for a name. */
export function canonicalAddress(host: string): string | undefined {
  if (!MAYBE_IP.test(host)) return undefined;
  const classified = classifyAddress(host);
  return classified.literal ? classified.address : undefined;
}

// Requests repeat the same few addresses: classify each once (bounded, oldest dropped first).
const classified = new Map<string, ClassifiedAddress>();
const CACHE_SIZE = 512;

/** Classifies a bare IP literal; anything unparsable is `reserved` (never public). */
export function classifyAddress(text: string): ClassifiedAddress {
  let result = classified.get(text);
  if (result === undefined) {
    result = classify(text);
    if (classified.size >= CACHE_SIZE) classified.delete(classified.keys().next().value as string);
    classified.set(text, result);
  }
  return result;
}

function classify(text: string): ClassifiedAddress {
  if (!isIpLiteral(text)) return { address: text, class: 'reserved', forms: [text], literal: false };
  const parsed = ipaddr.process(text);
  const address = parsed.toString();
  if (parsed.kind() === 'ipv4') return { address, class: METADATA_ADDRESSES.has(address) ? 'metadata' : (IPV4_CLASSES[parsed.range()] ?? 'reserved'), forms: [address], literal: true };
  const v6 = parsed as ipaddr.IPv6;
  const embedded = embeddedIpv4(v6)?.map((v4) => v4.toString());
  const forms = [address, ...(embedded ?? [])];
  if (METADATA_ADDRESSES.has(address)) return { address, class: 'metadata', forms, literal: true };
  if (embedded !== undefined) {
    const worst = embedded.map((v4) => ({ v4, verdict: classifyAddress(v4).class })).find((entry) => entry.verdict !== 'public');
    return worst === undefined ? { address, class: 'public', embedded: embedded[0] ?? '', forms, literal: true } : { address, class: worst.verdict, embedded: worst.v4, forms, literal: true };
  }
  const range = v6.range();
  if (range === 'unicast' && !v6.match(GLOBAL_UNICAST)) return { address, class: 'reserved', forms, literal: true };
  return { address, class: IPV6_CLASSES[range] ?? 'reserved', forms, literal: true };
}

/**
 * The IPv4 addresses an IPv6 transition form routes to: NAT64 (64:ff9b::/96), IPv4-translated
 * (::ffff:0:a.b.c.d), the deprecated IPv4-compatible form (::a.b.c.d), 6to4 (2002:AABB:CCDD::)
 * and Teredo (server and de-obfuscated client). IPv4-mapped is already unwrapped by process().
 */
function embeddedIpv4(v6: ipaddr.IPv6): ipaddr.IPv4[] | undefined {
  const bytes = v6.toByteArray();
  const v4At = (offset: number, xor = 0): ipaddr.IPv4 => new ipaddr.IPv4(bytes.slice(offset, offset + 4).map((byte) => byte ^ xor));
  if (v6.match(NAT64_WELL_KNOWN) || v6.match(TRANSLATED)) return [v4At(12)];
  if (v6.match(COMPATIBLE)) {
    // :: and ::1 are the unspecified and loopback addresses, not embeddings.
    const range = v6.range();
    return range === 'unspecified' || range === 'loopback' ? undefined : [v4At(12)];
  }
  if (v6.match(SIX_TO_FOUR)) return [v4At(2)];
  if (v6.match(TEREDO)) return [v4At(12, 0xff), v4At(4)];
  return undefined;
}

/** Two IP literals name the same address (after unmapping and canonicalising). */
export function sameAddress(a: string, b: string): boolean {
  const left = canonicalAddress(a);
  return left !== undefined && left === canonicalAddress(b);
}

/** The address and every IPv4 address it embeds, for matching block rules. */
export function addressForms(text: string): readonly string[] {
  return classifyAddress(text).forms;
}
