// fs.list over a large real tree (this repository's node_modules, copied): the tool at its
// largest (6 levels, 2,000 entries) against the same walk without the guard, and against ripgrep
// listing the same number of files. The tool reads every folder through guardedOpen (checked on
// its descriptor) and judges every entry by the rules; the guard's added cost is the ratio to the
// unguarded walk. Also measured: the tool with the guard as first built (every entry decided in full).
import { spawn } from 'node:child_process';
import type { Dirent } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import type { fsListTool as FsListTool } from '../src/core/agent/tools/fsListTool';
import { NOT_DESCENDED, NOT_SEARCHED } from '../src/core/files/generatedFolders';
import type { createFileGuard as CreateFileGuard, FileGuard } from '../src/core/guard/fileGuard';
import type { FileRules } from '../src/core/guard/fileRules';
import { codeServerRipgrep } from '../test/unit/core/search/codeServerRipgrep';
import type { BenchReport, BenchRow } from './lib/benchReport';
import { copyNodeModules, defaultFileRules } from './lib/largeTree';
import { shippedModule } from './lib/shippedModule';
import { median } from './lib/stats';

const DEPTH = 6;
const MAX_ENTRIES = 2000;
const ROUNDS = 7;
/** Subfolders read ahead together, as fs.list does (its JUDGE_WINDOW). */
const WINDOW = 32;

// Measured as it ships (bundled), not as the tsx loader runs the sources: see shippedModule.
const { fsListTool, createFileGuard } = shippedModule<{ fsListTool: typeof FsListTool; createFileGuard: typeof CreateFileGuard }>('src/core/agent/tools/fsListTool.ts', 'src/core/guard/fileGuard.ts');

interface Subject {
  readonly name: string;
  readonly airlock: boolean;
  readonly detail: string;
  /** Lists once; answers how many entries it produced. */
  list(): Promise<number>;
}

export async function run(): Promise<BenchReport> {
  const rg = await codeServerRipgrep();
  const tree = await copyNodeModules();
  try {
    const rules = await defaultFileRules();
    const subjects: Subject[] = [
      toolSubject('airlock fs.list (guard per call)', true, rules, tree.root, (guard) => guard, 'the tool as the agent runs it: every folder opened through guardedOpen, every entry decided by a call guard (folders resolved once per call)'),
      plainWalk(tree.root),
      rgFiles(rg, tree.root),
      toolSubject('fs.list, every entry decided in full', false, rules, tree.root, wholePathGuard, 'the same tool with the guard as first built: every entry decided in full, its whole path resolved (realpath, then stat), no per-call folder cache'),
    ];
    const samples = new Map<string, number[]>();
    const entries = new Map<string, number>();
    for (const subject of subjects) await subject.list(); // warm caches and code paths
    for (let round = 0; round < ROUNDS; round++) {
      // Interleaved, so a burst of load from other work on the machine hits every subject alike.
      for (const subject of subjects) {
        const started = performance.now();
        entries.set(subject.name, await subject.list());
        samples.set(subject.name, [...(samples.get(subject.name) ?? []), performance.now() - started]);
      }
    }
    const rows: BenchRow[] = subjects.map((subject) => {
      const ms = median(samples.get(subject.name) ?? []);
      const count = entries.get(subject.name) ?? 0;
      return { subject: subject.name, airlock: subject.airlock, values: { ms, perEntry: (ms * 1000) / count }, detail: `${subject.detail}; ${count} entries` };
    });
    return {
      title: `fs.list: median ms to list ${DEPTH} levels, up to ${MAX_ENTRIES} entries, of ${tree.packages} packages (${tree.files.toLocaleString('en-US')} files, node_modules of this repository)`,
      columns: [
        { key: 'ms', label: 'median ms', decimals: 1 },
        { key: 'perEntry', label: 'µs/entry', decimals: 1 },
      ],
      rows,
      notes: [
        'airlock/x against the unguarded walk is the guard\'s added cost (target ≤ 1.30); against the guard as first built, what judging listed entries by the rules (their folder checked on its descriptor) saves',
        'ripgrep lists files only (no folders) in its own order; it is stopped after as many names as the tool listed',
        `median of ${ROUNDS} rounds, subjects interleaved; a 2-core machine shared with other work: compare within this run, not across runs`,
        'rules: the built-in default pack; the tree is a copy in a temp folder',
        'the tool is measured as it ships: fs.list and the file guard bundled by esbuild as npm run build bundles them (the tsx loader the benches run under slows cross-module calls in hot loops)',
      ],
    };
  } finally {
    await tree.dispose();
  }
}

