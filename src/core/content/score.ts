import type { Finding } from './findings';

/** Findings below this weight only add up to WEAK_CAP together: a long benign file has many. */
const WEAK = 0.3;
const WEAK_CAP = 0.25;
/**
 * Findings combine only within this many characters of each other: an injection is one passage,
 * and a long benign document collects unrelated weak findings far apart.
 */
const SCORE_WINDOW = 1000;
/**
 * Findings strong enough to flag on their own combine over a longer stretch: a jailbreak of a few
 * thousand characters states its parts far apart. They do not combine across a whole document: a
 * changelog of half a megabyte mentions a leak here and a disabled check there, and each flags it
 * without making it a confident injection. (The scanner's windows overlap by as much.)
 */
export const STRONG_WINDOW = 8 * 1024;
const STRONG = 0.35;

/** The score of a window's findings: the best passage, rounded to 3 decimals. */
export function passageScore(findings: readonly Finding[]): number {
  const strong = findings.filter((finding) => finding.weight >= STRONG);
  const best = Math.max(localScore(findings, SCORE_WINDOW), localScore(strong, STRONG_WINDOW));
  return Math.round(Math.min(1, Math.max(0, best)) * 1000) / 1000;
}

/**
 * The best noisy-OR over distinct rules within any stretch of `window` characters, where weak
 * findings together add at most WEAK_CAP (two-pointer sweep, linear after sorting).
 */
function localScore(findings: readonly Finding[], window: number): number {
  const sorted = findings.map((finding) => ({ rule: finding.rule, weight: finding.weight, at: finding.anchor ?? finding.start })).sort((a, b) => a.at - b.at);
  // Per rule in the window: how many findings of each weight, and the weight the rule counts with (its strongest).
  const inWindow = new Map<string, { counts: Map<number, number>; counted: number }>();
  let strongLog = 0;
  let weakLog = 0;
  let best = 0;
  let first = 0;
  const account = (weight: number, sign: 1 | -1): void => {
    if (weight <= 0) return;
    const miss = Math.log1p(-Math.min(weight, 0.999));
    if (weight >= WEAK) strongLog += sign * miss;
    else weakLog += sign * miss;
  };
  const change = (rule: string, weight: number, delta: 1 | -1): void => {
    let entry = inWindow.get(rule);
    if (entry === undefined) inWindow.set(rule, (entry = { counts: new Map(), counted: 0 }));
    entry.counts.set(weight, (entry.counts.get(weight) ?? 0) + delta);
    let strongest = 0;
    for (const [candidate, count] of entry.counts) if (count > 0 && candidate > strongest) strongest = candidate;
    if (strongest !== entry.counted) {
      account(entry.counted, -1);
      account(strongest, 1);
      entry.counted = strongest;
    }
  };
  for (const finding of sorted) {
    while (first < sorted.length && (sorted[first]?.at ?? 0) < finding.at - window) {
      const leaving = sorted[first] as (typeof sorted)[number];
      change(leaving.rule, leaving.weight, -1);
      first++;
    }
    change(finding.rule, finding.weight, 1);
    const weak = Math.min(WEAK_CAP, 1 - Math.exp(weakLog));
    best = Math.max(best, 1 - Math.exp(strongLog) * (1 - weak));
  }
  return best;
}
