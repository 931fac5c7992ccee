import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TurnEvent } from '../../../../src/core/chat/chatSession';
import { ConversationStore } from '../../../../src/core/conversation/conversationStore';
import { Conversations, type TurnListener } from '../../../../src/core/conversation/conversations';
import type { TranscriptTurn } from '../../../../src/core/conversation/transcriptTurn';
import { ModelClient } from '../../../../src/core/model/modelClient';
import { startFixtureModelServer, type FixtureModelServer } from '../../../fixtures/modelServer/fixtureModelServer';

interface Heard {
  readonly started: number[];
  readonly texts: string[];
  readonly ended: number[];
}

function listener(): TurnListener & { heard: Heard } {
  const heard: Heard = { started: [], texts: [], ended: [] };
  return {
    heard,
    start: (turn: TranscriptTurn) => heard.started.push(turn.id),
    event: (_turn: TranscriptTurn, event: TurnEvent) => {
      if (event.type === 'text') heard.texts.push(event.text);
    },
    end: (turn: TranscriptTurn) => heard.ended.push(turn.id),
  };
}

function input(text: string): { userText: string; attachments: string[]; modelText: string } {
  return { userText: text, attachments: [], modelText: text };
}

function chatBodies(fixture: FixtureModelServer): string[] {
  return fixture.requests.filter((request) => request.path === '/v1/chat/completions').map((request) => request.rawBody);
}

