// The SSRF bypass table: URLs that try to reach something a web tool must not reach, each named by
// its trick. Shared by bypass.test.ts (SafeFetch must block every row, for the stated reason,
// before any socket is opened) and bench/safeFetch.bench.ts (how many rows the peers block).
// Names resolve through BYPASS_HOSTS, never through DNS.
import type { EgressReason } from '../../../../src/core/egress/egressDecision';
import type { PolicyShape } from './egressTestKit';

export interface BypassRow {
  readonly trick: string;
  readonly url: string;
  /** What SafeFetch must say. */
  readonly reason: EgressReason;
  /** The kind of attack, for the report: peers without an allowlist cannot stop `allowlist` rows. */
  readonly kind: 'address' | 'name' | 'allowlist' | 'scheme';
}

/** Rows that must get through (to a public address): a guard that blocks everything fails these. */
export interface ControlRow {
  readonly trick: string;
  readonly url: string;
  readonly address: string;
}

/** The policy the table is judged under: a few allowed hosts (some resolving badly) and the default pack's blocks. */
export const BYPASS_POLICY: PolicyShape = {
  allow: ['allowed.example', '*.allowed.example', 'example.com', '*.nip.io', 'localtest.me', '*.rbndr.us'],
  block: ['169.254.169.254', 'metadata.google.internal'],
};

const PUBLIC = '93.184.215.14';

/**
 * What each name "resolves" to. An attacker controls DNS for names the policy allows; names with
 * real-world answers (localhost, metadata) get those, so peers that judge by address are judged fairly.
 * Any other name resolves to a public address (see bypassAnswer), except `nxdomain.*`.
 */
export const BYPASS_HOSTS: Readonly<Record<string, readonly string[]>> = {
  localhost: ['127.0.0.1', '::1'],
  'admin.localhost': ['127.0.0.1'],
  'metadata.google.internal': ['169.254.169.254'],
  'metadata.goog': ['169.254.169.254'],
  metadata: ['169.254.169.254'],
  'allowed.example': [PUBLIC],
  'www.allowed.example': [PUBLIC],
  'example.com': [PUBLIC],
  '127.0.0.1.nip.io': ['127.0.0.1'],
  '10.0.0.1.nip.io': ['10.0.0.1'],
  '169.254.169.254.nip.io': ['169.254.169.254'],
  'localtest.me': ['127.0.0.1'],
  '7f000001.c0a80001.rbndr.us': ['127.0.0.1'],
  'lan.allowed.example': ['192.168.0.10'],
  'v6loop.allowed.example': ['::1'],
  'mapped.allowed.example': ['::ffff:10.0.0.1'],
  'nat64.allowed.example': ['64:ff9b::a9fe:a9fe'],
  'mixed.allowed.example': [PUBLIC, '10.0.0.1'],
  'cgnat.allowed.example': ['100.64.0.1'],
  'zero.allowed.example': ['0.0.0.0'],
  'ula.allowed.example': ['fd00::1'],
  'll6.allowed.example': ['fe80::1'],
  'mcast.allowed.example': ['224.0.0.1'],
  'azure.allowed.example': ['168.63.129.16'],
  'alibaba.allowed.example': ['100.100.100.200'],
  'ecs.allowed.example': ['169.254.170.2'],
  'imds6.allowed.example': ['fd00:ec2::254'],
};

/** The answer for a name: the table's, NXDOMAIN for `nxdomain.*`, otherwise a public address. */
export function bypassAnswer(host: string): readonly string[] | undefined {
  const name = host.toLowerCase().replace(/\.$/, '');
  return BYPASS_HOSTS[name] ?? (name.startsWith('nxdomain.') ? undefined : [PUBLIC]);
}

