// UI test of VS Code's own MCP side doors in a real VS Code (code-server + Chromium): a repository
// whose .vscode/mcp.json names a server and whose .vscode/settings.json sets `chat.mcp.access:
// "all"` over the user's `"none"`. Both reviews list the server and the override; "Airlock: Review
// MCP Servers…" offers the lock, which writes the user's settings only once the user confirms it
// in the modal; afterwards the allowlist names only Airlock's gateway, the server is blocked by
// it, and the workspace's override is still shown as a finding. "Move Behind Airlock…" then writes
// the server into the workspace overlay, the overlay's approval asks, and once it is in force the
// server leaves .vscode/mcp.json and is listed as Airlock's own, with its state and pin. The test
// restores the user settings and removes the files it added, so the window is left as it was found.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { parse } from 'jsonc-parser';
import { parse as parseYaml } from 'yaml';
import { approvalSha256, McpPinStore, mcpServerIdentity } from '../../src/core/mcp/pinStore';
import { cliAuditTail } from './harness/auditLog';
import { clickDialogButton, closeQuickInput, pickRow, quickInput, toastWith, waitForDialog, waitForQuickInput } from './harness/dialogs';
import { e2e } from './harness/rootHooks';
import { stepShots } from './harness/stepShots';
import { waitForValue } from './harness/waitFor';
import { activeEditorText, focusWorkbench, runCommand, saveSettingsEditor, startCommand, waitForActiveTab } from './harness/workbench';

const shot = stepShots(150);
const MCP_REVIEW = 'Airlock: Review MCP Servers…';
const SIDE_DOORS = 'Airlock: Review Side Doors…';
const OVERRIDE = 'This workspace overrides chat.mcp.access';
const LOCK_ROW = 'Lock VS Code\'s MCP to Airlock\'s gateway…';
const LOCKED_ROW = 'VS Code\'s MCP is locked to Airlock\'s gateway';
const LOCK_DIALOG = 'Lock VS Code\'s MCP servers to Airlock\'s gateway?';
const MOVE_ROW = 'Move "memory" Behind Airlock…';
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
    rmSync(workspaceFile('.airlock'), { recursive: true, force: true });
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

  it('"Move Behind Airlock…" writes the server into the overlay with no tool allowed; the overlay approval asks; only then is it removed from .vscode/mcp.json', async function () {
    this.timeout(180_000);
    const { page } = e2e();
    await openReview(page, MCP_REVIEW, /MCP Servers/, 'memory');
    // The list may be longer than the window: the row is found by its words.
    await quickInput(page).locator('input').fill(MOVE_ROW);
    await pickRow(page, MOVE_ROW);
    const move = await waitForDialog(page, 'Move "memory" behind Airlock?');
    for (const words of ['.airlock/policy/default.yaml', 'memory:', 'command: node', 'allow: []', 'Airlock asks next']) assert.ok(move.detail.includes(words), `the dialog shows what is written: ${words} in "${move.detail}"`);
    await shot(page, 'mcp-move-asked');
    await clickDialogButton(page, 'Write to Overlay');

    const approval = await waitForDialog(page, 'Airlock: approve the workspace policy overlay?', 60_000);
    assert.match(approval.detail, /adds the server "memory", which runs `node server-memory\.js` in the sandbox; offers no tools yet/, approval.detail);
    assert.ok(readFileSync(workspaceFile('.vscode/mcp.json'), 'utf8').includes('"memory"'), 'nothing is removed before the overlay applies');
    await shot(page, 'mcp-move-overlay-approval');
    await clickDialogButton(page, 'Approve Overlay');

    const removal = await waitForDialog(page, '"memory" now runs behind Airlock. Remove "memory" from .vscode/mcp.json?', 60_000);
    assert.ok(removal.buttons.includes('Remove from .vscode/mcp.json'), JSON.stringify(removal.buttons));
    await clickDialogButton(page, 'Remove from .vscode/mcp.json');
    await toastWith(page, 'is an Airlock MCP server now').first().waitFor({ timeout: 30_000 });
    await shot(page, 'mcp-moved-toast');

    const direct = readFileSync(workspaceFile('.vscode/mcp.json'), 'utf8');
    assert.ok(!direct.includes('"memory"') && direct.includes('// a server the repository ships'), `only the server left the file: ${direct}`);
    const overlay = parseYaml(readFileSync(workspaceFile('.airlock/policy/default.yaml'), 'utf8')) as { mcp: { servers: Record<string, unknown> } };
    assert.deepEqual(overlay.mcp.servers, { memory: { stdio: { command: 'node', args: ['server-memory.js'] }, tools: { allow: [] } } });
    const tail = await waitForValue('the move in the audit log', () => cliAuditTail(e2e().workspace, e2e().configDir, 40), (entries) => entries.some((entry) => entry.action === 'mcp.server.remove-direct'));
    for (const action of ['mcp.server.adopt', 'policy.overlay.approve', 'mcp.server.remove-direct']) assert.ok(tail.some((entry) => entry.action === action && entry.decision === 'allow'), `${action} is audited`);
  });

  it('the moved server is Airlock\'s own in the review, with its state and its pin; choosing it opens the whole summary', async function () {
    this.timeout(90_000);
    const { page } = e2e();
    // An approval as "airlock mcp approve" would have stored it, for the server as the policy names it.
    const identity = mcpServerIdentity('memory', { stdio: { command: 'node', args: ['server-memory.js'], env: [] } }, realpathSync(e2e().workspace));
    const pins = new McpPinStore(e2e().configDir);
    await pins.approve(identity, [{ name: 'read_graph', description: 'Read the entire knowledge graph', inputSchema: { type: 'object', properties: {} } }]);
    const approved = await pins.approved(identity);
    const prefix = approved === undefined ? 'none' : approvalSha256(approved).slice(0, 12);
    const rows = await openReview(page, MCP_REVIEW, /MCP Servers/, 'Airlock policy');
    const own = rowWith(rows, 'Airlock policy');
    // Whether this window has started "memory" yet depends on what ran before in it (a turn starts
    // the policy's servers); either way the row names the manager's state, never a guess.
    assert.match(own, /^memory(not started|starting|running)/, 'the row leads with the server and its state');
    for (const words of ['node server-memory.js', 'pinned 1 tools', `(pin ${prefix}…)`, 'offers 0, withholds']) assert.ok(own.includes(words), `the row says ${words}: "${own}"`);
    assert.equal(rowWith(rows, MOVE_ROW), '', `nothing is left to move: ${JSON.stringify(rows)}`);
    await shot(page, 'mcp-review-own-server');
    await pickRow(page, 'Airlock policy');
    const summary = await waitForValue('the summary document', () => activeEditorText(page), (text) => text.includes('state:'));
    const text = summary.replace(/\u00a0/g, ' ');
    assert.match(text, /state: (not started|starting|running)/);
    assert.match(text, /offered from the (pinned )?listing: none/);
    for (const words of [`pin: 1 tool approved`, 'read_graph ("read_graph" is not in the server\'s tools.allow)']) assert.ok(text.includes(words), `the summary says ${words}: "${summary}"`);
    await runCommand(page, 'View: Revert and Close Editor');
  });
});

