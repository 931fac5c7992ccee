import assert from 'node:assert/strict';
import { parse } from 'jsonc-parser';
import { setSettingInText } from '../../../../src/core/posture/settingsTextEdit';

const VALUE = [{ serverCommand: ['/usr/bin/node', '/ext/dist/cli.js', 'mcp', 'serve'] }];

const CASES: readonly { name: string; text: string; keeps?: string[] }[] = [
  { name: 'no settings file yet', text: '' },
  { name: 'an empty object', text: '{}' },
  { name: 'comments, a trailing comma and four-space indent are kept', text: '{\n    // mine\n    "editor.tabSize": 4,\n}\n', keeps: ['// mine', '    "editor.tabSize": 4', '    "chat.mcp.allowedServers"'] },
  { name: 'a value already there is replaced', text: '{ "chat.mcp.allowedServers": [{ "serverName": "x" }] }' },
  { name: 'tabs and CRLF line ends are kept', text: '{\r\n\t"a": 1\r\n}\r\n', keeps: ['\t"chat.mcp.allowedServers"', '\r\n'] },
];

const REFUSED: readonly { name: string; text: string }[] = [
  { name: 'a list, not a settings object', text: '[1]' },
  { name: 'a damaged file (an edit could land in the wrong place)', text: '{ "a": ' },
  { name: 'a bare string', text: '"x"' },
];

describe('core/posture/settingsTextEdit: one setting written into a settings.json', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const out = setSettingInText(c.text, 'chat.mcp.allowedServers', VALUE);
      assert.deepEqual((parse(out) as Record<string, unknown>)['chat.mcp.allowedServers'], VALUE);
      for (const kept of c.keeps ?? []) assert.ok(out.includes(kept), `${JSON.stringify(out)} keeps ${JSON.stringify(kept)}`);
    });
  }
  for (const c of REFUSED) it(`refuses ${c.name}`, () => assert.throws(() => setSettingInText(c.text, 'k', 1), /not a valid settings object/));
});
