import { connect } from 'node:net';
import type { PolicyPack } from '../policy/policySchema';
import type { HostResolver } from './hostResolver';
import { collectorAddress, syslogDestination } from './syslogShipper';

export interface SyslogBatch {
  /** `tcp://host:port`, decided by the same rules as SyslogShipper's. */
  readonly url: string;
  readonly policy: PolicyPack;
  /** RFC 6587 octet-counted frames (core/audit/syslogFrame.ts). */
  readonly frames: readonly string[];
  readonly resolve?: HostResolver;
  /** The whole delivery, lookup included, ends within this (default 5 s). */
  readonly deadlineMs?: number;
}

const DEFAULT_DEADLINE_MS = 5000;

/**
 * Sends `frames` to a syslog collector over one connection and resolves once the collector has
 * closed it after reading them all; rejects with the reason otherwise. For a short-lived process
 * (the CLI) that must know whether its copy left, and must not wait on a dead collector: past
 * the deadline the connection is destroyed and the promise rejects.
 */
export async function sendSyslogBatch(batch: SyslogBatch): Promise<void> {
  if (batch.frames.length === 0) return;
  const destination = syslogDestination(batch.policy, batch.url);
  if (!destination.ok) throw new Error(destination.message);
  const deadlineMs = batch.deadlineMs ?? DEFAULT_DEADLINE_MS;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), deadlineMs);
  try {
    const address = await Promise.race([collectorAddress(batch.policy, destination, batch.url, batch.resolve), aborted(controller.signal)]);
    await new Promise<void>((resolve, reject) => {
      const socket = connect({ host: address, port: destination.target.port, signal: controller.signal });
      socket.setNoDelay(true);
      socket.once('connect', () => socket.end(batch.frames.join('')));
      // The collector closes its side once it has read everything up to our end.
      socket.once('close', (hadError) => {
        if (!hadError) resolve();
      });
      socket.once('error', (error) => reject(error));
    });
  } catch (error) {
    const reason = controller.signal.aborted ? `no answer within ${deadlineMs / 1000} s` : error instanceof Error ? error.message : String(error);
    throw new Error(reason.startsWith('syslog: ') ? reason : `syslog: ${batch.url}: ${reason}`, { cause: error });
  } finally {
    clearTimeout(timer);
  }
}

function aborted(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true }));
}
