import { Agent, buildConnector, ProxyAgent, request, type Dispatcher } from 'undici';
import type { AuditEvent, AuditSink } from '../audit/auditSink';
import type { PolicyPack } from '../policy/policySchema';
import { boundedBody, contentCodings, toWebStream } from './boundedBody';
import { Deadline } from './deadline';
import { decide } from './decide';
import { askApproval, type EgressApprovals } from './egressApproval';
import { EgressAudit } from './egressAudit';
import { EgressBlockedError } from './egressBlockedError';
import type { EgressReason } from './egressDecision';
import { EgressLimitError, type EgressLimit } from './egressLimitError';
import { targetOf } from './egressTarget';
import { systemResolver, type HostResolver } from './hostResolver';
import { toOutgoingRequest, type FetchLike } from './outgoingRequest';
import { pinAddresses, pinnedConnector, type SocketOpener } from './pinnedConnector';
import { proxyFor, proxySettingsFromEnv, type ProxySettings } from './proxyRoute';
import { redactUrl } from './redactUrl';
import { isRedirect, nextHop, type Hop } from './redirectHop';
import { RequestLimits } from './requestLimits';
import { ownValue } from '../policy/keyedRecord';

/** Overrides for the bounds the policy's `limits` give (e.g. a model stream outlives a page fetch). */
export interface SafeFetchBounds {
  readonly connectTimeoutMs?: number;
  readonly headersTimeoutMs?: number;
  /** Longest silence between two body chunks. */
  readonly bodyIdleTimeoutMs?: number;
  /** Whole request, redirects and body included (approval dialogs excluded). */
  readonly totalTimeoutMs?: number;
  readonly maxResponseBytes?: number;
}

export type { EgressApprovals };

export interface SafeFetchOptions {
  /** Names the caller in decisions, limits, errors and the audit log (`model`, `web.fetch`). */
  readonly tool: string;
  /** Read per request: return the same object until the policy changes. */
  readonly policy: () => PolicyPack;
  readonly audit?: AuditSink;
  /** Asked when a requireApproval rule matches; without it such a request is denied. */
  readonly approvals?: EgressApprovals;
  readonly actor?: AuditEvent['actor'];
  readonly resolve?: HostResolver;
  /** Where HTTP(S)_PROXY / NO_PROXY are read (default: process.env, once). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Extra trusted CA certificates (PEM), e.g. a corporate TLS-inspecting proxy or a test server. */
  readonly ca?: string | readonly string[];
  readonly bounds?: SafeFetchBounds;
  /** Test seam: opens the socket to an address SafeFetch already checked. */
  readonly openSocket?: (timeoutMs: number) => SocketOpener;
  readonly now?: () => number;
}

/** A fetch that only reaches what the policy allows; `close()` ends its pooled connections. */
export interface SafeFetch extends FetchLike {
  close(): Promise<void>;
}

const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);
/** CONNECT opens a tunnel past every later check; TRACE and TRACK echo the request, credentials included (cross-site tracing). */
const REFUSED_METHODS = new Set(['CONNECT', 'TRACE', 'TRACK']);
const UNDICI_TIMEOUTS: Readonly<Record<string, EgressLimit>> = {
  UND_ERR_CONNECT_TIMEOUT: 'connect-timeout',
  UND_ERR_HEADERS_TIMEOUT: 'headers-timeout',
  UND_ERR_BODY_TIMEOUT: 'body-timeout',
};

/**
 * The one way out to the network. Per request (and per redirect hop): the rate and concurrency
 * limits, decide() on the URL, the user's approval when a rule asks for it, then a connection
 * pinned to addresses decideAddress() allowed (or, through a proxy, a best-effort local check),
 * and a body bounded in bytes, decompressed bytes and time. Every refusal is an
 * EgressBlockedError (bounds: EgressLimitError) and an audit entry with the URL redacted.
 */
export function createSafeFetch(options: SafeFetchOptions): SafeFetch {
  const engine = new SafeFetchEngine(options);
  return Object.assign((input: string | URL | Request, init?: RequestInit) => engine.fetch(input, init), { close: () => engine.close() });
}

class SafeFetchEngine {
  private readonly limits: RequestLimits;
  private readonly audit: EgressAudit;
  private readonly proxies: ProxySettings;
  private readonly resolve: HostResolver;
  private readonly openSocket: (timeoutMs: number) => SocketOpener;
  private readonly proxyAgents = new Map<string, ProxyAgent>();
  private direct: { policy: PolicyPack; agent: Agent } | undefined;

