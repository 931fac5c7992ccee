// UI tests of shell.run in a real VS Code (code-server + Chromium) with the scripted fixture
// model: the agent asks to run the sample workspace's tests; the modal dialog shows the exact
// command line, the folder and the sandbox; on Allow the tests run in bubblewrap, their output
// streams into the tool card, and the model gets the output and the exit code. A command that
// reads the .env the policy denies runs after approval and shows nothing of it, to the card or
// to the model.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Locator } from 'playwright-core';
import { sendPrompt, waitForMessageState, waitForStatus } from './harness/chatPanel';
import { allowLabel, clickDialogButton, modalDialog, waitForDialog } from './harness/dialogs';
import { chatRequests, toolMessages } from './harness/modelRequests';
import { e2e } from './harness/rootHooks';
import { stepShots } from './harness/stepShots';
import { waitForValue } from './harness/waitFor';

const TURN_WAIT_MS = 90_000;
const shot = stepShots(140);
const SECRET = 'sk-e2e-shell-never-leaves-0123456789';

function card(assistant: Locator): Locator {
  return assistant.locator('.tool-card[data-tool="shell.run"]').last();
}

describe('Airlock shell.run (UI: code-server + Chromium)', () => {
  before(async function () {
    this.timeout(60_000);
    await waitForStatus(e2e().view, 'ready', 45_000);
  });

  after(async function () {
    this.timeout(30_000);
    const { page } = e2e();
    if (await modalDialog(page).isVisible()) await page.keyboard.press('Escape');
  });

  it('asks with the exact command and folder, runs the sample tests in the sandbox on Allow, and streams the output into the card', async function () {
    this.timeout(240_000);
    const { view, fixture, page } = e2e();
    fixture.enqueue({ kind: 'tool-calls', calls: [{ name: 'shell_run', arguments: { command: 'npm test' } }] });
    fixture.enqueue({ kind: 'text', chunks: ['The tests pass.'] });
    const before = chatRequests().length;
    const { assistant } = await sendPrompt(view, 'Run the tests');

    const dialog = await waitForDialog(page, /Run: npm test/, TURN_WAIT_MS);
    await shot(page, 'shell-dialog');
    assert.match(dialog.detail, /Command line:\s+npm test\s+In: \.\s+In the sandbox \(bubblewrap [\d.]+\)/, dialog.detail);
    await clickDialogButton(page, allowLabel(dialog));

    await waitForMessageState(assistant, 'done', TURN_WAIT_MS);
    await waitForValue('the card to show the test output', async () => (await card(assistant).locator('.tool-output').textContent().catch(() => '')) ?? '', (text) => /fail 0/.test(text), 15_000);
    await shot(page, 'shell-output');
    assert.match((await card(assistant).locator('.tool-output').textContent()) ?? '', /pass [1-9]/, 'the sample tests ran and passed');
    assert.equal(await card(assistant).getAttribute('data-state'), 'done');
    assert.match((await card(assistant).locator('.tool-summary').textContent()) ?? '', /Ran npm test: exit code 0 · allowed by you/);

    const sent = chatRequests().slice(before);
    const told = toolMessages(sent.at(-1)?.body).at(-1) ?? '';
    assert.match(told, /\$ npm test/, 'the model gets the command');
    assert.match(told, /pass [1-9]/, 'and its output');
    assert.match(told, /\[exit code 0\]/, 'and how it ended');
  });

  it('a command that reads the denied .env shows nothing of it, to the card or to the model', async function () {
    this.timeout(240_000);
    const { view, fixture, page, workspace } = e2e();
    writeFileSync(path.join(workspace, '.env'), `API_TOKEN=${SECRET}\n`);
    fixture.enqueue({ kind: 'tool-calls', calls: [{ name: 'shell_run', arguments: { command: 'cat .env; grep -r API_TOKEN . ; echo finished' } }] });
    fixture.enqueue({ kind: 'text', chunks: ['Nothing there.'] });
    const before = chatRequests().length;
    const { assistant } = await sendPrompt(view, 'Show me the environment file');
    const dialog = await waitForDialog(page, /Run: cat \.env/, TURN_WAIT_MS);
    assert.match(dialog.detail, /Why this asks: no commands\.allow rule matches "cat \.env"/, dialog.detail);
    await clickDialogButton(page, allowLabel(dialog));
    await waitForMessageState(assistant, 'done', TURN_WAIT_MS);
    await waitForValue('the card to show the command ended', async () => (await card(assistant).locator('.tool-output').textContent().catch(() => '')) ?? '', (text) => /finished/.test(text), 15_000);
    await shot(page, 'shell-env-hidden');
    assert.doesNotMatch((await card(assistant).textContent()) ?? '', new RegExp(SECRET), 'the card shows nothing of .env');
    for (const request of chatRequests().slice(before)) assert.ok(!request.rawBody.includes(SECRET), 'the .env secret never reaches the model');
  });
});
