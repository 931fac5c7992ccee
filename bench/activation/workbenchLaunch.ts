// TEMPORARY COPY of the payload launch in test/extension/runInCodeServer.ts (testWorkbenchUrl,
// openWorkbench): that module runs the exthost suite when imported, so the bench cannot import
// it. Delete this file once those two live in a side-effect-free module.
import { chromium, type Browser } from 'playwright-core';
import type { CodeServer } from '../../scripts/lib/codeServer';
import { HARNESS_DIR } from '../../test/extension/buildSuite';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** The workbench URL that makes the remote extension host load the empty harness and run `testsModule`. */
export function benchWorkbenchUrl(server: CodeServer, testsModule: string): string {
  const remote = (file: string): string => `vscode-remote://127.0.0.1:${server.port}${file}`;
  const payload = [
    ['extensionDevelopmentPath', remote(HARNESS_DIR)],
    ['extensionTestsPath', remote(testsModule)],
  ];
  return `${server.url}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

/** Opens the workbench in Debian's chromium; the extension host starts once the page loads. */
export async function openWorkbench(url: string): Promise<Browser> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  try {
    await (await browser.newPage()).goto(url, { timeout: 60_000 });
    return browser;
  } catch (error) {
    await browser.close();
    throw error;
  }
}
