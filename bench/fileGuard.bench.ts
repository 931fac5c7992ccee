// File guard decisions per second with 200 glob rules, against the two ways peers match globs:
// `minimatch` called per rule per decision, and the `ignore` package (gitignore semantics, what
// several coding agents use). The glob-matching part is measured alone on every engine, same
// paths, same rules, and the verdicts are compared; the guard's full decide() (realpath, stat)
// has two rows of its own: every path resolved whole, and one call's guard (folders resolved once).
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import ignore from 'ignore';
import { Minimatch, minimatch } from 'minimatch';
import type { FileMode } from '../src/core/guard/fileDecision';
import type { createFileGuard as CreateFileGuard } from '../src/core/guard/fileGuard';
import type { FileRules } from '../src/core/guard/fileRules';
import type { compileFileRules as CompileFileRules, judgeByRules as JudgeByRules } from '../src/core/guard/ruleMatcher';
import type { BenchReport, BenchRow } from './lib/benchReport';
import { shippedModule } from './lib/shippedModule';
import { median } from './lib/stats';

const PATH_COUNT = 20_000;
const PACKAGES = 18;
const ROUNDS = 5;
// Per round and engine: the slow engines stop early and are rated on what they got through.
const ROUND_BUDGET_MS = 1_500;

/** The verdict every engine can express: deny wins, readonly refuses writes, no allow is a denial. */
type Verdict = 'deny' | 'readonly' | 'not-allowed' | 'allow';

interface Input {
  readonly path: string;
  readonly mode: FileMode;
}

type Engine = (input: Input) => Verdict;

// Measured as it ships (bundled), not as the tsx loader runs the sources: see shippedModule.
const { compileFileRules, judgeByRules, createFileGuard } = shippedModule<{ compileFileRules: typeof CompileFileRules; judgeByRules: typeof JudgeByRules; createFileGuard: typeof CreateFileGuard }>('src/core/guard/ruleMatcher.ts', 'src/core/guard/fileGuard.ts');

export async function run(): Promise<BenchReport> {
  const rules = benchRules();
  const inputs = benchInputs(PATH_COUNT);
  const reference = inputs.map(airlockEngine(rules));
  const rows: BenchRow[] = [
    measureEngine('airlock guard matcher', true, () => airlockEngine(rules), inputs, reference, 'judgeByRules: control, deny, readonly and allow globs compiled once (picomatch), grouped by shape into a few combined regexes'),
    measureEngine('minimatch() per rule', false, () => minimatchPerCall(rules), inputs, reference, 'minimatch(path, glob, { dot: true }) for each rule until one decides'),
    measureEngine('minimatch, compiled once', false, () => minimatchCompiled(rules), inputs, reference, 'one Minimatch object per rule, built before the clock starts'),
    measureEngine('ignore', false, () => ignoreEngine(rules), inputs, reference, 'three ignore() instances (deny, readonly, allow), fresh each round so its per-path cache starts empty'),
    ...(await measureDecide(rules, inputs, reference)),
  ];
  return {
    title: `file guard: decisions per second, ${rules.deny.length + rules.readonly.length + rules.allow.length} glob rules, ${PATH_COUNT.toLocaleString('en-US')} paths`,
    columns: [
      { key: 'rate', label: 'decisions/s', decimals: 0 },
      { key: 'micros', label: 'µs/decision', decimals: 2 },
      { key: 'disagreements', label: 'disagree', decimals: 0 },
    ],
    rows,
    notes: [
      `rules: ${rules.deny.length} deny, ${rules.readonly.length} readonly, ${rules.allow.length} allow; paths: ${describeVerdicts(reference)}; modes alternate read/write`,
      'disagree: inputs on which the engine\'s verdict differs from the guard matcher\'s (checked on every input the engine processed)',
      `median of ${ROUNDS} rounds; a round stops after ${ROUND_BUDGET_MS} ms, so slow engines are rated on the inputs they reached`,
      'rules are written so gitignore and glob semantics coincide (anchored, folder rules end in /**), which makes the verdicts comparable',
      'Airlock is measured as it ships: src/core/guard bundled by esbuild as npm run build bundles it (the tsx loader the benches run under slows cross-module calls in hot loops)',
    ],
  };
}