/** bypassAnswer as SafeFetch's resolver, counting the names asked. */
export function bypassResolver(): { calls: string[]; resolve: (host: string) => Promise<string[]> } {
  const calls: string[] = [];
  return {
    calls,
    resolve: (host) => {
      calls.push(host);
      const answers = bypassAnswer(host);
      return answers === undefined ? Promise.reject(Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' })) : Promise.resolve([...answers]);
    },
  };
}

export const BYPASS_ROWS: readonly BypassRow[] = [
  // IPv4 literal spellings of loopback (WHATWG turns them all into 127.0.0.1)
  { kind: 'address', trick: 'dotted loopback', url: 'https://127.0.0.1/', reason: 'loopback-address' },
  { kind: 'address', trick: 'decimal IPv4 (2130706433)', url: 'https://2130706433/', reason: 'loopback-address' },
  { kind: 'address', trick: 'octal IPv4 (0177.0.0.1)', url: 'https://0177.0.0.1/', reason: 'loopback-address' },
  { kind: 'address', trick: 'hex IPv4 (0x7f000001)', url: 'https://0x7f000001/', reason: 'loopback-address' },
  { kind: 'address', trick: 'dotted hex (0x7f.0x0.0x0.0x1)', url: 'https://0x7f.0x0.0x0.0x1/', reason: 'loopback-address' },
  { kind: 'address', trick: 'short IPv4 (127.1)', url: 'https://127.1/', reason: 'loopback-address' },
  { kind: 'address', trick: 'zero-padded octets (127.000.000.001)', url: 'https://127.000.000.001/', reason: 'loopback-address' },
  { kind: 'address', trick: 'percent-encoded host (%31%32%37.0.0.1)', url: 'https://%31%32%37.0.0.1/', reason: 'loopback-address' },
  { kind: 'address', trick: 'enclosed digits (①②⑦.0.0.1)', url: 'https://①②⑦.0.0.1/', reason: 'loopback-address' },
  { kind: 'address', trick: 'trailing dot on an IP (127.0.0.1.)', url: 'https://127.0.0.1./', reason: 'loopback-address' },
  { kind: 'address', trick: 'anywhere in 127/8 (127.127.127.127)', url: 'https://127.127.127.127/', reason: 'loopback-address' },
  { kind: 'address', trick: 'unspecified 0.0.0.0 (reaches local services)', url: 'https://0.0.0.0/', reason: 'unspecified-address' },
  { kind: 'address', trick: 'bare 0 (0.0.0.0)', url: 'https://0/', reason: 'unspecified-address' },
  // IPv4 ranges
  { kind: 'address', trick: 'private 10/8', url: 'https://10.0.0.1/', reason: 'private-address' },
  { kind: 'address', trick: 'private 172.16/12, top edge', url: 'https://172.31.255.255/', reason: 'private-address' },
  { kind: 'address', trick: 'private 192.168/16 in decimal (3232235777)', url: 'https://3232235777/', reason: 'private-address' },
  { kind: 'address', trick: 'link-local 169.254/16 next to metadata', url: 'https://169.254.169.253/', reason: 'link-local-address' },
  { kind: 'address', trick: 'metadata 169.254.169.254 (blocked by the pack)', url: 'https://169.254.169.254/latest/meta-data/', reason: 'blocked-by-rule' },
  { kind: 'address', trick: 'metadata in hex (0xa9fea9fe)', url: 'https://0xa9fea9fe/', reason: 'blocked-by-rule' },
  { kind: 'address', trick: 'Alibaba metadata 100.100.100.200', url: 'https://100.100.100.200/', reason: 'metadata-address' },
  { kind: 'address', trick: 'Azure WireServer 168.63.129.16 (a public address)', url: 'https://168.63.129.16/', reason: 'metadata-address' },
  { kind: 'address', trick: 'AWS ECS task metadata 169.254.170.2', url: 'https://169.254.170.2/v2/credentials', reason: 'metadata-address' },
  { kind: 'address', trick: 'carrier-grade NAT 100.64/10', url: 'https://100.64.0.1/', reason: 'carrier-grade-nat-address' },
  { kind: 'address', trick: 'broadcast 255.255.255.255', url: 'https://255.255.255.255/', reason: 'broadcast-address' },
  { kind: 'address', trick: 'multicast 224.0.0.1', url: 'https://224.0.0.1/', reason: 'multicast-address' },
  { kind: 'address', trick: 'reserved 240/4', url: 'https://240.0.0.1/', reason: 'reserved-address' },
  { kind: 'address', trick: 'documentation range 192.0.2.0/24', url: 'https://192.0.2.1/', reason: 'reserved-address' },
  // IPv6 literals and IPv4 embeddings
  { kind: 'address', trick: 'IPv6 loopback [::1]', url: 'https://[::1]/', reason: 'loopback-address' },
  { kind: 'address', trick: 'IPv6 loopback, long form', url: 'https://[0:0:0:0:0:0:0:1]/', reason: 'loopback-address' },
  { kind: 'address', trick: 'IPv6 unspecified [::]', url: 'https://[::]/', reason: 'unspecified-address' },
  { kind: 'address', trick: 'IPv4-mapped loopback [::ffff:127.0.0.1]', url: 'https://[::ffff:127.0.0.1]/', reason: 'loopback-address' },
  { kind: 'address', trick: 'IPv4-mapped in hex [::ffff:7f00:1]', url: 'https://[::ffff:7f00:1]/', reason: 'loopback-address' },
  { kind: 'address', trick: 'IPv4-mapped metadata, long form (block rule still applies)', url: 'https://[0:0:0:0:0:ffff:169.254.169.254]/', reason: 'blocked-by-rule' },
  { kind: 'address', trick: 'IPv4-translated [::ffff:0:7f00:1]', url: 'https://[::ffff:0:7f00:1]/', reason: 'loopback-address' },
  { kind: 'address', trick: 'IPv4-compatible (deprecated) [::127.0.0.1]', url: 'https://[::127.0.0.1]/', reason: 'loopback-address' },
  { kind: 'address', trick: 'NAT64 64:ff9b::/96 embedding 127.0.0.1', url: 'https://[64:ff9b::7f00:1]/', reason: 'loopback-address' },
  { kind: 'address', trick: 'NAT64 embedding metadata (block rule on the embedded address)', url: 'https://[64:ff9b::a9fe:a9fe]/', reason: 'blocked-by-rule' },
  { kind: 'address', trick: '6to4 2002::/16 embedding 127.0.0.1', url: 'https://[2002:7f00:1::1]/', reason: 'loopback-address' },
  { kind: 'address', trick: '6to4 embedding 10.0.0.1', url: 'https://[2002:a00:1::]/', reason: 'private-address' },
  { kind: 'address', trick: 'Teredo 2001::/32 with client 127.0.0.1 (obfuscated)', url: 'https://[2001:0:4136:e378:8000:63bf:80ff:fffe]/', reason: 'loopback-address' },
  { kind: 'address', trick: 'IPv6 link-local fe80::/10', url: 'https://[fe80::1]/', reason: 'link-local-address' },
  { kind: 'address', trick: 'IPv6 unique local fc00::/7', url: 'https://[fd12:3456::1]/', reason: 'unique-local-address' },
  { kind: 'address', trick: 'AWS IMDS over IPv6 fd00:ec2::254', url: 'https://[fd00:ec2::254]/', reason: 'metadata-address' },
  { kind: 'address', trick: 'deprecated site-local fec0::/10', url: 'https://[fec0::1]/', reason: 'private-address' },
  { kind: 'address', trick: 'IPv6 multicast ff02::1', url: 'https://[ff02::1]/', reason: 'multicast-address' },
  { kind: 'address', trick: 'IPv6 outside 2000::/3 (4000::1)', url: 'https://[4000::1]/', reason: 'reserved-address' },
  // Names
  { kind: 'name', trick: 'localhost', url: 'https://localhost/', reason: 'local-host-name' },
  { kind: 'name', trick: 'LOCALHOST. (case and trailing dot)', url: 'https://LOCALHOST./', reason: 'local-host-name' },
  { kind: 'name', trick: 'a *.localhost name', url: 'https://admin.localhost/', reason: 'local-host-name' },
  { kind: 'name', trick: 'metadata.google.internal (blocked by name)', url: 'https://metadata.google.internal/computeMetadata/v1/', reason: 'blocked-by-rule' },
  { kind: 'name', trick: 'metadata.google.internal. (trailing dot)', url: 'https://metadata.google.internal./', reason: 'blocked-by-rule' },
  { kind: 'name', trick: 'metadata.goog (known metadata name)', url: 'https://metadata.goog/', reason: 'metadata-host' },
  { kind: 'name', trick: 'single-label "metadata" (search-domain completion)', url: 'https://metadata/', reason: 'metadata-host' },
  { kind: 'name', trick: 'nip.io-style name resolving to 127.0.0.1', url: 'https://127.0.0.1.nip.io/', reason: 'loopback-address' },
  { kind: 'name', trick: 'nip.io-style name resolving to 10.0.0.1', url: 'https://10.0.0.1.nip.io/', reason: 'private-address' },
  { kind: 'name', trick: 'name resolving to metadata (block rule on the address)', url: 'https://169.254.169.254.nip.io/', reason: 'blocked-by-rule' },
  { kind: 'name', trick: 'localtest.me (public name for 127.0.0.1)', url: 'https://localtest.me/', reason: 'loopback-address' },
  { kind: 'name', trick: 'rebinding service name answering 127.0.0.1', url: 'https://7f000001.c0a80001.rbndr.us/', reason: 'loopback-address' },
  { kind: 'name', trick: 'allowed subdomain resolving to 192.168/16', url: 'https://lan.allowed.example/', reason: 'private-address' },
  { kind: 'name', trick: 'allowed name resolving to ::1', url: 'https://v6loop.allowed.example/', reason: 'loopback-address' },
  { kind: 'name', trick: 'allowed name resolving to ::ffff:10.0.0.1', url: 'https://mapped.allowed.example/', reason: 'private-address' },
  { kind: 'name', trick: 'allowed name resolving to NAT64 metadata', url: 'https://nat64.allowed.example/', reason: 'blocked-by-rule' },
  { kind: 'name', trick: 'one good answer and one private (all are checked)', url: 'https://mixed.allowed.example/', reason: 'private-address' },
  { kind: 'name', trick: 'allowed name resolving to CGNAT', url: 'https://cgnat.allowed.example/', reason: 'carrier-grade-nat-address' },
  { kind: 'name', trick: 'allowed name resolving to 0.0.0.0', url: 'https://zero.allowed.example/', reason: 'unspecified-address' },
  { kind: 'name', trick: 'allowed name resolving to a unique local address', url: 'https://ula.allowed.example/', reason: 'unique-local-address' },
  { kind: 'name', trick: 'allowed name resolving to fe80::1', url: 'https://ll6.allowed.example/', reason: 'link-local-address' },
  { kind: 'name', trick: 'allowed name resolving to multicast', url: 'https://mcast.allowed.example/', reason: 'multicast-address' },
  { kind: 'name', trick: 'allowed name resolving to Azure WireServer', url: 'https://azure.allowed.example/', reason: 'metadata-address' },
  { kind: 'name', trick: 'allowed name resolving to Alibaba metadata', url: 'https://alibaba.allowed.example/', reason: 'metadata-address' },
  { kind: 'name', trick: 'allowed name resolving to ECS task metadata', url: 'https://ecs.allowed.example/', reason: 'metadata-address' },
  { kind: 'name', trick: 'allowed name resolving to IMDS over IPv6', url: 'https://imds6.allowed.example/', reason: 'metadata-address' },
  { kind: 'name', trick: 'allowed name that does not resolve', url: 'https://nxdomain.allowed.example/', reason: 'unresolvable-host' },
  // Allowlist confusion: the real host is not the allowed one
  { kind: 'allowlist', trick: 'userinfo: allowed.example@evil.example', url: 'https://allowed.example@evil.example/', reason: 'credentials-in-url' },
  { kind: 'allowlist', trick: 'userinfo with password', url: 'https://allowed.example:x@evil.example/', reason: 'credentials-in-url' },
  { kind: 'allowlist', trick: 'credentials on an allowed host', url: 'https://user:secret@allowed.example/', reason: 'credentials-in-url' },
  { kind: 'allowlist', trick: 'backslash: evil.example\\@allowed.example', url: 'https://evil.example\\@allowed.example/', reason: 'no-rule-matched' },
  { kind: 'allowlist', trick: 'fragment: evil.example#@allowed.example', url: 'https://evil.example#@allowed.example', reason: 'no-rule-matched' },
  { kind: 'allowlist', trick: 'query: evil.example?@allowed.example', url: 'https://evil.example?@allowed.example', reason: 'no-rule-matched' },
  { kind: 'allowlist', trick: 'allowed name as a prefix (allowed.example.evil.example)', url: 'https://allowed.example.evil.example/', reason: 'no-rule-matched' },
  { kind: 'allowlist', trick: 'allowed name as a suffix without a dot (evilallowed.example)', url: 'https://evilallowed.example/', reason: 'no-rule-matched' },
  { kind: 'allowlist', trick: 'IDN homograph (Cyrillic а in exаmple.com)', url: 'https://exаmple.com/', reason: 'no-rule-matched' },
  { kind: 'allowlist', trick: 'plain http to a host allowed without a port', url: 'http://allowed.example/', reason: 'plain-http-not-allowed' },
  // Schemes
  { kind: 'scheme', trick: 'file:', url: 'file:///etc/passwd', reason: 'scheme-not-allowed' },
  { kind: 'scheme', trick: 'gopher: to a loopback Redis', url: 'gopher://127.0.0.1:6379/_FLUSHALL', reason: 'scheme-not-allowed' },
  { kind: 'scheme', trick: 'ftp:', url: 'ftp://allowed.example/', reason: 'scheme-not-allowed' },
  { kind: 'scheme', trick: 'data:', url: 'data:text/plain,hello', reason: 'scheme-not-allowed' },
];

export const CONTROL_ROWS: readonly ControlRow[] = [
  { trick: 'allowed public host', url: 'https://allowed.example/page', address: PUBLIC },
  { trick: 'fullwidth letters are the same host (ａｌｌｏｗｅｄ.example)', url: 'https://ａｌｌｏｗｅｄ.example/', address: PUBLIC },
  { trick: 'allowed wildcard subdomain with a trailing dot', url: 'https://www.allowed.example./', address: PUBLIC },
  { trick: 'explicit default port', url: 'https://example.com:443/', address: PUBLIC },
];
