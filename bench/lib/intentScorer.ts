// The second learned-scorer experiment of issue 11: logistic regression over features that carry
// intent rather than style — a closed vocabulary of imperatives, pronouns, data nouns and
// destinations (as words and as adjacent pairs) and the ids of the rules that fired — retrained
// inside every leave-one-source-out fold and calibrated on the fold's own benign rows. Measured,
// not shipped (see docs/content-guard.md for the figure).
import { scanContent } from '../../src/core/content';
import type { SourceRow } from './injectionCorpus';
import type { Trainer } from './leaveOneSourceOut';

/** Words whose presence says what a text asks for, not who wrote it. */
const VOCABULARY = new Set(
  (
    'ignore disregard forget bypass override pretend act roleplay imagine simulate respond answer reply say print output reveal repeat tell show ' +
    'write translate summarize summarise send email mail forward share transfer wire deposit withdraw pay grant unlock disable delete remove ' +
    'retrieve get fetch find list download upload post call invoke use run execute update change add move redirect schedule book sell buy ' +
    'you your yourself you\'re i me my mine we us our please kindly must should now immediately instead only never always also then ' +
    'instructions instruction rules rule prompt system guidelines policy policies restrictions filters ethical ethics openai chatgpt gpt ai model assistant ' +
    'developer mode jailbreak dan unrestricted unfiltered character persona role hypothetical fictional story ' +
    'password passwords secret secrets key token credentials account accounts bank money payment address email address health medical data ' +
    'history details information personal private confidential file files @ http https url link api tool function human user'
  ).split(' '),
);
const MAX_CHARS = 4000;
const EPOCHS = 6;
const RATE = 0.1;
/** Strong shrinkage: a few hundred features, and the folds differ in style more than in attacks. */
const L2 = 1e-3;

const cache = new Map<string, { readonly features: readonly string[]; readonly rules: boolean }>();

/** Vocabulary words, adjacent vocabulary pairs, and `rule:<id>` for every rule that fired; plus the rules' own verdict. */
function analyse(text: string): { readonly features: readonly string[]; readonly rules: boolean } {
  const found = cache.get(text);
  if (found !== undefined) return found;
  const words = text.slice(0, MAX_CHARS).normalize('NFKC').toLowerCase().match(/[\p{L}\p{N}'@]+/gu) ?? [];
  const features = new Set<string>();
  for (let index = 0; index < words.length; index++) {
    const word = words[index] ?? '';
    if (!VOCABULARY.has(word)) continue;
    features.add(word);
    const next = words[index + 1];
    if (next !== undefined && VOCABULARY.has(next)) features.add(`${word} ${next}`);
  }
  const scan = scanContent(text);
  for (const flag of scan.flags) features.add(`rule:${flag.rule}`);
  const result = { features: [...features], rules: scan.verdict !== 'allow' };
  cache.set(text, result);
  return result;
}

function logit(weights: ReadonlyMap<string, number>, bias: number, features: readonly string[]): number {
  const norm = 1 / Math.sqrt(features.length || 1);
  let z = bias;
  for (const feature of features) z += (weights.get(feature) ?? 0) * norm;
  return z;
}

/** AdaGrad over shuffled rows, each (source, label) group weighing about equally. */
function train(rows: readonly SourceRow[]): { weights: Map<string, number>; bias: number } {
  const weights = new Map<string, number>();
  const squares = new Map<string, number>();
  let bias = 0;
  let biasSquare = 1e-8;
  const groupSize = new Map<string, number>();
  for (const row of rows) groupSize.set(`${row.source}:${row.label}`, (groupSize.get(`${row.source}:${row.label}`) ?? 0) + 1);
  const order = rows.map((_, index) => index);
  let seed = 7;
  const random = (): number => (seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0) / 2 ** 32;
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    for (let index = order.length - 1; index > 0; index--) {
      const other = Math.floor(random() * (index + 1));
      [order[index], order[other]] = [order[other] ?? 0, order[index] ?? 0];
    }
    for (const at of order) {
      const row = rows[at] as SourceRow;
      const { features } = analyse(row.text);
      const norm = 1 / Math.sqrt(features.length || 1);
      const p = 1 / (1 + Math.exp(-logit(weights, bias, features)));
      const balance = Math.min(3, Math.sqrt(300) / Math.sqrt(groupSize.get(`${row.source}:${row.label}`) ?? 1));
      const gradient = (p - (row.label === 'injection' ? 1 : 0)) * balance;
      for (const feature of features) {
        const weight = weights.get(feature) ?? 0;
        const g = gradient * norm + L2 * weight;
        const square = (squares.get(feature) ?? 1e-8) + g * g;
        squares.set(feature, square);
        weights.set(feature, weight - (RATE * g) / Math.sqrt(square));
      }
      biasSquare += gradient * gradient;
      bias -= (RATE * gradient) / Math.sqrt(biasSquare);
    }
  }
  return { weights, bias };
}

/**
 * Trains on the fold and flags above the logit that `falsePositiveRate` of the fold's benign rows
 * exceed. `withRules`: positive when the rules or the scorer say so (the way it would ship).
 */
export function intentTrainer(options: { falsePositiveRate?: number; withRules?: boolean } = {}): Trainer {
  const rate = options.falsePositiveRate ?? 0.01;
  return (training) => {
    const { weights, bias } = train(training);
    const benign = training.filter((row) => row.label === 'benign').map((row) => logit(weights, bias, analyse(row.text).features)).sort((a, b) => b - a);
    const threshold = benign[Math.floor(benign.length * rate)] ?? 0;
    return (text) => {
      const analysed = analyse(text);
      return (options.withRules === true && analysed.rules) || logit(weights, bias, analysed.features) > threshold;
    };
  };
}
