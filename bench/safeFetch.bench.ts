// SafeFetch against raw undici and two SSRF filters for Node's http (request-filtering-agent,
// ssrf-req-filter): requests per second and p50/p99 latency on the same loopback server (a child
// process, so server work does not share the client's event loop), same run, subjects interleaved
// round by round; then how many rows of the SSRF bypass table each one blocks.
// NETWORK SAFETY: traffic goes to 127.0.0.1 only. The bypass table never sends anything: SafeFetch
// gets a socket opener that records and refuses; the peers get a harness agent that destroys
// every socket before it connects (checked against a loopback server first: it must see nothing).
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import type { Duplex } from 'node:stream';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { RequestFilteringHttpAgent } from 'request-filtering-agent';
import { Agent, fetch as undiciFetch, request as undiciRequest } from 'undici';
import { createSafeFetch } from '../src/core/egress/safeFetch';
import { classifyAddress } from '../src/core/egress/addressClass';
import { isEgressBlockedError } from '../src/core/egress/egressBlockedError';
import { BYPASS_POLICY, BYPASS_ROWS, bypassAnswer, bypassResolver, CONTROL_ROWS, type BypassRow } from '../test/unit/core/egress/bypassPayloads';
import { recordingOpener, testPolicy } from '../test/unit/core/egress/egressTestKit';
import type { BenchReport, BenchRow } from './lib/benchReport';
import { median } from './lib/stats';

const BODY_BYTES = 1024;
const CONCURRENCY = 8;
const WARMUP = 300;
const ROUNDS = 3;
const PER_ROUND = 3_000;
const ROUND_BUDGET_MS = 2_500;

type Send = (url: string) => Promise<number>;

interface Subject {
  readonly name: string;
  readonly airlock: boolean;
  readonly detail: string;
  /** undefined: cannot be measured against a loopback server (see detail). */
  readonly send: Send | undefined;
  readonly bypass: (row: { url: string; kind?: BypassRow['kind'] }) => Promise<'blocked' | 'passed'>;
  close(): Promise<void>;
}

export async function run(): Promise<BenchReport> {
  const server = await startServerProcess();
  try {
    const url = `http://127.0.0.1:${server.port}/bench`;
    await assertHarnessSendsNothing();
    const subjects = buildSubjects(server.port);
    const timings = new Map<string, { rates: number[]; latencies: number[] }>();
    for (const subject of subjects) {
      if (subject.send === undefined) continue;
      timings.set(subject.name, { rates: [], latencies: [] });
      await measure(subject.send, url, WARMUP, Number.POSITIVE_INFINITY);
    }
    for (let round = 0; round < ROUNDS; round++) {
      for (const subject of subjects) {
        if (subject.send === undefined) continue;
        const sample = await measure(subject.send, url, PER_ROUND, ROUND_BUDGET_MS);
        const entry = timings.get(subject.name);
        entry?.rates.push(sample.rate);
        entry?.latencies.push(...sample.latencies);
      }
    }
    const rawRate = median(timings.get('undici.request (raw)')?.rates ?? [Number.NaN]);
    const rows: BenchRow[] = [];
    const missed: string[] = [];
    for (const subject of subjects) {
      const passed = await passedRows(subject, BYPASS_ROWS);
      const blocked = BYPASS_ROWS.length - passed.length;
      if (subject.name === 'airlock SafeFetch' || subject.name === 'request-filtering-agent' || subject.name === 'ssrf-req-filter') {
        const beyondAllowlist = passed.filter((row) => row.kind !== 'allowlist');
        missed.push(`${subject.name} lets through ${passed.length - beyondAllowlist.length} allowlist rows${beyondAllowlist.length === 0 ? '' : ` and: ${beyondAllowlist.map((row) => row.trick).join('; ')}`}`);
      }
      const controls = (await passedRows(subject, CONTROL_ROWS)).length;
      const timing = timings.get(subject.name);
      const rate = timing === undefined ? Number.NaN : median(timing.rates);
      rows.push({
        subject: subject.name,
        airlock: subject.airlock,
        values: {
          rate,
          p50: timing === undefined ? Number.NaN : percentile(timing.latencies, 0.5),
          p99: timing === undefined ? Number.NaN : percentile(timing.latencies, 0.99),
          slowdown: rawRate / rate,
          blocked,
          controls,
        },
        detail: subject.detail,
      });
      await subject.close();
    }
    return {
      title: `SafeFetch: ${BODY_BYTES}-byte GETs to a loopback server, ${CONCURRENCY} in flight; SSRF bypass table of ${BYPASS_ROWS.length} rows`,
      columns: [
        { key: 'rate', label: 'req/s', decimals: 0 },
        { key: 'p50', label: 'p50 ms', decimals: 3 },
        { key: 'p99', label: 'p99 ms', decimals: 3 },
        { key: 'slowdown', label: 'x raw undici', decimals: 2 },
        { key: 'blocked', label: `bypass blocked /${BYPASS_ROWS.length}`, decimals: 0 },
        { key: 'controls', label: `controls passed /${CONTROL_ROWS.length}`, decimals: 0 },
      ],
      rows,
      notes: [
        `median of ${ROUNDS} rounds of up to ${PER_ROUND} requests (${ROUND_BUDGET_MS} ms budget each) after ${WARMUP} warm-up requests; subjects interleaved per round; p50/p99 over every timed request`,
        '"x raw undici": raw undici.request req/s divided by the subject\'s (1.00 = no overhead)',
        `bypass rows by kind: ${kinds(BYPASS_ROWS)}. Peers have no allowlist, so "allowlist" rows pass them by design; scheme rows are refused by node:http itself (counted as blocked: nothing is sent)`,
        'peers are judged on the same URLs over http: (their checks do not depend on the scheme), names resolved from the same table through the request\'s lookup option',
        'controls: allowed public URLs a guard must let through (nothing is sent: the opener/harness stops them at the socket)',
        'a peer fails an address or name row only if it would dial a non-public address (SafeFetch is stricter: one bad answer denies the whole name); it fails an allowlist row if it would dial anything',
        'SafeFetch runs with a policy whose rate limit is raised out of the way; its limiter, decisions, pinning and body bounds are all on the measured path',
        ...missed,
      ],
    };
  } finally {
    server.child.kill();
  }
}

