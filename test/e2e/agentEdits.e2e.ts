// UI tests of the agent's file tools in a real VS Code (code-server + Chromium) with the scripted
// fixture model: the agent reads a file and proposes an edit; the modal dialog shows the file,
// the summary and the lines added and removed; Show Diff opens the diff, which closes once the
// dialog is answered; Allow applies the edit (Undo restores it); Deny… with a reason leaves the
// bytes alone and the model is told why; and reads of `.env` and writes to
// `.vscode/settings.json` are refused without a dialog, shown on the card and audited.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { cliAuditTail } from './harness/auditLog';
import { sendPrompt, waitForMessageState, waitForStatus } from './harness/chatPanel';
import { allowLabel, clickDialogButton, denyWithReason, expectNoDialogFor, modalDialog, waitForDialog } from './harness/dialogs';
import { e2e } from './harness/rootHooks';
import { stepShots } from './harness/stepShots';
import { waitForValue } from './harness/waitFor';
import { activeEditorText, focusWorkbench, moveCursorToStart, quickOpen, runCommand } from './harness/workbench';
import { chatRequests, toolMessages } from './harness/modelRequests';

const TURN_WAIT_MS = 45_000;
const shot = stepShots(70);
const OLD_SIGNATURE = 'export function splitEvenly(cents: Cents, parts: number): Cents[] {';
const NEW_SIGNATURE = 'export function splitShares(cents: Cents, parts: number): Cents[] {';
const SECRET = 'sk-e2e-never-leaves-0123456789';

function money(): string {
  return readFileSync(path.join(e2e().workspace, 'src', 'money.ts'), 'utf8');
}

function renameCall(): { name: string; arguments: Record<string, unknown> } {
  return {
    name: 'fs_write',
    arguments: { summary: 'Rename splitEvenly to splitShares', changes: [{ action: 'replace', path: 'src/money.ts', search: OLD_SIGNATURE, replace: NEW_SIGNATURE }] },
  };
}

function card(assistant: Locator, tool: string): Locator {
  return assistant.locator(`.tool-card[data-tool="${tool}"]`);
}

async function cardState(assistant: Locator, tool: string, state: string): Promise<string> {
  await waitForValue(`the ${tool} card to reach data-state="${state}"`, () => card(assistant, tool).last().getAttribute('data-state').catch(() => '(no card)'), (seen) => seen === state, TURN_WAIT_MS);
  return ((await card(assistant, tool).last().locator('.tool-summary').textContent()) ?? '').trim();
}

function diffTabs(page: Page): Locator {
  return page.locator('.tabs-container .tab').filter({ hasText: '↔' });
}

