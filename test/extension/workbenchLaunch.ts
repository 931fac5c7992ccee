// How a suite is launched in code-server's extension host and how Chromium is started, shared by
// `npm run test:exthost`, the UI tests and the activation benchmark. No side effects on import.
import { chromium, type Browser } from 'playwright-core';
import type { CodeServer } from '../../scripts/lib/codeServer';
import { HARNESS_DIR } from './buildSuite';

const CHROMIUM = '/usr/bin/chromium';
// Flags that work as root on these machines; without the background-networking ones Chromium
// keeps dialling out on a network that refuses it.
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/**
 * The workbench URL that makes the remote extension host load the empty harness extension and
 * run `testsModule`. VS Code only calls an extensionTestsPath in extension-development mode,
 * which the browser workbench enters through its `payload` URL parameter.
 */
export function testWorkbenchUrl(server: CodeServer, testsModule: string): string {
  const remote = (file: string): string => `vscode-remote://127.0.0.1:${server.port}${file}`;
  const payload = [
    ['extensionDevelopmentPath', remote(HARNESS_DIR)],
    ['extensionTestsPath', remote(testsModule)],
  ];
  return `${server.url}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

/** Debian's Chromium, headless, driven by playwright-core. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}
