import assert from 'node:assert/strict';
import { readLines, type InputLine } from '../../../../src/cli/check/readLines';

async function collect(chunks: readonly (string | Uint8Array)[], maxChars = 100): Promise<InputLine[]> {
  const lines: InputLine[] = [];
  for await (const line of readLines(chunks, maxChars)) lines.push(line);
  return lines;
}

describe('readLines (stdin for --jsonl)', () => {
  it('splits on \\n and \\r\\n; a final line without a newline counts; a trailing newline adds none', async () => {
    assert.deepEqual(await collect(['a\r\nb\n', 'c']), [{ text: 'a' }, { text: 'b' }, { text: 'c' }]);
    assert.deepEqual(await collect(['a\n']), [{ text: 'a' }]);
    assert.deepEqual(await collect(['\n\n']), [{ text: '' }, { text: '' }]);
  });

  it('joins a line split across chunks, also inside a multi-byte character', async () => {
    const bytes = new TextEncoder().encode('{"path":"café"}\n');
    assert.deepEqual(await collect([bytes.slice(0, 13), bytes.slice(13)]), [{ text: '{"path":"café"}' }]);
  });

  it('reports an over-long line once, whether it arrives whole or in pieces, and goes on', async () => {
    assert.deepEqual(await collect([`${'x'.repeat(150)}\nok\n`]), [{ tooLong: true }, { text: 'ok' }]);
    assert.deepEqual(await collect(['x'.repeat(80), 'x'.repeat(80), 'x'.repeat(80), '\nok']), [{ tooLong: true }, { text: 'ok' }]);
    assert.deepEqual(await collect(['x'.repeat(80), 'x'.repeat(80)]), [{ tooLong: true }]);
  });
});
