import { chmod } from 'node:fs/promises';
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { AuditEvent, AuditSink } from '../audit/auditSink';
import type { PolicyPack } from '../policy/policySchema';
import { ownValue } from '../policy/keyedRecord';
import { ConnectionBounds, type ConnectionLimits } from './connectionBounds';
import { decide } from './decide';
import { askApproval, type EgressApprovals } from './egressApproval';
import { EgressAudit } from './egressAudit';
import { EgressBlockedError } from './egressBlockedError';
import type { EgressDecision, EgressReason } from './egressDecision';
import { EgressLimitError, type EgressLimit } from './egressLimitError';
import { formatTarget, type EgressTarget } from './egressTarget';
import { systemResolver, type HostResolver } from './hostResolver';
import { dialPinned } from './pinnedDial';
import type { SocketOpener } from './pinnedConnector';
import { forwardedHeaders } from './proxyHeaders';
import { proxyRefusal, type ProxyRefusal } from './proxyRefusal';
import { parseProxyTarget } from './proxyTarget';
import { redactUrl } from './redactUrl';
import { RequestLimits } from './requestLimits';

/** The tool id the proxy's traffic is decided, limited and audited under. */
export const SHELL_TOOL = 'shell';

/** Overrides for the bounds the policy's `limits` give, per proxied connection. */
export interface EgressProxyBounds {
  readonly connectTimeoutMs?: number;
  readonly idleTimeoutMs?: number;
  readonly totalTimeoutMs?: number;
  readonly maxBytesPerConnection?: number;
}

export interface EgressProxyOptions {
  /** Read per connection: return the same object until the policy changes. */
  readonly policy: () => PolicyPack;
  /** Default `shell`. */
  readonly tool?: string;
  readonly audit?: AuditSink;
  /** Asked when a requireApproval rule matches; without it such a connection is refused. */
  readonly approvals?: EgressApprovals;
  readonly actor?: AuditEvent['actor'];
  readonly resolve?: HostResolver;
  /** A Unix socket to listen on (made owner-only); bridged into the sandbox. */
  readonly socketPath?: string;
  /** Also listen on 127.0.0.1, on a free port (tests, the CLI). Never any other address. */
  readonly loopbackPort?: boolean;
  readonly bounds?: EgressProxyBounds;
  /** Test seam: opens the socket to an address the proxy already checked. */
  readonly openSocket?: (timeoutMs: number) => SocketOpener;
  readonly now?: () => number;
}

export interface EgressProxy {
  readonly socketPath: string | undefined;
  /** The loopback port, when `loopbackPort` was asked for. */
  readonly port: number | undefined;
  /** `http://127.0.0.1:PORT`, for HTTP_PROXY/HTTPS_PROXY, when listening on loopback. */
  readonly url: string | undefined;
  /** Stops listening and ends every connection still open. */
  close(): Promise<void>;
}

// TRACE and TRACK echo the request back, credentials included.
const REFUSED_METHODS = new Set(['TRACE', 'TRACK']);

/**
 * Airlock's egress proxy for sandboxed commands: a forward proxy that speaks HTTP/1.1
 * absolute-form requests (`GET http://host/path`) and CONNECT `host:port` tunnels, and decides
 * each one as SafeFetch decides a request (see docs/egress.md, "The egress proxy"): the method,
 * the target's spelling, decide() on the host and port (a CONNECT is `https://host:port/`), the
 * concurrency and rate limits, the user's approval where a rule asks, then a connection pinned to
 * addresses decideAddress() allowed, bounded in bytes, silence and total time. Plain-http
 * responses go back as they are, redirects included: the client follows them, and each hop comes
 * back here to be decided again. Every connection, allowed or refused, is audited; a refusal is
 * an HTTP answer whose status, reason phrase and plain-text body say what was refused, why, and
 * which rule would allow it.
 *
 * Request parsing is Node's (llhttp, strict mode: `insecureHTTPParser` off): it refuses the
 * smuggling shapes (Content-Length with Transfer-Encoding, conflicting Content-Lengths, a
 * Transfer-Encoding that does not end in chunked, obs-fold, CR or LF inside a header) before any
 * handler here runs; those end in `clientError`, answered 400 and audited.
 */