  constructor(private readonly options: SafeFetchOptions) {
    this.limits = new RequestLimits(options.now);
    this.audit = new EgressAudit(options.audit, options.actor ?? 'agent', options.tool);
    this.proxies = proxySettingsFromEnv(options.env ?? process.env);
    this.resolve = options.resolve ?? systemResolver;
    this.openSocket = options.openSocket ?? cachedConnectors(options.ca);
  }

  async fetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
    const outgoing = await toOutgoingRequest(input, init);
    const tool = this.options.tool;
    if (!URL.canParse(outgoing.url)) this.refuse({ reason: 'invalid-url', detail: 'this is not a valid URL.' }, '[unparsable URL]', '');
    if (REFUSED_METHODS.has(outgoing.method)) {
      this.refuse({ reason: 'method-not-allowed', detail: `the ${outgoing.method} method is refused: it would open a tunnel past the policy or echo the request back.` }, redactUrl(outgoing.url), hostOf(outgoing.url));
    }
    outgoing.signal?.throwIfAborted();
    const policy = this.options.policy();
    const release = this.limits.acquire(policy.limits.maxConcurrentRequests);
    if (release === undefined) {
      this.refuse({ reason: 'concurrency-limit', detail: `${tool} already has ${policy.limits.maxConcurrentRequests} requests in flight (limits.maxConcurrentRequests).` }, redactUrl(outgoing.url), hostOf(outgoing.url));
    }
    const bounds = this.bounds(policy);
    const controller = new AbortController();
    let body: Dispatcher.ResponseData['body'] | undefined;
    let hop: Hop = { url: new URL(outgoing.url), method: outgoing.method, headers: withDefaults(outgoing.headers), body: outgoing.body };
    const deadline = new Deadline(bounds.totalMs, () => {
      const error = new EgressLimitError('deadline', `no complete answer within ${bounds.totalMs / 1000} s (limits.requestTimeoutSeconds).`, tool, redactUrl(hop.url));
      controller.abort(error);
      body?.destroy(error);
      // A body nobody reads still gives its slot back.
      finish(error);
    });
    const onCallerAbort = (): void => {
      controller.abort(outgoing.signal?.reason);
      body?.destroy(outgoing.signal?.reason instanceof Error ? outgoing.signal.reason : new DOMException('This operation was aborted', 'AbortError'));
    };
    outgoing.signal?.addEventListener('abort', onCallerAbort, { once: true });
    let finished = false;
    const finish = (error?: unknown): void => {
      if (finished) return;
      finished = true;
      release();
      deadline.clear();
      outgoing.signal?.removeEventListener('abort', onCallerAbort);
      if (error instanceof EgressLimitError) this.audit.stopped(error);
    };
    try {
      for (let redirects = 0; ; redirects++) {
        await this.admit(hop.url, redirects, deadline, controller.signal);
        const data = await this.send(hop, controller.signal);
        body = data.body;
        const location = headerValue(data.headers.location);
        if (!isRedirect(data.statusCode) || location === undefined || outgoing.redirect === 'manual') {
          return this.respond(data, hop, redirects > 0, bounds, finish);
        }
        await data.body.dump({ limit: 64 * 1024 }).catch(() => undefined);
        body = undefined;
        const next = nextHop(hop, data.statusCode, location);
        const where = redactUrl(hop.url);
        if (outgoing.redirect === 'error') throw this.block({ reason: 'redirect-refused', detail: `the server redirected to ${next === undefined ? 'an unparsable location' : redactUrl(next.url)}, and redirects were not wanted.` }, where, hop.url.hostname);
        if (next === undefined) throw this.block({ reason: 'invalid-url', detail: 'the server redirected to an unparsable location.' }, where, hop.url.hostname);
        if (redirects >= this.options.policy().limits.maxRedirects) {
          throw this.block({ reason: 'too-many-redirects', detail: `more than ${this.options.policy().limits.maxRedirects} redirects (limits.maxRedirects).` }, redactUrl(next.url), next.url.hostname);
        }
        hop = next;
      }
    } catch (error) {
      const translated = this.translate(error, hop.url);
      finish(translated);
      throw translated;
    }
  }

  async close(): Promise<void> {
    const agents: Dispatcher[] = [...this.proxyAgents.values(), ...(this.direct === undefined ? [] : [this.direct.agent])];
    this.proxyAgents.clear();
    this.direct = undefined;
    await Promise.all(agents.map((agent) => agent.close()));
  }

  /** Rate limit, decide(), approval, and through a proxy the local address check; throws a block. */
  private async admit(url: URL, hop: number, deadline: Deadline, signal: AbortSignal): Promise<void> {
    const policy = this.options.policy();
    const tool = this.options.tool;
    let redactedText: string | undefined;
    const redacted = (): string => (redactedText ??= redactUrl(url));
    const host = targetOf(url)?.host ?? url.hostname;
    let decision = decide(policy, tool, url);
    if (decision.verdict === 'deny') throw this.block(decision, redacted(), host);
    const perMinute = ownValue(policy.limits.requestsPerMinute.tools, tool) ?? policy.limits.requestsPerMinute.default;
    const rate = this.limits.takeRate(perMinute);
    if (!rate.ok) {
      throw this.block({ reason: 'rate-limited', detail: `${tool} may send ${perMinute} requests per minute (limits.requestsPerMinute); try again in ${Math.ceil(rate.retryAfterMs / 1000)} s.` }, redacted(), host);
    }
    if (decision.verdict === 'ask') {
      deadline.pause();
      try {
        decision = await askApproval(this.options.approvals, policy, this.options.tool, decision, url, redacted(), signal);
      } finally {
        deadline.resume();
      }
      if (decision.verdict !== 'allow') throw this.block(decision, redacted(), host);
    }
    if (proxyFor(this.proxies, url) !== undefined) await this.checkBeforeProxy(policy, url, redacted());
    this.audit.allowed(decision, redacted, host, hop);
  }

  /**
   * Through a proxy the proxy resolves the name and SafeFetch cannot pin the address. It still
   * resolves the name here and refuses when any local answer is forbidden; a name that does not
   * resolve locally is left to the proxy (see docs/egress.md).
   */
  private async checkBeforeProxy(policy: PolicyPack, url: URL, redacted: string): Promise<void> {
    const target = targetOf(url);
    if (target === undefined) return;
    try {
      await pinAddresses(target, { policy: () => policy, tool: this.options.tool, resolve: this.resolve });
    } catch (error) {
      if (error instanceof EgressBlockedError && error.reason !== 'unresolvable-host') throw new EgressBlockedError({ ...error, url: redacted });
    }
  }

  private send(hop: Hop, signal: AbortSignal): Promise<Dispatcher.ResponseData> {
    const policy = this.options.policy();
    const bounds = this.bounds(policy);
    const proxy = proxyFor(this.proxies, hop.url);
    return request(hop.url, {
      dispatcher: proxy === undefined ? this.directAgent(policy) : this.proxyAgent(proxy, bounds.connectMs),
      method: hop.method,
      headers: hop.headers,
      body: hop.body ?? null,
      signal,
      headersTimeout: bounds.headersMs,
      bodyTimeout: bounds.bodyIdleMs,
    });
  }

  private respond(data: Dispatcher.ResponseData, hop: Hop, redirected: boolean, bounds: Bounds, finish: (error?: unknown) => void): Response {
    const tool = this.options.tool;
    const headers = toHeaders(data.headers);
    if (data.statusCode < 200 || data.statusCode > 599) {
      data.body.destroy();
      throw new TypeError(`${redactUrl(hop.url)} answered with the invalid status ${data.statusCode}`);
    }
    let stream: ReadableStream<Uint8Array> | null = null;
    if (hop.method === 'HEAD' || NULL_BODY_STATUSES.has(data.statusCode)) {
      data.body.destroy();
      finish();
    } else {
      const declared = Number(headers.get('content-length') ?? Number.NaN);
      if (declared > bounds.maxResponseBytes) {
        data.body.destroy();
        throw new EgressLimitError('max-response-bytes', `the response announces ${declared} bytes, more than ${bounds.maxResponseBytes} (limits.maxResponseBytes).`, tool, redactUrl(hop.url));
      }
      const codings = contentCodings(headers.get('content-encoding') ?? undefined);
      if (codings !== undefined && codings.length > 0) {
        headers.delete('content-encoding');
        headers.delete('content-length');
      }
      const body = boundedBody(data.body, codings ?? [], { maxResponseBytes: bounds.maxResponseBytes, maxDecompressedBytes: bounds.maxDecompressedBytes, tool, url: hop.url });
      stream = toWebStream(body, (error) => this.translate(error, hop.url), finish);
    }
    const response = new Response(stream, { status: data.statusCode, statusText: data.statusText, headers });
    const finalUrl = new URL(hop.url);
    finalUrl.hash = '';
    Object.defineProperties(response, { url: { value: finalUrl.href }, redirected: { value: redirected } });
    return response;
  }

  /** Blocks get the redacted URL and an audit entry; undici's timeouts become EgressLimitErrors. */
  private translate(error: unknown, url: URL): unknown {
    if (error instanceof EgressBlockedError) {
      const withUrl = error.url === undefined ? new EgressBlockedError({ ...error, url: redactUrl(url) }) : error;
      this.audit.blocked(withUrl);
      return withUrl;
    }
    const code = (error as { code?: unknown } | null)?.code;
    const limit = typeof code === 'string' ? UNDICI_TIMEOUTS[code] : undefined;
    if (limit !== undefined) return Object.assign(new EgressLimitError(limit, `${(error as Error).message} (limits.requestTimeoutSeconds).`, this.options.tool, redactUrl(url)), { cause: error });
    return error;
  }

  /** A refusal before the request holds any slot or timer: audited here, then thrown. */
  private refuse(decision: { readonly reason: EgressReason; readonly detail: string }, url: string, host: string): never {
    const refused = this.block(decision, url, host);
    this.audit.blocked(refused);
    throw refused;
  }

  private block(decision: { readonly reason: EgressReason; readonly detail: string; readonly rule?: string | undefined }, url: string, host: string): EgressBlockedError {
    return new EgressBlockedError({ reason: decision.reason, detail: decision.detail, rule: decision.rule, tool: this.options.tool, host, url });
  }

  private bounds(policy: PolicyPack): Bounds {
    const overrides = this.options.bounds ?? {};
    const seconds = policy.limits.requestTimeoutSeconds * 1000;
    return {
      connectMs: overrides.connectTimeoutMs ?? Math.min(10_000, seconds),
      headersMs: overrides.headersTimeoutMs ?? seconds,
      bodyIdleMs: overrides.bodyIdleTimeoutMs ?? seconds,
      totalMs: overrides.totalTimeoutMs ?? seconds,
      maxResponseBytes: overrides.maxResponseBytes ?? policy.limits.maxResponseBytes,
      maxDecompressedBytes: policy.limits.maxDecompressedBytes,
    };
  }

  /** One pool per policy object: a changed policy gets fresh connections, checked against it. */
  private directAgent(policy: PolicyPack): Agent {
    if (this.direct?.policy !== policy) {
      void this.direct?.agent.close();
      const agent = new Agent({
        connect: pinnedConnector({
          policy: this.options.policy,
          tool: this.options.tool,
          resolve: this.resolve,
          openSocket: this.openSocket,
          connectTimeoutMs: () => this.bounds(this.options.policy()).connectMs,
        }),
      });
      this.direct = { policy, agent };
    }
    return this.direct.agent;
  }

  private proxyAgent(proxy: URL, connectTimeout: number): ProxyAgent {
    let agent = this.proxyAgents.get(proxy.href);
    if (agent === undefined) {
      const ca = this.options.ca === undefined ? {} : { ca: this.options.ca as string | string[] };
      agent = new ProxyAgent({ uri: proxy.href, connectTimeout, requestTls: ca, proxyTls: ca });
      this.proxyAgents.set(proxy.href, agent);
    }
    return agent;
  }
}

