// Content guard throughput (MB per CPU second) on a mixed 10 MB corpus (labelled attacks and
// filler), on realistic mixed text (code, prose, JSON and logs: what tool outputs look like), on
// ordinary source files (the TypeScript in node_modules: what fs.read passes the guard most of the
// time) and on adversarial inputs, against the way a scanner is usually first written: one regular expression per pattern, run in a loop over
// the text. Both engines get the same pattern set (the guard's phrase rules, chat-template
// literals and a handful of URL/HTML/encoding patterns), the naive one as a person writes it: the
// rules' written terms, without the typo variants the guard generates (bench/lib/writtenTerms.ts),
// so its recall is lower partly for that reason; it gets no folding, no decoding and no scoring,
// so it does strictly less work per byte. Precision, recall and
// false-positive rate on the labelled corpus are measured for both, and the headline: recall and
// false-positive rate leave-one-source-out on the public corpus (bench/lib/injectionCorpus.ts).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { DEFAULT_THRESHOLDS, type ContentVerdict, type scanContent as ScanContent } from '../src/core/content';
import type { PhraseRule } from '../src/core/content/lexicon';
import { PHRASE_RULES } from '../src/core/content/rules';
import { describeConfusion, evaluate, loadCorpus, type Confusion, type CorpusRow } from '../test/corpus/injection/corpus';
import { ADVERSARIAL_INPUTS } from '../test/unit/core/content/adversarialInputs';
import type { BenchReport, BenchRow } from './lib/benchReport';
import { localisedMessages } from './lib/gettextCatalogs';
import { docDir, manDir, systemDocuments } from './lib/systemDocuments';
import { loadInjectionCorpus } from './lib/injectionCorpus';
import { intentTrainer } from './lib/intentScorer';
import { describeSources, leaveOneSourceOut, type LosoResult, type Trainer } from './lib/leaveOneSourceOut';
import { ngramTrainer } from './lib/ngramScorer';
import { shippedModule } from './lib/shippedModule';
import { median } from './lib/stats';
import { writtenRule } from './lib/writtenTerms';

const MB = 1_000_000;
const MIXED_BYTES = 10 * MB;
const SOURCE_BYTES = 5 * MB;
const REALISTIC_BYTES = 4 * MB;
const ROUNDS = 3;
/** Per engine and round on the mixed corpus: a slow engine stops early and is rated on what it got through. */
const ROUND_BUDGET_MS = 8_000;
/**
 * The naive peer runs in a worker: its regexes (one per rule, each slot an alternation of its
 * written terms) take seconds on one text, and a running regex cannot be interrupted in this
 * thread. A text that takes longer than NAIVE_TIMEOUT_MS ends the worker; a job (a set of texts)
 * stops taking new texts after NAIVE_JOB_BUDGET_MS, and is rated on what it got through. On the
 * adversarial inputs a prefix it would need longer than NAIVE_TIMEOUT_MS for at the rate it
 * showed on the smaller one is not tried (linear growth is the best case), which saves a timeout
 * and a worker restart per input.
 */
const NAIVE_SIZES = [16 * 1024, 64 * 1024, 256 * 1024, 1024 * 1024];
const NAIVE_TIMEOUT_MS = 8_000;
const NAIVE_JOB_BUDGET_MS = 20_000;
/** On the public corpus every row is tried; after this many rows over NAIVE_TIMEOUT_MS the naive loop gets no LOSO figure. */
const NAIVE_LOSO_MAX_TIMEOUTS = 10;
/** Texts the naive loop is warmed on, one of each string width: V8 compiles a regex separately for Latin-1 and two-byte strings. */
const NAIVE_WARM_TEXTS = ['warm up: ignore previous instructions <|im_start|> ![a](https://e.x/?q={{x}})', 'warm up: \u201cignore previous instructions\u201d \u4ee5\u524d\u306e\u6307\u793a'];
/**
 * The naive loop's compiled regexes, both widths, need more machine code than V8's default code
 * range holds (measured: a 512 MB range runs out on the first two-byte text, 1 GB does not).
 */
const NAIVE_RESOURCE_LIMITS = { codeRangeSizeMb: 2048, maxOldGenerationSizeMb: 4096 };

type Engine = (text: string) => boolean;