export async function startEgressProxy(options: EgressProxyOptions): Promise<EgressProxy> {
  if (options.socketPath === undefined && options.loopbackPort !== true) throw new Error('the egress proxy needs a socket path or a loopback port to listen on');
  const engine = new ProxyEngine(options);
  const servers: Server[] = [];
  try {
    let socketPath: string | undefined;
    let port: number | undefined;
    if (options.socketPath !== undefined) {
      servers.push(await listen(engine.server(), { path: options.socketPath }));
      socketPath = options.socketPath;
      // Only this user's processes (and the sandbox bridge) may use the proxy.
      await chmod(socketPath, 0o600);
    }
    if (options.loopbackPort === true) {
      const server = await listen(engine.server(), { host: '127.0.0.1', port: 0 });
      servers.push(server);
      port = (server.address() as AddressInfo).port;
    }
    return {
      socketPath,
      port,
      url: port === undefined ? undefined : `http://127.0.0.1:${port}`,
      close: () => closeAll(servers, engine),
    };
  } catch (error) {
    await closeAll(servers, engine);
    throw error;
  }
}

interface Admitted {
  readonly upstream: Socket;
  readonly limits: ConnectionLimits;
  readonly release: () => void;
}

class ProxyEngine {
  private readonly tool: string;
  private readonly limiter: RequestLimits;
  private readonly audit: EgressAudit;
  private readonly resolve: HostResolver;
  readonly sockets = new Set<Duplex>();
  // Sockets whose request was refused as malformed before Node's parser noticed.
  private readonly answered = new WeakSet<Duplex>();

  constructor(private readonly options: EgressProxyOptions) {
    this.tool = options.tool ?? SHELL_TOOL;
    this.limiter = new RequestLimits(options.now);
    this.audit = new EgressAudit(options.audit, options.actor ?? 'agent', this.tool);
    this.resolve = options.resolve ?? systemResolver;
  }

  server(): Server {
    const server = createServer({ insecureHTTPParser: false, requireHostHeader: false }, (request, response) => void this.forward(request, response));
    server.on('connect', (request: IncomingMessage, socket: Duplex, head: Buffer) => void this.tunnel(request, socket, head));
    server.on('clientError', (error: Error & { code?: string }, socket: Duplex) => this.malformed(error, socket));
    server.on('connection', (socket: Socket) => this.track(socket));
    return server;
  }

  track(socket: Duplex): void {
    this.sockets.add(socket);
    socket.once('close', () => this.sockets.delete(socket));
  }

  /** CONNECT host:port: decided as https://host:port/, then a byte relay to a pinned address. */
  private async tunnel(request: IncomingMessage, client: Duplex, head: Buffer): Promise<void> {
    client.on('error', () => client.destroy());
    const parsed = parseProxyTarget('CONNECT', request.url ?? '');
    const shown = parsed.ok ? `CONNECT ${formatTarget(parsed.target)}` : 'CONNECT (malformed target)';
    let admitted: Admitted;
    try {
      if (!parsed.ok) throw this.block('invalid-url', parsed.detail, '', shown);
      admitted = await this.admit('CONNECT', parsed.url, parsed.target, shown, client);
    } catch (error) {
      writeRefusal(client, this.refusal(error, shown, parsed.ok ? parsed.target : undefined));
      return;
    }
    const { upstream, limits, release } = admitted;
    const bounds = new ConnectionBounds(limits, (limit, detail) => {
      this.audit.stopped(new EgressLimitError(limit, detail, this.tool, shown));
      upstream.destroy();
      client.destroy();
    });
    const done = (): void => {
      bounds.clear();
      release();
      upstream.destroy();
      client.destroy();
    };
    upstream.once('close', done);
    client.once('close', done);
    upstream.on('error', done);
    client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    if (head.length > 0 && bounds.count(head.length)) upstream.write(head);
    client.on('data', (chunk: Buffer) => bounds.count(chunk.length));
    upstream.on('data', (chunk: Buffer) => bounds.count(chunk.length));
    client.pipe(upstream);
    upstream.pipe(client);
  }

