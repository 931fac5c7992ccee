import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { startFixtureModelServer, type FixtureModelServer } from '../../fixtures/modelServer/fixtureModelServer';
import type { DoctorReport } from '../../../src/cli/doctor/doctorReport';
import { runCli } from './cliHarness';

interface DoctorCase {
  readonly name: string;
  /** Builds the command line and environment from the fixture's URL and a closed loopback port's URL. */
  readonly args: (urls: { fixture: string; closed: string }) => { argv: string[]; env?: Record<string, string> };
  readonly nodeVersion?: string;
  readonly code: number;
  readonly stdout: readonly RegExp[];
  /** Model API requests the fixture server must have seen. */
  readonly fixtureRequests?: number;
}

const cases: readonly DoctorCase[] = [
  {
    name: 'the fixture model server is ready and lists fixture-model',
    args: ({ fixture }) => ({ argv: ['doctor', '--base-url', fixture, '--model', 'fixture-model'] }),
    code: 0,
    stdout: [/Server\s+reachable, 2 models: fixture-model, fixture-model-mini/, /Model listed\s+yes/, /Result\s+ok/, /Node\s+v\d+\.\d+\.\d+ \(supported/],
    fixtureRequests: 1,
  },
  {
    name: 'LLM_API_BASE and LLM_MODEL are the defaults',
    args: ({ fixture }) => ({ argv: ['doctor'], env: { LLM_API_BASE: fixture, LLM_MODEL: 'fixture-model' } }),
    code: 0,
    stdout: [/\(from LLM_API_BASE\)/, /fixture-model \(from LLM_MODEL\)/, /Result\s+ok/],
    fixtureRequests: 1,
  },
  {
    name: 'a model the server does not list fails with a way out',
    args: ({ fixture }) => ({ argv: ['doctor', '--base-url', fixture, '--model', 'missing-model'] }),
    code: 1,
    stdout: [/Model listed\s+no: pull it \(`ollama pull missing-model`\)/, /Result\s+NOT OK: model-not-listed/],
    fixtureRequests: 1,
  },
  {
    name: 'a closed loopback port is unreachable, with the ollama hint',
    args: ({ closed }) => ({ argv: ['doctor', '--base-url', closed] }),
    code: 1,
    stdout: [/not reachable \(unreachable\)/, /ollama serve/, /Result\s+NOT OK: unreachable/],
  },
  {
    name: 'a non-loopback URL is refused and never contacted',
    args: () => ({ argv: ['doctor', '--base-url', 'https://api.openai.com/v1'] }),
    code: 1,
    stdout: [/Refused\s+.*api\.openai\.com is not a loopback address/, /Server\s+not contacted/, /Result\s+NOT OK: refused/],
  },
  {
    name: 'an invalid URL gets a clear message naming where it came from',
    args: () => ({ argv: ['doctor'], env: { LLM_API_BASE: 'not a url' } }),
    code: 1,
    stdout: [/Invalid\s+.*"not a url" is not a URL; use something like http:\/\/127\.0\.0\.1:11434\/v1/, /base URL from LLM_API_BASE/, /Result\s+NOT OK: invalid/],
  },
  {
    name: 'an unsupported Node fails even when the model is fine',
    args: ({ fixture }) => ({ argv: ['doctor', '--base-url', fixture, '--model', 'fixture-model'] }),
    nodeVersion: 'v20.20.2',
    code: 1,
    stdout: [/Node\s+v20\.20\.2 \(NOT supported/, /Result\s+NOT OK: node-unsupported/],
    fixtureRequests: 1,
  },
];

describe('airlock doctor', () => {
  let server: FixtureModelServer;
  let closedUrl: string;

  before(async () => {
    server = await startFixtureModelServer();
    closedUrl = `http://127.0.0.1:${await closedLoopbackPort()}/v1`;
  });
  after(async () => {
    await server.close();
  });
  beforeEach(() => {
    server.requests.length = 0;
  });

  for (const c of cases) {
    it(`${c.name} (exit ${c.code})`, async () => {
      const { argv, env } = c.args({ fixture: server.baseUrl, closed: closedUrl });
      const run = await runCli(argv, { env, nodeVersion: c.nodeVersion });
      assert.equal(run.code, c.code, `stdout: ${run.stdout}\nstderr: ${run.stderr}`);
      for (const pattern of c.stdout) assert.match(run.stdout, pattern);
      assert.equal(run.stderr, '');
      assert.equal(server.requests.length, c.fixtureRequests ?? 0);
    });
  }

  it('--json prints one JSON object with the probe result', async () => {
    const run = await runCli(['doctor', '--json', '--base-url', server.baseUrl, '--model', 'fixture-model']);
    assert.equal(run.code, 0, run.stderr);
    const report = JSON.parse(run.stdout) as DoctorReport;
    assert.equal(report.ok, true);
    assert.equal(report.status, 'ready');
    assert.deepEqual(report.probe, { reachable: true, models: ['fixture-model', 'fixture-model-mini'], modelListed: true });
    assert.deepEqual(report.endpoint, { baseUrl: server.baseUrl, model: 'fixture-model', apiKeySet: false });
  });

  it('--json never prints the API key', async () => {
    const secret = 'sk-do-not-print-0123456789';
    const run = await runCli(['doctor', '--json', '--base-url', server.baseUrl], { env: { LLM_API_KEY: secret } });
    assert.ok(!run.stdout.includes(secret), 'the key leaked into the report');
    assert.equal((JSON.parse(run.stdout) as DoctorReport).endpoint?.apiKeySet, true);
  });

  it('--json reports a refused URL without a probe', async () => {
    const run = await runCli(['doctor', '--json', '--base-url', 'https://api.openai.com/v1']);
    assert.equal(run.code, 1);
    const report = JSON.parse(run.stdout) as DoctorReport;
    assert.equal(report.status, 'refused');
    assert.equal(report.probe, null);
    assert.equal(report.problems[0]?.kind, 'refused');
  });
});

/** A loopback port nothing listens on: bind an ephemeral port, then release it. */
async function closedLoopbackPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', resolve);
  });
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  return address.port;
}