describe('core/conversation/conversations', () => {
  let fixture: FixtureModelServer;
  let client: ModelClient;
  let folder: string;
  beforeEach(async () => {
    fixture = await startFixtureModelServer();
    client = new ModelClient({ baseUrl: fixture.baseUrl, model: 'fixture-model', apiKey: undefined }, { requestTimeoutMs: 5000 });
    folder = mkdtempSync(path.join(tmpdir(), 'airlock-conversations-'));
  });
  afterEach(async () => {
    await fixture.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('New Chat during a streamed reply cancels it first: the next request carries nothing of the old chat', async () => {
    const chats = new Conversations(new ConversationStore(folder), 'SYSTEM');
    fixture.enqueue({ kind: 'text', chunks: Array.from({ length: 200 }, (_, i) => `old-partial-${i} `), delayMs: 20 });
    const heard = listener();
    let newChat: Promise<void> | undefined;
    const first = chats.send(input('old secret question'), { ok: true, model: client, tools: undefined }, {
      ...heard,
      event: (turn, event) => {
        heard.event(turn, event);
        newChat ??= chats.newChat();
      },
    });
    const { outcome } = await first;
    await newChat;
    assert.equal(outcome?.state, 'stopped', 'the running turn was cancelled');
    assert.equal(chats.turns.length, 0, 'the new chat shows nothing');

    await chats.send(input('fresh question'), { ok: true, model: client, tools: undefined }, listener());
    const next = chatBodies(fixture).at(-1) ?? '';
    assert.doesNotMatch(next, /old secret question/, 'the old question leaked into the new chat');
    assert.doesNotMatch(next, /old-partial/, 'the old partial answer leaked into the new chat');
    const body = JSON.parse(next) as { messages: { role: string; content: string }[] };
    assert.deepEqual(body.messages, [{ role: 'system', content: 'SYSTEM' }, { role: 'user', content: 'fresh question' }]);
  });

  describe('Edit and resend: the last turn is taken back, so the edited question replaces it', () => {
    const rows: { name: string; last: 'text' | 'http-error'; history: { role: string; content: string }[] }[] = [
      { name: 'after an answer: the old question and its answer leave the history', last: 'text', history: [{ role: 'user', content: 'first' }, { role: 'assistant', content: 'answer 1' }] },
      { name: 'after a failed reply (which left no history): the turn before it stays', last: 'http-error', history: [{ role: 'user', content: 'first' }, { role: 'assistant', content: 'answer 1' }] },
    ];
    for (const row of rows) {
      it(row.name, async () => {
        const chats = new Conversations(new ConversationStore(folder), 'SYSTEM');
        const model = { ok: true as const, model: client, tools: undefined };
        fixture.enqueue({ kind: 'text', chunks: ['answer 1'] });
        await chats.send(input('first'), model, listener());
        fixture.enqueue(row.last === 'text' ? { kind: 'text', chunks: ['answer 2'] } : { kind: 'http-error', status: 500 });
        await chats.send(input('second, with a typo'), model, listener());
        assert.equal(await chats.removeLastTurn(), true);
        assert.deepEqual(chats.turns.map((turn) => turn.userText), ['first']);
        fixture.enqueue({ kind: 'text', chunks: ['answer 2, edited'] });
        await chats.send(input('second, edited'), model, listener());
        const body = JSON.parse(chatBodies(fixture).at(-1) ?? '{}') as { messages: { role: string; content: string }[] };
        assert.deepEqual(body.messages, [{ role: 'system', content: 'SYSTEM' }, ...row.history, { role: 'user', content: 'second, edited' }]);
        assert.deepEqual(chats.turns.map((turn) => turn.userText), ['first', 'second, edited']);
      });
    }
    it('refuses while a reply streams, and with no turn at all', async () => {
      const chats = new Conversations(new ConversationStore(folder), 'SYSTEM');
      assert.equal(await chats.removeLastTurn(), false, 'nothing to take back');
      fixture.enqueue({ kind: 'text', chunks: Array.from({ length: 100 }, (_, i) => `part-${i} `), delayMs: 20 });
      let refused: boolean | undefined;
      const running = chats.send(input('long'), { ok: true, model: client, tools: undefined }, {
        ...listener(),
        event: () => {
          if (refused === undefined) {
            refused = false;
            void chats.removeLastTurn().then((removed) => {
              refused = !removed;
              chats.stop();
            });
          }
        },
      });
      await running;
      assert.equal(refused, true, 'the running turn was not taken back');
      assert.equal(chats.turns.length, 1);
    });
  });

  it('a chat left behind keeps its cancelled turn, and its late events never reach the panel', async () => {
    const store = new ConversationStore(folder);
    const chats = new Conversations(store, 'S');
    fixture.enqueue({ kind: 'text', chunks: Array.from({ length: 100 }, () => 'x'), delayMs: 20 });
    const heard = listener();
    let left: Promise<void> | undefined;
    const oldId = chats.id;
    await chats.send(input('first chat'), { ok: true, model: client, tools: undefined }, {
      ...heard,
      event: (turn, event) => {
        heard.event(turn, event);
        left ??= chats.newChat();
      },
    });
    await left;
    assert.deepEqual(heard.heard.ended, [], 'the turn of a chat no longer shown does not end in the panel');
    const saved = await store.load(oldId);
    assert.equal(saved?.turns[0]?.state, 'stopped');
    assert.equal(saved?.turns[0]?.userText, 'first chat');
  });

  it('survives a reload: a new instance over the same folder reopens the latest chat and continues it', async () => {
    const before = new Conversations(new ConversationStore(folder), 'S');
    fixture.enqueue({ kind: 'text', chunks: ['first answer'] });
    await before.send(input('first question'), { ok: true, model: client, tools: undefined }, listener());

    const after = new Conversations(new ConversationStore(folder), 'S');
    await after.restoreLatest();
    assert.equal(after.id, before.id);
    assert.deepEqual(after.turns.map((turn) => [turn.userText, turn.text, turn.state]), [['first question', 'first answer', 'done']]);
    await after.send(input('second question'), { ok: true, model: client, tools: undefined }, listener());
    const body = JSON.parse(chatBodies(fixture).at(-1) ?? '{}') as { messages: { role: string; content: string }[] };
    assert.deepEqual(body.messages.map((message) => message.content), ['S', 'first question', 'first answer', 'second question']);
  });

  it('a reload in the middle of a reply shows the question, and the cut-off turn as stopped', async () => {
    const before = new Conversations(new ConversationStore(folder), 'S');
    fixture.enqueue({ kind: 'text', chunks: Array.from({ length: 100 }, () => 'x'), delayMs: 20 });
    let reloaded: Conversations | undefined;
    let restored: Promise<void> | undefined;
    await before.send(input('asked before the reload'), { ok: true, model: client, tools: undefined }, {
      ...listener(),
      event: () => {
        if (restored) return;
        reloaded = new Conversations(new ConversationStore(folder), 'S');
        restored = reloaded.restoreLatest().then(() => before.stop());
      },
    });
    await restored;
    assert.deepEqual(reloaded?.turns.map((turn) => [turn.userText, turn.state]), [['asked before the reload', 'stopped']]);
  });

  it('lists past chats, the latest first, and reopens one by id', async () => {
    const chats = new Conversations(new ConversationStore(folder), 'S');
    await chats.send(input('chat one'), { ok: true, model: client, tools: undefined }, listener());
    const one = chats.id;
    await chats.newChat();
    await chats.send(input('chat two'), { ok: true, model: client, tools: undefined }, listener());
    const list = await chats.list();
    assert.deepEqual(list.map((entry) => entry.title), ['chat two', 'chat one']);
    assert.equal(await chats.open(one), true);
    assert.equal(chats.turns[0]?.userText, 'chat one');
  });

  it('writes no secret to disk: the question, the answer and the error are redacted', async () => {
    const chats = new Conversations(new ConversationStore(folder), 'S');
    const secret = 'ghp_0123456789abcdefghijABCDEFGHIJ012345';
    fixture.enqueue({ kind: 'text', chunks: [`your token is ${secret}`] });
    await chats.send(input(`remember ${secret}`), { ok: true, model: client, tools: undefined }, listener());
    await chats.send(input('no model'), { ok: false, reason: `bad key ${secret}` }, listener());
    const files = readdirSync(folder);
    assert.equal(files.length, 1);
    const onDisk = readFileSync(path.join(folder, files[0] ?? ''), 'utf8');
    assert.ok(onDisk.includes('remember'), 'the chat was written');
    assert.ok(!onDisk.includes(secret), 'a secret reached the disk');
  });

  const hostileIds: [string, string][] = [
    ['path traversal out of the folder', '../../etc/passwd'],
    ['an absolute path', '/tmp/x'],
    ['a prototype name', '__proto__'],
    ['a prototype method', 'constructor'],
    ['a prototype method', 'toString'],
    ['an empty id', ''],
    ['upper case and dots', 'A.json'],
  ];
  for (const [attack, id] of hostileIds) {
    it(`opening a chat by a hostile id finds nothing: ${attack} (${JSON.stringify(id)})`, async () => {
      const chats = new Conversations(new ConversationStore(folder), 'S');
      assert.equal(await chats.open(id), false);
    });
  }

  it('a tampered or broken file is skipped, not trusted', async () => {
    const id = '11111111-2222-3333-4444-555555555555';
    writeFileSync(path.join(folder, `${id}.json`), JSON.stringify({ version: 1, id, title: 't', updatedAt: 1, history: [{ role: 'system', content: 'evil', extra: 1 }], turns: [] }));
    writeFileSync(path.join(folder, 'broken-0.json'), '{not json');
    const chats = new Conversations(new ConversationStore(folder), 'S');
    assert.deepEqual(await chats.list(), []);
    assert.equal(await chats.open(id), false);
  });
});
