// UI tests of the chat panel's own features in a real VS Code (code-server + Chromium) with the
// scripted fixture model: the empty state's example prompts; a code block highlighted, labelled,
// with Copy/Insert/Apply, whose Apply and Insert go through the edit approval; a message typed while a
// reply streams is queued and sent after it; Esc stops; a blocked web.fetch card offers the
// firewall fix in place; and the same panel in the other default theme (dark or light).
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { FIXTURE_MODEL, FIXTURE_MODEL_MINI } from '../fixtures/modelServer/fixtureModelServer';
import { cliFirewallList } from './harness/airlockCli';
import { messagesOf, readStatus, sendPrompt, waitForMessageState, waitForStatus } from './harness/chatPanel';
import { clickDialogButton, modalDialog, waitForDialog } from './harness/dialogs';
import { e2e } from './harness/rootHooks';
import { stepShots } from './harness/stepShots';
import { waitForValue } from './harness/waitFor';
import { activeEditorText, focusWorkbench, moveCursorToStart, quickOpen, runCommand, startCommand } from './harness/workbench';
import { chatRequests } from './harness/modelRequests';

const TURN_WAIT_MS = 45_000;
const shot = stepShots(90);
const BLOCKED_HOST = 'docs.panel-e2e.example';
// Long enough to act while it streams; nothing asserts how long anything took.
const SLOW_REPLY = { kind: 'text' as const, chunks: Array.from({ length: 40 }, (_, index) => `word${index} `), delayMs: 150 };

/** The last user message of a recorded chat request. */
function lastUserText(body: unknown): string {
  const messages = (body as { messages?: { role?: unknown; content?: unknown }[] } | undefined)?.messages ?? [];
  const content = messages.filter((message) => message.role === 'user').at(-1)?.content;
  return typeof content === 'string' ? content : JSON.stringify(content);
}

function moneyFile(): string {
  return path.join(e2e().workspace, 'src', 'money.ts');
}

function overlayFile(): string {
  return path.join(airlockFolder(), 'policy', 'default.yaml');
}

function airlockFolder(): string {
  return path.join(e2e().workspace, '.airlock');
}

