import assert from 'node:assert/strict';
import { ChatSession, type TurnEvent } from '../../../../src/core/chat/chatSession';
import { refusesTools } from '../../../../src/core/chat/toolSupport';
import type { ModelClient } from '../../../../src/core/model/modelClient';
import { ModelFailureError } from '../../../../src/core/model/modelFailure';
import type { FixtureModelServer } from '../../../fixtures/modelServer/fixtureModelServer';
import { echoTool, lowRiskRunner, startFixtureModel } from './chatTestParts';

const OLLAMA_REFUSAL = { error: { message: 'registry.ollama.ai/library/gemma:2b does not support tools', type: 'api_error' } };


describe('core/chat/toolSupport', () => {
  const rows: [string, unknown, boolean][] = [
    ['Ollama\'s refusal of tools', new ModelFailureError({ kind: 'http', message: 'The model server at x answered HTTP 400: 400 registry.ollama.ai/library/gemma:2b does not support tools' }), true],
    ['another server\'s wording', new ModelFailureError({ kind: 'http', message: 'The model server at x answered HTTP 400: tools are not supported' }), true],
    ['a 400 about something else', new ModelFailureError({ kind: 'http', message: 'The model server at x answered HTTP 400: context length exceeded' }), false],
    ['the words in a 500 (not a refusal of the request)', new ModelFailureError({ kind: 'http', message: 'The model server at x answered HTTP 500: does not support tools' }), false],
    ['the words in streamed text, not an HTTP error', new ModelFailureError({ kind: 'malformed', message: 'does not support tools' }), false],
    ['a plain Error', new Error('HTTP 400 does not support tools'), false],
  ];
  for (const [name, error, expected] of rows) {
    it(`${expected ? 'detects' : 'ignores'} ${name}`, () => assert.equal(refusesTools(error), expected));
  }
});

describe('core/chat/chatSession: a model without tool calling, against the fixture model', () => {
  let fixture: FixtureModelServer;
  let client: ModelClient;
  beforeEach(async () => {
    ({ fixture, client } = await startFixtureModel());
  });
  afterEach(() => fixture.close());

  it('says so once and keeps plain chat working: the turn is asked again without tools, and so is the next', async () => {
    fixture.enqueue({ kind: 'http-error', status: 400, body: OLLAMA_REFUSAL });
    fixture.enqueue({ kind: 'text', chunks: ['plain answer'] });
    const events: TurnEvent[] = [];
    const session = new ChatSession('S');
    const first = await session.send(client, 'hello', new AbortController().signal, (event) => events.push(event), lowRiskRunner(echoTool()));
    assert.deepEqual(first, { state: 'done', text: 'plain answer' });
    assert.equal(events.filter((event) => event.type === 'toolsUnsupported').length, 1);
    await session.send(client, 'again', new AbortController().signal, () => undefined, lowRiskRunner(echoTool()));
    const bodies = fixture.requests.filter((request) => request.path === '/v1/chat/completions').map((request) => request.body as { tools?: unknown[] });
    assert.deepEqual(bodies.map((body) => Array.isArray(body.tools) && body.tools.length > 0), [true, false, false], 'tools offered once, then never again in this chat');
  });

  it('another HTTP 400 is an error, not retried', async () => {
    fixture.enqueue({ kind: 'http-error', status: 400, body: { error: { message: 'bad request', type: 'invalid_request_error' } } });
    const outcome = await new ChatSession('S').send(client, 'hello', new AbortController().signal, () => undefined, lowRiskRunner(echoTool()));
    assert.equal(outcome.state, 'error');
    assert.equal(fixture.requests.filter((request) => request.path === '/v1/chat/completions').length, 1);
  });
});