function buildSubjects(port: number): Subject[] {
  const benchPolicy = testPolicy({ allow: [`127.0.0.1:${port}`], limits: { requestsPerMinute: { default: 1_000_000_000, tools: {} }, maxConcurrentRequests: 64 } });
  const safeFetch = createSafeFetch({ tool: 'web.fetch', policy: () => benchPolicy, env: {} });
  const raw = new Agent();
  const rawFetchAgent = new Agent();
  const rfaAgent = new RequestFilteringHttpAgent({ keepAlive: true, allowIPAddressList: ['127.0.0.1'] });
  const keepAlive = new http.Agent({ keepAlive: true });
  const tablePolicy = testPolicy(BYPASS_POLICY);
  const rfaHarness = harnessAgentClass(RequestFilteringHttpAgent);
  const plainHarness = harnessAgentClass(http.Agent);
  const ssrf = ssrfReqFilter();
  const none = (): Promise<'passed'> => Promise.resolve('passed');
  return [
    {
      name: 'airlock SafeFetch',
      airlock: true,
      detail: 'createSafeFetch({ tool: "web.fetch" }): decide(), rate + concurrency limits, pinned connection, bounded body, fetch Response; body read with arrayBuffer()',
      send: async (url) => (await (await safeFetch(url)).arrayBuffer()).byteLength,
      bypass: async (row) => {
        const opener = recordingOpener('refuse-all');
        const guarded = createSafeFetch({ tool: 'web.fetch', policy: () => tablePolicy, env: {}, resolve: bypassResolver().resolve, openSocket: opener.openSocket });
        const error = await guarded(row.url).then(() => undefined, (e: unknown) => e);
        await guarded.close();
        return isEgressBlockedError(error) && opener.attempts.length === 0 ? 'blocked' : 'passed';
      },
      close: () => safeFetch.close(),
    },
    { name: 'undici.request (raw)', airlock: false, detail: 'undici.request with a keep-alive Agent, no checks; body.arrayBuffer()', send: async (url) => (await (await undiciRequest(url, { dispatcher: raw })).body.arrayBuffer()).byteLength, bypass: none, close: () => raw.close() },
    { name: 'undici.fetch (raw)', airlock: false, detail: 'undici.fetch with a keep-alive Agent, no checks: what a fetch Response costs by itself', send: async (url) => (await (await undiciFetch(url, { dispatcher: rawFetchAgent })).arrayBuffer()).byteLength, bypass: none, close: () => rawFetchAgent.close() },
    {
      name: 'request-filtering-agent',
      airlock: false,
      detail: 'node:http get with RequestFilteringHttpAgent({ keepAlive: true, allowIPAddressList: ["127.0.0.1"] }) (loopback must be allowlisted to reach the server)',
      send: (url) => nodeGet(url, rfaAgent),
      bypass: (row) => peerVerdict(row, new rfaHarness.Agent({})),
      close: () => Promise.resolve(rfaAgent.destroy()),
    },
    {
      name: 'ssrf-req-filter',
      airlock: false,
      detail: 'n/a for speed: it refuses every loopback address and has no allowlist, so it cannot reach a loopback server; the bypass table runs it as documented (requestFilterHandler around an http.Agent)',
      send: undefined,
      bypass: (row) => peerVerdict(row, ssrf.requestFilterHandler(new plainHarness.Agent({}))),
      close: () => Promise.resolve(),
    },
    { name: 'node:http keep-alive (raw)', airlock: false, detail: 'node:http get with http.Agent({ keepAlive: true }), no checks: the baseline request-filtering-agent adds to', send: (url) => nodeGet(url, keepAlive), bypass: none, close: () => Promise.resolve(keepAlive.destroy()) },
    {
      name: 'node:http agent per request (raw)',
      airlock: false,
      detail: 'a new http.Agent per request, no checks: ssrf-req-filter\'s documented usage (agent: ssrfFilter(url)) minus its filter, a lower bound of its cost',
      send: (url) => nodeGet(url, new http.Agent()),
      bypass: none,
      close: () => Promise.resolve(),
    },
  ];
}

