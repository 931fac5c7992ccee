// Runs INSIDE VS Code's extension host as the extensionTestsPath module (bundled by
// buildActivationHost.ts, `vscode` left to the host). Activates each extension once, in the
// order given, and writes how long each `activate()` took.
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import { ACTIVATION_IDS_ENV, ACTIVATION_OUT_ENV, type ActivationSample, type HostResult } from './activationProtocol';

// Startup activations (`*`, onStartupFinished) compete for the same event loop; let them finish
// so each measurement sees a quiet host. Bounded: a busy host is measured anyway after this.
const SETTLE_MS = 3_000;

export async function run(): Promise<void> {
  const out = process.env[ACTIVATION_OUT_ENV];
  const ids = (process.env[ACTIVATION_IDS_ENV] ?? '').split(',').filter((id) => id !== '');
  if (!out || ids.length === 0) throw new Error(`${ACTIVATION_OUT_ENV} and ${ACTIVATION_IDS_ENV} must be set`);
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  const samples: ActivationSample[] = [];
  for (const id of ids) samples.push(await measure(id));
  const result: HostResult = { vscodeVersion: vscode.version, nodeVersion: process.version, samples };
  writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
}

async function measure(id: string): Promise<ActivationSample> {
  const extension = vscode.extensions.getExtension(id);
  if (!extension) return { id, error: 'not installed in this extension host' };
  const wasActive = extension.isActive;
  const start = performance.now();
  try {
    await extension.activate();
    return { id, ms: performance.now() - start, wasActive };
  } catch (error) {
    return { id, error: error instanceof Error ? error.message : String(error) };
  }
}
