import { isIpLiteral } from './addressClass';
import type { HostResolver } from './hostResolver';

/**
 * Parses /etc/hosts-format text (`address name [alias…]`, `#` comments) into a resolver that
 * never touches DNS: a name that is not in the file does not resolve. For offline checks and
 * tests (`airlock check url --hosts FILE`). Names are matched case-insensitively, trailing dot ignored.
 */
export function hostsFileResolver(text: string): HostResolver {
  const table = parseHostsFile(text);
  return (host) => {
    const addresses = table.get(normalise(host));
    return addresses === undefined ? Promise.reject(new Error(`${host} is not in the hosts file`)) : Promise.resolve([...addresses]);
  };
}

/** name → addresses, in file order; lines whose first field is not an IP literal are skipped. */
export function parseHostsFile(text: string): Map<string, string[]> {
  const table = new Map<string, string[]>();
  for (const raw of text.split(/\r?\n/)) {
    const [address, ...names] = raw.replace(/#.*$/, '').trim().split(/\s+/);
    if (address === undefined || !isIpLiteral(address)) continue;
    for (const name of names) {
      const key = normalise(name);
      const list = table.get(key) ?? [];
      if (!list.includes(address)) list.push(address);
      table.set(key, list);
    }
  }
  return table;
}

function normalise(name: string): string {
  return name.toLowerCase().replace(/\.$/, '');
}
