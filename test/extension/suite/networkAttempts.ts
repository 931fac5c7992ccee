// Records outbound connection attempts and DNS lookups made anywhere in this extension host
// (Airlock runs in the same process), to prove that a refused endpoint is never contacted.
import dns from 'node:dns';
import net from 'node:net';

export interface NetworkRecorder {
  /** Hosts passed to Socket#connect or dns.lookup while recording. */
  hosts: string[];
  restore(): void;
}

/** Node's overloaded signatures, flattened so a recording wrapper can forward any call. */
type Forwarder<R> = (this: unknown, ...args: unknown[]) => R;

export function recordNetworkAttempts(): NetworkRecorder {
  const hosts: string[] = [];
  // eslint-disable-next-line @typescript-eslint/unbound-method -- put back on the same prototype; always called with apply(this)
  const originals = { connect: net.Socket.prototype.connect, lookup: dns.lookup, promisesLookup: dns.promises.lookup };
  const connect = originals.connect as unknown as Forwarder<net.Socket>;
  const lookup = originals.lookup as unknown as Forwarder<void>;
  const promisesLookup = originals.promisesLookup as unknown as Forwarder<Promise<unknown>>;
  const recordingConnect: Forwarder<net.Socket> = function (...args) {
    hosts.push(connectHost(args[0]));
    return connect.apply(this, args);
  };
  const recordingLookup: Forwarder<void> = function (...args) {
    hosts.push(String(args[0]));
    lookup.apply(this, args);
  };
  const recordingPromisesLookup: Forwarder<Promise<unknown>> = function (...args) {
    hosts.push(String(args[0]));
    return promisesLookup.apply(this, args);
  };
  net.Socket.prototype.connect = recordingConnect;
  dns.lookup = recordingLookup as unknown as typeof originals.lookup;
  dns.promises.lookup = recordingPromisesLookup as unknown as typeof originals.promisesLookup;
  return {
    hosts,
    restore(): void {
      net.Socket.prototype.connect = originals.connect;
      dns.lookup = originals.lookup;
      dns.promises.lookup = originals.promisesLookup;
    },
  };
}

function connectHost(options: unknown): string {
  if (Array.isArray(options)) return connectHost(options[0]);
  if (typeof options === 'object' && options !== null) {
    const { host, path } = options as { host?: unknown; path?: unknown };
    if (typeof path === 'string') return `unix:${path}`;
    return typeof host === 'string' ? host : 'localhost';
  }
  return typeof options === 'string' ? `unix:${options}` : 'localhost';
}
