// Secret redaction throughput (MB/s) and detection, against secretlint's recommended preset on the
// same inputs: a mixed 10 MB corpus of developer files (code, .env, YAML, lock files, logs,
// Markdown, HTML with base64 images) with planted secrets of every kind at known places, and
// adversarial inputs built to make backtracking regexes or restarting scans go quadratic.
// secretlint runs in a worker thread so an input it cannot finish in time can be abandoned.
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import type { redact as Redact, SecretKind } from '../src/core/redaction';
import type { BenchReport, BenchRow } from './lib/benchReport';
import { shippedModule } from './lib/shippedModule';
import { median } from './lib/stats';

const CORPUS_BYTES = 10 * 1024 * 1024;
const ROUNDS = 3;
const ADVERSARIAL_BYTES = 1024 * 1024;
/** Per adversarial input and engine; past it the engine is rated at (size / budget), an upper bound. */
const ADVERSARIAL_BUDGET_MS = 20_000;
const MB = 1024 * 1024;

interface CorpusFile {
  readonly name: string;
  readonly text: string;
  /** Spans of planted secrets in `text`. */
  readonly secrets: readonly { readonly kind: SecretKind; readonly start: number; readonly end: number }[];
}

/** Inputs built against regex engines and scanners (the same families as the unit test's). */
const ADVERSARIAL: readonly { readonly name: string; readonly unit: string }[] = [
  { name: 'one long token run', unit: 'a' },
  { name: 'repeated vendor prefixes', unit: 'ghp_' },
  { name: 'JWT-like segments', unit: 'eyJ-eyJ_' },
  { name: 'BEGIN markers without END', unit: '-----BEGIN RSA PRIVATE KEY-----\n' },
  { name: 'scheme separators', unit: 'a://' },
  { name: 'authorities without @', unit: 'x://u:p:' },
  { name: 'assignments without blanks', unit: 'api_key=' },
  { name: 'open-quoted passwords', unit: 'password: "' },
  { name: 'base64 run', unit: 'QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo0NTY3' },
  { name: 'long line of blanks then a key', unit: ' '.repeat(4095) + 'k' },
];

export async function run(): Promise<BenchReport> {
  const corpus = buildCorpus(CORPUS_BYTES);
  const corpusBytes = corpus.reduce((sum, file) => sum + Buffer.byteLength(file.text), 0);
  const planted = corpus.reduce((sum, file) => sum + file.secrets.length, 0);
  // Measured as it ships (bundled), not as the tsx loader runs the sources: see shippedModule.
  const { redact } = shippedModule<{ redact: typeof Redact }>('src/core/redaction/index.ts');
  const secretlint = new SecretlintWorker();
  try {
    const rows: BenchRow[] = [
      await measureCorpus('airlock redact()', true, corpus, corpusBytes, (text) => Promise.resolve(redact(text).redactions)),
      await measureCorpus('secretlint preset-recommend', false, corpus, corpusBytes, (text) => secretlint.lint(text, 120_000)),
      await measureAdversarial('airlock redact(), adversarial', true, (text) => Promise.resolve(redact(text).redactions.length)),
      await measureAdversarial('secretlint, adversarial', false, async (text) => (await secretlint.lint(text, ADVERSARIAL_BUDGET_MS)).length),
    ];
    return {
      title: `secret redaction: MB/s on a mixed ${(corpusBytes / MB).toFixed(1)} MB corpus (${corpus.length} files, ${planted} planted secrets) and on ${ADVERSARIAL.length} adversarial inputs of 1 MB`,
      columns: [
        { key: 'mbps', label: 'MB/s', decimals: 1 },
        { key: 'found', label: 'planted found', decimals: 0 },
        { key: 'extra', label: 'other findings', decimals: 0 },
      ],
      rows,
      notes: [
        `corpus: ${describeCorpus(corpus)}; every planted secret is a made-up value in its usual surroundings (see bench/redaction.bench.ts)`,
        'planted found: planted secrets covered by a redaction span (airlock) or a reported range (secretlint); other findings: spans that cover no planted secret (false positives, or real secret-like text)',
        `MB/s on the corpus: median of ${ROUNDS} rounds, file by file (secretlint lints each file as a source; Airlock redacts each file's text)`,
        `adversarial: total MB over total time across the ${ADVERSARIAL.length} inputs; an input not finished within ${ADVERSARIAL_BUDGET_MS / 1000} s counts as taking that long`,
        'secretlint runs in a worker thread (so a stuck input can be abandoned): its MB/s include the message passing, a few ms per file',
        'Airlock is measured as it ships: src/core/redaction bundled by esbuild as npm run build bundles it (the tsx loader the benches run under slows cross-module calls in hot loops)',
      ],
    };
  } finally {
    await secretlint.close();
  }
}

