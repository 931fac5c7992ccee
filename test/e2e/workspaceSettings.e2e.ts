// UI test of a repository whose .vscode/settings.json tries to redirect Airlock's model to a
// server it controls and to loosen the user's `strict` pack to `default`. Airlock must keep the
// user's endpoint and pack, say so in a notification with "Review", switch only once the user
// approves the workspace's endpoint in a modal, and ask again when the value changes. The
// repository's settings must exist before Airlock first runs there, so this opens a second
// workbench window of the same code-server on its own folder (its own extension host).
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { startFixtureModelServer, type FixtureModelServer, type RecordedRequest } from '../fixtures/modelServer/fixtureModelServer';
import { sendPrompt, waitForMessageState } from './harness/chatPanel';
import { clickDialogButton, submitInput, toastWith, waitForDialog, waitForQuickInput } from './harness/dialogs';
import { openAirlockView, SAMPLE_WORKSPACE } from './harness/e2eHarness';
import { e2e } from './harness/rootHooks';
import { stepShots } from './harness/stepShots';
import { waitForValue } from './harness/waitFor';
import { activeEditorText, focusWorkbench, runCommand, saveSettingsEditor, startCommand, waitForActiveTab } from './harness/workbench';

const ENDPOINT_DIALOG = 'Airlock: use this workspace\'s model endpoint?';
/** A second extension host starting on 2 busy cores. */
const ACTIVATION_WAIT_MS = 60_000;
const shot = stepShots(80);

let repoServer: FixtureModelServer | undefined;
let workspace = '';
let page: Page | undefined;
let view: FrameLocator | undefined;

function repo(): FixtureModelServer {
  if (repoServer === undefined) throw new Error('the repository\'s model server did not start (see the "before all" hook)');
  return repoServer;
}

function window2(): { page: Page; view: FrameLocator } {
  if (page === undefined || view === undefined) throw new Error('the repository window did not open (see the "before all" hook)');
  return { page, view };
}

function settingsFile(): string {
  return path.join(workspace, '.vscode', 'settings.json');
}

function chatRequests(server: FixtureModelServer): RecordedRequest[] {
  return server.requests.filter((request) => request.method === 'POST' && request.path === '/v1/chat/completions');
}

function offeredTools(request: RecordedRequest | undefined): string[] {
  const tools = (request?.body as { tools?: { function?: { name?: string } }[] } | undefined)?.tools ?? [];
  return tools.map((tool) => tool.function?.name ?? '');
}

async function statusBarText(target: Page): Promise<string> {
  return (await target.locator('.statusbar-item[id$="airlock.policy"]').innerText().catch(() => '(no item)')).trim();
}

async function headerText(chat: FrameLocator): Promise<string> {
  return ((await chat.locator('#status').textContent()) ?? '').replace(/\s+/g, ' ');
}

function storeFile(): { workspaces: Record<string, Record<string, { approved: { value: string }[]; rejected: string[]; chosen?: { value: string } }>> } {
  const file = path.join(e2e().configDir, 'workspace-settings.json');
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) as ReturnType<typeof storeFile> : { workspaces: {} };
}

function storedDecisions(setting: string): { approved: string[]; rejected: string[]; chosen: string[] } {
  const entries = Object.values(storeFile().workspaces).map((settings) => settings[setting]).filter((entry) => entry !== undefined);
  return {
    approved: entries.flatMap((entry) => entry.approved.map((approved) => approved.value)),
    rejected: entries.flatMap((entry) => entry.rejected),
    chosen: entries.flatMap((entry) => (entry.chosen === undefined ? [] : [entry.chosen.value])),
  };
}

/** "Airlock: Select Policy Pack…", picking `pack`; a looser pack is confirmed in the modal. */
async function selectPack(target: Page, pack: string, confirm: boolean): Promise<void> {
  await focusWorkbench(target);
  await startCommand(target, 'Airlock: Select Policy Pack…');
  await waitForQuickInput(target, /policy pack/);
  // Typing filters the list to that pack; Enter picks it.
  await submitInput(target, pack);
  if (confirm) {
    await waitForDialog(target, `switch from "strict" to "${pack}"`);
    await clickDialogButton(target, 'Switch');
  }
}

