import assert from 'node:assert/strict';
import { pigLatin, terms, withTypos } from '../../../../src/core/content/lexicon';

describe('content guard: term set rewrites (lexicon)', () => {
  const pig: readonly { name: string; term: string; forms: readonly string[] }[] = [
    { name: 'a consonant cluster moves to the end before "ay"', term: 'string', forms: ['ingstray'] },
    { name: '"qu" moves as one', term: 'quiet', forms: ['ietquay'] },
    { name: 'a vowel-initial word takes "yay" or "way", one suffix per term', term: 'ignore all', forms: ['ignoreyay allyay', 'ignoreway allway'] },
    { name: 'a word with no vowel keeps its letters', term: 'rhythm', forms: ['rhythmay'] },
    { name: 'German umlauts count as vowels', term: 'übergehe regeln', forms: ['übergeheyay egelnray', 'übergeheway egelnray'] },
    { name: 'a stem or a term with punctuation is left out', term: "instruc*|don't", forms: [] },
  ];
  for (const c of pig) {
    it(`Pig Latin: ${c.name}`, () => {
      assert.deepEqual(pigLatin(terms(c.term)).terms, c.forms);
    });
  }

  it('typo variants: a dropped, doubled or swapped letter, only for words of six letters or more', () => {
    const variants = withTypos(terms('ignore|all')).terms;
    for (const typo of ['igore', 'iggnore', 'ingore']) assert.ok(variants.includes(typo), typo);
    assert.ok(!variants.includes('al') && !variants.includes('alll'), 'short words get no variants');
  });
});
