import assert from 'node:assert/strict';
import { isWebReadError, WebReadError } from '../../../../src/core/web/webReadError';

/** What the lazily loaded reader chunk throws: the same class, but its own copy of it. */
class ChunkCopyOfWebReadError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'WebReadError';
  }
}

const ROWS: { name: string; value: unknown; expected: boolean }[] = [
  { name: 'an error of this class', value: new WebReadError('WEB_HTTP_STATUS', 'the server answered 404'), expected: true },
  { name: 'an error of the reader chunk\'s copy of the class', value: new ChunkCopyOfWebReadError('WEB_BINARY_CONTENT', 'binary'), expected: true },
  { name: 'a plain error named like one but without a code', value: Object.assign(new Error('x'), { name: 'WebReadError' }), expected: false },
  { name: 'a plain object shaped like one (not an Error)', value: { name: 'WebReadError', code: 'WEB_HTTP_STATUS', message: 'x' }, expected: false },
  { name: 'another error with a code', value: Object.assign(new TypeError('fetch failed'), { code: 'ECONNRESET' }), expected: false },
];

describe('core/web/webReadError', () => {
  for (const row of ROWS) {
    it(`${row.expected ? 'recognises' : 'does not take'} ${row.name}`, () => {
      assert.equal(isWebReadError(row.value), row.expected);
    });
  }
});
