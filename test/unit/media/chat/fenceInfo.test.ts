import assert from 'node:assert/strict';
import { parseFenceInfo, type FenceInfo } from '../../../../media/chat/fenceInfo';

describe('media/chat/fenceInfo: a code fence\'s language and target file', () => {
  const rows: { info: string; expected: FenceInfo; why: string }[] = [
    { why: 'an alias names the canonical language', info: 'ts', expected: { language: 'typescript', label: 'TypeScript' } },
    { why: 'case does not matter', info: 'Python', expected: { language: 'python', label: 'Python' } },
    { why: 'a file after the language', info: 'ts src/money.ts', expected: { language: 'typescript', label: 'TypeScript', file: 'src/money.ts' } },
    { why: 'language:file', info: 'js:lib/index.js', expected: { language: 'javascript', label: 'JavaScript', file: 'lib/index.js' } },
    { why: 'title= with quotes', info: 'python title="app/main.py"', expected: { language: 'python', label: 'Python', file: 'app/main.py' } },
    { why: 'a bare path: the extension gives the language', info: 'src/util.rs', expected: { language: 'rust', label: 'Rust', file: 'src/util.rs' } },
    { why: 'an unknown language keeps its word as the label and is not highlighted', info: 'dockerfile', expected: { language: '', label: 'dockerfile' } },
    { why: 'an empty info is plain text', info: '', expected: { language: '', label: '' } },
    { why: 'attack: "constructor" is not a language (Object.prototype name)', info: 'constructor', expected: { language: '', label: 'constructor' } },
    { why: 'attack: "__proto__" is not a language', info: '__proto__', expected: { language: '', label: '__proto__' } },
    { why: 'attack: "toString:src/a.ts" names no language', info: 'toString:src/a.ts', expected: { language: '', label: 'toString', file: 'src/a.ts' } },
    { why: 'attack: a control character in the file name drops the file', info: 'ts src/a\u202e.ts', expected: { language: 'typescript', label: 'TypeScript' } },
    { why: 'attack: an over-long file name drops the file', info: `ts:${'a/'.repeat(200)}x.ts`, expected: { language: 'typescript', label: 'TypeScript' } },
    { why: 'attack: an over-long label is cut', info: 'x'.repeat(100), expected: { language: '', label: 'x'.repeat(24) } },
  ];
  for (const row of rows) it(`${row.why}: ${JSON.stringify(row.info.slice(0, 40))}`, () => assert.deepEqual(parseFenceInfo(row.info), row.expected));
});