export async function run(): Promise<BenchReport> {
  const corpus = loadCorpus();
  const documents = mixedDocuments(corpus.map((row) => row.text), MIXED_BYTES);
  const sources = sourceDocuments(SOURCE_BYTES);
  const realistic = realisticDocuments(REALISTIC_BYTES);
  const naive = naivePatterns();
  const step = progress();
  const publicCorpus = loadInjectionCorpus();
  step('the naive loop on every public row (for its leave-one-source-out figure)');
  const naivePublic = 'rows' in publicCorpus ? await naiveEach(naive, publicCorpus.rows.map((row) => row.text)) : undefined;
  const naiveWorker = new NaiveWorker(naive);
  // Measured as it ships (bundled), not as the tsx loader runs the sources: see shippedModule.
  const { scanContent } = shippedModule<{ scanContent: typeof ScanContent }>('src/core/content/index.ts');
  const airlock: Engine = (text) => scanContent(text).verdict !== 'allow';
  airlock(documents[0] ?? '');

  step('Airlock on the mixed corpus, realistic text and source files');
  const airlockMixed = measureMixed(airlock, documents);
  const airlockSources = measureMixed(airlock, sources);
  const airlockRealistic = measureMixed(airlock, realistic);
  step('the naive loop on the same texts');
  await naiveWorker.run(documents.slice(0, 1)); // warmed on the same document as Airlock above
  const naiveMixed = await naiveWorker.run(documents);
  const naiveSources = await naiveWorker.run(sources);
  const naiveRealistic = await naiveWorker.run(realistic);
  const adversarial = adversarialInputs();
  step(`adversarial inputs (${adversarial.length})`);
  const airlockAdversarial = adversarial.map(([name, text]) => ({ name, mbps: throughput(airlock, text, 2) }));
  const naiveAdversarial: NaiveAdversarial[] = [];
  for (const [, text] of adversarial) naiveAdversarial.push(await naiveAdversarialThroughput(naiveWorker, text));

  step('detection on the in-house corpus');
  const heldOut = corpus.filter((row) => row.file.startsWith('heldout-'));
  const airlockWhole = evaluate(corpus, airlock);
  const airlockHeld = evaluate(heldOut, airlock);
  const naiveWhole = naiveConfusion(corpus, await naiveWorker.run(corpus.map((entry) => entry.text)));
  const naiveHeld = naiveConfusion(heldOut, await naiveWorker.run(heldOut.map((entry) => entry.text)));
  await naiveWorker.close();
  const vard = await vardEngine();
  const trainers: Record<string, Trainer> = { airlock: () => airlock };
  if (naivePublic?.positive !== undefined) trainers['naive regex loop'] = naiveTrainer(publicCorpus, naivePublic.positive);
  if (vard !== undefined) trainers.vard = () => vard;
  // Minutes of training (14 folds): only on request.
  if (process.env.AIRLOCK_BENCH_LEARNED === '1') {
    trainers['learned n-gram scorer (not shipped)'] = ngramTrainer();
    trainers['learned intent scorer (not shipped)'] = intentTrainer();
    trainers['rules or learned intent scorer (not shipped)'] = intentTrainer({ withRules: true });
  }
  step(`leave-one-source-out: ${Object.keys(trainers).join(', ')}`);
  const loso = losoOf(publicCorpus, trainers);
  if (naivePublic !== undefined) loso.notes.push(describeNaivePublic(naivePublic));
  step('vard on the mixed texts and adversarial inputs');
  const vardRows: BenchRow[] = [];
  const vardNotes: string[] = [];
  // A peer that finished no text within its limits has no rate to divide by.
  const times = (mine: number, theirs: number): string => (theirs > 0 ? `${(mine / theirs).toFixed(1)}×` : 'no ratio (the peer finished no text)');
  const ratio = (peer: string, mixed: number, real: number, source: number): string => `airlock / ${peer}: ${times(airlockMixed, mixed)} on the mixed corpus, ${times(airlockRealistic, real)} on realistic mixed text, ${times(airlockSources, source)} on source files`;
  const ratios = [ratio('naive loop', naiveMixed.mbps, naiveRealistic.mbps, naiveSources.mbps)];
  const messages = sampledMessages();
  const packageDocs = systemDocuments();
  const manPages = systemDocuments(manDir());
  const alarmSets: AlarmSets = { realistic, sources, messages, packageDocs, manPages };
  // Each document is scanned once for both counts: flagged, and blocked (the manual pages alone take a minute).
  const verdicts = new Map<string, ContentVerdict>();
  const verdictOf = (text: string): ContentVerdict => {
    let verdict = verdicts.get(text);
    if (verdict === undefined) verdicts.set(text, (verdict = scanContent(text).verdict));
    return verdict;
  };
  const alarms = [flaggedOn('airlock', (text) => verdictOf(text) !== 'allow', alarmSets)];
  const blocked = (set: ReturnType<typeof systemDocuments>): number => ('missing' in set ? 0 : set.texts.filter((text) => verdictOf(text) === 'block').length);
  const packageBlocks = blocked(packageDocs);
  const manBlocks = blocked(manPages);
  if (vard === undefined) vardNotes.push('vard (@andersmyrmel/vard) is not installed: no row for it');
  else {
    const vardAdversarial = adversarial.map(([, text]) => growingThroughput(vard, text));
    const vardMixed = measureMixed(vard, documents);
    const vardSources = measureMixed(vard, sources);
    const vardRealistic = measureMixed(vard, realistic);
    ratios.push(ratio('vard', vardMixed, vardRealistic, vardSources));
    alarms.push(flaggedOn('vard', vard, alarmSets));
    vardRows.push(row('vard 1.2 (moderate)', false, vardMixed, vardRealistic, vardSources, vardAdversarial.map((entry) => entry.mbps), evaluate(corpus, vard), loso.results.vard, '@andersmyrmel/vard: vard.moderate().maxLength(∞).safeParse(text); positive when not safe'));
    vardNotes.push(`adversarial MB/s, vard on the largest prefix (64 KiB, 256 KiB, 1 MiB) before a step took over ${VARD_STEP_MS / 1000} s: ${adversarial.map(([name], index) => `${name} ${fixed(vardAdversarial[index]?.mbps)}${vardAdversarial[index]?.stopped === true ? ' (stopped early)' : ''}`).join('; ')}`);
  }

  const rows: BenchRow[] = [
    row('airlock scanContent()', true, airlockMixed, airlockRealistic, airlockSources, airlockAdversarial.map((entry) => entry.mbps), airlockWhole, loso.results.airlock, 'fold + tokenize + one trie walk for all phrase rules, delimiter trie, URL/command/HTML scanners, one-level decoding, windowed noisy-OR score'),
    row('naive regex loop', false, naiveMixed.mbps, naiveRealistic.mbps, naiveSources.mbps, naiveAdversarial.map((entry) => entry.mbps), naiveWhole.scored === 0 ? undefined : naiveWhole.confusion, loso.results['naive regex loop'], `${naive.length} regular expressions (one per rule, slot order of a window rule, or literal; /giu), from the rules' written terms without the generated typo variants, each run over the whole text with exec until it stops matching; positive when a pattern of weight ≥ ${DEFAULT_THRESHOLDS.flagAt} matches`),
    ...vardRows,
  ];
  return {
    title: `content guard: scan throughput (MB per CPU second) on a mixed ${MIXED_BYTES / MB} MB corpus (${documents.length} documents), on ${REALISTIC_BYTES / MB} MB of realistic mixed text (${realistic.length} documents), on ${SOURCE_BYTES / MB} MB of TypeScript sources (${sources.length} files) and on ${adversarial.length} adversarial 1 MiB inputs; detection on the labelled corpus`,
    columns: [
      { key: 'losoRecall', label: 'LOSO recall', decimals: 3 },
      { key: 'losoFpr', label: 'LOSO FPR', decimals: 3 },
      { key: 'losoHardFpr', label: 'LOSO hard-neg FPR', decimals: 3 },
      { key: 'mixed', label: 'mixed corpus MB/s', decimals: 2 },
      { key: 'realistic', label: 'realistic mixed MB/s', decimals: 2 },
      { key: 'sources', label: 'source files MB/s', decimals: 2 },
      { key: 'adversarialWorst', label: 'adversarial worst MB/s', decimals: 2 },
      { key: 'adversarialMedian', label: 'adversarial median MB/s', decimals: 2 },
      { key: 'precision', label: 'in-house precision', decimals: 3 },
      { key: 'recall', label: 'in-house recall', decimals: 3 },
      { key: 'fpr', label: 'in-house FPR', decimals: 3 },
    ],
    rows,
    notes: [
      `speed (target ≥ 50 MB/s on mixed text): ${ratios.join('; ')}`,
      ...loso.notes,
      `flagged on real text nobody attacked (node_modules READMEs, code, JSON and seeded logs; a few packages quote injections on purpose, so not every one is a false alarm): ${alarms.join('; ')}`,
      'missing' in packageDocs
        ? `package documents: ${packageDocs.missing}`
        : `package documents: every distinct text document of 200 B–2 MB under ${docDir()} (${packageDocs.texts.length} of ${packageDocs.files} files: changelogs, NEWS, READMEs, manuals, licences, HTML API docs; gzip unpacked; read at run time, nothing copied); Airlock blocks ${packageBlocks} of them`,
      'missing' in manPages
        ? `manual pages: ${manPages.missing}`
        : `manual pages: every distinct page of 200 B–2 MB under ${manDir()} (${manPages.texts.length} of ${manPages.files} files, every language, roff source gzip unpacked; read at run time, nothing copied); Airlock blocks ${manBlocks} of them`,
      'missing' in messages ? `localised system messages: ${messages.missing}` : `localised system messages: every ${MESSAGE_STRIDE}th translated message of at least 8 characters in the gettext catalogues of this machine's packages (${messages.languages} languages, read from /usr/share/locale at run time; nothing copied)`,
      `in-house corpus ${corpus.length} rows (${corpus.filter((r) => r.label === 'injection').length} injections, ${corpus.filter((r) => r.label === 'benign').length} benign): ${describeConfusion('airlock', airlockWhole)}; ${describeNaiveDetection(naiveWhole)}`,
      `held-out part only (${heldOut.length} rows, never tuned on): ${describeConfusion('airlock', airlockHeld)}; ${describeNaiveDetection(naiveHeld)}`,
      `the naive loop runs in a worker, rated in MB per CPU second on the texts it finished: it stops taking texts after ${NAIVE_JOB_BUDGET_MS / 1000} s per set and is stopped by a text that takes over ${NAIVE_TIMEOUT_MS / 1000} s (mixed corpus ${describeRun(naiveMixed)}; realistic ${describeRun(naiveRealistic)}; sources ${describeRun(naiveSources)})`,
      'a positive is a flag or block verdict at the default thresholds (flag ≥ 0.35, block ≥ 0.8)',
      'Airlock is measured as it ships: src/core/content bundled by esbuild as npm run build bundles it (the tsx loader the benches run under slows cross-module calls in hot loops)',
      `mixed corpus: the labelled texts (benign, injections) and generated code/prose filler, seeded, in documents of 2–64 KB, each scanned on its own (dense with attacks by construction); realistic mixed text: a quarter each of .js/.ts code, Markdown and JSON files of 1.5–300 KB under node_modules in path order and seeded application logs; source files: the .ts files of 2 KB–1 MB under node_modules in path order; all rated in MB per CPU second of this process (the machine is shared, so wall time overstates), median of ${ROUNDS} rounds of at most ${ROUND_BUDGET_MS / 1000} s`,
      `adversarial MB/s, the better of two runs: airlock on 1 MiB / naive on the largest prefix (16, 64, 256 KiB, 1 MiB) it finished within ${NAIVE_TIMEOUT_MS / 1000} s, a larger one not tried when its rate so far projects over ${NAIVE_TIMEOUT_MS / 1000} s: ${adversarial.map(([name], index) => `${name} ${fixed(airlockAdversarial[index]?.mbps)} / ${describeNaive(naiveAdversarial[index])}`).join('; ')}`,
      ...vardNotes,
      'the naive loop does less: the written terms only (no generated typo variants), no Unicode folding (homoglyphs, full-width, leetspeak), no invisible-character handling, no decoding of base64/hex/escapes/tag characters, no scoring; its recall and precision show what that costs',
    ],
  };
}

