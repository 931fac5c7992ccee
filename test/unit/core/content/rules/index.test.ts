import assert from 'node:assert/strict';
import { isUnspacedScript } from '../../../../../src/core/content/charClass';
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

/**
 * The term as a writer would put it in a text: a stem with an ending, and the scripts written without spaces run together (a
 * term lists their words apart).
 */
function writtenForm(term: string): string {
  const chars = [...(term.endsWith('*') ? `${term.slice(0, -1)}s` : term)];
  const unspaced = (char: string | undefined): boolean => char !== undefined && isUnspacedScript(char.codePointAt(0) ?? 0);
  return chars.filter((char, index) => char !== ' ' || !(unspaced(chars[index - 1]) && unspaced(chars[index + 1]))).join('');
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
