// Shared by the egress tests and bench/safeFetch.bench.ts. NETWORK SAFETY: servers listen on
// 127.0.0.0/8 only, and the recording socket opener refuses any address that is not loopback
// without opening anything, so a guard that fails shows up as a recorded attempt, never as traffic.
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { isIP, type AddressInfo, type Socket } from 'node:net';
import { buildConnector } from 'undici';
import type { AuditEvent, AuditSink } from '../../../../src/core/audit/auditSink';
import { isLoopbackAddress } from '../../../../src/core/egress/loopbackPolicy';
import { EgressBlockedError } from '../../../../src/core/egress/egressBlockedError';
import { EgressLimitError } from '../../../../src/core/egress/egressLimitError';
import type { SocketOpener } from '../../../../src/core/egress/pinnedConnector';
import { policyPackSchema, type PolicyPack } from '../../../../src/core/policy/policySchema';

export interface PolicyShape {
  readonly allow?: readonly string[];
  readonly requireApproval?: readonly string[];
  readonly block?: readonly string[];
  readonly tools?: Record<string, { allow?: string[]; requireApproval?: string[]; block?: string[] }>;
  readonly limits?: Partial<PolicyPack['limits']>;
  readonly approvals?: Partial<PolicyPack['approvals']>;
  readonly model?: Partial<PolicyPack['model']>;
}

/**
 * A policy object as the guards receive it. Built with the schema (defaults filled) but not the
 * loader's semantic checks, so a test may name loopback addresses the way a real policy cannot.
 * Limits default to generous values so a table of rows does not trip the rate limit.
 */
export function testPolicy(shape: PolicyShape = {}): PolicyPack {
  const base = policyPackSchema.parse({
    version: 1,
    name: 'egress-test',
    egress: { allow: shape.allow ?? [], requireApproval: shape.requireApproval ?? [], block: shape.block ?? [], tools: shape.tools ?? {} },
    ...(shape.model === undefined ? {} : { model: { endpoints: [], remote: [], ...shape.model } }),
    tools: { 'web.fetch': { risk: 'medium' } },
  });
  return {
    ...base,
    limits: { ...base.limits, requestsPerMinute: { default: 10_000, tools: {} }, maxConcurrentRequests: 64, ...shape.limits },
    approvals: { ...base.approvals, ...shape.approvals },
  };
}

export type Handler = (request: IncomingMessage, response: ServerResponse) => void;

export interface LoopbackServer {
  readonly server: Server;
  readonly host: string;
  readonly port: number;
  /** `http://127.0.0.1:PORT` */
  readonly origin: string;
  readonly hits: { url: string; method: string; headers: IncomingMessage['headers']; body: string }[];
  readonly sockets: Set<Socket>;
  close(): Promise<void>;
}

/** A real HTTP server on a loopback address; records every request it answers. */
export async function startServer(handler: Handler, host = '127.0.0.1'): Promise<LoopbackServer> {
  assert.ok(isLoopbackAddress(host), 'test servers listen on loopback only');
  const hits: LoopbackServer['hits'] = [];
  const sockets = new Set<Socket>();
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      hits.push({ url: request.url ?? '', method: request.method ?? '', headers: request.headers, body: Buffer.concat(chunks).toString() });
      handler(request, response);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    server,
    host,
    port,
    origin: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    hits,
    sockets,
    close: () => new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    }),
  };
}

/**
 * The socket opener SafeFetch uses after pinning, wrapped to record every address it was asked
 * to open. `refuseAll` opens nothing; otherwise only loopback addresses are opened, anything else
 * is refused here, without a packet sent.
 */
export function recordingOpener(mode: 'loopback-only' | 'refuse-all' = 'loopback-only', ca?: string): { attempts: string[]; openSocket: (timeoutMs: number) => SocketOpener } {
  const attempts: string[] = [];
  const openSocket = (timeoutMs: number): SocketOpener => {
    const real = buildConnector({ timeout: timeoutMs, allowH2: false, ...(ca === undefined ? {} : { ca }) });
    return (options, callback) => {
      attempts.push(options.hostname);
      if (mode === 'refuse-all' || isIP(options.hostname) === 0 || !isLoopbackAddress(options.hostname)) {
        callback(Object.assign(new Error(`test opener refused ${options.hostname}`), { code: 'TEST_REFUSED' }), null);
        return;
      }
      real(options, callback);
    };
  };
  return { attempts, openSocket };
}

/** A resolver from a fixed table (no DNS); unknown names fail like NXDOMAIN. Counts the calls. */
export function tableResolver(table: Readonly<Record<string, readonly string[]>>): { calls: string[]; resolve: (host: string) => Promise<string[]> } {
  const calls: string[] = [];
  return {
    calls,
    resolve: (host) => {
      calls.push(host);
      const answers = table[host.toLowerCase().replace(/\.$/, '')];
      return answers === undefined ? Promise.reject(Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' })) : Promise.resolve([...answers]);
    },
  };
}

export function memoryAudit(): AuditSink & { events: AuditEvent[] } {
  const events: AuditEvent[] = [];
  return { events, record: (event) => events.push(event) };
}

export async function blocked(promise: Promise<unknown>): Promise<EgressBlockedError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  assert.ok(error instanceof EgressBlockedError, `expected EgressBlockedError, got ${String(error)}`);
  assert.equal(error.code, 'EGRESS_DENIED');
  return error;
}

export async function stopped(promise: Promise<unknown>): Promise<EgressLimitError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  assert.ok(error instanceof EgressLimitError, `expected EgressLimitError, got ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
  assert.equal(error.code, 'EGRESS_LIMIT');
  return error;
}
