// UI tests of what the chat view shows when the model is missing, refused or misbehaving, and
// that the panel stays usable afterwards. Settings are changed by rewriting the user settings
// file (applied through the settings editor, see harness/workbench.ts); each test restores the
// suite's settings after itself.
import assert from 'node:assert/strict';
import type { FrameLocator, Locator } from 'playwright-core';
import { freeLoopbackPort } from '../../scripts/lib/codeServer';
import type { ScriptedReply } from '../fixtures/modelServer/fixtureModelServer';
import { readMessage, readNotice, sendPrompt, waitForMessageState, waitForStatus } from './harness/chatPanel';
import { REQUEST_TIMEOUT_SECONDS } from './harness/e2eHarness';
import { submitInput, toastWith, waitForQuickInput } from './harness/dialogs';
import { chatRequests } from './harness/modelRequests';
import { e2e } from './harness/rootHooks';
import { waitForValue } from './harness/waitFor';
import { focusWorkbench, runCommand, startCommand } from './harness/workbench';

const SETTINGS_CHANGE_MS = 30_000;

interface BadReply {
  name: string;
  reply: ScriptedReply;
  /** What the error on the message must say happened. */
  says: RegExp;
  /** The earliest the error may show: a hang is reported only once the first-token timeout passed. */
  notBeforeMs: number;
  waitMs: number;
}

const BAD_REPLIES: BadReply[] = [
  { name: 'garbage', reply: { kind: 'garbage' }, says: /malformed|not (valid |OpenAI-compatible )?JSON|could not (be )?pars/i, notBeforeMs: 0, waitMs: 15_000 },
  {
    name: 'close-mid-stream',
    reply: { kind: 'close-mid-stream', chunks: ['Partial ', 'answer '] },
    says: /interrupted|closed the connection|connection (was )?(closed|lost|reset)|cut off|ended early/i,
    notBeforeMs: 0,
    waitMs: 15_000,
  },
  {
    name: 'hang',
    reply: { kind: 'hang' },
    says: /did not (answer|respond)|timed out|no (answer|response)/i,
    notBeforeMs: (REQUEST_TIMEOUT_SECONDS - 0.5) * 1000,
    waitMs: REQUEST_TIMEOUT_SECONDS * 1000 + 12_000,
  },
];

/** The sending error, on the assistant message — or, if the product adds none, in an error notice. */
async function waitForSendFailure(view: FrameLocator, assistant: Locator, timeoutMs: number): Promise<string> {
  const failure = await waitForValue(
    'an error on the assistant message (data-state="error" with .message-error) or an error #notice',
    async () => {
      if ((await assistant.count()) > 0) {
        const message = await readMessage(assistant);
        return { where: 'message', state: message.state, text: message.error };
      }
      const notice = await readNotice(view);
      return { where: 'notice', state: notice.visible ? notice.kind : 'hidden', text: notice.text.trim() };
    },
    (seen) => seen.state === 'error' && seen.text !== '',
    timeoutMs,
  );
  return failure.text;
}

/** Proves the panel works: a prompt gets the fixture's echo. */
async function assertAnswers(view: FrameLocator, text: string): Promise<void> {
  const { assistant } = await sendPrompt(view, text);
  const answered = await waitForMessageState(assistant, 'done', 15_000);
  assert.equal(answered.text.trim(), `Echo: ${text}`);
}