type Engine = (text: string) => Promise<readonly { readonly start: number; readonly end: number }[]>;

async function measureCorpus(subject: string, airlock: boolean, corpus: readonly CorpusFile[], bytes: number, engine: Engine): Promise<BenchRow> {
  await engine(corpus[0]?.text ?? ''); // warm up
  const rates: number[] = [];
  let found = 0;
  let extra = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const started = performance.now();
    const results: (readonly { start: number; end: number }[])[] = [];
    for (const file of corpus) results.push(await engine(file.text));
    rates.push(bytes / MB / ((performance.now() - started) / 1000));
    if (round === 0) {
      corpus.forEach((file, index) => {
        const spans = results[index] ?? [];
        found += file.secrets.filter((secret) => spans.some((span) => span.start <= secret.start && span.end >= secret.end)).length;
        extra += spans.filter((span) => !file.secrets.some((secret) => span.start < secret.end && span.end > secret.start)).length;
      });
    }
  }
  return { subject, airlock, values: { mbps: median(rates), found, extra }, detail: `${corpus.length} files, rates ${rates.map((rate) => rate.toFixed(1)).join(' / ')} MB/s` };
}

async function measureAdversarial(subject: string, airlock: boolean, engine: (text: string) => Promise<number>): Promise<BenchRow> {
  let totalMs = 0;
  const slowest: { name: string; ms: number } = { name: '', ms: 0 };
  let abandoned = 0;
  for (const { name, unit } of ADVERSARIAL) {
    const text = unit.repeat(Math.ceil(ADVERSARIAL_BYTES / unit.length)).slice(0, ADVERSARIAL_BYTES);
    const started = performance.now();
    let ms: number;
    try {
      await engine(text);
      ms = performance.now() - started;
    } catch (error) {
      if (!(error instanceof BudgetExceeded)) throw error;
      ms = ADVERSARIAL_BUDGET_MS;
      abandoned++;
    }
    totalMs += ms;
    if (ms > slowest.ms) Object.assign(slowest, { name, ms });
  }
  const mbps = (ADVERSARIAL.length * ADVERSARIAL_BYTES) / MB / (totalMs / 1000);
  const detail = `slowest: ${slowest.name} at ${(ADVERSARIAL_BYTES / MB / (slowest.ms / 1000)).toFixed(1)} MB/s (${slowest.ms.toFixed(0)} ms)${abandoned > 0 ? `; ${abandoned} input(s) abandoned after ${ADVERSARIAL_BUDGET_MS / 1000} s` : ''}`;
  return { subject, airlock, values: { mbps, found: Number.NaN, extra: Number.NaN }, detail };
}

class BudgetExceeded extends Error {}

/** secretlint's recommended preset in a worker thread, restarted when an input runs past its budget. */
class SecretlintWorker {
  private worker: Worker | undefined;
  private nextId = 0;

  async lint(text: string, budgetMs: number): Promise<{ start: number; end: number }[]> {
    const worker = (this.worker ??= startWorker());
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        worker.off('message', onMessage);
        this.worker = undefined;
        void worker.terminate();
        reject(new BudgetExceeded(`secretlint did not finish in ${budgetMs} ms`));
      }, budgetMs);
      const onMessage = (message: { id: number; ranges?: [number, number][]; error?: string }): void => {
        if (message.id !== id) return;
        clearTimeout(timer);
        worker.off('message', onMessage);
        if (message.error !== undefined) reject(new Error(message.error));
        else resolve((message.ranges ?? []).map(([start, end]) => ({ start, end })));
      };
      worker.on('message', onMessage);
      worker.postMessage({ id, text });
    });
  }

  async close(): Promise<void> {
    await this.worker?.terminate();
    this.worker = undefined;
  }
}

