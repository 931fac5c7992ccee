// Per-call overhead of an MCP tool call through Airlock (issue 14), against the SDK client calling
// the same server directly. One real SDK McpServer in this process, over the SDK's in-memory
// transport: no process, no sandbox, no network, so the difference is Airlock's own per-call work
// (the process and sandbox cost is bench/sandboxStartup.bench.ts's). Target: under 1 ms added at
// p50, approvals aside. Also timed: reviewing and pinning 1,000 tool definitions generated here.
import { performance } from 'node:perf_hooks';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { ToolRunner as ToolRunnerClass } from '../src/core/agent/toolRunner';
import type { mcpAgentTools as McpAgentTools } from '../src/core/agent/tools/mcpTool';
import type { ApprovalGate as ApprovalGateClass } from '../src/core/approval/approvalGate';
import type { wrapUntrusted as WrapUntrusted } from '../src/core/content/spotlight';
import type { AuditEvent, AuditSink } from '../src/core/audit/auditSink';
import type { OfferedMcpTool, offeredTools as OfferedTools, reviewDefinitions as ReviewDefinitions } from '../src/core/mcp/definitionReview';
import type { McpCaller as McpCallerClass } from '../src/core/mcp/mcpCall';
import type { listAllTools as ListAllTools } from '../src/core/mcp/mcpServerTools';
import type { ToolDefinition } from '../src/core/mcp/toolDefinition';
import type { toolPin as ToolPin } from '../src/core/mcp/toolPin';
import type { McpServerPolicy, PolicyPack, policyPackSchema as PolicyPackSchema } from '../src/core/policy/policySchema';
import { connectInMemory } from '../test/unit/core/mcp/inMemoryServer';
import type { BenchReport, BenchRow } from './lib/benchReport';
import { shippedModule } from './lib/shippedModule';
import { median } from './lib/stats';

// Measured as it ships (bundled), not as the tsx loader runs the sources: see shippedModule.
const { ToolRunner, mcpAgentTools, ApprovalGate, wrapUntrusted, offeredTools, reviewDefinitions, McpCaller, listAllTools, toolPin, policyPackSchema } = shippedModule<{
  ToolRunner: typeof ToolRunnerClass;
  mcpAgentTools: typeof McpAgentTools;
  ApprovalGate: typeof ApprovalGateClass;
  wrapUntrusted: typeof WrapUntrusted;
  offeredTools: typeof OfferedTools;
  reviewDefinitions: typeof ReviewDefinitions;
  McpCaller: typeof McpCallerClass;
  listAllTools: typeof ListAllTools;
  toolPin: typeof ToolPin;
  policyPackSchema: typeof PolicyPackSchema;
}>(
  'src/core/agent/toolRunner.ts',
  'src/core/agent/tools/mcpTool.ts',
  'src/core/approval/approvalGate.ts',
  'src/core/content/spotlight.ts',
  'src/core/mcp/definitionReview.ts',
  'src/core/mcp/mcpCall.ts',
  'src/core/mcp/mcpServerTools.ts',
  'src/core/mcp/toolPin.ts',
  'src/core/policy/policySchema.ts',
);

const SERVER = 'bench';
const TARGET_ADDED_MS = 1;
const WARM_UP_CALLS = 300;
const ROUNDS = 5;
const CALLS_PER_ROUND = 300;
const LARGE_BYTES = 10 * 1024;
const DEFINITIONS = 1000;
const DEFINITION_ROUNDS = 5;
const ECHO_ARGS = { text: 'hello from the bench' };
const LARGE_TEXT = largeText();

const COLUMNS = [
  { key: 'echoP50', label: 'echo p50 ms', decimals: 3 },
  { key: 'echoP95', label: 'echo p95 ms', decimals: 3 },
  { key: 'echoAdded', label: 'echo added p50 ms', decimals: 3 },
  { key: 'largeP50', label: '10 KB p50 ms', decimals: 3 },
  { key: 'largeP95', label: '10 KB p95 ms', decimals: 3 },
  { key: 'largeAdded', label: '10 KB added p50 ms', decimals: 3 },
  { key: 'msPer1000', label: 'ms per 1000 defs', decimals: 1 },
] as const;

type CallPath = (tool: 'echo' | 'large') => Promise<void>;

