import type { Browser } from 'playwright-core';
import { existsSync, readFileSync } from 'node:fs';
import { logTail, startCodeServer } from '../../scripts/lib/codeServer';
import { ACTIVATION_IDS_ENV, ACTIVATION_OUT_ENV, type HostResult } from './activationProtocol';
import { launchChromium, testWorkbenchUrl } from '../../test/extension/workbenchLaunch';

export interface HostRunOptions {
  readonly hostScript: string;
  readonly workspace: string;
  readonly extensionsDir: string;
  /** Fresh per run: a reused profile would carry caches and activation state between samples. */
  readonly userDataDir: string;
  readonly ids: readonly string[];
  readonly outFile: string;
}

const RESULT_TIMEOUT_MS = 3 * 60_000;
const POLL_MS = 250;
// A quiet workbench: no welcome page, no gallery look-ups (there is no internet), no telemetry.
const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'telemetry.telemetryLevel': 'off',
};

/** Starts code-server, opens the workbench with the activation host as the test module, returns its result. */
export async function runActivationHost(options: HostRunOptions): Promise<HostResult> {
  const server = await startCodeServer({
    workspace: options.workspace,
    userDataDir: options.userDataDir,
    extensionsDir: options.extensionsDir,
    userSettings: USER_SETTINGS,
    extraArgs: ['--vscode-option', 'enable-smoke-test-driver'],
    env: { [ACTIVATION_IDS_ENV]: options.ids.join(','), [ACTIVATION_OUT_ENV]: options.outFile },
  });
  try {
    const browser = await openWorkbench(testWorkbenchUrl(server, options.hostScript));
    try {
      return await waitForHostResult(options.outFile, server.logPath);
    } finally {
      await browser.close();
    }
  } finally {
    await server.stop();
  }
}

async function waitForHostResult(outFile: string, logPath: string): Promise<HostResult> {
  const deadline = Date.now() + RESULT_TIMEOUT_MS;
  let exitedAt: number | undefined;
  while (Date.now() < deadline) {
    if (existsSync(outFile)) return JSON.parse(readFileSync(outFile, 'utf8')) as HostResult;
    // The host writes its file before exiting; give that race a moment before giving up.
    if (exitedAt === undefined && /Extension Host Process exited with code/.test(logTail(logPath, 400))) exitedAt = Date.now();
    if (exitedAt !== undefined && Date.now() - exitedAt > 2_000) break;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  throw new Error(`the activation host wrote no result to ${outFile}; code-server log tail:\n${logTail(logPath)}`);
}

/** Opens the workbench; the extension host starts once the page loads. */
async function openWorkbench(url: string): Promise<Browser> {
  const browser = await launchChromium();
  try {
    await (await browser.newPage()).goto(url, { timeout: 60_000 });
    return browser;
  } catch (error) {
    await browser.close();
    throw error;
  }
}
