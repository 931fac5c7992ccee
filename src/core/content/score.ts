import type { Finding } from './findings';

/** Findings below this weight only add up to WEAK_CAP together: a long benign file has many. */
const WEAK = 0.3;
const WEAK_CAP = 0.25;
/**
 * Findings combine only within this many characters of each other: an injection is one passage,
 * and a long benign document collects unrelated weak findings far apart. Findings strong enough
 * to flag on their own also combine across the whole text.
 */
const SCORE_WINDOW = 1000;
const STRONG = 0.35;

/**
 * The best noisy-OR over distinct rules within any stretch of SCORE_WINDOW characters, where weak
 * findings together add at most WEAK_CAP (two-pointer sweep, linear after sorting).
 */
export function localScore(findings: readonly Finding[]): number {
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
    while (first < sorted.length && (sorted[first]?.at ?? 0) < finding.at - SCORE_WINDOW) {
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

/** Records the strongest weight of each rule that can flag on its own, for the whole-text part of the score. */
export function noteStrong(findings: readonly Finding[], strongest: Map<string, number>): void {
  for (const finding of findings) if (finding.weight >= STRONG) strongest.set(finding.rule, Math.max(strongest.get(finding.rule) ?? 0, finding.weight));
}

/**
 * The score: the higher of the best local score and the noisy-OR of the strong rules over the
 * whole text, rounded to 3 decimals.
 */
export function combinedScore(local: number, strongest: ReadonlyMap<string, number>): number {
  let miss = 1;
  for (const weight of strongest.values()) miss *= 1 - weight;
  const score = Math.max(local, 1 - miss);
  return Math.round(Math.min(1, Math.max(0, score)) * 1000) / 1000;
}