function toolSubject(name: string, airlock: boolean, rules: FileRules, root: string, adapt: (guard: FileGuard) => FileGuard, detail: string): Subject {
  const guard = adapt(createFileGuard({ workspaceFolders: [root], rules }));
  const tool = fsListTool({ guard: () => guard, roots: () => [root] });
  return {
    name,
    airlock,
    detail,
    async list() {
      const result = await tool.run(tool.parameters.parse({ depth: DEPTH, maxEntries: MAX_ENTRIES }), new AbortController().signal);
      if (!result.ok) throw new Error(`${name}: ${result.error}`);
      // The first line names the folder, the last one says what was hidden or cut.
      return result.content.split('\n').filter((line, index) => index > 0 && !line.startsWith('(')).length;
    },
  };
}

/** The guard as first built: no per-call folder cache, and every listed entry decided in full. */
function wholePathGuard(guard: FileGuard): FileGuard {
  const whole: FileGuard = {
    decide: (target, mode) => guard.decide(target, mode),
    checkWriteSize: (bytes) => guard.checkWriteSize(bytes),
    judgeOpened: (opened, mode, target) => guard.judgeOpened(opened, mode, target),
    judgeEntry: (folder, name, kind) => guard.decide(path.join(folder, name), kind === 'folder' ? 'list' : 'read'),
    forCall: () => whole,
  };
  return whole;
}

/**
 * The tool's walk (sorted, folders first, generated folders not descended, capped, subfolders
 * read ahead a window at a time as the tool does) with no guard at all: the ratio to it is the
 * guard's cost, not a difference in how the walk waits on the disk.
 */
function plainWalk(root: string): Subject {
  const read = (folder: string): Promise<Dirent[] | undefined> => readdir(folder, { withFileTypes: true }).catch(() => undefined);
  async function walk(folder: string, entries: Dirent[], level: number, lines: string[]): Promise<void> {
    entries.sort((a, b) => Number(b.isDirectory()) - Number(a.isDirectory()) || a.name.localeCompare(b.name));
    let ahead: Promise<(Dirent[] | undefined)[]> = Promise.resolve([]);
    for (const [index, entry] of entries.entries()) {
      if (lines.length >= MAX_ENTRIES) return;
      if (index % WINDOW === 0) {
        ahead = Promise.all(entries.slice(index, index + WINDOW).map((next) => (next.isDirectory() && level < DEPTH && !NOT_DESCENDED.has(next.name) ? read(path.join(folder, next.name)) : Promise.resolve(undefined))));
      }
      lines.push(`${'  '.repeat(level - 1)}${entry.name}${entry.isDirectory() ? '/' : ''}`);
      const sub = (await ahead)[index % WINDOW];
      if (sub !== undefined) await walk(path.join(folder, entry.name), sub, level + 1, lines);
    }
  }
  return {
    name: 'same walk, no guard',
    airlock: false,
    detail: 'readdir with file types, the same order, depth, cap, skipped folders and read-ahead window; nothing decided or checked',
    async list() {
      const lines: string[] = [];
      await walk(root, (await read(root)) ?? [], 1, lines);
      return lines.length;
    },
  };
}

/** rg --files, as ripgrep lists a tree, stopped once it has named as many files as the tool lists. */
function rgFiles(rg: string, root: string): Subject {
  const args = ['--files', '--no-config', '--hidden', '--no-follow', '--max-depth', String(DEPTH), ...NOT_SEARCHED.flatMap((folder) => ['--glob', `!${folder}/`])];
  return {
    name: 'ripgrep --files',
    airlock: false,
    detail: `the rg binary code-server ships: ${args.join(' ')}`,
    list: () => new Promise((resolve, reject) => {
      const child = spawn(rg, args, { cwd: root, stdio: ['ignore', 'pipe', 'ignore'], env: {} });
      let count = 0;
      createInterface({ input: child.stdout }).on('line', () => {
        if (++count === MAX_ENTRIES) child.kill('SIGKILL');
      });
      child.on('error', reject);
      child.on('close', () => resolve(Math.min(count, MAX_ENTRIES)));
    }),
  };
}
