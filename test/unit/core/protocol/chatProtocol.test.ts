import assert from 'node:assert/strict';
import { MAX_PROMPT_CHARS, parseWebviewMessage } from '../../../../src/core/protocol/chatProtocol';

describe('core/protocol/chatProtocol: messages from the webview are validated', () => {
  const accepted: unknown[] = [{ type: 'ready' }, { type: 'send', text: 'hello' }, { type: 'stop' }, { type: 'newChat' }, { type: 'checkModel' }, { type: 'openSettings' }];
  for (const message of accepted) {
    it(`accepts ${JSON.stringify(message)}`, () => assert.ok(parseWebviewMessage(message).ok));
  }

  const rejected: { attack: string; message: unknown }[] = [
    { attack: 'not an object', message: 'send' },
    { attack: 'null', message: null },
    { attack: 'unknown type (a command the page should not have)', message: { type: 'runCommand', command: 'workbench.action.terminal.new' } },
    { attack: 'extra field smuggled into a known message', message: { type: 'send', text: 'hi', baseUrl: 'http://evil.example' } },
    { attack: 'text of the wrong type', message: { type: 'send', text: { toString: 'x' } } },
    { attack: 'empty text', message: { type: 'send', text: '   ' } },
    { attack: 'oversized text (memory exhaustion)', message: { type: 'send', text: 'a'.repeat(MAX_PROMPT_CHARS + 1) } },
    { attack: 'prototype pollution attempt', message: JSON.parse('{"type":"stop","__proto__":{"polluted":true}}') as unknown },
  ];
  for (const { attack, message } of rejected) {
    it(`rejects ${attack}, with a message that does not echo the payload`, () => {
      const result = parseWebviewMessage(message);
      assert.ok(!result.ok);
      assert.match(result.error, /^Rejected a message from the chat panel/);
      assert.ok(result.error.length < 300);
    });
  }
});
