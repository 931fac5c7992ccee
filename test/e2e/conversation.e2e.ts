// UI tests of the conversation in a real VS Code (code-server + Chromium) with the scripted
// fixture model: `@src/` attaches a folder whose `.env` never reaches the model (the fixture's
// request log is the proof) and the panel says it was left out; New Chat during a streamed reply
// cancels it, and the next request carries nothing of the old chat; Add Selection to Chat makes
// a chip whose lines reach the model; a model that refuses tools is named in the panel and still
// answers; a reloaded window shows the conversation again and the list of past chats.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { messagesOf, sendPrompt, waitForMessageState, waitForStatus } from './harness/chatPanel';
import { openAirlockView } from './harness/e2eHarness';
import { e2e } from './harness/rootHooks';
import { stepShots } from './harness/stepShots';
import { waitForValue } from './harness/waitFor';
import { activeEditorText, focusWorkbench, quickOpen, runCommand } from './harness/workbench';

const TURN_WAIT_MS = 45_000;
const shot = stepShots(100);
const ENV_SECRET = 'sk-e2e-dotenv-never-reaches-the-model-42';

function chatBodies(): string[] {
  return e2e().fixture.requests.filter((request) => request.method === 'POST' && request.path === '/v1/chat/completions').map((request) => request.rawBody);
}

async function waitForRequests(count: number): Promise<string[]> {
  return waitForValue(`${count} chat requests at the fixture`, () => Promise.resolve(chatBodies()), (bodies) => bodies.length >= count, TURN_WAIT_MS);
}

/** After a reload the chat view may already be open; clicking its icon again would close it. */
async function chatViewAfterReload(page: Page): Promise<FrameLocator> {
  await page.locator('.monaco-workbench').waitFor({ timeout: 90_000 });
  const frames = page.locator('iframe.webview.ready');
  const open = await waitForValue('the chat webview after the reload', async () => {
    const count = await frames.count();
    for (let i = 0; i < count; i += 1) {
      const inner = frames.nth(i).contentFrame().locator('#active-frame').contentFrame();
      if ((await inner.locator('#prompt').count()) > 0) return inner;
    }
    return undefined;
  }, (found) => found !== undefined, 45_000).catch(() => undefined);
  return open ?? openAirlockView(page);
}

