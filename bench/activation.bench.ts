// Activation time of the packaged Airlock against VS Code built-in extensions, each activated by
// `getExtension(id).activate()` inside the same real extension host (code-server). A host can
// activate an extension only once, so every sample is a fresh code-server with fresh user data.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureCodeServer, installVsix } from '../scripts/lib/codeServer';
import { VSIX_PATH } from '../test/extension/buildSuite';
import type { HostResult } from './activation/activationProtocol';
import { activationReport } from './activation/activationSummary';
import { buildActivationHost } from './activation/buildActivationHost';
import { runActivationHost } from './activation/runActivationHost';
import type { BenchReport } from './lib/benchReport';
import { builtInExtensionId } from './lib/builtInExtensions';

const AIRLOCK_ID = 'airlock-dev.airlock';
// Built-ins not active at startup in an empty folder. json-language-features is not one: it was
// already active in every host measured.
const PEERS = ['markdown-language-features', 'css-language-features', 'references-view'];
const RUNS = 5;

export async function run(): Promise<BenchReport> {
  if (!existsSync(VSIX_PATH)) throw new Error(`${VSIX_PATH} is missing: run \`npm run build && npm run package\` first.`);
  const install = await ensureCodeServer();
  const ids = [AIRLOCK_ID, ...PEERS.map((name) => builtInExtensionId(install, name))];
  const hostScript = await buildActivationHost();
  const root = mkdtempSync(path.join(os.tmpdir(), 'airlock-bench-activation-'));
  try {
    const extensionsDir = path.join(root, 'extensions');
    await installVsix({ vsix: VSIX_PATH, extensionsDir, userDataDir: path.join(root, 'install-user-data') });
    const workspace = path.join(root, 'workspace');
    mkdirSync(workspace);
    const hosts: HostResult[] = [];
    for (let index = 0; index < RUNS; index++) {
      hosts.push(await runActivationHost({
        hostScript,
        workspace,
        extensionsDir,
        userDataDir: path.join(root, `user-data-${index}`),
        // Rotated so no extension always pays for being first (or profits from going last).
        ids: rotate(ids, index),
        outFile: path.join(root, `result-${index}.json`),
      }));
    }
    return activationReport(ids, AIRLOCK_ID, hosts);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

function rotate<T>(items: readonly T[], by: number): T[] {
  const shift = by % items.length;
  return [...items.slice(shift), ...items.slice(0, shift)];
}