  /** An absolute-form http request: decided, sent on a pinned connection, answered as it comes. */
  private async forward(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const method = request.method ?? 'GET';
    const parsed = parseProxyTarget(method, request.url ?? '');
    const shown = parsed.ok ? `${method} ${redactUrl(parsed.url)}` : `${method} (malformed target)`;
    let admitted: Admitted;
    try {
      if (!parsed.ok) throw this.block('invalid-url', parsed.detail, '', shown);
      // llhttp refuses a request Transfer-Encoding that does not end in chunked only when it
      // reaches the body, after this handler has run: refuse it before anything is dialled.
      const coding = request.headers['transfer-encoding'];
      if (coding !== undefined && !/(?:^|,)\s*chunked\s*$/i.test(coding)) throw this.block('malformed-request', `the Transfer-Encoding "${coding.replace(/[^\x20-\x7e]/g, '?').slice(0, 80)}" does not end in chunked, so the body has no clear end.`, parsed.target.host, shown);
      admitted = await this.admit(method, parsed.url, parsed.target, shown, request.socket);
    } catch (error) {
      if (error instanceof EgressBlockedError && error.reason === 'malformed-request') this.answered.add(request.socket);
      sendRefusal(response, this.refusal(error, shown, parsed.ok ? parsed.target : undefined));
      return;
    }
    const { upstream, limits, release } = admitted;
    const { url } = parsed;
    const bounds = new ConnectionBounds(limits, (limit, detail) => {
      const stop = new EgressLimitError(limit, detail, this.tool, shown);
      this.audit.stopped(stop);
      if (!response.headersSent) sendRefusal(response, proxyRefusal(stop, shown, parsed.target));
      else response.destroy();
      outgoing.destroy();
      upstream.destroy();
    });
    const done = (): void => {
      bounds.clear();
      release();
      upstream.destroy();
    };
    response.once('close', done);
    request.on('data', (chunk: Buffer) => bounds.count(chunk.length));
    const outgoing = httpRequest({
      createConnection: () => upstream,
      method,
      path: `${url.pathname}${url.search}`,
      // One upstream connection per request: each is decided, pinned, bounded and audited alone.
      headers: [...forwardedHeaders(request.rawHeaders, url.host), 'Connection', 'close'],
      setHost: false,
    });
    outgoing.on('response', (answer) => {
      const declared = Number(answer.headers['content-length'] ?? Number.NaN);
      if (declared > limits.maxBytes) {
        answer.destroy();
        bounds.clear();
        const stop = new EgressLimitError('max-response-bytes', `the response announces ${declared} bytes, more than ${limits.maxBytes} (limits.maxResponseBytes).`, this.tool, shown);
        this.audit.stopped(stop);
        sendRefusal(response, proxyRefusal(stop, shown, parsed.target));
        return;
      }
      response.writeHead(answer.statusCode ?? 502, answer.statusMessage, forwardedHeaders(answer.rawHeaders));
      answer.on('data', (chunk: Buffer) => bounds.count(chunk.length));
      answer.pipe(response);
    });
    outgoing.on('error', (error: Error) => {
      if (response.headersSent) response.destroy();
      else sendRefusal(response, unreachable(shown, error));
    });
    request.pipe(outgoing);
  }

  /**
   * The checks every request and tunnel passes, in SafeFetch's order: method, decide() on the
   * URL, concurrency, rate, approval; then the pinned connection, whose address checks may still
   * refuse. Resolves with the connected socket and a slot to release; throws a refusal.
   */
  private async admit(method: string, url: URL, target: EgressTarget, shown: string, client: Duplex): Promise<Admitted> {
    const host = target.host;
    if (REFUSED_METHODS.has(method)) throw this.block('method-not-allowed', `the ${method} method is refused: it echoes the request back, credentials included.`, host, shown);
    const policy = this.options.policy();
    let decision: EgressDecision = decide(policy, this.tool, url);
    if (decision.verdict === 'deny') throw this.blockFrom(decision, host, shown);
    const release = this.limiter.acquire(policy.limits.maxConcurrentRequests);
    if (release === undefined) throw this.block('concurrency-limit', `${this.tool} already has ${policy.limits.maxConcurrentRequests} connections open through the proxy (limits.maxConcurrentRequests).`, host, shown);
    try {
      const perMinute = ownValue(policy.limits.requestsPerMinute.tools, this.tool) ?? policy.limits.requestsPerMinute.default;
      const rate = this.limiter.takeRate(perMinute);
      if (!rate.ok) throw this.block('rate-limited', `${this.tool} may open ${perMinute} connections per minute (limits.requestsPerMinute); try again in ${Math.ceil(rate.retryAfterMs / 1000)} s.`, host, shown);
      if (decision.verdict === 'ask') {
        const gone = new AbortController();
        const onClose = (): void => gone.abort();
        client.once('close', onClose);
        try {
          decision = await askApproval(this.options.approvals, policy, this.tool, decision, url, shown, gone.signal);
        } finally {
          client.off('close', onClose);
        }
        if (decision.verdict !== 'allow') throw this.blockFrom(decision, host, shown);
      }
      this.audit.allowed(decision, () => shown, host, 0);
      const limits = this.limits(policy);
      const upstream = await dialPinned(target, { policy: () => policy, tool: this.tool, resolve: this.resolve, connectTimeoutMs: this.connectTimeout(policy), ...(this.options.openSocket === undefined ? {} : { openSocket: this.options.openSocket }) }).catch((error: unknown) => {
        if (error instanceof EgressBlockedError) throw this.audited(new EgressBlockedError({ ...error, url: shown }));
        if ((error as { code?: unknown }).code === 'UND_ERR_CONNECT_TIMEOUT') throw this.stopped('connect-timeout', `no connection within ${this.connectTimeout(policy) / 1000} s.`, shown);
        throw error;
      });
      if (client.destroyed) {
        upstream.destroy();
        throw new Error('the client went away before the connection was made');
      }
      return { upstream, limits, release };
    } catch (error) {
      release();
      throw error;
    }
  }