/**
 * `confusion` undefined: no row was scored, so the row shows no detection figures (never 100% of
 * nothing). A rate of 0 or an undefined adversarial entry: that text set or input had nothing
 * finished, so it has no figure; it counts as the slowest for the worst and the median, which are
 * left out when they would fall on it.
 */
function row(subject: string, airlock: boolean, mixed: number, realistic: number, sources: number, adversarial: readonly (number | undefined)[], confusion: Confusion | undefined, loso: LosoResult | undefined, detail: string): BenchRow {
  const headline: Record<string, number> = loso === undefined ? {} : { losoRecall: loso.headline.recall, losoFpr: loso.headline.fpr, losoHardFpr: loso.headline.hardFpr };
  const detection: Record<string, number> = confusion === undefined ? {} : { precision: confusion.precision, recall: confusion.recall, fpr: confusion.falsePositiveRate };
  const ranked = adversarial.map((mbps) => mbps ?? Number.NEGATIVE_INFINITY);
  const speeds = Object.entries({ mixed, realistic, sources, adversarialWorst: Math.min(...ranked), adversarialMedian: median(ranked) }).filter(([, value]) => Number.isFinite(value) && value > 0);
  return { subject, airlock, values: { ...headline, ...Object.fromEntries(speeds), ...detection }, detail };
}