describe('Airlock agent edits (UI: code-server + Chromium)', () => {
  before(async function () {
    this.timeout(60_000);
    await waitForStatus(e2e().view, 'ready', 45_000);
  });

  after(async function () {
    this.timeout(30_000);
    const { page } = e2e();
    if (await modalDialog(page).isVisible()) await page.keyboard.press('Escape');
    await runCommand(page, 'View: Close All Editors').catch(() => undefined);
  });

  it('reads, proposes a rename, shows the diff in the modal, applies it on Allow, and Undo restores it', async function () {
    this.timeout(180_000);
    const { view, fixture, page } = e2e();
    const original = money();
    fixture.enqueue({ kind: 'tool-calls', calls: [{ name: 'fs_read', arguments: { path: 'src/money.ts' } }] });
    fixture.enqueue({ kind: 'tool-calls', calls: [renameCall()] });
    fixture.enqueue({ kind: 'text', chunks: ['Renamed splitEvenly to splitShares.'] });
    const before = chatRequests().length;
    const { assistant } = await sendPrompt(view, 'Rename `splitEvenly` to `splitShares` in src/money.ts');

    const dialog = await waitForDialog(page, /Edit src\/money\.ts: Rename splitEvenly to splitShares/, TURN_WAIT_MS);
    await shot(page, 'edit-dialog');
    assert.match(dialog.detail, /src\/money\.ts \(\+1 −1\)/, `the dialog names the file and the lines: ${dialog.detail}`);
    assert.ok(dialog.buttons.includes('Show Diff'), `Show Diff is offered: ${JSON.stringify(dialog.buttons)}`);
    assert.equal(money(), original, 'nothing is written before the user answers');

    await clickDialogButton(page, 'Show Diff');
    await diffTabs(page).first().waitFor({ timeout: 15_000 });
    const again = await waitForDialog(page, /Edit src\/money\.ts/, TURN_WAIT_MS);
    await shot(page, 'edit-diff-open');
    assert.match(await diffTabs(page).first().innerText(), /money\.ts: current ↔ proposed/);

    await clickDialogButton(page, allowLabel(again));
    await waitForMessageState(assistant, 'done', TURN_WAIT_MS);
    await shot(page, 'edit-applied');
    assert.equal(await diffTabs(page).count(), 0, 'the diff tab closes once the dialog is answered');
    assert.equal(money(), original.replace(OLD_SIGNATURE, NEW_SIGNATURE), 'the approved text is on disk');
    assert.match(await cardState(assistant, 'fs.write', 'done'), /Edited src\/money\.ts \(\+1 −1\) · allowed by you/);

    const sent = chatRequests().slice(before);
    assert.equal(sent.length, 3, 'three completions: read, write, answer');
    const told = toolMessages(sent[2]?.body);
    assert.match(told.at(-2) ?? '', /splitEvenly/, 'the model saw the file it read');
    assert.match(told.at(-1) ?? '', /^Applied: src\/money\.ts \(\+1 −1\)\.$/, `the model is told the edit is in force: ${told.at(-1)}`);

    // Undo in the editor restores the text the edit replaced.
    await quickOpen(page, 'src/money.ts');
    await waitForValue('money.ts open with the edit', () => activeEditorText(page), (text) => text.includes('splitShares'), 15_000);
    await page.locator('.monaco-editor.focused .view-lines').click();
    await page.keyboard.press('Control+Z');
    await waitForValue('Undo to restore splitEvenly', () => activeEditorText(page), (text) => text.includes('splitEvenly') && !text.includes('splitShares'), 15_000);
    await shot(page, 'edit-undone');
    await runCommand(page, 'File: Save');
    await waitForValue('the undone text on disk', () => Promise.resolve(money()), (text) => text === original, 15_000);
    await runCommand(page, 'View: Close All Editors');
  });

  it('Deny… with a reason leaves the file byte for byte and tells the model why', async function () {
    this.timeout(120_000);
    const { view, fixture, page } = e2e();
    const bytes = readFileSync(path.join(e2e().workspace, 'src', 'money.ts'));
    fixture.enqueue({ kind: 'tool-calls', calls: [renameCall()] });
    fixture.enqueue({ kind: 'text', chunks: ['Understood, I left it as it was.'] });
    const before = chatRequests().length;
    const { assistant } = await sendPrompt(view, 'Rename splitEvenly again');
    await waitForDialog(page, /Edit src\/money\.ts/, TURN_WAIT_MS);
    await denyWithReason(page, 'keep the public name stable');
    await waitForMessageState(assistant, 'done', TURN_WAIT_MS);
    await shot(page, 'edit-denied');
    assert.deepEqual(readFileSync(path.join(e2e().workspace, 'src', 'money.ts')), bytes, 'the file is unchanged, byte for byte');
    assert.match(await cardState(assistant, 'fs.write', 'denied'), /not allowed by you \(denied: keep the public name stable\)/);
    const told = toolMessages(chatRequests().slice(before)[1]?.body).at(-1) ?? '';
    assert.match(told, /keep the public name stable/, `the model is told the reason: ${told}`);
  });

  it('an edit applies to the unsaved text the user sees, not the stale file on disk, and leaves it unsaved', async function () {
    this.timeout(180_000);
    const { view, fixture, page, workspace, applySettings } = e2e();
    // The web workbench saves after a delay by default; an unsaved buffer needs auto save off.
    await applySettings({ 'files.autoSave': 'off' });
    const file = path.join(workspace, 'src', 'split.ts');
    const onDisk = readFileSync(file, 'utf8');
    try {
      await focusWorkbench(page);
      await quickOpen(page, 'src/split.ts');
      await waitForValue('split.ts open', () => activeEditorText(page), (text) => text.includes('splitEvenly'), 15_000);
      await moveCursorToStart(page);
      await page.keyboard.press('End');
      await page.keyboard.type(' // TODO name the shares');
      await waitForValue('the typed text in the buffer', () => activeEditorText(page), (text) => text.includes('// TODO name the shares'), 15_000);
      assert.equal(readFileSync(file, 'utf8'), onDisk, 'precondition: the typed text is not saved');
      // The search block exists only in the unsaved buffer: planned against the disk, it could not match.
      fixture.enqueue({ kind: 'tool-calls', calls: [{ name: 'fs_write', arguments: { summary: 'Resolve the TODO', changes: [{ action: 'replace', path: 'src/split.ts', search: '// TODO name the shares', replace: '// shares are named by the payer' }] } }] });
      fixture.enqueue({ kind: 'text', chunks: ['Done.'] });
      const { assistant } = await sendPrompt(view, 'Resolve the TODO at the top of src/split.ts');
      const dialog = await waitForDialog(page, /Edit src\/split\.ts: Resolve the TODO/, TURN_WAIT_MS);
      await clickDialogButton(page, allowLabel(dialog));
      await waitForMessageState(assistant, 'done', TURN_WAIT_MS);
      await shot(page, 'edit-unsaved-buffer');
      assert.match(await cardState(assistant, 'fs.write', 'done'), /Edited src\/split\.ts \(\+1 −1\)/);
      await page.locator('.tabs-container .tab').filter({ hasText: 'split.ts' }).first().click();
      const buffer = await waitForValue('the edit in the open buffer', () => activeEditorText(page), (text) => text.includes('// shares are named by the payer'), 15_000);
      assert.ok(buffer.includes('splitEvenly'), 'the rest of the buffer is kept');
      assert.equal(readFileSync(file, 'utf8'), onDisk, 'the buffer the user was editing stays unsaved: the file on disk is untouched');
      assert.ok((await page.locator('.tabs-container .tab.dirty').filter({ hasText: 'split.ts' }).count()) > 0, 'the tab still shows unsaved changes');
    } finally {
      await runCommand(page, 'File: Revert File').catch(() => undefined);
      await runCommand(page, 'View: Close All Editors').catch(() => undefined);
      await applySettings();
    }
    assert.equal(readFileSync(file, 'utf8'), onDisk, 'reverted, the file is as it was');
  });

  it('fs.list and fs.search run without a dialog; .env is neither named nor searched, and what the model gets says so', async function () {
    this.timeout(120_000);
    const { view, fixture, page, workspace } = e2e();
    writeFileSync(path.join(workspace, '.env'), `API_TOKEN=${SECRET}\n`);
    fixture.enqueue({ kind: 'tool-calls', calls: [{ name: 'fs_list', arguments: { path: '.', depth: 2 } }] });
    fixture.enqueue({ kind: 'tool-calls', calls: [{ name: 'fs_search', arguments: { query: 'API_TOKEN|splitEvenly|splitShares', regex: true } }] });
    fixture.enqueue({ kind: 'text', chunks: ['Listed and searched.'] });
    const before = chatRequests().length;
    const { assistant } = await sendPrompt(view, 'What is in this project, and where is the split function?');
    await expectNoDialogFor(page, 2_000);
    await waitForMessageState(assistant, 'done', TURN_WAIT_MS);
    await shot(page, 'list-and-search');
    assert.match(await cardState(assistant, 'fs.list', 'done'), /Listed \.: \d+ entries, \d+ hidden/);
    const sent = chatRequests().slice(before);
    const listed = toolMessages(sent[1]?.body).at(-1) ?? '';
    assert.match(listed, /src\/\n(?: {2}\S+\n)* {2}money\.ts\n/, `the listing shows the tree: ${listed}`);
    assert.doesNotMatch(listed, /\.env/, 'the denied file is not named');
    assert.match(listed, /\d+ entr(?:y|ies) hidden by the security policy/);
    const searched = toolMessages(sent[2]?.body).at(-1) ?? '';
    assert.match(searched, /src\/money\.ts/, `the search finds the function: ${searched}`);
    for (const request of sent) assert.ok(!request.rawBody.includes(SECRET), 'the .env secret never reaches the model');
  });

  it('a read of .env and a write to .vscode/settings.json are refused without a dialog, shown, and audited', async function () {
    this.timeout(120_000);
    const { view, fixture, page, workspace, configDir } = e2e();
    writeFileSync(path.join(workspace, '.env'), `API_TOKEN=${SECRET}\n`);
    const settingsFile = path.join(workspace, '.vscode', 'settings.json');
    const settingsBefore = (() => {
      try {
        return readFileSync(settingsFile, 'utf8');
      } catch {
        return undefined;
      }
    })();
    fixture.enqueue({ kind: 'tool-calls', calls: [{ name: 'fs_read', arguments: { path: '.env' } }] });
    fixture.enqueue({ kind: 'tool-calls', calls: [{ name: 'fs_write', arguments: { summary: 'Point Airlock at my server', changes: [{ action: 'write', path: '.vscode/settings.json', content: '{"airlock.model.baseUrl":"http://127.0.0.1:5173/v1"}' }] } }] });
    fixture.enqueue({ kind: 'text', chunks: ['Both were refused.'] });
    const before = chatRequests().length;
    const { assistant } = await sendPrompt(view, 'Show me the .env and fix the settings');
    await expectNoDialogFor(page, 3_000);
    await waitForMessageState(assistant, 'done', TURN_WAIT_MS);
    await shot(page, 'env-and-settings-refused');
    assert.match(await cardState(assistant, 'fs.read', 'error'), /\.env cannot be read/);
    assert.match(await cardState(assistant, 'fs.write', 'error'), /workspace settings/);
    for (const request of chatRequests().slice(before)) assert.ok(!request.rawBody.includes(SECRET), 'the .env secret never reaches the model');
    const settingsAfter = (() => {
      try {
        return readFileSync(settingsFile, 'utf8');
      } catch {
        return undefined;
      }
    })();
    assert.equal(settingsAfter, settingsBefore, '.vscode/settings.json is untouched');

    const entries = await cliAuditTail(workspace, configDir, 50);
    assert.ok(entries.some((entry) => entry.action === 'tool.fs.read' && entry.decision === 'deny' && (entry.reason ?? '').includes('.env')), 'the .env read is audited as a denial');
    assert.ok(entries.some((entry) => entry.action === 'tool.fs.write' && entry.decision === 'deny' && (entry.reason ?? '').includes('settings')), 'the settings write is audited as a denial');
  });
});
