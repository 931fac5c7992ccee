// The shared setup of the UI tests: one fixture model server, one code-server with the built
// VSIX installed, one Chromium page with the Airlock view open — started once for the whole
// suite (startup is the slow part on 2 cores) and torn down even when a step fails.
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, FrameLocator, Page } from 'playwright-core';
import { installVsix, startCodeServer } from '../../../scripts/lib/codeServer';
import { launchChromium } from '../../extension/workbenchLaunch';
import { FIXTURE_MODEL, startFixtureModelServer, type FixtureModelServer } from '../../fixtures/modelServer/fixtureModelServer';
import { createTestCa, type TestCa } from './testCa';
import { waitForValue } from './waitFor';
import { applyUserSettings } from './workbench';

const REPO_ROOT = path.resolve(import.meta.dirname, '..', '..', '..');
export const RESULTS_DIR = path.join(REPO_ROOT, 'test-results', 'e2e');
export const VSIX = path.join(REPO_ROOT, '.build', 'airlock.vsix');
export const SAMPLE_WORKSPACE = path.join(REPO_ROOT, 'sample-workspace');
const WORKBENCH_TIMEOUT_MS = 60_000;
const WEBVIEW_TIMEOUT_MS = 60_000;
const ACTION_TIMEOUT_MS = 15_000;
/** The first-token timeout the `hang` test relies on; short, so that test stays short. */
export const REQUEST_TIMEOUT_SECONDS = 3;

export interface CleanupStack {
  push(step: () => Promise<void> | void): void;
  /** Runs the steps in reverse order; one failing step does not skip the others. */
  run(): Promise<void>;
}

export interface E2eHarness {
  /** The workbench page the chat view is open in. */
  page: Page;
  /** The folder that window has open (a copy of sample-workspace). */
  workspace: string;
  /**
   * The user-level Airlock folder (trust store of overlays) the extension uses: code-server runs
   * with `AIRLOCK_CONFIG_DIR` set to it, so tests never touch the real user config. Pass the same
   * variable to the `airlock` CLI.
   */
  configDir: string;
  /** Opens another workbench window of the same code-server on `folder` (its own extension host). */
  openWindow: (folder: string) => Promise<Page>;
  /** The Airlock chat webview's document. */
  view: FrameLocator;
  fixture: FixtureModelServer;
  /** The CA code-server trusts (NODE_EXTRA_CA_CERTS), for a test's own https server. */
  testCa: TestCa;
  /** Every URL the browser requested, to prove what the webview did not load. */
  browserRequests: string[];
  /** Rewrites the user settings (the suite's settings plus overrides) and has VS Code apply them. */
  applySettings: (overrides?: Record<string, unknown>) => Promise<void>;
  /** Saves `test-results/e2e/NN-name.png` and returns its file name. */
  screenshot: (name: string) => Promise<string>;
}

export function createCleanupStack(): CleanupStack {
  const steps: (() => Promise<void> | void)[] = [];
  return {
    push: (step) => steps.push(step),
    run: async () => {
      for (const step of steps.splice(0).reverse()) {
        try {
          await step();
        } catch (error) {
          process.stderr.write(`e2e cleanup step failed: ${error instanceof Error ? error.message : String(error)}\n`);
        }
      }
    },
  };
}

export async function startE2eHarness(cleanup: CleanupStack): Promise<E2eHarness> {
  if (!existsSync(VSIX)) {
    throw new Error(`UI tests need ${VSIX}: run \`npm run build && npm run package\` first`);
  }
  rmSync(RESULTS_DIR, { recursive: true, force: true });
  mkdirSync(RESULTS_DIR, { recursive: true });
  const dirs = makeTempDirs(cleanup);
  const testCa = createTestCa(dirs.root);

  const fixture = await startFixtureModelServer();
  cleanup.push(() => fixture.close());
  const baseSettings = suiteSettings(fixture);

  await installVsix({ vsix: VSIX, extensionsDir: dirs.extensions, userDataDir: dirs.userData });
  const codeServer = await startCodeServer({
    workspace: dirs.workspace,
    userDataDir: dirs.userData,
    extensionsDir: dirs.extensions,
    userSettings: baseSettings,
    env: { AIRLOCK_CONFIG_DIR: dirs.config, NODE_EXTRA_CA_CERTS: testCa.certFile },
    logFile: path.join(RESULTS_DIR, 'code-server.log'),
  });
  cleanup.push(() => codeServer.stop());

  const browser = await launchChromium();
  cleanup.push(() => browser.close());
  const { page, browserRequests } = await openWorkbench(browser, codeServer.url);
  const screenshot = screenshotter(page);
  await screenshot('workbench');
  const view = await openAirlockView(page);
  await screenshot('airlock-view-open');

  return {
    page,
    workspace: dirs.workspace,
    configDir: dirs.config,
    openWindow: async (folder) => (await openWorkbench(browser, workbenchUrl(codeServer.origin, folder))).page,
    view,
    fixture,
    testCa,
    browserRequests,
    applySettings: settingsApplier(page, dirs.userData, baseSettings),
    screenshot,
  };
}

interface TempDirs {
  root: string;
  userData: string;
  extensions: string;
  workspace: string;
  config: string;
}

