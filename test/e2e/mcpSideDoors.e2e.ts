// UI test of VS Code's own MCP side doors in a real VS Code (code-server + Chromium): a repository
// whose .vscode/mcp.json names a server and whose .vscode/settings.json sets `chat.mcp.access:
// "all"` over the user's `"none"`. Both reviews list the server and the override; "Airlock: Review
// MCP Servers…" offers the lock, which writes the user's settings only once the user confirms it
// in the modal; afterwards the allowlist names only Airlock's gateway, the server is blocked by
// it, and the workspace's override is still shown as a finding. The test restores the user
// settings and removes the files it added, so the window is left as it was found.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { parse } from 'jsonc-parser';
import { cliAuditTail } from './harness/auditLog';
import { clickDialogButton, closeQuickInput, pickRow, toastWith, waitForDialog, waitForQuickInput } from './harness/dialogs';
import { e2e } from './harness/rootHooks';
import { stepShots } from './harness/stepShots';
import { waitForValue } from './harness/waitFor';
import { focusWorkbench, runCommand, saveSettingsEditor, startCommand, waitForActiveTab } from './harness/workbench';

const shot = stepShots(150);
const MCP_REVIEW = 'Airlock: Review MCP Servers…';
const SIDE_DOORS = 'Airlock: Review Side Doors…';
const OVERRIDE = 'This workspace overrides chat.mcp.access';
const LOCK_ROW = 'Lock VS Code\'s MCP to Airlock\'s gateway…';
const LOCKED_ROW = 'VS Code\'s MCP is locked to Airlock\'s gateway';
const LOCK_DIALOG = 'Lock VS Code\'s MCP servers to Airlock\'s gateway?';
const MCP_JSON = '{\n  // a server the repository ships for VS Code\'s agent\n  "servers": {\n    "memory": { "type": "stdio", "command": "node", "args": ["server-memory.js"] },\n  },\n}\n';

function workspaceFile(relative: string): string {
  return path.join(e2e().workspace, relative);
}

/** The user's settings.json as VS Code's user data has it (the harness keeps user data beside the workspace). */
function userSettings(): Record<string, unknown> {
  const file = path.join(path.dirname(e2e().workspace), 'user-data', 'User', 'settings.json');
  return (parse(readFileSync(file, 'utf8')) as Record<string, unknown> | undefined) ?? {};
}

/** Has VS Code apply the workspace's settings file as it is on disk (code-server may not re-read a file changed behind its back). */
async function reloadWorkspaceSettings(page: Page, expect: (text: string) => boolean): Promise<void> {
  await focusWorkbench(page);
  await runCommand(page, 'Preferences: Open Workspace Settings (JSON)');
  await waitForActiveTab(page, 'settings.json');
  await runCommand(page, 'File: Revert File');
  await waitForValue('the workspace settings editor to show the file on disk', () => page.locator('.monaco-editor.focused .view-lines').innerText().then((text) => text.replace(/\u00a0/g, ' ')), expect);
  await saveSettingsEditor(page);
}

/** Opens a review from the palette and returns its rows once the one matching `ready` shows. */
async function openReview(page: Page, command: string, title: RegExp, ready: string): Promise<string[]> {
  await focusWorkbench(page);
  await startCommand(page, command);
  await waitForQuickInput(page, title);
  const seen = await waitForValue(`the review to list "${ready}"`, () => waitForQuickInput(page, title), (pick) => pick.rows.some((row) => row.includes(ready)));
  return seen.rows;
}

function rowWith(rows: readonly string[], text: string): string {
  return rows.find((row) => row.includes(text)) ?? '';
}

