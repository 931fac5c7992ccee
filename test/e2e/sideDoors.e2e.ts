// UI test of the side-door check in a real VS Code (code-server + Chromium): VS Code's own agent
// mode, turned on in the user settings, is a way into the workspace that Airlock's guard does not
// see. The status bar counts it, "Airlock: Review Side Doors…" lists it with where it is set, a
// managed policy that requires it off puts a notice in the panel header, and the closing setting
// (`chat.agent.enabled: false` in the workspace's settings) is written only once the user
// confirms it in the modal. The test restores the user settings and the workspace's settings
// file it changed, so the window is left as it was found.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { parse } from 'jsonc-parser';
import { cliAuditTail } from './harness/auditLog';
import { clickDialogButton, pickRow, waitForDialog, waitForQuickInput } from './harness/dialogs';
import { applyMachineSettings, machineSettingsFile } from './harness/machineSettings';
import { e2e } from './harness/rootHooks';
import { stepShots } from './harness/stepShots';
import { waitForValue } from './harness/waitFor';
import { activeEditorText, focusWorkbench, runCommand, saveSettingsEditor, startCommand, waitForActiveTab } from './harness/workbench';

const shot = stepShots(120);
const REVIEW = 'Airlock: Review Side Doors…';
const AGENT_MODE = 'VS Code\'s agent mode';
const CLOSE_DIALOG = `Close this side door: ${AGENT_MODE}?`;
const NOTICE = 'Airlock\'s guard is not the only way in';

let managedDir = '';
/** The workspace's settings file as it was before the test: undefined when there was none. */
let settingsBefore: string | undefined;

function settingsFile(): string {
  return path.join(e2e().workspace, '.vscode', 'settings.json');
}

/** What the workspace's settings file says about `chat.agent.enabled` (undefined: nothing). */
function workspaceAgentSetting(): unknown {
  if (!existsSync(settingsFile())) return undefined;
  const settings = parse(readFileSync(settingsFile(), 'utf8')) as Record<string, unknown> | undefined;
  return settings?.['chat.agent.enabled'];
}

async function statusBarText(page: Page): Promise<string> {
  return (await page.locator('.statusbar-item[id$="airlock.policy"]').innerText().catch(() => '(no item)')).trim();
}

/** The number of side doors the status bar counts (0 when it names none). */
function doorCount(text: string): number {
  return Number(/(\d+) side doors?/.exec(text)?.[1] ?? 0);
}

async function headerText(): Promise<string> {
  return ((await e2e().view.locator('#status').textContent()) ?? '').replace(/\s+/g, ' ');
}

/** Opens the review and picks the agent-mode row; returns the rows the quick pick listed. */
async function chooseAgentMode(page: Page): Promise<string[]> {
  await focusWorkbench(page);
  await startCommand(page, REVIEW);
  const pick = await waitForQuickInput(page, /Side Doors/);
  await pickRow(page, AGENT_MODE);
  await waitForDialog(page, CLOSE_DIALOG);
  return pick.rows;
}

/**
 * Has VS Code apply the workspace's settings file as it is on disk: code-server may not re-read
 * a file changed behind its back, so it is reverted and saved in the editor.
 */
async function reloadWorkspaceSettings(page: Page): Promise<void> {
  await focusWorkbench(page);
  await runCommand(page, 'Preferences: Open Workspace Settings (JSON)');
  await waitForActiveTab(page, 'settings.json');
  await runCommand(page, 'File: Revert File');
  await waitForValue('the workspace settings editor to drop chat.agent.enabled', () => activeEditorText(page), (text) => !text.includes('chat.agent.enabled'));
  await saveSettingsEditor(page);
}