describe('Airlock chat view with a missing, refused or broken model (UI)', () => {
  afterEach(async function () {
    this.timeout(SETTINGS_CHANGE_MS + 5_000);
    const { view, applySettings } = e2e();
    await applySettings();
    await waitForStatus(view, 'ready', SETTINGS_CHANGE_MS);
  });

  it('reports an unreachable model, fails a send clearly, and recovers', async () => {
    const { view, applySettings, screenshot } = e2e();
    const closedPort = await freeLoopbackPort();
    await applySettings({ 'airlock.model.baseUrl': `http://127.0.0.1:${closedPort}/v1` });

    const status = await waitForStatus(view, 'unreachable', SETTINGS_CHANGE_MS);
    const notice = await waitForValue('#notice to show', () => readNotice(view), (seen) => seen.visible);
    await screenshot('model-unreachable');
    assert.ok(status.text.includes(`127.0.0.1:${closedPort}`), `#status shows the closed endpoint: "${status.text}"`);
    assert.equal(notice.kind, 'unreachable');
    assert.match(notice.text, /ollama serve/);

    const { assistant } = await sendPrompt(view, 'is anyone there?');
    const error = await waitForSendFailure(view, assistant, 20_000);
    await screenshot('send-while-unreachable');
    assert.ok(error.includes(`127.0.0.1:${closedPort}`), `the error says which endpoint failed: "${error}"`);
    assert.equal(await view.locator('#stop').isHidden(), true, '#stop is hidden after the failed send');
    assert.equal(await view.locator('#prompt').isEditable(), true, '#prompt is still usable');

    await applySettings();
    await waitForStatus(view, 'ready', SETTINGS_CHANGE_MS);
    assert.equal((await readNotice(view)).visible, false, 'the notice goes away once the model is back');
    await assertAnswers(view, 'back again');
    await screenshot('model-back');
  });

  it('refuses a non-loopback endpoint without contacting it', async () => {
    const { view, fixture, browserRequests, applySettings, screenshot } = e2e();
    const chatBefore = fixture.requests.length;
    await applySettings({ 'airlock.model.baseUrl': 'https://api.openai.com/v1' });

    await waitForStatus(view, 'refused', SETTINGS_CHANGE_MS);
    const notice = await waitForValue('#notice to show', () => readNotice(view), (seen) => seen.visible);
    await screenshot('endpoint-refused');
    assert.equal(notice.kind, 'refused');
    assert.match(notice.text, /loopback/i);
    assert.deepEqual(
      browserRequests.filter((url) => url.includes('api.openai.com')),
      [],
      'the browser contacted nothing there',
    );
    assert.equal(fixture.requests.length, chatBefore, 'the refused endpoint did not fall back to another');
  });

  it('Clear Model API Key says when there is none; a key set from the palette goes to the model as a bearer token until cleared', async () => {
    const { page, view, screenshot } = e2e();
    const key = 'sk-e2e-palette-key-0123456789';
    const toast = (text: string) => toastWith(page, text).first();
    await focusWorkbench(page);
    await runCommand(page, 'Airlock: Clear Model API Key');
    await toast('no model API key was stored; nothing to remove').waitFor();
    await screenshot('api-key-none-to-clear');

    await focusWorkbench(page);
    await startCommand(page, 'Airlock: Set Model API Key…');
    await waitForQuickInput(page, /Model API Key/);
    assert.equal(await page.locator('.quick-input-widget input').getAttribute('type'), 'password', 'the key is typed into a password box');
    await submitInput(page, key);
    await toast('model API key saved to secret storage').waitFor();
    await waitForStatus(view, 'ready', SETTINGS_CHANGE_MS);
    await assertAnswers(view, 'with a key');
    assert.equal(chatRequests().at(-1)?.headers.authorization, `Bearer ${key}`, 'the stored key is sent to the model');

    await focusWorkbench(page);
    await runCommand(page, 'Airlock: Clear Model API Key');
    await toast('model API key removed').waitFor();
    await waitForStatus(view, 'ready', SETTINGS_CHANGE_MS);
    await assertAnswers(view, 'without a key');
    const after = chatRequests().at(-1)?.headers.authorization ?? '';
    assert.ok(!after.includes(key), `a cleared key is no longer sent: "${after}"`);
    await screenshot('api-key-cleared');
  });

  for (const { name, reply, says, notBeforeMs, waitMs } of BAD_REPLIES) {
    it(`reports a ${name} reply on the message and stays usable`, async () => {
      const { view, fixture, screenshot } = e2e();
      fixture.enqueue(reply);
      const started = Date.now();
      const { assistant } = await sendPrompt(view, `trigger ${name}`);
      const failed = await waitForMessageState(assistant, 'error', waitMs);
      const elapsedMs = Date.now() - started;
      await screenshot(`${name}-reported`);
      assert.match(failed.error, says, `.message-error says what happened: "${failed.error}"`);
      assert.ok(elapsedMs >= notBeforeMs, `reported after ${elapsedMs} ms, not before ${notBeforeMs} ms`);
      assert.equal(await view.locator('#stop').isHidden(), true, '#stop is hidden after the error');
      await assertAnswers(view, `still there after ${name}?`);
      await screenshot(`${name}-then-usable`);
    });
  }
});