/** 200 rules: 52 deny, 34 readonly, 114 allow. No braces: gitignore (the ignore package) has none. */
function benchRules(): FileRules {
  const packages = Array.from({ length: PACKAGES }, (_, index) => `packages/pkg${index}`);
  const deny = [
    '**/.env', '**/.env.*', '**/*.pem', '**/*.key', '**/*.p12', '**/*.pfx', '**/id_rsa*', '**/.ssh/**', '**/.aws/**', '**/.gnupg/**',
    '**/credentials*.json', '**/secrets/**', '**/*.keystore', 'node_modules/**', 'coverage/**', '**/.terraform/**',
    ...packages.map((pkg) => `${pkg}/private/**`),
    ...packages.map((pkg) => `${pkg}/**/*.secret.*`),
  ];
  const readonly = [
    '**/*.lock', 'package-lock.json', 'vendor/**', 'docs/legal/**', 'third_party/**', 'LICENSE', 'CHANGELOG.md',
    ...packages.map((pkg) => `${pkg}/dist/**`),
    ...packages.slice(0, 9).map((pkg) => `${pkg}/generated/**`),
  ];
  const allow = [
    'src/**', 'test/**', 'docs/**/*.md', 'scripts/*.sh', '*.md', '*.json', 'LICENSE', 'vendor/**', 'third_party/**',
    ...packages.flatMap((pkg) => [`${pkg}/src/**/*.ts`, `${pkg}/src/**/*.tsx`, `${pkg}/test/**`, `${pkg}/*.json`, `${pkg}/dist/**`]),
    ...packages.slice(0, 15).map((pkg) => `${pkg}/generated/**`),
  ];
  return { allow, deny, readonly, extensions: [], maxFileSizeMb: 5 };
}

/** Deterministic inputs (seeded), a realistic mix of allowed, denied, read-only and unlisted paths. */
function benchInputs(count: number): Input[] {
  const random = seeded(20_261_123);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const shapes: readonly (() => string)[] = [
    () => `src/${pick(['core', 'cli', 'ui'])}/${pick(['a', 'b', 'c'])}/file${Math.floor(random() * 500)}.ts`,
    () => `packages/pkg${Math.floor(random() * PACKAGES)}/src/${pick(['lib', 'util', 'x/y'])}/m${Math.floor(random() * 300)}.${pick(['ts', 'tsx', 'js'])}`,
    () => `packages/pkg${Math.floor(random() * PACKAGES)}/${pick(['dist/index.js', 'private/token.txt', 'package.json', 'test/a.test.ts', 'generated/api.ts', 'src/conf.secret.ts', '.env'])}`,
    () => pick(['.env', 'config/.env.local', 'deploy/server.pem', 'home/.ssh/id_rsa', '.aws/credentials', 'node_modules/left-pad/index.js', 'README.md', 'package.json', 'package-lock.json', 'yarn.lock', 'vendor/lib/x.c', 'docs/guide/intro.md', 'docs/legal/terms.md', 'scripts/build.sh', 'Makefile', 'tmp/scratch.txt']),
    () => `test/${pick(['unit', 'e2e'])}/case${Math.floor(random() * 200)}.test.ts`,
  ];
  return Array.from({ length: count }, (_, index) => ({ path: pick(shapes)(), mode: index % 2 === 0 ? 'read' : 'write' }));
}

function airlockEngine(rules: FileRules): Engine {
  const matcher = compileFileRules(rules, { nocase: false });
  return (input) => verdictOf(judgeByRules(matcher, input.path, input.mode).reason);
}

function verdictOf(reason: string): Verdict {
  if (reason === 'allowed') return 'allow';
  if (reason === 'readonly') return 'readonly';
  if (reason === 'not-allowed-by-rule') return 'not-allowed';
  return 'deny';
}

function minimatchPerCall(rules: FileRules): Engine {
  const matches = (file: string, globs: readonly string[]): boolean => globs.some((glob) => minimatch(file, glob, { dot: true }));
  return (input) => decideWith(input, (file) => matches(file, rules.deny), (file) => matches(file, rules.readonly), (file) => matches(file, rules.allow));
}

function minimatchCompiled(rules: FileRules): Engine {
  const compile = (globs: readonly string[]): Minimatch[] => globs.map((glob) => new Minimatch(glob, { dot: true }));
  const [deny, readonly, allow] = [compile(rules.deny), compile(rules.readonly), compile(rules.allow)];
  const matches = (file: string, set: readonly Minimatch[]): boolean => set.some((matcher) => matcher.match(file));
  return (input) => decideWith(input, (file) => matches(file, deny), (file) => matches(file, readonly), (file) => matches(file, allow));
}