export async function run(): Promise<BenchReport> {
  const policy: PolicyPack = policyPackSchema.parse({
    version: 1,
    name: 'bench',
    // The rate limit is counted on every call but set to its maximum, so no measured call is refused.
    mcp: { servers: { [SERVER]: { stdio: { command: 'node' }, tools: { allow: ['*'], risk: { echo: 'low', large: 'low' } }, limits: { callsPerMinute: 10_000 } } } },
  });
  const serverPolicy = policy.mcp.servers[SERVER] as McpServerPolicy;
  const { client, close } = await connectInMemory(benchServer());
  try {
    const paths = await callPaths(client, policy, serverPolicy);
    const samples = await measure(paths);
    const direct = samples.get('direct') as Samples;
    const row = (subject: string, key: string, airlock: boolean, detail: string): BenchRow => {
      const mine = samples.get(key) as Samples;
      return {
        subject,
        airlock,
        values: {
          echoP50: median(mine.echo),
          echoP95: percentile(mine.echo, 0.95),
          echoAdded: median(mine.echo) - median(direct.echo),
          largeP50: median(mine.large),
          largeP95: percentile(mine.large, 0.95),
          largeAdded: median(mine.large) - median(direct.large),
        },
        detail,
      };
    };
    const rows: BenchRow[] = [
      row('SDK client.callTool (direct)', 'direct', false, 'the same server, the same arguments, no Airlock'),
      row('airlock McpCaller.call', 'caller', false, 'policy check, ajv validation against the pinned schema, rate count, tools/call, output cap, redaction, argument hash'),
      row('airlock ToolRunner.run (agent path)', 'runner', true, 'as above, plus argument parsing and validation, the approval plan (risk low: nobody asked), content guard on the output, one audit record (in-memory sink)'),
      guardAloneRow(policy),
      { subject: 'airlock review + pin 1,000 definitions', airlock: false, values: { msPer1000: timeReviewAndPin() }, detail: `toolPin of each, then reviewDefinitions against those pins (scan, naming, policy, display text of each); ${DEFINITIONS.toLocaleString('en-US')} definitions generated in this bench, median of ${DEFINITION_ROUNDS} rounds` },
    ];
    const verdict = (key: 'echoAdded' | 'largeAdded', subject: string): string => {
      const added = rows.find((r) => r.subject === subject)?.values[key] ?? Number.NaN;
      return `${subject}: ${added.toFixed(3)} ms (${added < TARGET_ADDED_MS ? 'met' : 'NOT met'})`;
    };
    return {
      title: `MCP tool call: per-call latency through Airlock against the SDK client, in-memory transport`,
      columns: COLUMNS,
      rows,
      notes: [
        'in-process SDK McpServer over the SDK InMemoryTransport: no process, no sandbox, no network; this isolates Airlock\'s own per-call work (the process and sandbox cost is measured by the sandboxStartup bench)',
        `target under ${TARGET_ADDED_MS} ms added at p50 (approvals aside), echo — ${verdict('echoAdded', 'airlock McpCaller.call')}; ${verdict('echoAdded', 'airlock ToolRunner.run (agent path)')}`,
        `target under ${TARGET_ADDED_MS} ms added at p50 (approvals aside), 10 KB — ${verdict('largeAdded', 'airlock McpCaller.call')}; ${verdict('largeAdded', 'airlock ToolRunner.run (agent path)')}`,
        `tools: echo (returns its short argument) and large (returns ${LARGE_BYTES.toLocaleString('en-US')} bytes of JSON-like records); ${WARM_UP_CALLS} warm-up calls per path and tool, then ${ROUNDS} rounds of ${CALLS_PER_ROUND} calls, the three paths interleaved call by call so they share the machine's load`,
        'added p50 = this path\'s p50 minus the direct p50; airlock/x compares the agent path with each row',
        'Airlock is measured as it ships: its modules bundled by esbuild as npm run build bundles them (the tsx loader the benches run under slows cross-module calls in hot loops); the SDK client and server are loaded from node_modules',
      ],
    };
  } finally {
    await close();
  }
}

