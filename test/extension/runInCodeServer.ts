// `npm run test:exthost`: runs the extension-host suite inside code-server (VS Code 1.139 whose
// extension host is a Node process on this machine) against the installed .build/airlock.vsix.
//
// VS Code only calls an extensionTestsPath in extension-development mode, which the browser
// workbench enters through its `payload` URL parameter. The development extension we name there
// is an empty harness, so the Airlock under test is the packaged VSIX that users install.
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { installVsix, logTail, startCodeServer, type CodeServer } from '../../scripts/lib/codeServer';
import { REPO_ROOT, VSIX_PATH, buildExtensionHostSuite } from './buildSuite';
import { launchChromium, testWorkbenchUrl } from './workbenchLaunch';
import { formatSuiteResult, readSuiteResult } from './report';
import { createSandbox, suiteEnv, type Sandbox } from './sandbox';
import type { SuiteResult } from './suite/index';

const RESULT_TIMEOUT_MS = 5 * 60_000;
const RESULTS_DIR = path.join(REPO_ROOT, 'test-results');

/** Resolves with the suite's result, or undefined once the extension host exited without one. */
async function waitForResult(sandbox: Sandbox, server: CodeServer): Promise<SuiteResult | undefined> {
  const deadline = Date.now() + RESULT_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const result = readSuiteResult(sandbox.resultPath);
    if (result) return result;
    if (/Extension Host Process exited with code/.test(logTail(server.logPath, 400))) {
      // The host writes the result before it exits; one more look covers that race.
      await delay(500);
      return readSuiteResult(sandbox.resultPath);
    }
    await delay(500);
  }
  console.error(`No result after ${RESULT_TIMEOUT_MS / 60_000} minutes.`);
  return undefined;
}

async function openWorkbench(url: string, browserLog: string[]): Promise<{ browser: Browser; page: Page }> {
  const browser = await launchChromium();
  const page = await browser.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') browserLog.push(message.text());
  });
  await page.goto(url, { timeout: 60_000 });
  return { browser, page };
}

async function keepEvidence(server: CodeServer, page: Page | undefined, browserLog: string[]): Promise<void> {
  mkdirSync(RESULTS_DIR, { recursive: true });
  cpSync(server.logPath, path.join(RESULTS_DIR, 'exthost-code-server.log'));
  await page?.screenshot({ path: path.join(RESULTS_DIR, 'exthost-failure.png') }).catch(() => undefined);
  console.error(`\ncode-server log (tail; full copy in test-results/exthost-code-server.log):\n${logTail(server.logPath)}`);
  if (browserLog.length > 0) console.error(`\nbrowser console errors (last 10):\n${browserLog.slice(-10).join('\n')}`);
}

async function runSuite(sandbox: Sandbox, suiteIndex: string): Promise<boolean> {
  const server = await startCodeServer({
    workspace: sandbox.workspace,
    userDataDir: sandbox.userDataDir,
    extensionsDir: sandbox.extensionsDir,
    extraArgs: ['--vscode-option', 'enable-smoke-test-driver'],
    // The remote extension host inherits code-server's environment.
    env: suiteEnv(sandbox),
  });
  const browserLog: string[] = [];
  let session: { browser: Browser; page: Page } | undefined;
  try {
    session = await openWorkbench(testWorkbenchUrl(server, suiteIndex), browserLog);
    const result = await waitForResult(sandbox, server);
    if (result) process.stdout.write(formatSuiteResult(result, 'extension host (code-server)'));
    const ok = result !== undefined && result.failed === 0 && result.passed > 0;
    if (!ok) await keepEvidence(server, session.page, browserLog);
    if (!result) console.error('\nThe extension-host suite wrote no result.\n  0 passing\n  1 failing');
    return ok;
  } finally {
    await session?.browser.close();
    await server.stop();
  }
}

async function main(): Promise<void> {
  if (!existsSync(VSIX_PATH)) {
    console.error(`${path.relative(REPO_ROOT, VSIX_PATH)} is missing: run \`npm run build && npm run package\` first.`);
    process.exitCode = 1;
    return;
  }
  const started = Date.now();
  const suiteIndex = await buildExtensionHostSuite();
  const sandbox = createSandbox();
  try {
    await installVsix({ vsix: VSIX_PATH, extensionsDir: sandbox.extensionsDir, userDataDir: sandbox.userDataDir });
    const ok = await runSuite(sandbox, suiteIndex);
    console.log(`extension-host suite finished in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    if (!ok) process.exitCode = 1;
  } finally {
    rmSync(sandbox.root, { recursive: true, force: true });
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// Ctrl-C: exit through 'exit' handlers, which end code-server's process group.
process.once('SIGINT', () => process.exit(130));
process.once('SIGTERM', () => process.exit(143));

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
});