describe('Side doors: VS Code\'s own agent mode outside the guard (UI: code-server + Chromium)', () => {
  before(async function () {
    this.timeout(90_000);
    settingsBefore = existsSync(settingsFile()) ? readFileSync(settingsFile(), 'utf8') : undefined;
    managedDir = mkdtempSync(path.join(tmpdir(), 'airlock-e2e-managed-'));
    const managed = path.join(managedDir, 'managed.yaml');
    writeFileSync(managed, 'version: 1\nposture:\n  requireNativeAgentOff: true\n');
    await e2e().applySettings({ 'chat.agent.enabled': true });
    await applyMachineSettings(e2e().page, e2e().workspace, { 'airlock.policy.managedPath': managed });
  });

  after(async function () {
    this.timeout(90_000);
    const { page } = e2e();
    await e2e().applySettings();
    if (existsSync(machineSettingsFile(e2e().workspace))) await applyMachineSettings(page, e2e().workspace, {});
    if (workspaceAgentSetting() !== undefined) {
      writeFileSync(settingsFile(), settingsBefore ?? '{}\n');
      await reloadWorkspaceSettings(page);
      if (settingsBefore === undefined) rmSync(settingsFile());
    }
    if (managedDir !== '') rmSync(managedDir, { recursive: true, force: true });
  });

  it('counts agent mode in the status bar, names it in the panel header as the policy requires, and lists it with where it is set', async function () {
    this.timeout(60_000);
    const { page } = e2e();
    const status = await waitForValue('the status bar to count a side door', () => statusBarText(page), (text) => doorCount(text) > 0);
    const header = await waitForValue('the panel header to carry the managed policy\'s notice', headerText, (text) => text.includes(NOTICE));
    assert.ok(header.includes(AGENT_MODE) && header.includes('Review Side Doors'), `the notice names the door and how to close it: "${header}"`);
    await shot(page, 'side-doors-status-bar-and-notice');
    const rows = await chooseAgentMode(page);
    const row = rows.find((text) => text.includes(AGENT_MODE)) ?? '';
    assert.ok(row.includes('chat.agent.enabled') && row.includes('your user settings'), `the row says which setting and where it is set: "${row}"`);
    assert.ok(rows.length <= doorCount(status), `the review lists no more doors than the status bar counts (${status}): ${JSON.stringify(rows)}`);
    await shot(page, 'side-doors-close-asked');
    await clickDialogButton(page, 'Cancel');
  });

  it('cancelling the dialog writes nothing and the door stays open', async function () {
    this.timeout(60_000);
    const { page } = e2e();
    assert.equal(workspaceAgentSetting(), undefined, 'the workspace\'s settings do not mention chat.agent.enabled');
    const before = doorCount(await statusBarText(page));
    await chooseAgentMode(page);
    await clickDialogButton(page, 'Cancel');
    const entries = await waitForValue('the refusal in the audit log', () => cliAuditTail(e2e().workspace, e2e().configDir, 30), (tail) => tail.some((entry) => entry.action === 'posture.close' && entry.decision === 'deny'));
    assert.equal(entries.filter((entry) => entry.action === 'posture.close' && entry.decision === 'allow').length, 0, 'nothing was closed');
    assert.equal(workspaceAgentSetting(), undefined, 'still nothing written to the workspace\'s settings');
    assert.equal(doorCount(await statusBarText(page)), before, 'the status bar counts the same doors');
    assert.ok((await headerText()).includes(NOTICE), 'the panel header still carries the notice');
  });

  it('confirming writes chat.agent.enabled: false to the workspace\'s settings, and the door is gone', async function () {
    this.timeout(60_000);
    const { page } = e2e();
    const before = doorCount(await statusBarText(page));
    await chooseAgentMode(page);
    await clickDialogButton(page, 'Close Side Door');
    await waitForValue('chat.agent.enabled: false in the workspace\'s settings file', () => Promise.resolve(workspaceAgentSetting()), (value) => value === false);
    const status = await waitForValue('the status bar to count one door fewer', () => statusBarText(page), (text) => doorCount(text) === before - 1);
    await waitForValue('the panel header to drop the notice', headerText, (text) => !text.includes(NOTICE));
    await shot(page, 'side-doors-agent-mode-closed');
    const tail = await cliAuditTail(e2e().workspace, e2e().configDir, 30);
    const closed = tail.find((entry) => entry.action === 'posture.close' && entry.decision === 'allow');
    assert.equal(closed?.target, 'agent-mode', `the closure is audited (status bar: "${status}")`);
    assert.deepEqual(closed.detail, { setting: 'chat.agent.enabled', value: false, target: 'workspace' });
  });
});
