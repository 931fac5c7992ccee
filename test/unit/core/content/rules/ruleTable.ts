import assert from 'node:assert/strict';
import { scanContent } from '../../../../../src/core/content';

export interface Row {
  /** The attack, or the innocent text that looks like one. */
  readonly name: string;
  readonly text: string;
  /** The rule expected among the flags. */
  readonly rule?: string;
}

/** One `it` per row: each attack flags (with its rule, when named), each near miss is allowed. */
export function describeRuleTable(title: string, positive: readonly Row[], nearMiss: readonly Row[]): void {
  describe(title, function () {
    // The first scan of a process builds the phrase matcher; on a loaded machine that outlasts mocha's 2 s default.
    this.timeout(60_000);
    for (const row of positive) {
      it(`flags: ${row.name}`, () => {
        const result = scanContent(row.text);
        assert.notEqual(result.verdict, 'allow', `${row.name}: ${JSON.stringify(result.flags.map((flag) => flag.rule))}`);
        if (row.rule !== undefined) assert.ok(result.flags.some((flag) => flag.rule === row.rule), `${row.name}: expected ${row.rule}, got ${result.flags.map((flag) => flag.rule).join(', ')}`);
      });
    }
    for (const row of nearMiss) {
      it(`allows: ${row.name}`, () => {
        const result = scanContent(row.text);
        assert.equal(result.verdict, 'allow', `${row.name}: ${JSON.stringify(result.flags.map((flag) => `${flag.rule}:${flag.match}`))}`);
      });
    }
  });
}