/**
 * Leave-one-source-out on the public corpus for each engine, or a note that it is absent. The
 * headline is the worse of pooled and macro (mean over sources); per-source figures follow.
 */
function losoOf(corpus: ReturnType<typeof loadInjectionCorpus>, trainers: Readonly<Record<string, Trainer>>): { results: Partial<Record<string, LosoResult>>; notes: string[] } {
  if ('missing' in corpus) return { results: {}, notes: [`LOSO: ${corpus.missing}`] };
  const results: Partial<Record<string, LosoResult>> = {};
  const notes: string[] = [];
  const sources = new Set(corpus.rows.map((r) => r.source)).size;
  notes.push(`LOSO: ${corpus.rows.length} rows from ${sources} public sources (${corpus.rows.filter((r) => r.label === 'injection').length} injections); each source is scored by a detector built without it; ambiguous rows scored apart; headline = the worse of pooled and macro`);
  for (const [name, trainer] of Object.entries(trainers)) {
    const result = leaveOneSourceOut(corpus.rows, trainer);
    results[name] = result;
    const figure = (label: string, value: { recall: number; fpr: number; hardFpr: number }): string => `${label} recall ${value.recall.toFixed(3)} FPR ${value.fpr.toFixed(3)} hard-neg FPR ${value.hardFpr.toFixed(3)}`;
    notes.push(`LOSO ${name}: ${figure('pooled', result.pooled)}; ${figure('macro', result.macro)}; ${figure('worst source', result.worst)}`);
    for (const line of describeSources(result)) notes.push(`  LOSO ${name}: ${line}`);
  }
  return { results, notes };
}

/** Real text nobody attacked, for the false-alarm counts. */
interface AlarmSets {
  readonly realistic: readonly string[];
  readonly sources: readonly string[];
  readonly messages: LocalisedSample;
  readonly packageDocs: ReturnType<typeof systemDocuments>;
  readonly manPages: ReturnType<typeof systemDocuments>;
}

/** How many of the realistic documents, source files, localised messages, package documents and manual pages an engine flags. */
function flaggedOn(name: string, engine: Engine, sets: AlarmSets): string {
  const { realistic, sources, messages, packageDocs, manPages } = sets;
  const count = (documents: readonly string[]): number => documents.filter((document) => engine(document)).length;
  const localised = 'missing' in messages ? '' : `, ${count(messages.texts)} of ${messages.texts.length} localised system messages`;
  const packaged = 'missing' in packageDocs ? '' : `, ${count(packageDocs.texts)} of ${packageDocs.texts.length} package documents`;
  const manuals = 'missing' in manPages ? '' : `, ${count(manPages.texts)} of ${manPages.texts.length} manual pages`;
  return `${name} ${count(realistic)} of ${realistic.length} realistic documents, ${count(sources)} of ${sources.length} source files${localised}${packaged}${manuals}`;
}

type LocalisedSample = { texts: string[]; languages: number } | { missing: string };
/** Every MESSAGE_STRIDE-th message of each language, so a peer's pass stays within seconds. */
const MESSAGE_STRIDE = 4;

/** Translated messages of this machine's gettext catalogues (see gettextCatalogs), a fixed sample of each language. */
function sampledMessages(): LocalisedSample {
  const found = localisedMessages();
  if ('missing' in found) return found;
  const texts: string[] = [];
  for (const messages of found.byLanguage.values()) for (let index = 0; index < messages.length; index += MESSAGE_STRIDE) texts.push(messages[index] ?? '');
  return { texts, languages: found.byLanguage.size };
}

/** Phases on stderr: a full run takes many minutes, and the table comes only at its end. */
function progress(): (phase: string) => void {
  const started = performance.now();
  return (phase) => process.stderr.write(`contentGuard bench, ${((performance.now() - started) / 1000).toFixed(0)} s: ${phase}\n`);
}

function fixed(value: number | undefined): string {
  return value === undefined ? '-' : value.toFixed(2);
}

const VARD_STEP_MS = 2_000;

/** The published peer, if installed (a devDependency; ESM only, hence the dynamic import). */
async function vardEngine(): Promise<Engine | undefined> {
  try {
    const { vard } = (await import('@andersmyrmel/vard')) as unknown as { vard: { moderate(): { maxLength(chars: number): { safeParse(text: string): { safe: boolean } } } } };
    const guard = vard.moderate().maxLength(Number.MAX_SAFE_INTEGER);
    return (text) => !guard.safeParse(text).safe;
  } catch {
    return undefined;
  }
}

/** MB/s on growing prefixes, stopping after a slow step: a peer's regexes cannot be interrupted in this thread. */
function growingThroughput(engine: Engine, text: string): { mbps: number; stopped: boolean } {
  let mbps = 0;
  for (const size of [64 * 1024, 256 * 1024, text.length]) {
    const prefix = text.slice(0, size);
    const started = performance.now();
    engine(prefix);
    const ms = performance.now() - started;
    mbps = prefix.length / MB / (ms / 1000);
    if (ms > VARD_STEP_MS && size < text.length) return { mbps, stopped: true };
  }
  return { mbps, stopped: false };
}

