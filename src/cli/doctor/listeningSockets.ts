import { readFileSync } from 'node:fs';

/** A TCP socket in the LISTEN state: its local address (IPv4 dotted or IPv6 colon form) and port. */
export interface ListeningSocket {
  readonly address: string;
  readonly port: number;
}

const LISTEN = '0A';

/**
 * Parses /proc/net/tcp or /proc/net/tcp6. The kernel prints each local address as hex words in
 * host byte order (little-endian here), 4 bytes per word, so each word's bytes are reversed.
 */
export function parseProcNetTcp(text: string): ListeningSocket[] {
  return text.split('\n').slice(1).flatMap((line) => {
    const fields = line.trim().split(/\s+/);
    const [local, state] = [fields[1], fields[3]];
    if (local === undefined || state !== LISTEN) return [];
    const [hex, portHex] = local.split(':');
    if (hex === undefined || portHex === undefined || !/^(?:[0-9A-F]{8}|[0-9A-F]{32})$/i.test(hex)) return [];
    const bytes = (hex.match(/.{8}/g) ?? []).flatMap((word) => (word.match(/../g) ?? []).reverse().map((pair) => parseInt(pair, 16)));
    return [{ address: bytes.length === 4 ? bytes.join('.') : ipv6Text(bytes), port: parseInt(portHex, 16) }];
  });
}

function ipv6Text(bytes: readonly number[]): string {
  const groups: string[] = [];
  for (let index = 0; index < 16; index += 2) groups.push((((bytes.at(index) ?? 0) << 8) | (bytes.at(index + 1) ?? 0)).toString(16));
  return groups.join(':');
}

/** The TCP listeners in this network namespace; undefined where /proc/net cannot be read (not Linux). */
export function listeningSockets(): ListeningSocket[] | undefined {
  const sockets: ListeningSocket[] = [];
  let read = false;
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    try {
      sockets.push(...parseProcNetTcp(readFileSync(file, 'utf8')));
      read = true;
    } catch {
      // No such file: IPv6 off, or not Linux.
    }
  }
  return read ? sockets : undefined;
}