interface Bounds {
  readonly connectMs: number;
  readonly headersMs: number;
  readonly bodyIdleMs: number;
  readonly totalMs: number;
  readonly maxResponseBytes: number;
  readonly maxDecompressedBytes: number;
}

/** undici connectors by connect timeout, HTTP/1.1 only, with the extra CAs if any. */
function cachedConnectors(ca: string | readonly string[] | undefined): (timeoutMs: number) => SocketOpener {
  const cache = new Map<number, SocketOpener>();
  return (timeoutMs) => {
    let connector = cache.get(timeoutMs);
    if (connector === undefined) {
      connector = buildConnector({ timeout: timeoutMs, allowH2: false, ...(ca === undefined ? {} : { ca: ca as string | string[] }) });
      cache.set(timeoutMs, connector);
    }
    return connector;
  };
}

function withDefaults(headers: Record<string, string>): Record<string, string> {
  return headers['accept-encoding'] === undefined ? { ...headers, 'accept-encoding': 'gzip, deflate, br' } : headers;
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function toHeaders(raw: Dispatcher.ResponseData['headers']): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) {
      try {
        headers.append(name, item);
      } catch {
        // A header value fetch's Headers refuses is dropped rather than failing the response.
      }
    }
  }
  return headers;
}

function hostOf(url: string): string {
  return URL.canParse(url) ? (targetOf(new URL(url))?.host ?? new URL(url).hostname) : '';
}