describe('MCP side doors: VS Code\'s own MCP servers and the lock a repository cannot undo (UI: code-server + Chromium)', () => {
  before(async function () {
    this.timeout(120_000);
    const { page } = e2e();
    mkdirSync(workspaceFile('.vscode'), { recursive: true });
    assert.ok(!existsSync(workspaceFile('.vscode/settings.json')) && !existsSync(workspaceFile('.vscode/mcp.json')), 'the sample workspace ships no .vscode settings or MCP file of its own');
    writeFileSync(workspaceFile('.vscode/mcp.json'), MCP_JSON);
    writeFileSync(workspaceFile('.vscode/settings.json'), '{\n  "chat.mcp.access": "all"\n}\n');
    await e2e().applySettings({ 'chat.mcp.access': 'none' });
    await reloadWorkspaceSettings(page, (text) => text.includes('chat.mcp.access'));
  });

  after(async function () {
    this.timeout(120_000);
    const { page } = e2e();
    await closeQuickInput(page);
    rmSync(workspaceFile('.vscode/mcp.json'), { force: true });
    writeFileSync(workspaceFile('.vscode/settings.json'), '{}\n');
    await reloadWorkspaceSettings(page, (text) => !text.includes('chat.mcp.access'));
    rmSync(workspaceFile('.vscode'), { recursive: true, force: true });
    // Rewrites the whole user settings file: the lock's two settings go with it.
    await e2e().applySettings();
  });

  it('the side-door review lists the server in .vscode/mcp.json and the workspace\'s override of the user\'s "none"', async function () {
    this.timeout(60_000);
    const { page } = e2e();
    const rows = await openReview(page, SIDE_DOORS, /Side Doors/, OVERRIDE);
    const override = rowWith(rows, OVERRIDE);
    assert.ok(override.includes('"all"') && override.includes('your user settings\' "none"'), `the finding says which value overrides which: "${override}"`);
    const servers = rowWith(rows, 'MCP servers: memory');
    assert.ok(servers.includes('.vscode/mcp.json'), `the server door names its file: ${JSON.stringify(rows)}`);
    await shot(page, 'mcp-side-doors-listed');
    await closeQuickInput(page);
  });

  it('"Review MCP Servers…" lists the server with its file, command and state, and the override as a finding', async function () {
    this.timeout(60_000);
    const { page } = e2e();
    const rows = await openReview(page, MCP_REVIEW, /MCP Servers/, 'memory');
    const server = rowWith(rows, 'memory');
    assert.equal(rows.filter((row) => row.includes('server-memory.js')).length, 1, `the server is listed once, though VS Code also reports the file as the workspace's mcp setting: ${JSON.stringify(rows)}`);
    for (const words of ['.vscode/mcp.json', 'node server-memory.js', 'VS Code may start it']) assert.ok(server.includes(words), `the server row says ${words}: "${server}"`);
    assert.ok(rowWith(rows, OVERRIDE) !== '', `the override is a finding: ${JSON.stringify(rows)}`);
    const lock = rowWith(rows, LOCK_ROW);
    assert.ok(lock.includes('chat.mcp.allowedServers is not set'), `the lock is offered, and says the allowlist is not set: "${lock}"`);
    await shot(page, 'mcp-review-before-lock');
    await closeQuickInput(page);
  });

  it('the lock asks first: cancelling writes nothing', async function () {
    this.timeout(60_000);
    const { page } = e2e();
    await openReview(page, MCP_REVIEW, /MCP Servers/, LOCK_ROW);
    await pickRow(page, LOCK_ROW);
    const dialog = await waitForDialog(page, LOCK_DIALOG);
    assert.ok(dialog.detail.includes('CAN override'), `the dialog says plainly that a workspace can override chat.mcp.access: "${dialog.detail}"`);
    assert.match(dialog.detail, /chat\.mcp\.allowedServers: only Airlock's MCP gateway, matched by its exact command line:\n\S+ \S+dist\/cli\.js mcp serve/);
    assert.deepEqual(dialog.buttons.filter((button) => button !== 'Cancel'), ['Lock']);
    await shot(page, 'mcp-lock-asked');
    await clickDialogButton(page, 'Cancel');
    await waitForValue('the refusal in the audit log', () => cliAuditTail(e2e().workspace, e2e().configDir, 30), (tail) => tail.some((entry) => entry.action === 'posture.mcp-lock' && entry.decision === 'deny'));
    assert.equal(userSettings()['chat.mcp.allowedServers'], undefined, 'no allowlist was written');
  });

  it('confirming writes the allowlist and access "none" to the user\'s settings; the review then shows the lock and still the workspace\'s override', async function () {
    this.timeout(90_000);
    const { page } = e2e();
    await openReview(page, MCP_REVIEW, /MCP Servers/, LOCK_ROW);
    await pickRow(page, LOCK_ROW);
    await waitForDialog(page, LOCK_DIALOG);
    await clickDialogButton(page, 'Lock');
    const allowlist = await waitForValue('the allowlist in the user\'s settings.json', () => Promise.resolve(userSettings()['chat.mcp.allowedServers']), (value) => Array.isArray(value));
    assert.equal((allowlist as unknown[]).length, 1, `one entry: ${JSON.stringify(allowlist)}`);
    const command = (allowlist as { serverCommand?: string[] }[])[0]?.serverCommand ?? [];
    assert.deepEqual(command.slice(-3).map((part, index) => (index === 0 ? path.basename(part) : part)), ['cli.js', 'mcp', 'serve'], `the gateway is named by its command line: ${JSON.stringify(command)}`);
    assert.equal(userSettings()['chat.mcp.access'], 'none');
    // Said only once VS Code reports the allowlist back to the extension: the write applied.
    await toastWith(page, 'but this workspace\'s settings turn chat.mcp.access back on').first().waitFor({ timeout: 30_000 });
    await shot(page, 'mcp-locked-toast');
    const rows = await openReview(page, MCP_REVIEW, /MCP Servers/, LOCKED_ROW);
    assert.ok(rowWith(rows, LOCKED_ROW).includes('names only Airlock\'s gateway'), `the lock holds: ${JSON.stringify(rows)}`);
    assert.ok(rowWith(rows, OVERRIDE).includes('"all"'), `the workspace's override is still a finding: ${JSON.stringify(rows)}`);
    assert.ok(rowWith(rows, 'memory').includes('blocked (not in your chat.mcp.allowedServers)'), `the repository's server is blocked by the allowlist: "${rowWith(rows, 'memory')}"`);
    await shot(page, 'mcp-review-after-lock');
    await closeQuickInput(page);
    const doors = await openReview(page, SIDE_DOORS, /Side Doors/, OVERRIDE);
    assert.equal(rowWith(doors, 'MCP servers: memory'), '', `the allowlist closed the server's door: ${JSON.stringify(doors)}`);
    await closeQuickInput(page);
    const tail = await cliAuditTail(e2e().workspace, e2e().configDir, 30);
    assert.ok(tail.some((entry) => entry.action === 'posture.mcp-lock' && entry.decision === 'allow'), 'the lock is audited');
  });
});