function ignoreEngine(rules: FileRules): Engine {
  // gitignore matches a slash-less pattern at any depth; a leading "/" anchors it like a glob.
  const build = (globs: readonly string[]): ReturnType<typeof ignore> => ignore().add(globs.map((glob) => (glob.includes('/') ? glob : `/${glob}`)));
  const [deny, readonly, allow] = [build(rules.deny), build(rules.readonly), build(rules.allow)];
  return (input) => decideWith(input, (file) => deny.ignores(file), (file) => readonly.ignores(file), (file) => allow.ignores(file));
}

function decideWith(input: Input, denied: (file: string) => boolean, readonly: (file: string) => boolean, allowed: (file: string) => boolean): Verdict {
  if (denied(input.path)) return 'deny';
  if (input.mode === 'write' && readonly(input.path)) return 'readonly';
  return allowed(input.path) ? 'allow' : 'not-allowed';
}

function measureEngine(subject: string, airlock: boolean, build: () => Engine, inputs: readonly Input[], reference: readonly Verdict[], detail: string): BenchRow {
  build()(inputs[0] as Input); // warm the code paths once before timing
  const rates: number[] = [];
  let disagreements = 0;
  let reached = inputs.length;
  for (let round = 0; round < ROUNDS; round++) {
    const engine = build();
    const started = performance.now();
    const deadline = started + ROUND_BUDGET_MS;
    let done = 0;
    for (; done < inputs.length && (done % 256 !== 0 || performance.now() < deadline); done++) {
      const verdict = engine(inputs[done] as Input);
      if (round === 0 && verdict !== reference[done]) disagreements++;
    }
    rates.push(done / ((performance.now() - started) / 1000));
    if (round === 0) reached = done;
  }
  return rateRow(subject, airlock, median(rates), disagreements, `${detail}; ${reached.toLocaleString('en-US')} of ${inputs.length.toLocaleString('en-US')} inputs per round`);
}

/**
 * The whole decide(): path checks, real location, stat, rules; once with every path resolved
 * whole (realpath, then stat), once in one call's guard (each folder resolved once per call,
 * each entry with one lstat), as fs.list and fs.search decide. Rounds alternate between the two.
 */
async function measureDecide(rules: FileRules, inputs: readonly Input[], reference: readonly Verdict[]): Promise<BenchRow[]> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'airlock-bench-guard-'));
  try {
    const existing = await materialise(root, inputs.filter((_, index) => index % 4 === 0));
    const guard = createFileGuard({ workspaceFolders: [root], rules });
    const ways = [
      { subject: 'airlock decide(), every path resolved whole', guard: () => guard, rates: [] as number[], disagreements: 0 },
      { subject: 'airlock decide() in one call (forCall)', guard: () => guard.forCall(), rates: [] as number[], disagreements: 0 },
    ];
    for (let round = 0; round < ROUNDS; round++) {
      for (const way of ways) {
        // A new call guard each round: its folder cache starts empty, as on every tool call.
        const decider = way.guard();
        const started = performance.now();
        let done = 0;
        for (; done < inputs.length && performance.now() < started + ROUND_BUDGET_MS; done++) {
          const input = inputs[done] as Input;
          const decision = await decider.decide(input.path, input.mode);
          if (round === 0 && verdictOf(decision.reason) !== reference[done]) way.disagreements++;
        }
        way.rates.push(done / ((performance.now() - started) / 1000));
      }
    }
    const detail = `real temp workspace, ${existing} of the paths exist as files (the rest are judged as new files under the longest existing prefix)`;
    return ways.map((way) => rateRow(way.subject, true, median(way.rates), way.disagreements, detail));
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

/** Creates a quarter of the input paths as small files, so decide() meets both existing and new files. */
async function materialise(root: string, inputs: readonly Input[]): Promise<number> {
  const files = new Set(inputs.map((input) => input.path));
  for (const file of files) {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await writeFile(path.join(root, file), 'x');
  }
  return files.size;
}

function rateRow(subject: string, airlock: boolean, rate: number, disagreements: number, detail: string): BenchRow {
  return { subject, airlock, values: { rate, micros: 1_000_000 / rate, disagreements }, detail };
}

function describeVerdicts(verdicts: readonly Verdict[]): string {
  const counts = new Map<Verdict, number>();
  for (const verdict of verdicts) counts.set(verdict, (counts.get(verdict) ?? 0) + 1);
  return [...counts].map(([verdict, count]) => `${count} ${verdict}`).join(', ');
}

/** mulberry32: the same inputs on every run and machine, so figures compare across runs. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  };
}
