// UI tests of the Airlock chat view in a real VS Code (code-server) driven by Chromium: the view
// opens on a ready model, a reply streams and renders as markdown without active content, and
// Stop ends a reply. The harness (root hooks) has the view open and the fixture model behind it.
import assert from 'node:assert/strict';
import { FIXTURE_MODEL } from '../fixtures/modelServer/fixtureModelServer';
import { messagesOf, readMessage, readNotice, sendPrompt, waitForMessageState, waitForStatus } from './harness/chatPanel';
import { e2e } from './harness/rootHooks';
import { sleep, waitForValue } from './harness/waitFor';
import { chatRequests } from './harness/modelRequests';

const MARKDOWN_REPLY = [
  'Here is ',
  '**bold**',
  ' text.\n\n',
  '```ts\n',
  'const answer = 42;\n',
  '```\n\n',
  'Not an image: <img src="http://127.0.0.1:1/x.png"> ',
  'and not a script: <script>globalThis.airlockInjected = 1</script>\n\n',
  'end of reply.',
];

describe('Airlock chat view (UI: code-server + Chromium)', () => {
  it('opens on a ready model and shows its URL and name', async () => {
    const { view, fixture, screenshot } = e2e();
    const status = await waitForStatus(view, 'ready', 30_000);
    await screenshot('status-ready');
    assert.ok(status.text.includes(fixture.baseUrl), `#status shows ${fixture.baseUrl}: "${status.text}"`);
    assert.ok(status.text.includes(FIXTURE_MODEL), `#status shows ${FIXTURE_MODEL}: "${status.text}"`);
    assert.equal((await readNotice(view)).visible, false, 'no notice while the model is ready');
    assert.ok(
      fixture.requests.some((request) => request.method === 'GET' && request.path === '/v1/models'),
      'ready comes from a real probe of the fixture (GET /v1/models)',
    );
  });

  it('streams a reply and renders its markdown, but no image or script', async () => {
    const { view, fixture, browserRequests, screenshot } = e2e();
    fixture.enqueue({ kind: 'text', chunks: MARKDOWN_REPLY, delayMs: 300 });
    const chatBefore = chatRequests().length;

    const { user, assistant } = await sendPrompt(view, 'Show me some markdown');
    assert.match((await user.textContent()) ?? '', /Show me some markdown/);
    const partial = await waitForValue(
      'the assistant message streaming with partial text',
      () => readMessage(assistant),
      (seen) => seen.state === 'streaming' && seen.text.trim() !== '' && !seen.text.includes('end of reply'),
    );
    await screenshot('reply-streaming');
    assert.equal(await view.locator('#stop').isVisible(), true, '#stop is shown while streaming');

    const done = await waitForMessageState(assistant, 'done', 20_000);
    await screenshot('reply-done');
    assert.ok(done.text.length > partial.text.length, 'the text grew after the partial read');
    for (const fragment of ['Here is', 'bold', 'const answer = 42;', 'end of reply.']) {
      assert.ok(done.text.includes(fragment), `the reply shows "${fragment}": "${done.text}"`);
    }
    const body = assistant.locator('.message-body');
    assert.equal(await body.locator('strong').first().textContent(), 'bold');
    assert.match((await body.locator('pre code').first().textContent()) ?? '', /const answer = 42;/);
    assert.equal(await body.locator('img').count(), 0, 'the scripted <img> is not an element');
    assert.equal(await body.locator('script').count(), 0, 'the scripted <script> is not an element');
    const injected = await view.locator('body').evaluate(() => (globalThis as unknown as Record<string, unknown>).airlockInjected);
    assert.equal(injected, undefined, 'the scripted script did not run');
    assert.deepEqual(
      browserRequests.filter((url) => url.startsWith('http://127.0.0.1:1/')),
      [],
      'the scripted image was not fetched',
    );
    assert.equal(await view.locator('#stop').isHidden(), true, '#stop is hidden once the reply is done');

    const sent = chatRequests().slice(chatBefore);
    assert.equal(sent.length, 1, 'one chat request reached the model');
    assert.deepEqual(requestSummary(sent[0]?.body), { model: FIXTURE_MODEL, stream: true, lastMessage: { role: 'user', content: 'Show me some markdown' } });
  });

  it('stops a streaming reply and stays usable', async () => {
    const { view, fixture, screenshot } = e2e();
    fixture.enqueue({ kind: 'text', chunks: Array.from({ length: 60 }, (_, index) => `word${index} `), delayMs: 250 });
    const { assistant } = await sendPrompt(view, 'Tell me a long story');
    await waitForValue('a few streamed words', () => readMessage(assistant), (seen) => seen.state === 'streaming' && seen.text.includes('word2'));
    const stop = view.locator('#stop');
    assert.equal(await stop.isVisible(), true, '#stop is shown while streaming');
    await screenshot('long-reply-streaming');

    await stop.click();
    const stopped = await waitForMessageState(assistant, 'stopped', 10_000);
    await screenshot('long-reply-stopped');
    assert.ok(!stopped.text.includes('word59'), 'stopped before the end');
    await sleep(1_000);
    const later = await readMessage(assistant);
    assert.equal(later.text, stopped.text, 'the text does not grow after Stop');
    assert.equal(later.state, 'stopped');
    assert.equal(await stop.isHidden(), true, '#stop is hidden after Stop');

    const next = await sendPrompt(view, 'are you still there');
    const answered = await waitForMessageState(next.assistant, 'done', 15_000);
    await screenshot('answer-after-stop');
    assert.equal(answered.text.trim(), 'Echo: are you still there');
    assert.equal(await messagesOf(view, 'assistant').count(), await messagesOf(view, 'user').count(), 'one answer per prompt');
  });
});

/** The parts of a recorded chat request the tests check. */
function requestSummary(body: unknown): { model: unknown; stream: unknown; lastMessage: unknown } {
  const record = (body ?? {}) as Record<string, unknown>;
  const messages = Array.isArray(record.messages) ? (record.messages as unknown[]) : [];
  return { model: record.model, stream: record.stream, lastMessage: messages.at(-1) };
}
