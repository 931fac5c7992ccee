import { withTypos, type PhraseRule, type TermSet } from '../../src/core/content/lexicon';

/** The longest run of written words one `withTypos(terms(…))` call is looked for over. */
const MAX_WRITTEN_RUN = 64;

/**
 * A rule as a person writes it: each slot's terms once each, without the typo variants
 * `withTypos` generated. The compiled rules keep no mark of which terms were generated, so the
 * generated blocks are found again by replaying `withTypos` itself: a run of words A followed by exactly the new terms of
 * withTypos(A) becomes A. The new terms are compared as a set, since the reversed-text rules
 * reverse each term (which changes their order, not the set); ROT13 maps letters one to one, so
 * its blocks are found as they are.
 */
export function writtenRule(rule: PhraseRule): PhraseRule {
  return { ...rule, slots: rule.slots.map(writtenTerms) };
}

export function writtenTerms(set: TermSet): TermSet {
  const all = set.terms;
  const kept: string[] = [];
  for (let index = 0; index < all.length;) {
    const run = typoBlock(all, index);
    kept.push(...all.slice(index, index + run.written));
    index += run.written + run.generated;
  }
  return { terms: [...new Set(kept)] }; // a person writes each word once
}

/** At `start`: the written words of a generated block and how many variants follow them, or one written term and none. */
function typoBlock(all: readonly string[], start: number): { written: number; generated: number } {
  const limit = Math.min(MAX_WRITTEN_RUN, all.length - start - 1);
  // Every variant of the run so far: the full replay runs only where the next term is one of them.
  const reachable = new Set<string>();
  for (let written = 1; written <= limit; written++) {
    for (const variant of withTypos({ terms: [all[start + written - 1] ?? ''] }).terms) reachable.add(variant);
    if (!reachable.has(all[start + written] ?? '')) continue;
    const words = all.slice(start, start + written);
    const variants = withTypos({ terms: words }).terms.slice(new Set(words).size);
    const following = new Set(all.slice(start + written, start + written + variants.length));
    if (variants.length > 0 && following.size === variants.length && variants.every((variant) => following.has(variant))) return { written, generated: variants.length };
  }
  return { written: 1, generated: 0 };
}
