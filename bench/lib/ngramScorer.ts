// The learned-scorer experiment of issue 11: logistic regression over hashed character n-grams,
// retrained inside every leave-one-source-out fold so its figure stays honest. It is measured,
// not shipped: held out, it learns which source a text came from rather than what an attack is.
import type { Trainer } from './leaveOneSourceOut';
import type { SourceRow } from './injectionCorpus';

const BITS = 18;
const SIZE = 1 << BITS;
const GRAMS = [3, 4, 5];
/** Only the head of a long text is read: rows are at most 8,000 characters, most far shorter. */
const MAX_CHARS = 4000;
const EPOCHS = 4;
const RATE = 0.2;
const L2 = 1e-6;

/** Feature sets, computed once per text for all folds. */
const cache = new Map<string, Int32Array>();

function features(text: string): Int32Array {
  let found = cache.get(text);
  if (found !== undefined) return found;
  const folded = ` ${text.slice(0, MAX_CHARS).normalize('NFKC').toLowerCase().replace(/\s+/g, ' ')} `;
  const set = new Set<number>();
  for (const n of GRAMS) {
    for (let start = 0; start + n <= folded.length; start++) {
      let hash = 2_166_136_261 ^ n;
      for (let index = start; index < start + n; index++) hash = Math.imul(hash ^ folded.charCodeAt(index), 16_777_619);
      set.add((hash >>> 0) & (SIZE - 1));
    }
  }
  found = Int32Array.from(set);
  cache.set(text, found);
  return found;
}

function logit(weights: Float32Array, text: string): number {
  const active = features(text);
  const norm = 1 / Math.sqrt(active.length || 1);
  let z = weights[SIZE] ?? 0;
  for (const index of active) z += (weights[index] ?? 0) * norm;
  return z;
}

/** AdaGrad over shuffled rows; each (source, label) group weighs about equally, so no big source dominates. */
function train(rows: readonly SourceRow[]): Float32Array {
  const weights = new Float32Array(SIZE + 1);
  const squares = new Float32Array(SIZE + 1).fill(1e-8);
  const groupSize = new Map<string, number>();
  for (const row of rows) groupSize.set(`${row.source}:${row.label}`, (groupSize.get(`${row.source}:${row.label}`) ?? 0) + 1);
  const order = rows.map((_, index) => index);
  let seed = 1;
  const random = (): number => (seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0) / 2 ** 32;
  const step = (index: number, gradient: number): void => {
    squares[index] = (squares[index] ?? 0) + gradient * gradient;
    weights[index] = (weights[index] ?? 0) - (RATE * gradient) / Math.sqrt(squares[index] ?? 1);
  };
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    for (let index = order.length - 1; index > 0; index--) {
      const other = Math.floor(random() * (index + 1));
      [order[index], order[other]] = [order[other] ?? 0, order[index] ?? 0];
    }
    for (const at of order) {
      const row = rows[at] as SourceRow;
      const active = features(row.text);
      const norm = 1 / Math.sqrt(active.length || 1);
      const p = 1 / (1 + Math.exp(-logit(weights, row.text)));
      const balance = Math.min(3, Math.sqrt(300) / Math.sqrt(groupSize.get(`${row.source}:${row.label}`) ?? 1));
      const gradient = (p - (row.label === 'injection' ? 1 : 0)) * balance;
      for (const feature of active) step(feature, gradient * norm + L2 * (weights[feature] ?? 0));
      step(SIZE, gradient);
    }
  }
  return weights;
}

/** Trains on the fold and flags above the logit that `falsePositiveRate` of the fold's own benign rows exceed. */
export function ngramTrainer(falsePositiveRate = 0.005): Trainer {
  return (training) => {
    const weights = train(training);
    const benign = training.filter((row) => row.label === 'benign').map((row) => logit(weights, row.text)).sort((a, b) => b - a);
    const threshold = benign[Math.floor(benign.length * falsePositiveRate)] ?? 0;
    return (text) => logit(weights, text) > threshold;
  };
}