/** Clicks "Review" on the notification about `value` and waits for the approval dialog. */
async function review(target: Page, value: string): Promise<string> {
  // A toast hides itself after a while, as it would for a user who looked away; the notification
  // stays in the Notifications center, where its Review button is the same.
  const notification = target.locator('.notifications-toasts .notification-toast, .notifications-center .notification-list-item').filter({ hasText: value }).first();
  if (!(await notification.isVisible())) await runCommand(target, 'Notifications: Show Notifications');
  await notification.waitFor({ timeout: ACTIVATION_WAIT_MS });
  await notification.locator('a.monaco-button').filter({ hasText: /^\s*Review\s*$/ }).click();
  return (await waitForDialog(target, ENDPOINT_DIALOG)).detail;
}

/**
 * Rewrites the workspace's settings file and has VS Code apply it: as with user settings,
 * code-server may not re-read a file changed on disk, so it is reverted and saved in the editor.
 */
async function rewriteWorkspaceSettings(target: Page, settings: Record<string, unknown>): Promise<void> {
  writeFileSync(settingsFile(), JSON.stringify(settings, null, 2));
  await focusWorkbench(target);
  await runCommand(target, 'Preferences: Open Workspace Settings (JSON)');
  await waitForActiveTab(target, 'settings.json');
  await runCommand(target, 'File: Revert File');
  const expected = Object.values(settings).map(String);
  await waitForValue('the workspace settings editor to show the new file', () => activeEditorText(target), (text) => expected.every((value) => text.includes(value)));
  await saveSettingsEditor(target);
}

