import assert from 'node:assert/strict';
import { MAX_CODE_CHARS, MAX_PROMPT_CHARS, parseWebviewMessage } from '../../../../src/core/protocol/chatProtocol';

describe('core/protocol/chatProtocol: messages from the webview are validated', () => {
  const accepted: unknown[] = [{ type: 'ready' }, { type: 'send', text: 'hello' }, { type: 'stop' }, { type: 'newChat' }, { type: 'checkModel' }, { type: 'openSettings' }, { type: 'copy', text: 'x' }, { type: 'editLast', text: 'again, better' }, { type: 'applyCode', code: 'x', mode: 'insert' }, { type: 'applyCode', code: '', mode: 'file', file: 'src/a.ts' }, { type: 'allowHost', fix: { tool: 'web.fetch', host: 'example.com' } }, { type: 'allowHost', fix: { tool: 'web.fetch', host: 'example.com:8443' } }, { type: 'mention', query: 'src' }, { type: 'attach', kind: 'folder', path: '/ws/src' }, { type: 'attachEditor' }, { type: 'detach', id: 'a1' }, { type: 'openChat', id: '0f8e6f3c-1b2a-4c5d-9e8f-7a6b5c4d3e2f' }, { type: 'pickModel', name: 'qwen2.5-coder:7b' }];
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
    { attack: 'an edit of the last message with no text', message: { type: 'editLast', text: ' ' } },
    { attack: 'oversized code to copy or apply', message: { type: 'applyCode', code: 'a'.repeat(MAX_CODE_CHARS + 1), mode: 'file' } },
    { attack: 'an apply mode the extension does not have', message: { type: 'applyCode', code: 'x', mode: 'shell' } },
    { attack: 'an allow fix with a wildcard that would open every host', message: { type: 'allowHost', fix: { tool: 'web.fetch', host: '*' } } },
    { attack: 'an allow fix smuggling a second host after a space', message: { type: 'allowHost', fix: { tool: 'web.fetch', host: 'a.com evil.com' } } },
    { attack: 'an allow fix for a made-up tool name with a path', message: { type: 'allowHost', fix: { tool: '../policy', host: 'example.com' } } },
    { attack: 'an allow fix with an extra field', message: { type: 'allowHost', fix: { tool: 'web.fetch', host: 'example.com', list: 'block' } } },
    { attack: 'a chat id that climbs out of the storage folder', message: { type: 'openChat', id: '../../.ssh/id_rsa' } },
    { attack: 'a chat id that is a prototype name', message: { type: 'openChat', id: '__proto__' } },
    { attack: 'an attachment kind the extension does not have (a URL to fetch)', message: { type: 'attach', kind: 'url', path: 'https://evil.example' } },
    { attack: 'an oversized attachment path', message: { type: 'attach', kind: 'file', path: 'a'.repeat(4097) } },
    { attack: 'a chip id with a path in it', message: { type: 'detach', id: '../a' } },
    { attack: 'an empty model name', message: { type: 'pickModel', name: '   ' } },
    { attack: 'an oversized @ query (a walk of the whole disk)', message: { type: 'mention', query: 'a'.repeat(201) } },
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
