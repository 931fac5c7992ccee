import assert from 'node:assert/strict';
import { checkNodeSupport } from '../../../src/cli/nodeSupport';

describe('checkNodeSupport', () => {
  const cases: readonly [version: string, required: string, supported: boolean][] = [
    ['v24.21.0', '>=22.19.0', true],
    ['v22.19.0', '>=22.19.0', true],
    ['v22.18.9', '>=22.19.0', false],
    ['v22.20.0', '>=22.19.0', true],
    ['v20.20.2', '>=22.19.0', false],
    ['v23.0.0', '>=22.19.0', true],
    ['v22.19.0-nightly20260101', '>= 22.19.0', true],
    ['not a version', '>=22.19.0', false],
  ];
  for (const [version, required, supported] of cases) {
    it(`${version} against ${required} is ${supported ? '' : 'not '}supported`, () => {
      assert.deepEqual(checkNodeSupport(version, required), { version, required, supported });
    });
  }

  it('understands its own supported range', () => {
    assert.doesNotThrow(() => checkNodeSupport(process.version));
  });

  it('refuses a range form it cannot check rather than guessing', () => {
    assert.throws(() => checkNodeSupport('v24.0.0', '^22 || ^24'), /not of the form/);
  });
});
