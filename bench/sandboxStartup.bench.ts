// Start-up overhead of the command sandbox: `true` run by a plain spawn, under a bare bwrap
// (--ro-bind / / only), and through Airlock's runSandboxed (prlimit, every namespace, the
// workspace layout with its read-only control files found by walking a small workspace). The
// ratio to the plain spawn is what an agent's command pays for its sandbox before it starts.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { commandsSchema } from '../src/core/policy/policySchema';
import { runLimited } from '../src/core/process/limitedProcess';
import { findSandboxBackend } from '../src/core/sandbox/sandboxBackend';
import { runSandboxed } from '../src/core/sandbox/sandboxRunner';
import type { BenchReport, BenchRow } from './lib/benchReport';
import { median } from './lib/stats';

const RUNS = 40;
const LIMITS = commandsSchema.parse({}).limits;

export async function run(): Promise<BenchReport> {
  const backend = await findSandboxBackend();
  if (!backend.ok) throw new Error(`no sandbox to measure: ${backend.reason}`);
  const workspace = mkdtempSync(join(tmpdir(), 'airlock-bench-sandbox-'));
  try {
    for (const folder of ['src', 'test', '.vscode', '.git/hooks']) mkdirSync(join(workspace, folder), { recursive: true });
    for (let index = 0; index < 200; index++) writeFileSync(join(workspace, index % 2 === 0 ? 'src' : 'test', `file${index}.ts`), 'export {};\n');
    const exit = async (start: () => Promise<{ readonly endedBy: string }>): Promise<void> => {
      const end = await start();
      if (end.endedBy !== 'exit') throw new Error(`true did not exit normally: ${JSON.stringify(end)}`);
    };
    const plain = await timed(() => exit(() => runLimited({ file: '/bin/true', args: [], env: {}, wallMs: 10_000, outputBytes: 1024 })));
    const bare = await timed(() => exit(() => runLimited({ file: backend.backend.bwrap, args: ['--ro-bind', '/', '/', '--', '/bin/true'], env: {}, wallMs: 10_000, outputBytes: 1024 })));
    const airlock = await timed(async () => {
      const result = await runSandboxed({ command: 'true', workspace, readonlyGlobs: ['**/node_modules/**'], limits: LIMITS, parentEnv: { PATH: '/usr/bin:/bin' } });
      if (!(result.ran && result.exitCode === 0)) throw new Error(`sandboxed true failed: ${result.reason}`);
    });
    const row = (subject: string, ms: number, isAirlock: boolean, detail: string): BenchRow => ({ subject, airlock: isAirlock, values: { ms, ratio: ms / plain }, detail });
    return {
      title: `sandbox start-up: median ms to run \`true\` (${RUNS} runs each), and the ratio to a plain spawn`,
      columns: [
        { key: 'ms', label: 'median ms', decimals: 2 },
        { key: 'ratio', label: '× plain spawn', decimals: 1 },
      ],
      rows: [
        row('plain spawn of /bin/true', plain, false, 'runLimited, no sandbox'),
        row('bare bwrap --ro-bind / / true', bare, false, backend.version),
        row('airlock runSandboxed("true")', airlock, true, 'prlimit + bwrap --unshare-all, /bin/sh -c, a 200-file workspace walked for control files'),
      ],
      notes: ['The first sandboxed run also probes bubblewrap once per process; that probe is kept, so later runs do not pay it.'],
    };
  } finally {
    rmSync(workspace, { recursive: true, force: true });
  }
}

async function timed(once: () => Promise<void>): Promise<number> {
  await once();
  const samples: number[] = [];
  for (let index = 0; index < RUNS; index++) {
    const start = performance.now();
    await once();
    samples.push(performance.now() - start);
  }
  return median(samples);
}
