// Leave-one-source-out evaluation: for each source, build the detector from the other sources,
// score the one left out, rotate. Rows of one source share authors and templates, so this is
// the estimate for text nobody here wrote; a random row split would overstate it.
import { EVALUATION_ONLY_SOURCES, HARD_NEGATIVE_FAMILIES, type SourceRow } from './injectionCorpus';

/** Builds a detector from training rows; `positive` says whether a text is flagged or blocked. */
export type Trainer = (training: readonly SourceRow[]) => (text: string) => boolean;

export interface SourceScore {
  readonly source: string;
  readonly injections: number;
  readonly caught: number;
  readonly benign: number;
  readonly falseAlarms: number;
  readonly hardNegatives: number;
  readonly hardFalseAlarms: number;
  /** Rows marked ambiguous: scored apart, never in the figures above. */
  readonly ambiguous: number;
  readonly ambiguousFlagged: number;
}

export interface LosoResult {
  readonly sources: readonly SourceScore[];
  readonly pooled: { readonly recall: number; readonly fpr: number; readonly hardFpr: number };
  /** Mean over sources that have rows of that kind. */
  readonly macro: { readonly recall: number; readonly fpr: number; readonly hardFpr: number };
  /** Worst source: lowest recall, highest FPR. */
  readonly worst: { readonly recall: number; readonly fpr: number; readonly hardFpr: number };
  /** The worse of pooled and macro (lower recall, higher FPRs): what the docs and bench report. */
  readonly headline: { readonly recall: number; readonly fpr: number; readonly hardFpr: number; readonly basis: 'pooled' | 'macro' };
}

/**
 * Runs the rotation. Training rows exclude the held-out source, rows marked ambiguous and the
 * sources whose licence allows evaluation only, so each fold is built the way the shipped
 * detector is.
 */
export function leaveOneSourceOut(rows: readonly SourceRow[], train: Trainer): LosoResult {
  const sources = [...new Set(rows.map((row) => row.source))].sort();
  const scores = sources.map((source): SourceScore => {
    const positive = train(rows.filter((row) => row.source !== source && !row.ambiguous && !EVALUATION_ONLY_SOURCES.has(row.source)));
    let injections = 0, caught = 0, benign = 0, falseAlarms = 0, hardNegatives = 0, hardFalseAlarms = 0, ambiguous = 0, ambiguousFlagged = 0;
    for (const row of rows) {
      if (row.source !== source) continue;
      const found = positive(row.text);
      if (row.ambiguous) {
        ambiguous++;
        if (found) ambiguousFlagged++;
      } else if (row.label === 'injection') {
        injections++;
        if (found) caught++;
      } else {
        benign++;
        if (found) falseAlarms++;
        if (HARD_NEGATIVE_FAMILIES.has(row.family)) {
          hardNegatives++;
          if (found) hardFalseAlarms++;
        }
      }
    }
    return { source, injections, caught, benign, falseAlarms, hardNegatives, hardFalseAlarms, ambiguous, ambiguousFlagged };
  });
  const sum = (pick: (score: SourceScore) => number): number => scores.reduce((total, score) => total + pick(score), 0);
  const ratio = (part: number, whole: number): number => (whole === 0 ? 0 : part / whole);
  const pooled = { recall: ratio(sum((s) => s.caught), sum((s) => s.injections)), fpr: ratio(sum((s) => s.falseAlarms), sum((s) => s.benign)), hardFpr: ratio(sum((s) => s.hardFalseAlarms), sum((s) => s.hardNegatives)) };
  const rates = (has: (s: SourceScore) => number, part: (s: SourceScore) => number): number[] => scores.filter((s) => has(s) > 0).map((s) => part(s) / has(s));
  const recalls = rates((s) => s.injections, (s) => s.caught);
  const fprs = rates((s) => s.benign, (s) => s.falseAlarms);
  const hardFprs = rates((s) => s.hardNegatives, (s) => s.hardFalseAlarms);
  const mean = (values: readonly number[]): number => (values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length);
  const macro = { recall: mean(recalls), fpr: mean(fprs), hardFpr: mean(hardFprs) };
  const worst = { recall: Math.min(...recalls), fpr: Math.max(...fprs), hardFpr: Math.max(...hardFprs) };
  const basis = macro.recall < pooled.recall ? 'macro' : 'pooled';
  return {
    sources: scores,
    pooled,
    macro,
    worst,
    headline: { recall: Math.min(pooled.recall, macro.recall), fpr: Math.max(pooled.fpr, macro.fpr), hardFpr: Math.max(pooled.hardFpr, macro.hardFpr), basis },
  };
}

/** One line per source, for a bench note or the derivation script's output. */
export function describeSources(result: LosoResult): string[] {
  return result.sources.map((s) => {
    const parts = [s.source];
    if (s.injections > 0) parts.push(`recall ${(s.caught / s.injections).toFixed(3)} (${s.caught}/${s.injections})`);
    if (s.benign > 0) parts.push(`FPR ${(s.falseAlarms / s.benign).toFixed(3)} (${s.falseAlarms}/${s.benign})`);
    if (s.hardNegatives > 0) parts.push(`hard-negative FPR ${(s.hardFalseAlarms / s.hardNegatives).toFixed(3)}`);
    if (s.ambiguous > 0) parts.push(`ambiguous flagged ${s.ambiguousFlagged}/${s.ambiguous}`);
    if (EVALUATION_ONLY_SOURCES.has(s.source)) parts.push('evaluation only, never trained on');
    return parts.join(', ');
  });
}