function benchServer(): McpServer {
  const server = new McpServer({ name: SERVER, version: '1.0.0' });
  server.registerTool('echo', { description: 'Returns the text it is given.', inputSchema: { text: z.string().max(1000) } }, ({ text }) => ({ content: [{ type: 'text', text }] }));
  server.registerTool('large', { description: 'Returns a page of records.' }, () => ({ content: [{ type: 'text', text: LARGE_TEXT }] }));
  return server;
}

/** About LARGE_BYTES of one-record-a-line text, like a listing or a query result. */
function largeText(): string {
  const lines: string[] = [];
  let size = 0;
  for (let id = 1; size < LARGE_BYTES; id++) {
    const line = `{"id": ${id}, "name": "record-${id}", "status": "${id % 3 === 0 ? 'closed' : 'open'}", "owner": "team-${id % 7}", "updated": "2026-11-${String((id % 28) + 1).padStart(2, '0')}"}`;
    lines.push(line);
    size += line.length + 1;
  }
  return lines.join('\n').slice(0, LARGE_BYTES);
}

/** The three ways to make the same call; each checks its answer so a refusal is never timed as a call. */
async function callPaths(client: Client, policy: PolicyPack, serverPolicy: McpServerPolicy): Promise<Map<string, CallPath>> {
  const listed = await listAllTools(client);
  const approved = { approvedAt: '', tools: new Map(listed.map((definition) => [definition.name, { pin: toolPin(definition), definition }])) };
  const offered = new Map(offeredTools(reviewDefinitions(SERVER, serverPolicy, approved, listed)).map((tool) => [tool.name, tool]));
  const tool = (name: string): OfferedMcpTool => {
    const found = offered.get(name);
    if (!found) throw new Error(`the bench server's ${name} tool was not offered`);
    return found;
  };
  const args = (name: 'echo' | 'large'): Record<string, unknown> => (name === 'echo' ? ECHO_ARGS : {});
  const signal = new AbortController().signal;
  const caller = new McpCaller({ server: SERVER, client: () => Promise.resolve(client), policy: () => serverPolicy });
  const agentCaller = new McpCaller({ server: SERVER, client: () => Promise.resolve(client), policy: () => serverPolicy });
  let lastEvent: AuditEvent | undefined;
  const audit: AuditSink = { record: (event) => { lastEvent = event; } };
  const gate = new ApprovalGate({ ask: () => Promise.reject(new Error('a low-risk call asked for approval')) }, audit, () => 1000);
  const offeredList = [...offered.values()];
  const runner = new ToolRunner({ tools: () => mcpAgentTools([{ tools: () => offeredList, caller: agentCaller }]), policy: () => policy, gate, audit, workspaceTrusted: () => true });
  return new Map<string, CallPath>([
    ['direct', async (name) => {
      const result = await client.callTool({ name, arguments: args(name) });
      if (result.isError === true) throw new Error(`direct ${name}: the server reported an error`);
    }],
    ['caller', async (name) => {
      const result = await caller.call(tool(name), args(name), signal);
      if (!result.ok) throw new Error(`McpCaller ${name}: ${result.error}`);
    }],
    ['runner', async (name) => {
      const outcome = await runner.run({ id: 'c1', name: `mcp_${SERVER}_${name}`, arguments: JSON.stringify(args(name)) }, signal, () => undefined);
      if (outcome.state !== 'done' || lastEvent?.decision !== 'allow') throw new Error(`ToolRunner ${name}: ${outcome.state}: ${outcome.summary}`);
    }],
  ]);
}

interface Samples {
  readonly echo: number[];
  readonly large: number[];
}

/** Per-call milliseconds per path and tool: warm-up first, then the rounds, the paths interleaved call by call. */
async function measure(paths: ReadonlyMap<string, CallPath>): Promise<Map<string, Samples>> {
  const samples = new Map([...paths.keys()].map((key): [string, Samples] => [key, { echo: [], large: [] }]));
  for (const tool of ['echo', 'large'] as const) {
    for (let index = 0; index < WARM_UP_CALLS; index++) for (const call of paths.values()) await call(tool);
  }
  for (let round = 0; round < ROUNDS; round++) {
    for (const tool of ['echo', 'large'] as const) {
      for (let index = 0; index < CALLS_PER_ROUND; index++) {
        for (const [key, call] of paths) {
          const started = performance.now();
          await call(tool);
          samples.get(key)?.[tool].push(performance.now() - started);
        }
      }
    }
  }
  return samples;
}