function startWorker(): Worker {
  const source = `
    const { parentPort } = require('node:worker_threads');
    const ready = Promise.all([import('@secretlint/core'), import('@secretlint/secretlint-rule-preset-recommend')]);
    parentPort.on('message', async ({ id, text }) => {
      try {
        const [{ lintSource }, { creator }] = await ready;
        const result = await lintSource({ source: { content: text, filePath: '/bench/file.txt', contentType: 'text' }, options: { config: { rules: [{ id: '@secretlint/secretlint-rule-preset-recommend', rule: creator }] } } });
        parentPort.postMessage({ id, ranges: result.messages.map((message) => [message.range[0], message.range[1]]) });
      } catch (error) {
        parentPort.postMessage({ id, error: String(error) });
      }
    });`;
  const worker = new Worker(source, { eval: true });
  worker.unref();
  return worker;
}

/* ----------------------------------------------------------------------------------------------
 * The corpus: deterministic (seeded), so every run and machine measures the same bytes.
 * -------------------------------------------------------------------------------------------- */

type Random = () => number;

interface Builder {
  readonly random: Random;
  text: string;
  secrets: { kind: SecretKind; start: number; end: number }[];
  add(text: string): void;
  /** Appends `before + secret + after` and records where the secret is. */
  plant(kind: SecretKind, before: string, secret: string, after: string): void;
}

function buildCorpus(bytes: number): CorpusFile[] {
  const random = seeded(20_261_123);
  const files: CorpusFile[] = [];
  let total = 0;
  for (let index = 0; total < bytes; index++) {
    const [name, write] = FILE_SHAPES[index % FILE_SHAPES.length] as [string, (builder: Builder) => void];
    const builder = newBuilder(random);
    write(builder);
    files.push({ name: `${name}-${index}`, text: builder.text, secrets: builder.secrets });
    total += Buffer.byteLength(builder.text);
  }
  return files;
}

function newBuilder(random: Random): Builder {
  const builder: Builder = {
    random,
    text: '',
    secrets: [],
    add(text) { builder.text += text; },
    plant(kind, before, secret, after) {
      builder.text += before;
      builder.secrets.push({ kind, start: builder.text.length, end: builder.text.length + secret.length });
      builder.text += secret + after;
    },
  };
  return builder;
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const WORDS = ['user', 'request', 'handler', 'config', 'index', 'build', 'file', 'path', 'error', 'message', 'update', 'render', 'state', 'data', 'list', 'item', 'count', 'option', 'result', 'cache', 'module', 'parse', 'load', 'write', 'read', 'server', 'client', 'event', 'stream', 'token', 'key', 'session', 'value'];

function chars(random: Random, alphabet: string, length: number): string {
  let out = '';
  for (let index = 0; index < length; index++) out += alphabet.charAt(Math.floor(random() * alphabet.length));
  return out;
}
function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}
function ident(random: Random): string {
  const parts = Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(random, WORDS));
  return parts.map((part, index) => (index === 0 ? part : part.charAt(0).toUpperCase() + part.slice(1))).join('');
}
function hex(random: Random, length: number): string {
  return chars(random, '0123456789abcdef', length);
}
function uuid(random: Random): string {
  return `${hex(random, 8)}-${hex(random, 4)}-4${hex(random, 3)}-a${hex(random, 3)}-${hex(random, 12)}`;
}
function base64(random: Random, bytes: number): string {
  return Buffer.from(Array.from({ length: bytes }, () => Math.floor(random() * 256))).toString('base64');
}

