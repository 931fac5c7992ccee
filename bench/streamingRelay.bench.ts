// Streaming relay: time to first token and tokens per second of a long scripted reply, through
// Airlock's model client (the openai SDK over SafeFetch, every chunk validated) and through the
// panel's pipeline (a ChatSession turn on that client, each event serialised as the panel posts
// it), against the `openai` SDK alone on its own fetch. Same fixture server (a child process, so
// its work does not share the clients' event loop), same reply, subjects interleaved per round.
// NETWORK SAFETY: the fixture listens on 127.0.0.1 only.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import OpenAI from 'openai';
import { ChatSession } from '../src/core/chat/chatSession';
import { ModelClient } from '../src/core/model/modelClient';
import { FIXTURE_MODEL } from '../test/fixtures/modelServer/openaiWire';
import type { BenchReport, BenchRow } from './lib/benchReport';
import { median } from './lib/stats';

// The fixture's limit: 500 chunks. Each is one token-sized word, sent without delay, so the
// figures are the relay's own cost, not the server's pace.
const TOKENS = 500;
const ROUNDS = 21;
const WARMUP = 3;
const FIXTURE_CLI = path.resolve(__dirname, '..', 'test', 'fixtures', 'modelServer', 'cli.ts');

/** When a stream's tokens arrived, relative to the request's start. */
interface Timing {
  readonly firstMs: number;
  readonly lastMs: number;
  readonly tokens: number;
}

interface Subject {
  readonly name: string;
  readonly airlock: boolean;
  readonly detail: string;
  /** Sends the prompt; calls `token` for every piece of text as the consumer sees it. */
  stream(token: (text: string) => void): Promise<void>;
}

export async function run(): Promise<BenchReport> {
  const fixture = await startFixture();
  try {
    const endpoint = { baseUrl: fixture.baseUrl, model: FIXTURE_MODEL, apiKey: undefined };
    const client = new ModelClient(endpoint);
    const sdk = new OpenAI({ baseURL: fixture.baseUrl, apiKey: 'bench', maxRetries: 0, logLevel: 'off' });
    const subjects: Subject[] = [
      {
        name: 'airlock panel pipeline',
        airlock: true,
        detail: 'ChatSession.send on the model client; every text event serialised (JSON) as the panel posts it to the webview',
        async stream(token) {
          const outcome = await new ChatSession().send(client, 'Write a long answer.', new AbortController().signal, (event) => {
            if (event.type === 'text') token((JSON.parse(JSON.stringify({ type: 'turn/text', text: event.text })) as { text: string }).text);
          });
          if (outcome.state !== 'done') throw new Error(`the turn ended ${outcome.state}`);
        },
      },
      {
        name: 'airlock model client',
        airlock: true,
        detail: 'ModelClient.streamChat: the openai SDK on SafeFetch (policy decision, pinned loopback connection, bounds), each chunk checked with zod',
        async stream(token) {
          for await (const event of client.streamChat([{ role: 'user', content: 'Write a long answer.' }], new AbortController().signal)) {
            if (event.type === 'text') token(event.text);
          }
        },
      },
      {
        name: 'openai SDK alone',
        airlock: false,
        detail: 'openai chat.completions.create({ stream: true }) on its default fetch, no guard',
        async stream(token) {
          const stream = await sdk.chat.completions.create({ model: FIXTURE_MODEL, messages: [{ role: 'user', content: 'Write a long answer.' }], stream: true });
          for await (const chunk of stream) {
            const text = chunk.choices[0]?.delta.content;
            if (text) token(text);
          }
        },
      },
    ];
    const timings = new Map<string, Timing[]>();
    for (let round = 0; round < WARMUP + ROUNDS; round++) {
      // Rotated, so no subject always goes first after the server was scripted.
      for (const subject of [...subjects.slice(round % subjects.length), ...subjects.slice(0, round % subjects.length)]) {
        await fixture.enqueueLongReply();
        const timing = await measure(subject);
        if (timing.tokens !== TOKENS) throw new Error(`${subject.name} relayed ${timing.tokens} of ${TOKENS} tokens`);
        if (round >= WARMUP) timings.set(subject.name, [...(timings.get(subject.name) ?? []), timing]);
      }
    }
    const rows: BenchRow[] = subjects.map((subject) => {
      const samples = timings.get(subject.name) ?? [];
      return {
        subject: subject.name,
        airlock: subject.airlock,
        values: {
          ttft: median(samples.map((sample) => sample.firstMs)),
          rate: median(samples.map((sample) => (sample.tokens - 1) / ((sample.lastMs - sample.firstMs) / 1000))),
          total: median(samples.map((sample) => sample.lastMs)),
        },
        detail: subject.detail,
      };
    });
    return {
      title: `streaming relay: a ${TOKENS}-token reply from the fixture model server on loopback`,
      columns: [
        { key: 'ttft', label: 'first token ms', decimals: 2 },
        { key: 'rate', label: 'tokens/s', decimals: 0 },
        { key: 'total', label: 'last token ms', decimals: 2 },
      ],
      rows,
      notes: [
        'airlock/x is the first row (the panel pipeline) against each; ratios under 1 in the ms columns and over 1 in tokens/s favour Airlock',
        'first token: from sending the request to the first text the consumer sees; tokens/s: between the first and the last token',
        `median of ${ROUNDS} rounds after ${WARMUP} warm-up rounds, subjects interleaved in rotating order; a 2-core machine shared with other work: compare within this run`,
        'the two Airlock rows share one ModelClient (one SafeFetch connection pool), as the extension does; the SDK keeps its own',
      ],
    };
  } finally {
    await fixture.close();
  }
}

async function measure(subject: Subject): Promise<Timing> {
  const started = performance.now();
  let firstMs = Number.NaN;
  let lastMs = Number.NaN;
  let tokens = 0;
  await subject.stream(() => {
    const now = performance.now() - started;
    if (tokens === 0) firstMs = now;
    lastMs = now;
    tokens++;
  });
  return { firstMs, lastMs, tokens };
}

interface Fixture {
  readonly baseUrl: string;
  enqueueLongReply(): Promise<void>;
  close(): Promise<void>;
}

/** The fixture model server in a child process, scripted over its /__fixture/ endpoint. */
async function startFixture(): Promise<Fixture> {
  const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE_CLI, '--port', '0', '--host', '127.0.0.1'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const baseUrl = await fixtureUrl(child);
  const reply = { kind: 'text', chunks: Array.from({ length: TOKENS }, (_, index) => `${index === 0 ? '' : ' '}word${index}`) };
  return {
    baseUrl,
    async enqueueLongReply() {
      const response = await fetch(`${new URL(baseUrl).origin}/__fixture/enqueue`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(reply) });
      if (!response.ok) throw new Error(`the fixture refused the reply: ${response.status} ${await response.text()}`);
    },
    close: () => new Promise((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    }),
  };
}

function fixtureUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    if (child.stdout === null) return reject(new Error('the fixture has no stdout'));
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line.startsWith('FIXTURE_BASE_URL=')) resolve(line.slice('FIXTURE_BASE_URL='.length));
    });
    child.once('exit', (code) => reject(new Error(`the fixture exited (${code}) before listening`)));
  });
}
