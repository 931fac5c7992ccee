import { connect, type Socket } from 'node:net';
import type { PolicyPack } from '../policy/policySchema';
import { classifyAddress } from './addressClass';
import { decide, decideAddress, isLoopbackHost } from './decide';
import { systemResolver, type HostResolver } from './hostResolver';
import { targetOf, type EgressTarget } from './egressTarget';

/**
 * The name the egress rules judge the syslog collector under. It is not an agent tool, so only
 * rules for every tool (`egress.allow`, `egress.block`) apply, and, as for any tool, a rule
 * without a port covers 443 only: a collector at `logs.example.com:6514` needs that rule.
 */
export const SYSLOG_TOOL = 'audit.syslog';

export interface SyslogShipperOptions {
  /** `tcp://host:port`: a loopback collector, or one the egress rules allow. */
  readonly url: string;
  readonly policy: () => PolicyPack;
  readonly onError: (error: Error) => void;
  readonly resolve?: HostResolver;
  /** Frames kept while the collector is unreachable; the oldest are dropped beyond (default 10,000). */
  readonly maxQueued?: number;
  /** Wait this long after a failure before connecting again (default 5 s). */
  readonly retryMs?: number;
}

/** Where the collector is, once the policy allows it. */
export type SyslogDestination = { readonly ok: true; readonly target: EgressTarget; readonly loopback: boolean } | { readonly ok: false; readonly message: string };

/**
 * Ships audit frames (RFC 5424, octet-counted: see core/audit/syslogFrame.ts) to a syslog
 * collector over TCP, so a copy of the log lives off the machine. Best effort by design: the
 * local log stays the record; frames wait in a bounded queue while the collector is down, and a
 * failure is reported once per outage. Each connection is decided as SafeFetch decides a
 * request: the URL by the policy, then every address the name resolves to, and the connection
 * goes to the address that was checked (no second lookup, so no rebinding).
 */
export class SyslogShipper {
  private readonly queue: string[] = [];
  private socket: Socket | undefined;
  private connecting = false;
  private retryAt = 0;
  private dropped = 0;
  private reported = false;
  private closed = false;

  constructor(private readonly options: SyslogShipperOptions) {}

  send(frame: string): void {
    if (this.closed) return;
    this.queue.push(frame);
    if (this.queue.length > (this.options.maxQueued ?? 10_000)) {
      this.queue.shift();
      this.dropped++;
    }
    this.flush();
  }

  /** Writes what is queued if connected, and ends the connection. */
  async close(): Promise<void> {
    this.closed = true;
    const socket = this.socket;
    if (socket === undefined) return;
    await new Promise<void>((resolve) => {
      socket.once('close', () => resolve());
      socket.end();
    });
  }

  private flush(): void {
    if (this.socket !== undefined) {
      while (this.queue.length > 0) this.socket.write(this.queue.shift() as string);
      return;
    }
    if (this.connecting || Date.now() < this.retryAt || this.closed) return;
    this.connecting = true;
    // On a later turn: the first entries come while the caller (and its policy) is still being built.
    void Promise.resolve().then(() => this.open()).finally(() => {
      this.connecting = false;
    });
  }

  private async open(): Promise<void> {
    const destination = syslogDestination(this.options.policy(), this.options.url);
    if (!destination.ok) return this.fail(new Error(destination.message));
    const address = await collectorAddress(this.options.policy(), destination, this.options.url, this.options.resolve).catch((error: unknown) => error instanceof Error ? error : new Error(String(error)));
    if (address instanceof Error) return this.fail(address);
    const socket = connect({ host: address, port: destination.target.port });
    socket.setNoDelay(true);
    socket.once('connect', () => {
      this.socket = socket;
      this.reported = false;
      if (this.dropped > 0) this.options.onError(new Error(`syslog: ${this.dropped} audit entries were dropped while ${this.options.url} was unreachable`));
      this.dropped = 0;
      this.flush();
    });
    socket.on('error', (error) => this.fail(new Error(`syslog: ${this.options.url}: ${error.message}`)));
    socket.once('close', () => {
      if (this.socket === socket) this.socket = undefined;
    });
  }

  private fail(error: Error): void {
    this.socket?.destroy();
    this.socket = undefined;
    this.retryAt = Date.now() + (this.options.retryMs ?? 5000);
    if (!this.reported) this.options.onError(error);
    this.reported = true;
  }
}

/**
 * Whether the policy lets audit entries go to `url` (`tcp://host:port`, the port always named):
 * a loopback collector always; any other only if an egress rule for every tool allows it.
 */
export function syslogDestination(policy: PolicyPack, url: string): SyslogDestination {
  const authority = /^tcp:\/\/([^/?#@\s]+:\d+)$/i.exec(url.trim())?.[1];
  if (authority === undefined || !URL.canParse(`https://${authority}/`)) return { ok: false, message: `syslog: "${url}" is not tcp://host:port` };
  const parsed = new URL(`https://${authority}/`);
  const target = targetOf(parsed);
  if (target === undefined) return { ok: false, message: `syslog: "${url}" has no valid host` };
  const port = Number(authority.slice(authority.lastIndexOf(':') + 1));
  const named = { ...target, port };
  if (isLoopbackHost(named.host)) return { ok: true, target: named, loopback: true };
  const decision = decide(policy, SYSLOG_TOOL, `https://${authority}/`);
  if (decision.verdict !== 'allow') return { ok: false, message: `syslog: ${url} is not allowed: ${decision.detail} (${decision.reason})${decision.verdict === 'ask' ? ' (a background copy cannot ask for approval)' : ''}` };
  return { ok: true, target: named, loopback: false };
}

/**
 * The first address of the collector the policy allows: the name is resolved once and every
 * address checked as SafeFetch checks them; the connection must go to the address returned.
 */
export async function collectorAddress(policy: PolicyPack, destination: Extract<SyslogDestination, { ok: true }>, url: string, resolve: HostResolver = systemResolver): Promise<string> {
  const { target } = destination;
  const addresses = target.address === undefined ? await resolve(target.host) : [target.address];
  const refusals: string[] = [];
  for (const address of addresses) {
    if (destination.loopback) {
      if (classifyAddress(address).class === 'loopback') return address;
      refusals.push(`${target.host} resolved to ${address}, which is not a loopback address`);
      continue;
    }
    const decision = decideAddress(policy, SYSLOG_TOOL, address, { scheme: 'https', host: target.host, port: target.port });
    if (decision.verdict === 'allow') return address;
    refusals.push(`${decision.detail} (${decision.reason})`);
  }
  throw new Error(`syslog: ${url} refused: ${refusals.join('; ') || `${target.host} did not resolve`}`);
}
