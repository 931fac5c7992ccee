import assert from 'node:assert/strict';
import { buildDetectionView } from '../../../../../src/core/content/detectionView';
import { keyword, terms } from '../../../../../src/core/content/lexicon';
import { PhraseMatcher } from '../../../../../src/core/content/phraseMatcher';
import { FILLERS, NEGATORS, PHRASE_RULES } from '../../../../../src/core/content/rules';
import { tokenize } from '../../../../../src/core/content/tokens';

/**
 * Terms that match only beside other words, by design: "@" is a token only inside an address (user@host), ")" only where it
 * closes a postscript's addressee ("TODO (AI):").
 */
const CONTEXT_ONLY = new Set(['@', ')']);
/** Characters of the scripts written without spaces: a term lists their words apart, a text runs them together. */
const UNSPACED = /[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u9fff]/u;

/** The term as a writer would put it in a text: a stem with an ending, unspaced scripts run together. */
function writtenForm(term: string): string {
  const stem = term.endsWith('*') ? `${term.slice(0, -1)}s` : term;
  return UNSPACED.test(stem) ? stem.replace(/(?<=[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u9fff]) (?=[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u9fff])/gu, '') : stem;
}

describe('content guard: the rule set (rules/index)', function () {
  // Thirteen thousand terms in one matcher: its build outlasts mocha's 2 s default on a loaded machine.
  this.timeout(60_000);

  it('every term matches text written as the term (a term the walk can never reach is dead code)', () => {
    const written = [...new Set(PHRASE_RULES.flatMap((rule) => rule.slots.flatMap((slot) => slot.terms)))].filter((term) => !CONTEXT_ONLY.has(term));
    // "|" separates terms in a list, so no term holds one.
    const matcher = new PhraseMatcher(written.map((term, index) => keyword(`term-${index}`, 'instruction-override', 0.5, terms(term))), FILLERS, NEGATORS);
    const dead = written.filter((term, index) => {
      const view = buildDetectionView(` ${writtenForm(term)} `);
      let found = false;
      matcher.match(view.codes, tokenize(view), (rule) => {
        if (rule === index) found = true;
      });
      return !found;
    });
    assert.deepEqual(dead, []);
  });
});