/** One made-up secret of each kind, in the surroundings it is found in. */
const PLANTERS: readonly ((builder: Builder) => void)[] = [
  (b) => b.plant('aws-access-key-id', 'aws_access_key_id = ', `AKIA${chars(b.random, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16)}`, '\n'),
  (b) => b.plant('aws-secret-access-key', 'aws_secret_access_key = ', chars(b.random, `${ALNUM}/+`, 40), '\n'),
  (b) => b.plant('github-token', '  token: ', `ghp_${chars(b.random, ALNUM, 36)}`, '\n'),
  (b) => b.plant('github-token', 'GH_PAT=', `github_pat_${chars(b.random, ALNUM, 22)}_${chars(b.random, ALNUM, 59)}`, '\n'),
  (b) => b.plant('gitlab-token', 'PRIVATE-TOKEN: ', `glpat-${chars(b.random, ALNUM, 20)}`, '\n'),
  (b) => b.plant('npm-token', '//registry.npmjs.org/:_authToken=', `npm_${chars(b.random, ALNUM, 36)}`, '\n'),
  (b) => b.plant('openai-api-key', 'const openai = new OpenAI({ apiKey: "', `sk-proj-${chars(b.random, `${ALNUM}_-`, 100)}`, '" });\n'),
  (b) => b.plant('openai-api-key', 'OPENAI_API_KEY=', `sk-${chars(b.random, ALNUM, 48)}`, '\n'),
  (b) => b.plant('anthropic-api-key', 'client = anthropic.Anthropic(api_key="', `sk-ant-api03-${chars(b.random, `${ALNUM}_-`, 93)}AA`, '")\n'),
  (b) => b.plant('google-api-key', 'const firebaseConfig = { apiKey: "', `AIza${chars(b.random, `${ALNUM}_-`, 35)}`, '" };\n'),
  (b) => b.plant('huggingface-token', 'HF_TOKEN=', `hf_${chars(b.random, ALNUM, 34)}`, '\n'),
  (b) => b.plant('groq-api-key', 'GROQ_API_KEY=', `gsk_${chars(b.random, ALNUM, 52)}`, '\n'),
  (b) => b.plant('replicate-api-token', 'REPLICATE_API_TOKEN=', `r8_${chars(b.random, ALNUM, 37)}`, '\n'),
  (b) => b.plant('mistral-api-key', 'MISTRAL_API_KEY=', chars(b.random, ALNUM, 32), '\n'),
  (b) => b.plant('slack-token', 'SLACK_BOT_TOKEN=', `xoxb-${chars(b.random, '0123456789', 11)}-${chars(b.random, '0123456789', 13)}-${chars(b.random, ALNUM, 24)}`, '\n'),
  (b) => b.plant('slack-webhook', 'webhook_url: ', `https://hooks.slack.com/services/T${chars(b.random, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 8)}/B${chars(b.random, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 8)}/${chars(b.random, ALNUM, 24)}`, '\n'),
  (b) => b.plant('stripe-key', 'Stripe.api_key = "', `sk_live_${chars(b.random, ALNUM, 99)}`, '"\n'),
  (b) => b.plant('sendgrid-api-key', 'SENDGRID_API_KEY=', `SG.${chars(b.random, ALNUM, 22)}.${chars(b.random, ALNUM, 43)}`, '\n'),
  (b) => b.plant('jwt', 'Authorization: Bearer ', `eyJhbGciOiJIUzI1NiJ9.eyJ${chars(b.random, ALNUM, 60)}.${chars(b.random, `${ALNUM}_-`, 43)}`, '\n'),
  (b) => b.plant('private-key', '', `-----BEGIN RSA PRIVATE KEY-----\n${Array.from({ length: 8 }, () => base64(b.random, 48)).join('\n')}\n-----END RSA PRIVATE KEY-----`, '\n'),
  (b) => b.plant('connection-string-password', 'DATABASE_URL=postgres://app:', `${chars(b.random, ALNUM, 12)}!9`, '@db.internal:5432/app\n'),
  (b) => b.plant('connection-string-password', '"ConnectionStrings": { "Default": "Server=db;Database=app;User Id=app;Password=', `${chars(b.random, ALNUM, 12)}!9`, ';" }\n'),
  (b) => b.plant('url-password', 'pip install --index-url https://deploy:', `${chars(b.random, ALNUM, 12)}~7`, '@pypi.example.com/simple pkg\n'),
  (b) => b.plant('env-secret', 'DB_PASSWORD=', `${chars(b.random, ALNUM, 14)}%3`, '\n'),
  (b) => b.plant('password-assignment', '  password: ', `${chars(b.random, ALNUM, 12)}^4`, '\n'),
  (b) => b.plant('high-entropy-secret', '  "client_secret": "', `${chars(b.random, ALNUM, 30)}42`, '",\n'),
];

function maybePlant(b: Builder, chance: number): void {
  if (b.random() < chance) pick(b.random, PLANTERS)(b);
}