/** MB per CPU second over the documents: median of ROUNDS rounds, each cut off after ROUND_BUDGET_MS of wall time. */
function measureMixed(engine: Engine, documents: readonly string[]): number {
  const rates: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const started = performance.now();
    const cpu = process.cpuUsage();
    let bytes = 0;
    for (const document of documents) {
      engine(document);
      bytes += document.length;
      if (performance.now() - started > ROUND_BUDGET_MS) break;
    }
    const used = process.cpuUsage(cpu);
    rates.push(bytes / MB / ((used.user + used.system) / 1e6));
  }
  return median(rates);
}

/** TypeScript files of 2 KB–1 MB under node_modules, in path order, up to `total` characters. */
export function sourceDocuments(total: number): string[] {
  return filesUnderNodeModules(total, ['.ts'], 2_000, 1_000_000);
}

/** Realistic mixed text, interleaved: a quarter each of code, Markdown, JSON and application logs. */
export function realisticDocuments(total: number): string[] {
  const sets = [filesUnderNodeModules(total / 4, ['.js', '.ts'], 1_500, 300_000), filesUnderNodeModules(total / 4, ['.md'], 1_500, 300_000), filesUnderNodeModules(total / 4, ['.json'], 1_500, 300_000), logDocuments(total / 4)];
  const documents: string[] = [];
  for (let index = 0; index < Math.max(...sets.map((set) => set.length)); index++) for (const set of sets) if (set[index] !== undefined) documents.push(set[index] as string);
  return documents;
}

/** Files under node_modules with one of the extensions and a size in [min, max], in path order, up to `total` characters. */
function filesUnderNodeModules(total: number, extensions: readonly string[], min: number, max: number): string[] {
  const documents: string[] = [];
  let size = 0;
  const walk = (dir: string): void => {
    let entries: string[];
    try {
      entries = readdirSync(dir).sort();
    } catch {
      return;
    }
    for (const entry of entries) {
      if (size >= total) return;
      const full = path.join(dir, entry);
      const stats = statSync(full, { throwIfNoEntry: false });
      if (stats?.isDirectory() === true) walk(full);
      else if (extensions.some((extension) => entry.endsWith(extension)) && stats !== undefined && stats.size >= min && stats.size <= max) {
        const text = readFileSync(full, 'utf8');
        documents.push(text);
        size += text.length;
      }
    }
  };
  walk(path.resolve(__dirname, '../node_modules'));
  return documents;
}

const LOG_LEVELS = ['INFO', 'DEBUG', 'WARN', 'ERROR'];
const LOG_MESSAGES = ['request completed in', 'cache miss for key', 'connection reset by peer, retrying', 'upload finished, bytes', 'session started for user', 'GET /api/v1/items?page=', 'worker exited with code', 'config reloaded from /etc/app/config.yaml, version', 'slow query took ms', 'token refreshed for client'];

/** Application logs of 200 lines each, seeded. */
function logDocuments(total: number): string[] {
  const random = seeded(20_261_206);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const documents: string[] = [];
  let size = 0;
  while (size < total) {
    const lines = Array.from({ length: 200 }, (_, line) => `2026-12-06T21:${String(Math.floor(line / 4) % 60).padStart(2, '0')}:${String(Math.floor(random() * 60)).padStart(2, '0')}.${Math.floor(random() * 1000)}Z ${pick(LOG_LEVELS)} [pid ${Math.floor(random() * 40_000)}] ${pick(LOG_MESSAGES)} ${Math.floor(random() * 100_000)} id=${Math.floor(random() * 1e9).toString(16)}`);
    const document = lines.join('\n');
    documents.push(document);
    size += document.length;
  }
  return documents;
}

function throughput(engine: Engine, text: string, runs: number): number {
  let best = Number.POSITIVE_INFINITY;
  for (let index = 0; index < runs; index++) {
    const started = performance.now();
    engine(text);
    best = Math.min(best, performance.now() - started);
  }
  return text.length / MB / (best / 1000);
}

interface NaiveAdversarial {
  /** Undefined when not even the smallest prefix finished. */
  readonly mbps: number | undefined;
  /** Prefix sizes finished, with their times: super-linear growth shows here. */
  readonly steps: readonly { chars: number; ms: number }[];
  /** Why it stopped short of 1 MiB: a prefix took over NAIVE_TIMEOUT_MS, or the next one would have at the rate so far. */
  readonly ended: 'all' | 'stopped' | 'projected';
}

function describeNaive(result: NaiveAdversarial | undefined): string {
  if (result === undefined) return '-';
  const steps = result.steps.map((step) => `${step.chars / 1024} KiB ${step.ms.toFixed(0)} ms`).join(', ');
  const why = { all: '', stopped: `; the next size was stopped after ${NAIVE_TIMEOUT_MS / 1000} s`, projected: `; the next size not tried, projected over ${NAIVE_TIMEOUT_MS / 1000} s` }[result.ended];
  const mbps = result.mbps === undefined ? 'no figure' : result.mbps.toFixed(result.mbps < 0.1 ? 4 : 2);
  if (steps === '') return `${mbps} (the ${(NAIVE_SIZES[0] ?? 0) / 1024} KiB prefix was stopped after ${NAIVE_TIMEOUT_MS / 1000} s)`;
  return `${mbps}${result.ended === 'all' ? '' : ` (${steps} finished${why})`}`;
}

/** Throughput on growing prefixes, the better of two runs each: taken at the largest prefix that finished (an upper bound when the next one was stopped or not tried). */
async function naiveAdversarialThroughput(naive: NaiveWorker, text: string): Promise<NaiveAdversarial> {
  const steps: { chars: number; ms: number }[] = [];
  let ended: NaiveAdversarial['ended'] = 'all';
  for (const size of NAIVE_SIZES) {
    const last = steps.at(-1);
    if (last !== undefined && (last.ms * size) / last.chars > NAIVE_TIMEOUT_MS) {
      ended = 'projected';
      break;
    }
    // The better of two runs, as Airlock gets: the first run of a text can pay seconds of V8
    // compiling regex code that the second does not.
    const prefix = text.slice(0, size);
    const run = await naive.run([prefix, prefix], Number.POSITIVE_INFINITY);
    if (run.texts.length === 0) {
      ended = 'stopped';
      break;
    }
    steps.push({ chars: prefix.length, ms: Math.min(...run.texts.map((entry) => entry.ms)) });
  }
  const last = steps.at(-1);
  return { mbps: last === undefined ? undefined : last.chars / MB / (last.ms / 1000), steps, ended };
}