  /** A request Node's HTTP parser refused: answered 400 (431 for oversized headers) and audited. */
  private malformed(error: Error & { code?: string }, socket: Duplex): void {
    // Already refused and audited; the parser only now reached the body it cannot frame.
    if (this.answered.has(socket)) return;
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const detail = `the request is malformed (${error.code ?? 'parse error'}: ${error.message}); smuggling shapes (Content-Length with Transfer-Encoding, folded or broken headers) are refused.`;
    const refused = this.audited(new EgressBlockedError({ reason: 'malformed-request', detail, tool: this.tool, host: '', url: '(unparsed request)' }));
    const answer = proxyRefusal(refused, '(unparsed request)', undefined);
    writeRefusal(socket, error.code === 'HPE_HEADER_OVERFLOW' ? { ...answer, status: 431 } : answer);
  }

  /** Turns a refusal thrown during admission into the answer; anything unexpected is a 502. */
  private refusal(error: unknown, shown: string, target: EgressTarget | undefined): ProxyRefusal {
    if (error instanceof EgressBlockedError || error instanceof EgressLimitError) return proxyRefusal(error, shown, target);
    return unreachable(shown, error);
  }

  private blockFrom(decision: EgressDecision, host: string, shown: string): EgressBlockedError {
    return this.audited(EgressBlockedError.fromDecision(decision, { tool: this.tool, host, url: shown }));
  }

  private block(reason: EgressReason, detail: string, host: string, shown: string): EgressBlockedError {
    return this.audited(new EgressBlockedError({ reason, detail, tool: this.tool, host, url: shown }));
  }

  private audited(error: EgressBlockedError): EgressBlockedError {
    this.audit.blocked(error);
    return error;
  }

  private stopped(limit: EgressLimit, detail: string, shown: string): EgressLimitError {
    const error = new EgressLimitError(limit, detail, this.tool, shown);
    this.audit.stopped(error);
    return error;
  }

  private connectTimeout(policy: PolicyPack): number {
    return this.options.bounds?.connectTimeoutMs ?? Math.min(10_000, policy.limits.requestTimeoutSeconds * 1000);
  }

  private limits(policy: PolicyPack): ConnectionLimits {
    const bounds = this.options.bounds ?? {};
    const seconds = policy.limits.requestTimeoutSeconds * 1000;
    return {
      maxBytes: bounds.maxBytesPerConnection ?? policy.limits.maxResponseBytes,
      idleMs: bounds.idleTimeoutMs ?? seconds,
      totalMs: bounds.totalTimeoutMs ?? seconds,
    };
  }
}

/** An allowed connection that could not be made (refused, reset): 502, with the error's words. */
function unreachable(shown: string, error: unknown): ProxyRefusal {
  const why = error instanceof Error ? `${(error as { code?: string }).code ?? error.name}: ${error.message}` : String(error);
  const clean = why.replace(/[^\x20-\x7e]/g, '-').slice(0, 200);
  return { status: 502, phrase: `Airlock could not reach ${shown} (${clean})`.slice(0, 240), body: `Airlock allowed this request but could not complete it: ${shown}\n${why}\n` };
}

function sendRefusal(response: ServerResponse, refusal: ProxyRefusal): void {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  const body = Buffer.from(refusal.body);
  const headers: Record<string, string | number> = { 'content-type': 'text/plain; charset=utf-8', 'content-length': body.length, connection: 'close' };
  if (refusal.retryAfterSeconds !== undefined) headers['retry-after'] = refusal.retryAfterSeconds;
  response.writeHead(refusal.status, refusal.phrase, headers);
  response.end(body);
}

/** A refusal written straight to a socket: a CONNECT that gets no tunnel, or an unparsable request. */
function writeRefusal(socket: Duplex, refusal: ProxyRefusal): void {
  const body = Buffer.from(refusal.body);
  const retry = refusal.retryAfterSeconds === undefined ? '' : `Retry-After: ${refusal.retryAfterSeconds}\r\n`;
  socket.end(Buffer.concat([Buffer.from(`HTTP/1.1 ${refusal.status} ${refusal.phrase}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${body.length}\r\n${retry}Connection: close\r\n\r\n`), body]));
}

function listen(server: Server, where: { path: string } | { host: string; port: number }): Promise<Server> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(where, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}

async function closeAll(servers: readonly Server[], engine: ProxyEngine): Promise<void> {
  for (const socket of engine.sockets) socket.destroy();
  await Promise.all(servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
}