const FILE_SHAPES: readonly [string, (b: Builder) => void][] = [
  ['code.ts', (b) => {
    b.add(`import { ${ident(b.random)} } from './${ident(b.random)}';\n\n`);
    for (let fn = 0; fn < 40; fn++) {
      b.add(`/** Returns the ${pick(b.random, WORDS)} for a ${pick(b.random, WORDS)}. */\nexport function ${ident(b.random)}(${ident(b.random)}: string, tokenCount = ${Math.floor(b.random() * 100)}): string {\n`);
      b.add(`  const ${ident(b.random)} = await this.${ident(b.random)}.get('${pick(b.random, WORDS)}');\n  if (!${ident(b.random)}) throw new Error('missing ${pick(b.random, WORDS)} key');\n`);
      b.add(`  const apiKeyHeader = 'X-Api-Key';\n  const id = '${uuid(b.random)}'; // commit ${hex(b.random, 40)}\n  return \`\${${ident(b.random)}}-\${id}\`;\n}\n\n`);
      maybePlant(b, 0.02);
    }
  }],
  ['service.env', (b) => {
    for (let line = 0; line < 30; line++) {
      b.add(pick(b.random, ['NODE_ENV=production\n', 'PORT=3000\n', 'LOG_LEVEL=debug\n', 'MAX_TOKENS=4096\n', 'TOKEN_TTL=3600\n', 'REDIS_URL=redis://cache:6379/0\n', `RELEASE=${hex(b.random, 40)}\n`, '# secrets below\n', 'API_KEY=\n', 'JWT_SECRET=${JWT_SECRET}\n']));
      maybePlant(b, 0.05);
    }
  }],
  ['deploy.yaml', (b) => {
    b.add('apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n');
    for (let item = 0; item < 25; item++) {
      b.add(`        - name: ${ident(b.random)}\n          image: registry.example.com/${pick(b.random, WORDS)}@sha256:${hex(b.random, 64)}\n          env:\n            - name: SECRET_NAME\n              valueFrom: { secretKeyRef: { name: app-secrets, key: token } }\n`);
      maybePlant(b, 0.03);
    }
  }],
  ['package-lock.json', (b) => {
    b.add('{\n  "name": "app",\n  "lockfileVersion": 3,\n  "packages": {\n');
    for (let pkg = 0; pkg < 60; pkg++) {
      const name = `${pick(b.random, WORDS)}-${pick(b.random, WORDS)}`;
      b.add(`    "node_modules/${name}": {\n      "version": "${Math.floor(b.random() * 9)}.${Math.floor(b.random() * 20)}.${Math.floor(b.random() * 30)}",\n      "resolved": "https://registry.npmjs.org/${name}/-/${name}-1.0.0.tgz",\n      "integrity": "sha512-${base64(b.random, 64)}"\n    },\n`);
    }
    b.add('  }\n}\n');
  }],
  ['server.log', (b) => {
    for (let line = 0; line < 120; line++) {
      b.add(`2026-11-23T12:${String(line % 60).padStart(2, '0')}:00.000Z INFO request ${uuid(b.random)} GET /api/${pick(b.random, WORDS)}/${Math.floor(b.random() * 1e6)} 200 ${Math.floor(b.random() * 900)}ms etag=${hex(b.random, 32)}\n`);
      maybePlant(b, 0.004);
    }
  }],
  ['README.md', (b) => {
    for (let paragraph = 0; paragraph < 20; paragraph++) {
      b.add(`## ${pick(b.random, WORDS)} ${pick(b.random, WORDS)}\n\nSet the \`OPENAI_API_KEY\` environment variable, then run \`npm start\`. Your password must be at least 8 characters; tokens expire after an hour. Version ${Math.floor(b.random() * 9)}.${Math.floor(b.random() * 9)}.0 changed the ${pick(b.random, WORDS)} ${pick(b.random, WORDS)}.\n\n\`\`\`bash\ncurl -H "Authorization: Bearer $TOKEN" https://api.example.com/v1/${pick(b.random, WORDS)}\n\`\`\`\n\n`);
      maybePlant(b, 0.02);
    }
  }],
  ['page.html', (b) => {
    for (let item = 0; item < 6; item++) {
      b.add(`<div class="card" style="color: #${hex(b.random, 6)}"><img alt="${pick(b.random, WORDS)}" src="data:image/png;base64,${base64(b.random, 1500)}"></div>\n`);
    }
  }],
];

function describeCorpus(corpus: readonly CorpusFile[]): string {
  const bytes = new Map<string, number>();
  for (const file of corpus) {
    const shape = file.name.replace(/-\d+$/, '');
    bytes.set(shape, (bytes.get(shape) ?? 0) + Buffer.byteLength(file.text));
  }
  return [...bytes].map(([shape, size]) => `${shape} ${(size / MB).toFixed(1)} MB`).join(', ');
}

/** mulberry32: the same corpus on every run and machine. */
function seeded(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  };
}
