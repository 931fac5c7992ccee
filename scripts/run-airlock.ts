// `npm start`: installs the freshly packaged VSIX into a persistent code-server profile and opens
// the sample workspace, so a user can try Airlock in a real VS Code from the browser.
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { installVsix, startCodeServer, type CodeServer } from './lib/codeServer';

const REPO_ROOT = path.resolve(import.meta.dirname, '..');
const VSIX = path.join(REPO_ROOT, '.build', 'airlock.vsix');
const DEFAULT_PORT = 8765;

export function airlockCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.AIRLOCK_CACHE ?? path.join(env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'airlock');
}

export function requestedPort(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.AIRLOCK_PORT;
  if (raw === undefined || raw === '') return DEFAULT_PORT;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`AIRLOCK_PORT must be a port number, got "${raw}"`);
  return port;
}

/** The requested port if nothing listens there, else 0 (= let startCodeServer pick one). */
export async function usablePort(port: number): Promise<number> {
  const server = createServer();
  const free = await new Promise<boolean>((resolve) => {
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => resolve(true));
  });
  if (free) await new Promise<void>((resolve) => server.close(() => resolve()));
  return free ? port : 0;
}

export function banner(server: CodeServer, requested: number): string {
  const rule = '='.repeat(72);
  const lines = ['', rule, `  Airlock is running:  ${server.url}`];
  if (server.port !== requested) lines.push(`  (port ${requested} was busy, so Airlock took ${server.port})`);
  lines.push(
    '',
    '  Open the URL, then click the Airlock icon in the activity bar.',
    '  Model: start a local OpenAI-compatible server, e.g. `ollama serve` (default',
    '  http://127.0.0.1:11434/v1), or point the setting `airlock.model.baseUrl` at yours.',
    `  code-server log: ${server.logPath}`,
    '  Press Ctrl-C to stop.',
    rule,
    '',
  );
  return lines.join('\n');
}

async function main(): Promise<void> {
  if (!existsSync(VSIX)) throw new Error(`${VSIX} is missing: run \`npm run build && npm run package\` (npm start does both).`);
  const runDir = path.join(airlockCacheDir(), 'run');
  const extensionsDir = path.join(runDir, 'extensions');
  const userDataDir = path.join(runDir, 'user-data');
  console.log(`Installing ${path.relative(REPO_ROOT, VSIX)} into ${extensionsDir} ...`);
  await installVsix({ vsix: VSIX, extensionsDir, userDataDir });
  const requested = requestedPort();
  const server = await startCodeServer({
    workspace: path.join(REPO_ROOT, 'sample-workspace'),
    userDataDir,
    extensionsDir,
    port: await usablePort(requested),
    logFile: path.join(runDir, 'code-server.log'),
  });
  console.log(banner(server, requested));
  await untilInterrupted();
  console.log('\nStopping code-server ...');
  await server.stop();
}

function untilInterrupted(): Promise<void> {
  // code-server runs in its own process group, so Ctrl-C reaches only us: stop it ourselves.
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
