import assert from 'node:assert/strict';
import { CONTENT_CATEGORIES, scanContent } from '../../../../src/core/content';
import { CORPUS_FILES, describeConfusion, evaluate, loadCorpus, type Confusion, type CorpusRow } from '../../../corpus/injection/corpus';

/** A positive is a flag or a block at the default thresholds. */
function positive(text: string): boolean {
  return scanContent(text).verdict !== 'allow';
}

function detail(confusion: Confusion): string {
  const show = (row: CorpusRow): string => `    [${row.file}${row.category === undefined ? '' : ` ${row.category}`}] ${JSON.stringify(row.text.slice(0, 120))}`;
  return [...confusion.misses.map((row) => `  missed:\n${show(row)}`), ...confusion.falseAlarms.map((row) => `  false alarm:\n${show(row)}`)].join('\n');
}

describe('content guard: labelled corpus', function () {
  this.timeout(60_000);
  const all = loadCorpus();
  const tuning = all.filter((row) => !row.file.startsWith('heldout-'));
  const heldOut = all.filter((row) => row.file.startsWith('heldout-'));

  it('holds at least 300 injections over every category and 300 benign developer texts', () => {
    const injections = all.filter((row) => row.label === 'injection');
    assert.ok(injections.length >= 300, `${injections.length} injections`);
    assert.ok(all.filter((row) => row.label === 'benign').length >= 300);
    for (const category of CONTENT_CATEGORIES) assert.ok(injections.filter((row) => row.category === category).length >= 10, `category ${category}`);
    const overrideLanguages = new Set(injections.filter((row) => row.category === 'instruction-override').map((row) => row.lang));
    for (const lang of ['en', 'es', 'fr', 'de', 'pt', 'it', 'ru', 'zh', 'ja', 'ko', 'ar']) assert.ok(overrideLanguages.has(lang), `override in ${lang}`);
  });

  it('keeps about a fifth of each label held out', () => {
    for (const label of ['injection', 'benign'] as const) {
      const share = heldOut.filter((row) => row.label === label).length / all.filter((row) => row.label === label).length;
      assert.ok(share >= 0.18 && share <= 0.3, `${label}: ${(share * 100).toFixed(0)}% held out`);
    }
    assert.deepEqual([...new Set(heldOut.map((row) => row.file))].sort(), [...CORPUS_FILES.heldOut].sort());
  });

  it('recall ≥ 0.95 and false-positive rate ≤ 1% on the whole corpus (tuning and held-out reported apart)', () => {
    const whole = evaluate(all, positive);
    const tuned = evaluate(tuning, positive);
    const held = evaluate(heldOut, positive);
    const report = [describeConfusion('whole corpus', whole), describeConfusion('tuning set  ', tuned), describeConfusion('held-out set', held)].join('\n      ');
    console.log(`      ${report}`);
    assert.ok(whole.recall >= 0.95, `${report}\n${detail(whole)}`);
    assert.ok(whole.falsePositiveRate <= 0.01, `${report}\n${detail(whole)}`);
  });
});