/** The content guard alone on the same two outputs, the same number of times: the share of the agent path it takes. */
function guardAloneRow(policy: PolicyPack): BenchRow {
  const time = (text: string): number[] => {
    const options = { source: `mcp.${SERVER}.tool`, kind: 'tool-output' as const, thresholds: policy.contentGuard };
    for (let index = 0; index < WARM_UP_CALLS; index++) wrapUntrusted(text, options);
    return Array.from({ length: ROUNDS * CALLS_PER_ROUND }, () => {
      const started = performance.now();
      wrapUntrusted(text, options);
      return performance.now() - started;
    });
  };
  const echo = time(ECHO_ARGS.text);
  const large = time(LARGE_TEXT);
  return {
    subject: '  of which: content guard alone',
    airlock: false,
    values: { echoP50: median(echo), echoP95: percentile(echo, 0.95), largeP50: median(large), largeP95: percentile(large, 0.95) },
    detail: 'wrapUntrusted (scan, sanitize, wrap as untrusted data) on the two outputs, timed on its own after the calls',
  };
}

/** Nearest-rank percentile of a non-empty sample. */
function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] ?? Number.NaN;
}

/** Median over rounds of pinning DEFINITIONS definitions and reviewing the listing against those pins, per 1,000. */
function timeReviewAndPin(): number {
  const listed = generatedDefinitions(DEFINITIONS);
  const policy = policyPackSchema.parse({ version: 1, name: 'bench', mcp: { servers: { many: { stdio: { command: 'node' }, tools: { allow: ['*'] } } } } }).mcp.servers.many;
  const times: number[] = [];
  for (let round = 0; round < DEFINITION_ROUNDS; round++) {
    const started = performance.now();
    const approved = { approvedAt: '', tools: new Map(listed.map((definition) => [definition.name, { pin: toolPin(definition), definition }])) };
    const review = reviewDefinitions('many', policy, approved, listed);
    times.push(((performance.now() - started) * 1000) / listed.length);
    if (!review.approved || review.tools.length !== listed.length) throw new Error('the generated listing did not review as approved');
  }
  return median(times);
}

const VERBS = ['list', 'get', 'create', 'update', 'search', 'describe', 'archive', 'count'];
const NOUNS = ['issues', 'pages', 'records', 'users', 'files', 'events', 'invoices', 'builds', 'tickets', 'datasets'];

/** Definitions shaped like real servers' (a title, a sentence or two, typed and bounded parameters, annotations), all different. */
function generatedDefinitions(count: number): ToolDefinition[] {
  return Array.from({ length: count }, (_, index): ToolDefinition => {
    const verb = VERBS[index % VERBS.length] ?? 'list';
    const noun = NOUNS[Math.floor(index / VERBS.length) % NOUNS.length] ?? 'records';
    const readOnly = verb === 'list' || verb === 'get' || verb === 'search' || verb === 'describe' || verb === 'count';
    return {
      name: `${verb}_${noun}_${index}`,
      title: `${verb[0]?.toUpperCase() ?? ''}${verb.slice(1)} ${noun} (${index})`,
      description: `${verb[0]?.toUpperCase() ?? ''}${verb.slice(1)}s ${noun} in project space ${index % 50}. Results are paged; pass the cursor from the previous page to continue.${index % 4 === 0 ? ` Supports filtering by status and owner, up to ${(index % 9) + 1} filters at once.` : ''}`,
      inputSchema: {
        type: 'object',
        properties: {
          project: { type: 'string', description: 'Project key, for example "ACME".', maxLength: 64 },
          cursor: { type: 'string', description: 'Cursor from the previous page.' },
          limit: { type: 'integer', minimum: 1, maximum: 100 + (index % 400), default: 20 },
          status: { type: 'string', enum: ['open', 'closed', 'all'] },
          ...(index % 3 === 0 ? { filter: { type: 'object', properties: { owner: { type: 'string' }, since: { type: 'string', format: 'date' } }, additionalProperties: false } } : {}),
        },
        required: ['project'],
        additionalProperties: false,
      },
      annotations: { readOnlyHint: readOnly, destructiveHint: verb === 'archive', openWorldHint: false },
    };
  });
}