describe('Airlock conversation (UI: code-server + Chromium)', () => {
  before(async function () {
    this.timeout(60_000);
    const { view, page } = e2e();
    await waitForStatus(view, 'ready', 45_000);
    // These tests start their own chat: the files before them leave theirs in the window.
    await focusWorkbench(page);
    await runCommand(page, 'Airlock: New Chat');
    await waitForValue('an empty chat', () => messagesOf(view, 'user').count(), (count) => count === 0, 15_000);
  });

  it('@src/ attaches the folder; its .env never reaches the model and the panel says it was left out', async function () {
    this.timeout(120_000);
    const { view, page, workspace } = e2e();
    writeFileSync(path.join(workspace, 'src', '.env'), `OPENAI_API_KEY=${ENV_SECRET}\n`);
    const prompt = view.locator('#prompt');
    await prompt.fill('@src');
    const first = view.locator('#mentions .mention').first();
    await first.waitFor({ timeout: 15_000 });
    const offered = await view.locator('#mentions .mention').allTextContents();
    assert.ok(offered.every((label) => !label.includes('.env')), `the completion offers a denied file: ${JSON.stringify(offered)}`);
    assert.equal((await first.textContent())?.trim(), 'src/');
    await prompt.press('Enter');
    const chip = view.locator('#chips .chip[data-kind="folder"]');
    await chip.waitFor({ timeout: 15_000 });
    assert.equal((await chip.textContent())?.trim(), 'src/');
    assert.equal(await prompt.inputValue(), '', 'the @ text became the chip');

    const before = chatBodies().length;
    e2e().fixture.enqueue({ kind: 'text', chunks: ['They split shared expenses.'] });
    const { user, assistant } = await sendPrompt(view, 'What do these files do?');
    await waitForMessageState(assistant, 'done', TURN_WAIT_MS);
    const note = user.locator('.turn-note[data-kind="warning"]');
    await note.waitFor({ timeout: 15_000 });
    await user.scrollIntoViewIfNeeded();
    await shot(page, 'attached-folder-env-left-out');
    assert.match((await note.textContent()) ?? '', /Left out by the security policy.*src\/\.env/);
    assert.match((await user.locator('.message-attachments').textContent()) ?? '', /src\//);

    const sent = (await waitForRequests(before + 1)).at(-1) ?? '';
    assert.match(sent, /splitEvenly/, 'the attached folder\'s files reached the model');
    assert.match(sent, /UNTRUSTED_/, 'as data, through the content guard');
    assert.ok(!sent.includes(ENV_SECRET), 'the .env\'s secret reached the fixture');
    assert.ok(!sent.includes('.env'), 'not even the .env\'s name reached the fixture');
    assert.equal(await view.locator('#chips .chip[data-kind="folder"]').count(), 0, 'the chips were sent with the message');
  });

  it('New Chat during a streamed reply cancels it; the next request carries nothing of the old chat', async function () {
    this.timeout(120_000);
    const { view, page, fixture } = e2e();
    fixture.enqueue({ kind: 'text', chunks: Array.from({ length: 300 }, (_, i) => `old-partial-${i} `), delayMs: 100 });
    const { assistant } = await sendPrompt(view, 'OLD-CHAT-QUESTION about money');
    await waitForValue('the old reply to stream', async () => (await assistant.locator('.message-body').textContent()) ?? '', (text) => text.includes('old-partial-3'), TURN_WAIT_MS);
    await runCommand(page, 'Airlock: New Chat');
    await waitForValue('the panel to be empty', () => messagesOf(view, 'user').count(), (count) => count === 0, 15_000);

    const before = chatBodies().length;
    const fresh = await sendPrompt(view, 'FRESH-QUESTION');
    await waitForMessageState(fresh.assistant, 'done', TURN_WAIT_MS);
    await shot(page, 'new-chat-after-streamed-reply');
    const sent = (await waitForRequests(before + 1)).at(-1) ?? '';
    assert.match(sent, /FRESH-QUESTION/);
    assert.ok(!sent.includes('OLD-CHAT-QUESTION'), 'the old question leaked into the new chat');
    assert.ok(!sent.includes('old-partial'), 'the old partial answer leaked into the new chat');
    assert.equal(await messagesOf(view, 'user').count(), 1);
  });

  it('Add Selection to Chat attaches the selected lines as a chip; they reach the model as file data', async function () {
    this.timeout(120_000);
    const { view, page, fixture } = e2e();
    await quickOpen(page, 'src/money.ts');
    await waitForValue('money.ts open', () => activeEditorText(page), (text) => text.includes('splitEvenly'), 15_000);
    await page.locator('.monaco-editor.focused .view-lines').click();
    await page.keyboard.press('Control+A');
    await runCommand(page, 'Airlock: Add Selection to Chat');
    const chip = view.locator('#chips .chip[data-kind="selection"]');
    await chip.waitFor({ timeout: 15_000 });
    assert.match((await chip.textContent()) ?? '', /^src\/money\.ts:1-\d+$/);
    await shot(page, 'selection-chip');

    const before = chatBodies().length;
    fixture.enqueue({ kind: 'text', chunks: ['It splits amounts in cents.'] });
    const { assistant } = await sendPrompt(view, 'Explain the selection');
    await waitForMessageState(assistant, 'done', TURN_WAIT_MS);
    const sent = (await waitForRequests(before + 1)).at(-1) ?? '';
    assert.match(sent, /selected by the user/);
    assert.match(sent, /splitEvenly/);
    await runCommand(page, 'View: Close All Editors');
  });

  it('a model without tool calling: the panel says so, and the turn is answered without tools', async function () {
    this.timeout(120_000);
    const { view, page, fixture } = e2e();
    fixture.enqueue({ kind: 'http-error', status: 400, body: { error: { message: 'registry.ollama.ai/library/fixture-model does not support tools', type: 'api_error' } } });
    fixture.enqueue({ kind: 'text', chunks: ['A plain answer.'] });
    const before = chatBodies().length;
    const { user, assistant } = await sendPrompt(view, 'Hello from a model without tools');
    const reply = await waitForMessageState(assistant, 'done', TURN_WAIT_MS);
    assert.match(reply.text, /A plain answer\./);
    const note = user.locator('.turn-note[data-kind="warning"]');
    await note.waitFor({ timeout: 15_000 });
    assert.match((await note.textContent()) ?? '', /cannot call tools/);
    await shot(page, 'model-without-tools');
    const sent = (await waitForRequests(before + 2)).slice(before).map((body) => JSON.parse(body) as { tools?: unknown[] });
    assert.deepEqual(sent.map((body) => (body.tools?.length ?? 0) > 0), [true, false], 'offered tools once, then asked again without them');
  });

  it('a reloaded window shows the conversation again, and the past chats', async function () {
    this.timeout(180_000);
    const { view, page, fixture } = e2e();
    fixture.enqueue({ kind: 'text', chunks: ['Noted: ', 'the ledger rounds half up.'] });
    const { assistant } = await sendPrompt(view, 'REMEMBER-ME across a reload');
    await waitForMessageState(assistant, 'done', TURN_WAIT_MS);

    await page.reload();
    const reloaded = await chatViewAfterReload(page);
    e2e().view = reloaded;
    await waitForStatus(reloaded, 'ready', 45_000);
    // The chat New Chat started (its first question FRESH-QUESTION) is the one that comes back.
    const users = messagesOf(reloaded, 'user');
    await waitForValue('the conversation after the reload', async () => (await users.allTextContents()).join(' | '), (text) => text.includes('FRESH-QUESTION') && text.includes('REMEMBER-ME'), 30_000);
    const answer = await waitForMessageState(messagesOf(reloaded, 'assistant').last(), 'done');
    assert.match(answer.text, /the ledger rounds half up/);

    await reloaded.locator('#history-toggle').click();
    const items = reloaded.locator('#history .history-item');
    await items.first().waitFor({ timeout: 15_000 });
    await shot(page, 'reloaded-conversation-and-past-chats');
    const titles = await reloaded.locator('#history .history-title').allTextContents();
    // The chat New Chat left began with the first test's question; OLD-CHAT-QUESTION came later in it.
    assert.ok(titles.includes('What do these files do?'), `the chat left by New Chat is listed: ${JSON.stringify(titles)}`);
    assert.equal(titles[0], 'FRESH-QUESTION', 'the latest chat first, named by its first question');

    await reloaded.locator('#history .history-item', { hasText: 'What do these files do?' }).click();
    await waitForValue('the old chat reopened', async () => (await messagesOf(reloaded, 'user').allTextContents()).join(' | '), (text) => text.includes('OLD-CHAT-QUESTION'), 15_000);
    assert.equal(await messagesOf(reloaded, 'assistant').last().getAttribute('data-state'), 'stopped', 'the cancelled reply was kept in its own chat, as stopped');
  });
});