async function pickColorTheme(page: Page, name: string): Promise<void> {
  await focusWorkbench(page);
  await startCommand(page, 'Preferences: Color Theme');
  const input = page.locator('.quick-input-widget input');
  await input.fill(name);
  await page.locator('.quick-input-list .monaco-list-row').filter({ hasText: name }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
}

describe('Airlock chat panel (UI: code-server + Chromium)', () => {
  let moneyBefore: string;
  let overlayExisted: boolean;
  let folderExisted: boolean;

  before(async function () {
    this.timeout(60_000);
    await waitForStatus(e2e().view, 'ready', 45_000);
    moneyBefore = readFileSync(moneyFile(), 'utf8');
    overlayExisted = existsSync(overlayFile());
    folderExisted = existsSync(airlockFolder());
  });

  after(async function () {
    this.timeout(60_000);
    const { page } = e2e();
    if (await modalDialog(page).isVisible()) await page.keyboard.press('Escape');
    writeFileSync(moneyFile(), moneyBefore);
    // The next suites expect the workspace as it was: no overlay, nor its folder, unless there before.
    if (!folderExisted) rmSync(airlockFolder(), { recursive: true, force: true });
    else if (!overlayExisted) rmSync(overlayFile(), { force: true });
    await focusWorkbench(page).catch(() => undefined);
    await runCommand(page, 'Notifications: Clear All Notifications').catch(() => undefined);
    await runCommand(page, 'View: Close All Editors').catch(() => undefined);
  });

  it('an empty chat says what Airlock can do and offers example prompts; clicking one fills the box', async function () {
    this.timeout(60_000);
    const { view, page } = e2e();
    await focusWorkbench(page);
    await runCommand(page, 'Airlock: New Chat');
    const empty = view.locator('#empty-state');
    await empty.waitFor({ state: 'visible' });
    const examples = empty.locator('.example-prompt');
    assert.ok((await examples.count()) >= 2, 'two or more example prompts');
    assert.match((await empty.innerText()) ?? '', /nothing is written until you allow it/i);
    await shot(page, 'panel-empty-state');
    const first = (await examples.first().innerText()).trim();
    await examples.first().click();
    assert.equal(await view.locator('#prompt').inputValue(), first, 'the example is in the message box, not sent');
    assert.equal(await messagesOf(view, 'user').count(), 0, 'nothing was sent');
    await view.locator('#prompt').fill('');
  });

  it('a code block is highlighted, labelled, has Copy/Insert/Apply; Apply asks with the diff and Allow writes the file', async function () {
    this.timeout(120_000);
    const { view, fixture, page } = e2e();
    const proposed = moneyBefore.replace('export function splitEvenly(', 'export function splitShares(');
    assert.notEqual(proposed, moneyBefore, 'precondition: the fixture file has splitEvenly');
    fixture.enqueue({ kind: 'text', chunks: ['Here is the file with the new name:\n\n', '```ts src/money.ts\n', proposed, '```\n', '\n| before | after |\n| --- | --- |\n| splitEvenly | splitShares |\n'] });
    const { assistant } = await sendPrompt(view, 'Show me src/money.ts with splitEvenly renamed');
    await waitForMessageState(assistant, 'done', TURN_WAIT_MS);
    const block = assistant.locator('.code-block').first();
    assert.equal((await block.locator('.code-language').innerText()).trim(), 'TypeScript');
    assert.equal((await block.locator('.code-file').innerText()).trim(), 'src/money.ts');
    await waitForValue('highlighted keywords in the block', () => block.locator('code .hljs-keyword').count(), (count) => count > 0);
    // A narrow sidebar shows the buttons as icons: their accessible names say what they do.
    const buttons = block.locator('.code-actions button');
    assert.equal(await buttons.count(), 3);
    const labels = await Promise.all([0, 1, 2].map((index) => buttons.nth(index).getAttribute('aria-label')));
    assert.match(labels[0] ?? '', /^Copy/);
    assert.match(labels[1] ?? '', /^Insert/);
    assert.match(labels[2] ?? '', /^Write the code to src\/money\.ts/);
    assert.equal(await assistant.locator('.message-body table th').count(), 2, 'the table is rendered');
    await block.locator('.code-header').scrollIntoViewIfNeeded();
    await shot(page, 'panel-code-block');

    await block.locator('button[data-code-action="apply"]').click();
    const dialog = await waitForDialog(page, /Write code to src\/money\.ts \(from the chat\)/, TURN_WAIT_MS);
    assert.match(dialog.detail, /src\/money\.ts \(\+1 −1\)/, `the dialog names the file and the lines: ${dialog.detail}`);
    assert.ok(dialog.buttons.includes('Show Diff'), `Show Diff is offered: ${JSON.stringify(dialog.buttons)}`);
    await shot(page, 'panel-apply-dialog');
    assert.equal(readFileSync(moneyFile(), 'utf8'), moneyBefore, 'nothing is written before the answer');
    await clickDialogButton(page, 'Allow once');
    await waitForValue('the approved text on disk', () => Promise.resolve(readFileSync(moneyFile(), 'utf8')), (text) => text === proposed, 15_000);
    await shot(page, 'panel-apply-done');
  });

  it('Insert puts the code at the cursor of the active editor, after the same approval', async function () {
    this.timeout(120_000);
    const { view, fixture, page } = e2e();
    const before = readFileSync(moneyFile(), 'utf8');
    await focusWorkbench(page);
    await quickOpen(page, 'src/money.ts');
    await waitForValue('money.ts open in the editor', () => activeEditorText(page), (text) => text.includes('export type Cents'), 15_000);
    await moveCursorToStart(page);
    fixture.enqueue({ kind: 'text', chunks: ['Put this at the top:\n\n', '```ts\n', '// Inserted from the chat\n', '```\n'] });
    const { assistant } = await sendPrompt(view, 'Give me a header comment');
    await waitForMessageState(assistant, 'done', TURN_WAIT_MS);
    await assistant.locator('.code-block button[data-code-action="insert"]').click();
    await waitForDialog(page, /Insert code into src\/money\.ts \(from the chat\)/, TURN_WAIT_MS);
    await shot(page, 'panel-insert-dialog');
    await clickDialogButton(page, 'Allow once');
    await waitForValue('the code inserted at the cursor', () => Promise.resolve(readFileSync(moneyFile(), 'utf8')), (text) => text === `// Inserted from the chat\n${before}`, 15_000);
    await runCommand(page, 'View: Close All Editors');
  });

  it('a message typed while a reply streams is shown as queued and sent when the reply ends', async function () {
    this.timeout(120_000);
    const { view, fixture, page } = e2e();
    fixture.enqueue(SLOW_REPLY);
    fixture.enqueue({ kind: 'text', chunks: ['Second answer.'] });
    const before = chatRequests().length;
    const { assistant } = await sendPrompt(view, 'Tell me a long story');
    await waitForValue('the reply to stream', () => assistant.getAttribute('data-state'), (state) => state === 'streaming');
    const prompt = view.locator('#prompt');
    await prompt.fill('And then a second question');
    await prompt.press('Enter');
    const queued = view.locator('.prompt-queue .queued-prompt');
    await queued.first().waitFor({ state: 'visible' });
    assert.match(await queued.first().innerText(), /Queued\s*And then a second question/);
    assert.equal(await prompt.inputValue(), '', 'the box is free for the next message');
    assert.equal(await assistant.getAttribute('data-state'), 'streaming', 'the queued message waited for the reply');
    await shot(page, 'panel-queued-while-streaming');
    await waitForMessageState(assistant, 'done', TURN_WAIT_MS);
    const second = messagesOf(view, 'assistant').last();
    await waitForValue('the queued message to be answered', async () => (await second.innerText()).includes('Second answer.'), Boolean, TURN_WAIT_MS);
    assert.equal(await queued.count(), 0, 'the queue is empty once sent');
    const sent = chatRequests().slice(before);
    assert.equal(sent.length, 2, 'two requests: the story, then the queued message');
    assert.equal(lastUserText(sent[1]?.body), 'And then a second question');
    await shot(page, 'panel-queued-sent');
  });

  it('Edit on the last question puts it back in the box; sent, it replaces the last turn in the panel and in the request', async function () {
    this.timeout(120_000);
    const { view, fixture, page } = e2e();
    fixture.enqueue({ kind: 'text', chunks: ['Paris.'] });
    const { user, assistant } = await sendPrompt(view, 'What is the capitol of France?');
    await waitForMessageState(assistant, 'done', TURN_WAIT_MS);
    await user.locator('[data-message-action="edit"]').click();
    const prompt = view.locator('#prompt');
    assert.equal(await prompt.inputValue(), 'What is the capitol of France?');
    await view.locator('.edit-hint').waitFor({ state: 'visible' });
    await prompt.fill('What is the capital of France?');
    await shot(page, 'panel-edit-last');
    fixture.enqueue({ kind: 'text', chunks: ['Paris, still.'] });
    const before = chatRequests().length;
    await prompt.press('Enter');
    const lastAnswer = messagesOf(view, 'assistant').last();
    await waitForValue('the edited question answered', async () => (await lastAnswer.innerText()).includes('Paris, still.') && (await lastAnswer.getAttribute('data-state')) === 'done', Boolean, TURN_WAIT_MS);
    const questions = await messagesOf(view, 'user').locator('.message-body').allInnerTexts();
    assert.equal(questions.at(-1), 'What is the capital of France?');
    assert.ok(!questions.some((text) => text.includes('capitol')), `the old question is gone from the panel: ${JSON.stringify(questions)}`);
    const sent = chatRequests().slice(before);
    assert.equal(sent.length, 1);
    const body = JSON.stringify(sent[0]?.body);
    assert.ok(body.includes('What is the capital of France?') && !body.includes('capitol') && !body.includes('"Paris."'), 'the request carries the edited question, not the old one or its answer');
    await shot(page, 'panel-edit-last-sent');
  });

  it('Copy puts the reply\'s Markdown on the clipboard; Retry asks again and the new reply takes the last turn\'s place', async function () {
    this.timeout(120_000);
    const { view, fixture, page } = e2e();
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(page.url()).origin });
    const first = 'Use **`splitShares`**: it keeps every cent.';
    fixture.enqueue({ kind: 'text', chunks: [first] });
    const { assistant } = await sendPrompt(view, 'How do I split a bill fairly?');
    await waitForMessageState(assistant, 'done', TURN_WAIT_MS);
    await assistant.locator('[data-message-action="copy"]').click();
    await waitForValue('the clipboard to hold the reply\'s Markdown source', () => page.evaluate<string>('navigator.clipboard.readText()'), (text) => text === first);

    const answers = await messagesOf(view, 'assistant').count();
    fixture.enqueue({ kind: 'text', chunks: ['Call splitShares(total, people).'] });
    const before = chatRequests().length;
    await assistant.locator('[data-message-action="retry"]').click();
    const lastAnswer = messagesOf(view, 'assistant').last();
    await waitForValue('the retried question answered', async () => (await lastAnswer.innerText()).includes('Call splitShares(total, people).') && (await lastAnswer.getAttribute('data-state')) === 'done', Boolean, TURN_WAIT_MS);
    await shot(page, 'panel-retry');
    assert.equal(await messagesOf(view, 'assistant').count(), answers, 'the new reply replaces the old one; none is added');
    assert.ok(!(await view.locator('#messages').innerText()).includes('it keeps every cent'), 'the old reply is gone from the panel');
    const sent = chatRequests().slice(before);
    assert.equal(sent.length, 1);
    assert.equal(lastUserText(sent[0]?.body), 'How do I split a bill fairly?');
    assert.ok(!JSON.stringify(sent[0]?.body).includes('it keeps every cent'), 'nor is the old reply in what the model is sent');
    assert.equal(await view.locator('[data-message-action="retry"]').count(), 1, 'only the last reply offers Retry');
  });

  it('Esc in the message box stops a streaming reply', async function () {
    this.timeout(90_000);
    const { view, fixture, page } = e2e();
    fixture.enqueue(SLOW_REPLY);
    const { assistant } = await sendPrompt(view, 'Another long story, please');
    await waitForValue('the reply to stream', () => assistant.getAttribute('data-state'), (state) => state === 'streaming');
    assert.equal(await view.locator('#stop').isVisible(), true, 'the stop button shows while streaming');
    await shot(page, 'panel-stop-button');
    await view.locator('#prompt').press('Escape');
    const stopped = await waitForMessageState(assistant, 'stopped', TURN_WAIT_MS);
    assert.ok(!stopped.text.includes('word39'), 'the reply did not run to its end');
    assert.equal(await view.locator('#stop').isHidden(), true);
    await shot(page, 'panel-esc-stopped');
  });

  it('a blocked web.fetch card offers "Allow … for web.fetch…": the firewall dialog, then the rule is in airlock firewall list', async function () {
    this.timeout(120_000);
    const { view, fixture, page, workspace, configDir } = e2e();
    fixture.enqueue({ kind: 'tool-calls', calls: [{ name: 'web_fetch', arguments: { url: `https://${BLOCKED_HOST}/guide` } }] });
    fixture.enqueue({ kind: 'text', chunks: ['The firewall blocked that page.'] });
    const { assistant } = await sendPrompt(view, `Read https://${BLOCKED_HOST}/guide`);
    await waitForMessageState(assistant, 'done', TURN_WAIT_MS);
    const card = assistant.locator('.tool-card[data-tool="web.fetch"]');
    assert.equal(await card.getAttribute('data-state'), 'error');
    assert.match(await card.locator('.tool-summary').innerText(), /Blocked by the Airlock firewall/);
    const fix = card.locator('.tool-fix');
    assert.equal((await fix.innerText()).trim(), `Allow ${BLOCKED_HOST} for web.fetch…`);
    await shot(page, 'panel-blocked-card-fix');
    await fix.click();
    const dialog = await waitForDialog(page, `allow ${BLOCKED_HOST} for web.fetch?`, TURN_WAIT_MS);
    assert.ok(dialog.buttons.includes('Allow'), `the firewall's own dialog: ${JSON.stringify(dialog.buttons)}`);
    await shot(page, 'panel-blocked-fix-dialog');
    await clickDialogButton(page, 'Allow');
    await waitForValue('the card to say the host is allowed', () => fix.innerText(), (text) => text.startsWith(`Allowed ${BLOCKED_HOST}`), 15_000);
    const rows = await cliFirewallList(workspace, configDir);
    assert.ok(rows.some((row) => row.tool === 'web.fetch' && row.pattern === BLOCKED_HOST && row.list === 'allow'), `airlock firewall list has the rule: ${JSON.stringify(rows)}`);
    await shot(page, 'panel-blocked-fix-allowed');
  });

  it('the model picker lists the server\'s models; a pick is used for the next request and kept out of the workspace\'s settings', async function () {
    this.timeout(90_000);
    const { view, page, workspace } = e2e();
    const picker = view.locator('#model-picker');
    const settingsFile = path.join(workspace, '.vscode', 'settings.json');
    const settingsBefore = existsSync(settingsFile) ? readFileSync(settingsFile, 'utf8') : undefined;
    await waitForValue('the picker to list both fixture models', () => picker.locator('option').allInnerTexts(), (names) => names.includes(FIXTURE_MODEL) && names.includes(FIXTURE_MODEL_MINI));
    assert.equal(await picker.inputValue(), FIXTURE_MODEL, 'the configured model is selected');
    await picker.selectOption(FIXTURE_MODEL_MINI);
    try {
      await waitForValue('the status line to name the picked model', async () => (await readStatus(view)).text, (text) => text.includes(FIXTURE_MODEL_MINI), 15_000);
      await shot(page, 'panel-model-picked');
      const { assistant } = await sendPrompt(view, 'Which model answers?');
      await waitForMessageState(assistant, 'done', TURN_WAIT_MS);
      assert.equal((chatRequests().at(-1)?.body as { model?: string } | undefined)?.model, FIXTURE_MODEL_MINI, 'the request names the picked model');
      const settingsAfter = existsSync(settingsFile) ? readFileSync(settingsFile, 'utf8') : undefined;
      assert.equal(settingsAfter, settingsBefore, 'the pick is not written into the repository\'s .vscode/settings.json');
    } finally {
      await picker.selectOption(FIXTURE_MODEL);
      await waitForValue('the status line to name the configured model again', async () => (await readStatus(view)).text, (text) => text.includes(FIXTURE_MODEL) && !text.includes(FIXTURE_MODEL_MINI), 15_000);
    }
  });

  it('follows the other default theme too (dark here, as the browser starts light)', async function () {
    this.timeout(90_000);
    const { view, fixture, page } = e2e();
    const startedLight = (await page.locator('.monaco-workbench.vs').count()) > 0;
    const [other, otherClass, back] = startedLight ? ['Dark Modern', 'vscode-dark', 'Light Modern'] : ['Light Modern', 'vscode-light', 'Dark Modern'];
    await pickColorTheme(page, other);
    try {
      fixture.enqueue({ kind: 'text', chunks: ['```python\n', 'def total(items: list[int]) -> int:\n    # the sum\n    return sum(items)\n', '```\n'] });
      const { assistant } = await sendPrompt(view, 'A Python example');
      await waitForMessageState(assistant, 'done', TURN_WAIT_MS);
      await waitForValue('highlighted Python', () => assistant.locator('code .hljs-keyword').count(), (count) => count > 0);
      await waitForValue(`the webview to follow ${other}`, () => view.locator(`body.${otherClass}`).count(), (count) => count === 1);
      await shot(page, `panel-code-block-${otherClass}`);
    } finally {
      await pickColorTheme(page, back);
    }
  });
});