/** What the naive loop got through: each finished text's size, CPU time and verdict, in order. */
interface NaiveRun {
  readonly texts: readonly { readonly chars: number; readonly ms: number; readonly positive: boolean }[];
  readonly mbps: number;
  /** A text took longer than NAIVE_TIMEOUT_MS and the worker was ended. */
  readonly stopped: boolean;
  readonly total: number;
}

function describeNaiveDetection(result: { confusion: Confusion; scored: number }): string {
  return result.scored === 0 ? `naive: no row finished within ${NAIVE_TIMEOUT_MS / 1000} s, so no figures` : describeConfusion(`naive (${result.scored} rows scored within its budget)`, result.confusion);
}

/**
 * The naive loop's verdicts on the public rows, as a detector: it has nothing to fit, so every
 * fold's detector is the same, and a row it did not finish within NAIVE_TIMEOUT_MS counts as not
 * flagged (it gave no answer).
 */
function naiveTrainer(corpus: ReturnType<typeof loadInjectionCorpus>, positive: readonly (boolean | undefined)[]): Trainer {
  const verdicts = new Map<string, boolean>();
  if ('rows' in corpus) corpus.rows.forEach((row, index) => verdicts.set(row.text, positive[index] === true));
  return () => (text) => verdicts.get(text) === true;
}

/** The naive loop's verdict on every text, in a worker started for it and ended after. */
async function naiveEach(patterns: readonly NaivePattern[], texts: readonly string[]): Promise<NaiveEach> {
  const worker = new NaiveWorker(patterns);
  try {
    return await worker.each(texts, NAIVE_LOSO_MAX_TIMEOUTS);
  } finally {
    await worker.close();
  }
}

function describeNaivePublic(run: NaiveEach): string {
  const timing = `${(run.cpuMs / 1000).toFixed(0)} CPU s over ${run.tried} rows`;
  if (run.positive === undefined) return `LOSO naive regex loop: not scored, ${run.timedOut} rows took over ${NAIVE_TIMEOUT_MS / 1000} s (${timing})`;
  return `LOSO naive regex loop: every row tried, ${run.timedOut} over ${NAIVE_TIMEOUT_MS / 1000} s counted as not flagged (${timing}); the same regexes in every fold (nothing to fit)`;
}

function describeRun(run: NaiveRun): string {
  return `${run.texts.length} of ${run.total} texts${run.stopped ? `, stopped by one over ${NAIVE_TIMEOUT_MS / 1000} s` : ''}`;
}