/** Runs `count` requests with CONCURRENCY workers (stopping at the budget); rate and per-request ms. */
async function measure(send: Send, url: string, count: number, budgetMs: number): Promise<{ rate: number; latencies: number[] }> {
  const latencies: number[] = [];
  const started = performance.now();
  let issued = 0;
  const worker = async (): Promise<void> => {
    while (issued < count && performance.now() - started < budgetMs) {
      issued++;
      const begin = performance.now();
      const bytes = await send(url);
      if (bytes !== BODY_BYTES) throw new Error(`expected ${BODY_BYTES} bytes, got ${bytes}`);
      latencies.push(performance.now() - begin);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return { rate: latencies.length / ((performance.now() - started) / 1000), latencies };
}

function nodeGet(url: string, agent: http.Agent): Promise<number> {
  return new Promise((resolve, reject) => {
    http.get(url, { agent }, (response) => {
      let bytes = 0;
      response.on('data', (chunk: Buffer) => (bytes += chunk.length));
      response.on('end', () => resolve(bytes));
      response.on('error', reject);
    }).on('error', reject);
  });
}

async function passedRows<Row extends { url: string; kind?: BypassRow['kind'] }>(subject: Subject, rows: readonly Row[]): Promise<Row[]> {
  const passed: Row[] = [];
  for (const row of rows) if ((await subject.bypass(row)) === 'passed') passed.push(row);
  return passed;
}

type Outcome = 'blocked' | 'passed';
interface Harnessed extends http.Agent {
  /** The address Node was about to connect to when the harness stopped it; undefined: the peer refused. */
  dialled?: string;
}

/**
 * An Agent class over `Base` that lets Base's checks run, then destroys the socket before it can
 * connect: at once for an IP literal (Node connects on the next tick), or in the 'lookup' event for
 * a name (Node connects right after it, unless the socket is gone). Base's own lookup listeners
 * run first. Any socket still connecting after its checks counts as "passed".
 */
function harnessAgentClass(Base: typeof http.Agent): { Agent: new (options: http.AgentOptions) => Harnessed } {
  class HarnessAgent extends Base implements Harnessed {
    dialled?: string;
    override createConnection(options: http.ClientRequestArgs, callback?: (error: Error | null, stream: Duplex) => void): Duplex {
      let refused = false;
      const create = (Base.prototype as unknown as { createConnection: (o: unknown, c: unknown) => net.Socket }).createConnection;
      const socket = create.call(this, options, (error: Error | null, s: Duplex) => {
        if (error !== null) refused = true;
        callback?.(error, s);
      });
      if (refused || socket.destroyed || !socket.connecting) return socket;
      if (net.isIP(options.host ?? '') !== 0) {
        this.dialled = options.host ?? '';
        socket.destroy();
        return socket;
      }
      // ssrf-req-filter adds its lookup listener after this returns: listen after it.
      process.nextTick(() => socket.once('lookup', (error: Error | null, address: string) => {
        if (error === null && !socket.destroyed) {
          this.dialled = address;
          socket.destroy();
        }
      }));
      return socket;
    }
  }
  return { Agent: HarnessAgent };
}

/** Sends `url` (as http:) through a harness agent, names answered from the bypass table: what would it dial? */
function harnessDial(url: string, agent: Harnessed): Promise<string | undefined> {
  const target = url.replace(/^https:/, 'http:');
  return new Promise((resolve) => {
    const settle = (): void => resolve(agent.dialled);
    try {
      // One lookup answer, one connect attempt: the 'lookup' event fires right before Node connects.
      const options: http.RequestOptions & { autoSelectFamily: boolean } = { agent, lookup: tableLookup as unknown as net.LookupFunction, autoSelectFamily: false };
      const request = http.request(target, options, (response) => {
        response.resume();
        throw new Error(`harness failure: ${target} got a response`);
      });
      request.on('error', settle);
      request.setTimeout(2_000, () => request.destroy());
      request.end();
    } catch {
      settle();
    }
  });
}

/**
 * A peer fails a row when it lets the request reach what the row is about: for address and name
 * rows, a forbidden address (dialling the public answer of a mixed name is safe); for allowlist
 * rows and controls, any address at all.
 */
async function peerVerdict(row: { url: string; kind?: BypassRow['kind'] }, agent: Harnessed): Promise<Outcome> {
  const dialled = await harnessDial(row.url, agent);
  if (dialled === undefined) return 'blocked';
  if (row.kind === 'address' || row.kind === 'name') return classifyAddress(dialled).class === 'public' ? 'blocked' : 'passed';
  return 'passed';
}

function tableLookup(host: string, options: { all?: boolean }, callback: (...args: unknown[]) => void): void {
  setImmediate(() => {
    const answers = bypassAnswer(host);
    if (answers === undefined) callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' }));
    else if (options.all === true) callback(null, answers.map((address) => ({ address, family: net.isIP(address) })));
    else callback(null, answers[0], net.isIP(answers[0] ?? ''));
  });
}

/** The harness must stop a request that every check passed before it connects: proven on loopback. */
async function assertHarnessSendsNothing(): Promise<void> {
  let connections = 0;
  const probe = http.createServer(() => undefined).on('connection', () => connections++);
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const probePort = (probe.address() as net.AddressInfo).port;
  try {
    const rfa = harnessAgentClass(RequestFilteringHttpAgent);
    const plain = harnessAgentClass(http.Agent);
    const outcomes = [
      await harnessDial(`http://127.0.0.1:${probePort}/`, new rfa.Agent({ allowIPAddressList: ['127.0.0.1'] } as http.AgentOptions)),
      await harnessDial(`http://localhost:${probePort}/`, new rfa.Agent({ allowIPAddressList: ['127.0.0.1'] } as http.AgentOptions)),
      await harnessDial(`http://127.0.0.1:${probePort}/`, new plain.Agent({})),
      await harnessDial(`http://localhost:${probePort}/`, new plain.Agent({})),
    ];
    await new Promise((resolve) => setTimeout(resolve, 50));
    if (connections !== 0 || outcomes.some((outcome) => outcome !== '127.0.0.1')) {
      throw new Error(`the peer harness is unsafe (connections: ${connections}, outcomes: ${outcomes.join(',')}); not running the bypass table`);
    }
  } finally {
    probe.close();
  }
}

function ssrfReqFilter(): { requestFilterHandler(agent: http.Agent): Harnessed } {
  return createRequire(__filename)('ssrf-req-filter') as { requestFilterHandler(agent: http.Agent): Harnessed };
}

/** The loopback server in a child process: 1 KiB bodies, keep-alive. */
async function startServerProcess(): Promise<{ child: ChildProcess; port: number }> {
  const script = `
    const body = Buffer.alloc(${BODY_BYTES}, 120);
    const server = require('node:http').createServer((request, response) => {
      response.writeHead(200, { 'content-type': 'text/plain', 'content-length': body.length });
      response.end(body);
    });
    server.keepAliveTimeout = 60000;
    server.listen(0, '127.0.0.1', () => process.stdout.write(server.address().port + '\\n'));
    process.on('disconnect', () => process.exit(0));
  `;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('bench server did not start')), 10_000);
    child.stdout?.once('data', (data: Buffer) => {
      clearTimeout(timer);
      resolve(Number(data.toString().trim()));
    });
    child.once('exit', (code) => reject(new Error(`bench server exited (${String(code)})`)));
  });
  return { child, port };
}

function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN;
}

function kinds(rows: readonly BypassRow[]): string {
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(row.kind, (counts.get(row.kind) ?? 0) + 1);
  return [...counts].map(([kind, count]) => `${count} ${kind}`).join(', ');
}

