// The labelled prompt-injection corpus: loading and scoring, shared by the unit test and the bench.
import { readFileSync } from 'node:fs';
import path from 'node:path';

export interface CorpusRow {
  readonly text: string;
  readonly label: 'injection' | 'benign';
  readonly category?: string;
  readonly lang?: string;
  /** The file it came from; held-out files start with "heldout-". */
  readonly file: string;
}

/** Tuning files (the detector was developed against these) and held-out files (it was not). */
export const CORPUS_FILES = {
  tuning: ['injections.jsonl', 'benign.jsonl'],
  heldOut: ['heldout-injections.jsonl', 'heldout-benign.jsonl'],
} as const;

export function loadCorpus(files: readonly string[] = [...CORPUS_FILES.tuning, ...CORPUS_FILES.heldOut]): CorpusRow[] {
  return files.flatMap((file) => readFileSync(path.join(__dirname, file), 'utf8').split('\n').filter((line) => line.trim() !== '').map((line, index) => {
    const row = JSON.parse(line) as Omit<CorpusRow, 'file'>;
    if (typeof row.text !== 'string' || (row.label !== 'injection' && row.label !== 'benign')) throw new Error(`${file}:${index + 1}: expected {"text", "label": "injection"|"benign"}`);
    return { ...row, file };
  }));
}

export interface Confusion {
  readonly truePositives: number;
  readonly falseNegatives: number;
  readonly falsePositives: number;
  readonly trueNegatives: number;
  readonly precision: number;
  readonly recall: number;
  readonly falsePositiveRate: number;
  readonly misses: readonly CorpusRow[];
  readonly falseAlarms: readonly CorpusRow[];
}

/** Precision, recall and false-positive rate of a detector that says "positive" or not. */
export function evaluate(rows: readonly CorpusRow[], positive: (text: string) => boolean): Confusion {
  const misses: CorpusRow[] = [];
  const falseAlarms: CorpusRow[] = [];
  let truePositives = 0;
  let trueNegatives = 0;
  for (const row of rows) {
    const found = positive(row.text);
    if (row.label === 'injection') {
      if (found) truePositives++;
      else misses.push(row);
    } else if (found) falseAlarms.push(row);
    else trueNegatives++;
  }
  const falseNegatives = misses.length;
  const falsePositives = falseAlarms.length;
  return {
    truePositives,
    falseNegatives,
    falsePositives,
    trueNegatives,
    precision: truePositives + falsePositives === 0 ? 1 : truePositives / (truePositives + falsePositives),
    recall: truePositives + falseNegatives === 0 ? 1 : truePositives / (truePositives + falseNegatives),
    falsePositiveRate: falsePositives + trueNegatives === 0 ? 0 : falsePositives / (falsePositives + trueNegatives),
    misses,
    falseAlarms,
  };
}

export function describeConfusion(name: string, confusion: Confusion): string {
  const percent = (value: number): string => `${(value * 100).toFixed(1)}%`;
  return `${name}: precision ${percent(confusion.precision)}, recall ${percent(confusion.recall)}, FPR ${percent(confusion.falsePositiveRate)} (TP ${confusion.truePositives}, FN ${confusion.falseNegatives}, FP ${confusion.falsePositives}, TN ${confusion.trueNegatives})`;
}