/** The confusion over the rows the naive loop finished (in order, so its first `scored` rows). */
function naiveConfusion(rows: readonly CorpusRow[], run: NaiveRun): { confusion: Confusion; scored: number } {
  let index = 0;
  return { confusion: evaluate(rows.slice(0, run.texts.length), () => run.texts[index++]?.positive === true), scored: run.texts.length };
}

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const patterns = workerData.patterns.map((p) => ({ weight: p.weight, regex: new RegExp(p.source, p.flags) }));
// exec on the compiled regex, not matchAll: matchAll clones the regex for every text, and a clone
// compiles afresh on two-byte strings (measured: 8 to 30 s per text, whatever its length).
const scan = (text) => {
  let positive = false;
  for (const p of patterns) {
    p.regex.lastIndex = 0;
    for (let match = p.regex.exec(text); match !== null; match = p.regex.exec(text)) {
      if (p.weight >= workerData.flagAt) positive = true;
      if (match[0] === '') p.regex.lastIndex++;
    }
  }
  return positive;
};
// Each twice, on a one-byte and a two-byte string: V8 runs a regex's first match in its
// interpreter and compiles it to machine code on the second, separately for each string width,
// seconds for all of them, which the first measured text of each width would otherwise pay.
for (const warm of workerData.warmTexts) for (let round = 0; round < 2; round++) scan(warm);
parentPort.postMessage({ ready: true });
parentPort.on('message', ({ texts, budgetMs }) => {
  const started = performance.now();
  for (const text of texts) {
    if (performance.now() - started > budgetMs) break;
    const cpu = process.cpuUsage();
    const positive = scan(text);
    const used = process.cpuUsage(cpu);
    parentPort.postMessage({ chars: text.length, ms: (used.user + used.system) / 1000, positive });
  }
  parentPort.postMessage({ done: true });
});
`;

/** The naive loop's verdict on every text, or none when too many texts took over NAIVE_TIMEOUT_MS. */
interface NaiveEach {
  readonly positive: readonly (boolean | undefined)[] | undefined;
  readonly timedOut: number;
  readonly tried: number;
  readonly cpuMs: number;
}

type NaiveMessage = { ready?: true; done?: true; chars?: number; ms?: number; positive?: boolean };

/**
 * The naive loop in a worker thread, its patterns compiled once (a second or more: many Unicode
 * classes under /iu) and kept across jobs. A job runs texts in order until its budget; a text that
 * takes longer than NAIVE_TIMEOUT_MS ends the worker, and the next job starts a new one. The
 * worker is the only thread working meanwhile, so the process's CPU time it reads is its own.
 */
class NaiveWorker {
  private worker: Worker | undefined;
  private ready = false;

  constructor(private readonly patterns: readonly NaivePattern[]) {}

  run(texts: readonly string[], budgetMs = NAIVE_JOB_BUDGET_MS, timeoutMs = NAIVE_TIMEOUT_MS): Promise<NaiveRun> {
    const worker = this.worker ?? this.start();
    return new Promise((resolve, reject) => {
      const done: { chars: number; ms: number; positive: boolean }[] = [];
      let timer: ReturnType<typeof setTimeout> | undefined;
      const finish = (stopped: boolean): void => {
        if (timer !== undefined) clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        if (stopped) {
          this.worker = undefined;
          void worker.terminate();
        }
        const chars = done.reduce((sum, entry) => sum + entry.chars, 0);
        const ms = done.reduce((sum, entry) => sum + entry.ms, 0);
        resolve({ texts: done, mbps: ms > 0 ? chars / MB / (ms / 1000) : 0, stopped, total: texts.length });
      };
      const arm = (ms: number): void => {
        if (timer !== undefined) clearTimeout(timer);
        timer = setTimeout(() => finish(true), ms);
      };
      const send = (): void => {
        arm(timeoutMs);
        worker.postMessage({ texts, budgetMs });
      };
      const onMessage = (message: NaiveMessage): void => {
        if (message.ready === true) return send();
        if (message.done === true) return finish(false);
        if (message.chars !== undefined && message.ms !== undefined) {
          if (message.ms > timeoutMs) return finish(true);
          done.push({ chars: message.chars, ms: message.ms, positive: message.positive === true });
        }
        arm(timeoutMs);
      };
      const onError = (error: unknown): void => {
        if (timer !== undefined) clearTimeout(timer);
        this.worker = undefined;
        reject(error instanceof Error ? error : new Error(String(error)));
      };
      worker.on('message', onMessage);
      worker.once('error', onError);
      if (this.ready) send();
      else arm(120_000); // compiling several hundred large patterns takes a while
    });
  }

  /**
   * Every text's verdict, in order, without a budget: a text over NAIVE_TIMEOUT_MS has none (it
   * ends the worker, and the texts after it go on in a new one), and after `maxTimeouts` of them
   * the run gives up.
   */
  async each(texts: readonly string[], maxTimeouts: number): Promise<NaiveEach> {
    const positive: (boolean | undefined)[] = Array.from(texts, () => undefined);
    const state = { timedOut: 0, tried: 0, cpuMs: 0 };
    while (state.tried < texts.length && state.timedOut < maxTimeouts) {
      const run = await this.run(texts.slice(state.tried), Number.POSITIVE_INFINITY);
      for (const entry of run.texts) {
        positive[state.tried++] = entry.positive;
        state.cpuMs += entry.ms;
      }
      if (run.stopped) {
        state.tried++; // the text that took too long keeps no verdict
        state.timedOut++;
      }
    }
    return state.timedOut >= maxTimeouts ? { positive: undefined, ...state } : { positive, ...state };
  }

  close(): Promise<number> {
    const worker = this.worker;
    this.worker = undefined;
    return worker === undefined ? Promise.resolve(0) : worker.terminate();
  }

  private start(): Worker {
    this.ready = false;
    const worker = new Worker(WORKER_SOURCE, { eval: true, resourceLimits: NAIVE_RESOURCE_LIMITS, workerData: { flagAt: DEFAULT_THRESHOLDS.flagAt, warmTexts: NAIVE_WARM_TEXTS, patterns: this.patterns.map((pattern) => ({ weight: pattern.weight, source: pattern.regex.source, flags: pattern.regex.flags })) } });
    worker.on('message', (message: NaiveMessage) => {
      if (message.ready === true) this.ready = true;
    });
    this.worker = worker;
    return worker;
  }
}

/** The one-regex-per-pattern scanner's patterns, written plainly, from the guard's own pattern set as written (it runs in WORKER_SOURCE). */
function naivePatterns(): NaivePattern[] {
  return [...PHRASE_RULES.map(writtenRule).flatMap(ruleRegexes), ...LITERAL_PATTERNS, ...HAND_PATTERNS];
}

interface NaivePattern {
  readonly weight: number;
  readonly regex: RegExp;
}

const WORD = '[\\p{L}\\p{N}]';
const SEP = '[\\s\\p{P}\\p{S}]+';

function ruleRegexes(rule: PhraseRule): NaivePattern[] {
  const slots = rule.slots.map((set) => slotRegex(set.terms));
  const sources = rule.kind === 'sequence'
    ? [slots.map((slot, index) => (index === 0 ? slot : `${gapRegex(rule.gaps[index] ?? 0)}${slot}`)).join('')]
    : permutations(slots).map((order) => order.join(`[\\s\\S]{0,${rule.window * 8}}?`));
  return sources.map((source) => ({ weight: rule.weight, regex: new RegExp(source, 'giu') }));
}

/**
 * One slot's terms as a person writes a word list, `\b(?:ignore|disregard)\b`: the word
 * boundaries once around each group (whole words, stems, unspaced scripts). A lookbehind in front
 * of every term matches the same text but is run at every position for every term, 25 times
 * slower here, which would measure how the regexes were generated rather than the naive loop.
 */
function slotRegex(terms: readonly string[]): string {
  const spaced = (term: string): boolean => /[a-z\u00c0-\u024f\u0400-\u04ff\u0600-\u06ff]/i.test(term);
  const stem = (term: string): boolean => term.endsWith('*');
  const body = (term: string): string => (stem(term) ? term.slice(0, -1) : term).split(/\s+/).map(escape).join(SEP);
  const group = (chosen: readonly string[], before: string, after: string): string[] => (chosen.length === 0 ? [] : [`${before}(?:${chosen.map(body).join('|')})${after}`]);
  return `(?:${[
    ...group(terms.filter((term) => spaced(term) && !stem(term)), `(?<!${WORD})`, `(?!${WORD})`),
    ...group(terms.filter((term) => spaced(term) && stem(term)), `(?<!${WORD})`, `${WORD}*`),
    ...group(terms.filter((term) => !spaced(term)), '', ''),
  ].join('|')})`;
}

function gapRegex(gap: number): string {
  return gap === 0 ? SEP : `(?:${SEP}${WORD}+){0,${gap}}?${SEP}`;
}

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, index) => permutations([...items.slice(0, index), ...items.slice(index + 1)]).map((rest) => [item, ...rest]));
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const LITERAL_PATTERNS: readonly NaivePattern[] = [
  ['<|im_start|>', 0.7], ['<|im_end|>', 0.55], ['<|endoftext|>', 0.6], ['<|eot_id|>', 0.6], ['<|start_header_id|>', 0.65], ['<|end_header_id|>', 0.6],
  ['<|begin_of_text|>', 0.6], ['<|system|>', 0.65], ['<|user|>', 0.55], ['<|assistant|>', 0.55], ['<|end|>', 0.5], ['<|channel|>', 0.55], ['<|message|>', 0.55],
  ['<start_of_turn>', 0.6], ['<end_of_turn>', 0.55], ['[INST]', 0.55], ['[/INST]', 0.55], ['<<SYS>>', 0.65], ['<</SYS>>', 0.6], ['[SYSTEM]', 0.45],
  ['</tool_result>', 0.55], ['<tool_result>', 0.45], ['</tool_output>', 0.55], ['</function_results>', 0.55], ['<function_calls>', 0.55], ['<tool_call>', 0.5],
  ['<system_prompt>', 0.5], ['</system>', 0.25], ['<system>', 0.25],
].map(([literal, weight]) => ({ weight: weight as number, regex: new RegExp(escape(literal as string), 'gi') }));

/** What a first version writes for the non-phrase categories. */
const HAND_PATTERNS: readonly NaivePattern[] = [
  { weight: 0.85, regex: /!\[[^\]]*\]\(https?:\/\/[^)\s]*[?&][^)\s]*(?:\{\{|\$\{|%7B|\[[A-Z_]+\]|<[^>]*>)[^)]*\)/gi },
  { weight: 0.45, regex: /!\[[^\]]*\]\(https?:\/\/[^)\s]*[?&][\w-]+=\)/gi },
  { weight: 0.6, regex: /<img[^>]+src=["']?https?:\/\/[^"'\s>]*(?:\{\{|\$\{|\[[A-Z_]+\])/gi },
  { weight: 0.8, regex: /curl[^\n]*(?:-d\s*@|--data[^\n]*@|-F[^\n]*@|--upload-file)[^\n]*(?:\.env|\.ssh|id_rsa|\.aws|credentials|\.npmrc)/gi },
  { weight: 0.55, regex: /<[^>]+style=["'][^"']*(?:display:\s*none|font-size:\s*0|visibility:\s*hidden|opacity:\s*0)[^"']*["'][^>]*>[^<]*(?:ignore|disregard|instructions|assistant|system)[^<]*</gi },
  { weight: 0.4, regex: /<!--[\s\S]*?(?:ignore|disregard|instructions|assistant|AI:|system)[\s\S]*?-->/gi },
  { weight: 0.5, regex: /[\u{E0000}-\u{E007F}]{8,}/gu },
  { weight: 0.6, regex: /(?:decode|base64)[^\n.]{0,40}(?:follow|execute|obey)/gi },
  { weight: 0.1, regex: /[A-Za-z0-9+/]{40,}={0,2}/g },
];

/** Labelled texts and filler, cut into documents of 2–64 KB, deterministically. */
export function mixedDocuments(texts: readonly string[], total: number): string[] {
  const random = seeded(20_260_501);
  const documents: string[] = [];
  let size = 0;
  while (size < total) {
    const target = 2_000 + Math.floor(random() * 62_000);
    const parts: string[] = [];
    let length = 0;
    while (length < target) {
      const part = random() < 0.7 ? (texts[Math.floor(random() * texts.length)] ?? '') : filler(random);
      parts.push(part);
      length += part.length + 2;
    }
    const document = parts.join('\n\n');
    documents.push(document);
    size += document.length;
  }
  return documents;
}

const IDENTIFIERS = ['request', 'response', 'config', 'user', 'session', 'cache', 'store', 'handler', 'parser', 'token', 'buffer', 'queue', 'worker', 'router', 'schema'];
const WORDS = ['the', 'build', 'runs', 'tests', 'before', 'release', 'and', 'uploads', 'artifacts', 'when', 'a', 'tag', 'is', 'pushed', 'see', 'docs', 'for', 'details', 'on', 'configuration', 'options', 'previous', 'versions', 'ignored', 'system', 'rules'];

/** Code and prose that look like a repository's files, seeded. */
function filler(random: () => number): string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  if (random() < 0.5) {
    const name = pick(IDENTIFIERS);
    return [
      `export async function handle${name[0]?.toUpperCase()}${name.slice(1)}(input: ${pick(['string', 'Request', 'Buffer'])}): Promise<void> {`,
      `  // ${Array.from({ length: 8 }, () => pick(WORDS)).join(' ')}`,
      `  const ${name} = await ${pick(IDENTIFIERS)}.get('${pick(IDENTIFIERS)}_${Math.floor(random() * 1000)}');`,
      `  if (!${name}) throw new Error('missing ${name}');`,
      `  return ${pick(IDENTIFIERS)}.put(${name}, { ttl: ${Math.floor(random() * 3600)} });`,
      '}',
    ].join('\n');
  }
  return `${Array.from({ length: 30 + Math.floor(random() * 60) }, () => pick(WORDS)).join(' ')}.`;
}

/** The same adversarial inputs the unit tests check for totality, 1 MiB each. */
function adversarialInputs(): [string, string][] {
  return Object.entries(ADVERSARIAL_INPUTS).map(([name, build]) => [name, build()]);
}

/** mulberry32: the same documents on every run. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  };
}