function makeTempDirs(cleanup: CleanupStack): TempDirs {
  const root = mkdtempSync(path.join(tmpdir(), 'airlock-e2e-'));
  const dirs = { root, userData: path.join(root, 'user-data'), extensions: path.join(root, 'extensions'), workspace: path.join(root, 'workspace'), config: path.join(root, 'airlock-config') };
  cpSync(SAMPLE_WORKSPACE, dirs.workspace, { recursive: true });
  cleanup.push(() => rmSync(root, { recursive: true, force: true }));
  // Keeps VS Code's logs (the extension's output channel among them) for reading after a failure.
  cleanup.push(() => copyIfPresent(path.join(dirs.userData, 'logs'), path.join(RESULTS_DIR, 'vscode-logs')));
  return dirs;
}

function copyIfPresent(from: string, to: string): void {
  if (existsSync(from)) {
    cpSync(from, to, { recursive: true });
  }
}

export function suiteSettings(fixture: FixtureModelServer): Record<string, unknown> {
  return {
    'airlock.model.baseUrl': fixture.baseUrl,
    'airlock.model.name': FIXTURE_MODEL,
    'airlock.model.requestTimeoutSeconds': REQUEST_TIMEOUT_SECONDS,
    // A quiet workbench: nothing else opens over the view or competes for the 2 cores.
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.welcomePage.walkthroughs.openOnInstall': false,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    // The settings editor opens as a normal editor, where the command palette works (not in a modal).
    'workbench.editor.useModal': 'off',
    'chat.disableAIFeatures': true,
    'extensions.autoCheckUpdates': false,
    // "off", not false: VS Code 1.139 migrates a boolean to "off" by rewriting settings.json, which races a test reading the file back.
    'extensions.autoUpdate': 'off',
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
  };
}

/** Applies settings only when they differ from the last applied: each change costs seconds of UI. */
function settingsApplier(page: Page, userDataDir: string, baseSettings: Record<string, unknown>): E2eHarness['applySettings'] {
  let applied = JSON.stringify(baseSettings);
  return async (overrides = {}) => {
    const settings = { ...baseSettings, ...overrides };
    if (JSON.stringify(settings) === applied) {
      return;
    }
    await applyUserSettings(page, userDataDir, settings);
    applied = JSON.stringify(settings);
  };
}

/** The workbench URL for a folder, the way startCodeServer builds it. */
function workbenchUrl(origin: string, folder: string): string {
  return `${origin}/?folder=${encodeURIComponent(path.resolve(folder)).replaceAll('%2F', '/')}`;
}

async function openWorkbench(browser: Browser, url: string): Promise<{ page: Page; browserRequests: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  page.setDefaultTimeout(ACTION_TIMEOUT_MS);
  const browserRequests: string[] = [];
  context.on('request', (request) => browserRequests.push(request.url()));
  await page.goto(url, { timeout: WORKBENCH_TIMEOUT_MS });
  await page.locator('.monaco-workbench').waitFor({ timeout: WORKBENCH_TIMEOUT_MS });
  return { page, browserRequests };
}

/** Opens the Airlock view in a workbench window and returns the chat webview's document. */
export async function openAirlockView(page: Page): Promise<FrameLocator> {
  const icon = page.locator('.activitybar [aria-label^="Airlock"]').first();
  await icon.waitFor({ timeout: WORKBENCH_TIMEOUT_MS });
  // The icon toggles: clicking it while Airlock's view container is the one shown would close it.
  const item = page.locator('.activitybar .action-item').filter({ has: page.locator('[aria-label^="Airlock"]') }).first();
  const shown = /\bchecked\b/.test((await item.getAttribute('class')) ?? '') || (await icon.getAttribute('aria-pressed')) === 'true' || (await icon.getAttribute('aria-expanded')) === 'true';
  if (!shown) await icon.click({ timeout: WORKBENCH_TIMEOUT_MS });
  // Moves the pointer off the activity bar, so its tooltip does not cover the view in screenshots.
  await page.mouse.move(700, 400);
  return findChatWebview(page);
}

/** Picks the webview by its content (the one with `#prompt`), not by position. */
async function findChatWebview(page: Page): Promise<FrameLocator> {
  const outerFrames = page.locator('iframe.webview.ready');
  const index = await waitForValue(
    'the Airlock chat webview (an iframe.webview.ready whose #active-frame has #prompt)',
    async () => {
      const count = await outerFrames.count();
      for (let i = 0; i < count; i += 1) {
        if ((await innerDocument(outerFrames.nth(i).contentFrame()).locator('#prompt').count()) > 0) {
          return i;
        }
      }
      return -1;
    },
    (found) => found >= 0,
    WEBVIEW_TIMEOUT_MS,
  );
  return innerDocument(outerFrames.nth(index).contentFrame());
}

function innerDocument(outer: FrameLocator): FrameLocator {
  return outer.locator('#active-frame').contentFrame();
}

function screenshotter(page: Page): (name: string) => Promise<string> {
  let taken = 0;
  return async (name) => {
    taken += 1;
    const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
    const file = `${String(taken).padStart(2, '0')}-${slug}.png`;
    await page.screenshot({ path: path.join(RESULTS_DIR, file) });
    return file;
  };
}