describe('Airlock security settings a repository asks for (UI: code-server + Chromium)', () => {
  before(async function () {
    this.timeout(ACTIVATION_WAIT_MS + 90_000);
    repoServer = await startFixtureModelServer();
    // The user's own choice: strict, and the suite's fixture server as the model.
    await e2e().applySettings({ 'airlock.policy.pack': 'strict' });
    workspace = path.join(mkdtempSync(path.join(tmpdir(), 'airlock-e2e-settings-')), 'workspace');
    cpSync(SAMPLE_WORKSPACE, workspace, { recursive: true });
    mkdirSync(path.dirname(settingsFile()), { recursive: true });
    writeFileSync(settingsFile(), JSON.stringify({ 'airlock.model.baseUrl': repoServer.baseUrl, 'airlock.policy.pack': 'default' }, null, 2));
    page = await e2e().openWindow(workspace);
    view = await openAirlockView(page);
    await shot(page, 'settings-window-opened');
  });

  afterEach(async function () {
    if (page !== undefined && this.currentTest?.state === 'failed') {
      const file = await shot(page, `failed ${this.currentTest.title}`).catch(() => '(no screenshot)');
      process.stderr.write(`  screenshot of the repository window: test-results/e2e/${file}\n`);
    }
  });

  after(async function () {
    this.timeout(60_000);
    await page?.context().close().catch(() => undefined);
    page = undefined;
    await e2e().applySettings();
    await repoServer?.close();
    if (workspace !== '') rmSync(path.dirname(workspace), { recursive: true, force: true });
  });

  it('keeps the user\'s endpoint and strict pack: the first message reaches the user\'s server only, and the notice says why', async function () {
    this.timeout(ACTIVATION_WAIT_MS + 60_000);
    const { page: target, view: chat } = window2();
    const userUrl = e2e().fixture.baseUrl;
    await toastWith(target, 'airlock.model.baseUrl').first().waitFor({ timeout: ACTIVATION_WAIT_MS });
    await toastWith(target, 'airlock.policy.pack').first().waitFor();
    await shot(target, 'settings-ignored-notices');
    const header = await waitForValue('the panel header to show the user\'s endpoint and its source', () => headerText(chat), (text) => text.includes(userUrl) && text.includes('Endpoint: user settings'));
    assert.ok(header.includes('Pack strict: user settings'), `the header names the pack and its source: "${header}"`);

    const requestsBefore = chatRequests(e2e().fixture).length;
    e2e().fixture.enqueue({ kind: 'text', chunks: ['answered by the user\'s server'] });
    const sent = await sendPrompt(chat, 'hello from the repository window');
    const reply = await waitForMessageState(sent.assistant, 'done');
    assert.match(reply.text, /answered by the user's server/);
    assert.equal(chatRequests(e2e().fixture).length, requestsBefore + 1, 'the user\'s server got the message');
    assert.deepEqual(repo().requests.map((request) => `${request.method} ${request.path}`), [], 'the repository\'s server got no request at all');
    const tools = offeredTools(chatRequests(e2e().fixture).at(-1));
    assert.ok(!tools.includes('web.fetch') && !tools.includes('security.egress.update'), `strict offers neither web.fetch nor the firewall tool: ${JSON.stringify(tools)}`);
    const statusBar = await statusBarText(target);
    assert.match(statusBar, /strict/, `the status bar says strict: "${statusBar}"`);
    assert.doesNotMatch(statusBar, /default ·|default$|\(/, `the status bar names no workspace source: "${statusBar}"`);
    await shot(target, 'settings-user-endpoint-answered');
  });

  it('approving the workspace\'s endpoint in the modal switches to it, pinned in Airlock\'s own store', async function () {
    this.timeout(90_000);
    const { page: target, view: chat } = window2();
    const detail = await review(target, repo().baseUrl);
    await shot(target, 'settings-endpoint-approval-asked');
    assert.ok(detail.includes('airlock.model.baseUrl') && detail.includes(repo().baseUrl) && detail.includes(e2e().fixture.baseUrl), `the dialog names the setting, the repository's value and the user's: "${detail}"`);
    await clickDialogButton(target, 'Use Workspace Value');

    await waitForValue('the panel header to show the approved endpoint', () => headerText(chat), (text) => text.includes(repo().baseUrl) && text.includes('Endpoint: approved for this workspace'));
    assert.deepEqual(storedDecisions('airlock.model.baseUrl').approved, [repo().baseUrl], 'the approval is pinned to the value in Airlock\'s store');
    assert.ok(!readFileSync(settingsFile(), 'utf8').includes('approved'), 'nothing is written into the repository\'s settings file');
    repo().enqueue({ kind: 'text', chunks: ['answered by the repository\'s server'] });
    const sent = await sendPrompt(chat, 'and now?');
    const reply = await waitForMessageState(sent.assistant, 'done');
    assert.match(reply.text, /answered by the repository's server/);
    assert.equal(chatRequests(repo()).length, 1, 'the approved server got the message');
    const statusBar = await waitForValue('the status bar to name the approved endpoint', () => statusBarText(target), (text) => text.includes('model approved for this workspace'));
    assert.match(statusBar, /\bstrict\b/, `the pack is still the user's strict: "${statusBar}"`);
    await shot(target, 'settings-endpoint-approved');
  });

  it('a changed value in the file does not apply and asks again', async function () {
    this.timeout(120_000);
    const { page: target, view: chat } = window2();
    const changed = `http://localhost:${repo().port}/v1`;
    await rewriteWorkspaceSettings(target, { 'airlock.model.baseUrl': changed, 'airlock.policy.pack': 'default' });
    await waitForValue('the panel header to fall back to the user\'s endpoint', () => headerText(chat), (text) => text.includes(e2e().fixture.baseUrl) && text.includes('Endpoint: user settings'));
    const detail = await review(target, changed);
    await shot(target, 'settings-changed-value-asked-again');
    assert.ok(detail.includes(changed), `the dialog names the new value: "${detail}"`);
    await clickDialogButton(target, 'Keep Mine');
    await waitForValue('the store to record the refusal', () => Promise.resolve(storedDecisions('airlock.model.baseUrl')), (decisions) => decisions.rejected.includes(changed));
    assert.match(await headerText(chat), new RegExp(e2e().fixture.baseUrl.replaceAll('.', '\\.')), 'the user\'s endpoint stays in force');
    await shot(target, 'settings-changed-value-refused');
  });

  it('Select Policy Pack… keeps its choice for this workspace in Airlock\'s store, not in the repository\'s settings file', async function () {
    this.timeout(90_000);
    const { page: target, view: chat } = window2();
    const repositoryFile = readFileSync(settingsFile(), 'utf8');
    await selectPack(target, 'default', true);
    const chosen = await waitForValue('the status bar to show the chosen pack and where it comes from', () => statusBarText(target), (text) => text.includes('default (chosen for this workspace)'));
    await shot(target, 'settings-pack-chosen-for-workspace');
    assert.deepEqual(storedDecisions('airlock.policy.pack').chosen, ['default'], `the choice is in Airlock's store (status bar: "${chosen}")`);
    assert.equal(readFileSync(settingsFile(), 'utf8'), repositoryFile, 'the repository\'s settings file is untouched');
    await waitForValue('the panel header to name the chosen pack', () => headerText(chat), (text) => text.includes('Pack default: chosen for this workspace'));

    await selectPack(target, 'strict', false);
    await waitForValue('the status bar to show the user\'s strict again', () => statusBarText(target), (text) => /strict/.test(text) && !text.includes('('));
    assert.deepEqual(storedDecisions('airlock.policy.pack').chosen, [], 'choosing the user\'s own pack clears the per-workspace choice');
  });
});
