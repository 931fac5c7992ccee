import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { NOT_SEARCHED } from '../files/generatedFolders';
import { clipHitText, type TextSearchEngine, type TextSearchHit, type TextSearchQuery, type TextSearchResult } from '../search/textSearch';

/** Longest a search may run before ripgrep is stopped and what it found so far is returned. */
const SEARCH_TIMEOUT_MS = 20_000;

/**
 * The ripgrep engine: the `rg` binary VS Code ships (its path is handed in by the adapter, never
 * looked up on PATH, so a repository cannot put its own `rg` first). No config file is read,
 * links are not followed, dependency and VCS folders are skipped, and the process is killed as
 * soon as enough hits are in, on abort, or after SEARCH_TIMEOUT_MS.
 */
export function ripgrepSearch(rgPath: string): TextSearchEngine {
  return { search: (query, signal) => search(rgPath, query, signal) };
}

export function ripgrepArgs(query: TextSearchQuery): string[] {
  // --no-ignore-parent: ignore files above the searched folder do not hide its files (as VS Code's search).
  const args = ['--json', '--no-config', '--hidden', '--no-follow', '--no-ignore-parent', '--max-filesize', String(query.maxFileBytes)];
  args.push(query.regex ? '--engine=default' : '--fixed-strings');
  args.push(query.caseSensitive ? '--case-sensitive' : '--ignore-case');
  for (const glob of query.globs) args.push('--glob', glob);
  for (const folder of NOT_SEARCHED) args.push('--glob', `!${folder}/`);
  // Run in the root and search '.', so globs match paths relative to the root (as in the Node engine).
  args.push('--regexp', query.pattern, '--', '.');
  return args;
}

function search(rgPath: string, query: TextSearchQuery, signal: AbortSignal): Promise<TextSearchResult> {
  signal.throwIfAborted();
  return new Promise((resolve, reject) => {
    const child = spawn(rgPath, ripgrepArgs(query), { cwd: query.root, stdio: ['ignore', 'pipe', 'pipe'], env: {} });
    const hits: TextSearchHit[] = [];
    let stderr = '';
    let stopped = false;
    const stop = (): void => {
      stopped = true;
      child.kill('SIGKILL');
    };
    const timer = setTimeout(stop, SEARCH_TIMEOUT_MS);
    const onAbort = (): void => stop();
    signal.addEventListener('abort', onAbort, { once: true });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      if (stderr.length < 4000) stderr += chunk;
    });
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      if (stopped) return;
      const hit = parseMatch(line, query.root);
      if (hit === undefined) return;
      hits.push(hit);
      if (hits.length >= query.maxHits) stop();
    });
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`ripgrep could not run (${error.message})`));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      if (signal.aborted) return reject(signal.reason instanceof Error ? signal.reason : new Error('the search was stopped'));
      // ripgrep: 0 found, 1 nothing found, 2 an error (also a bad pattern).
      if (!stopped && code === 2 && hits.length === 0) return reject(new Error(firstLine(stderr) || 'ripgrep failed'));
      resolve({ hits, truncated: stopped, engine: 'ripgrep' });
    });
  });
}

/** A `match` message of `rg --json`; everything else (begin, end, summary) is skipped. */
export function parseMatch(line: string, root: string): TextSearchHit | undefined {
  let message: unknown;
  try {
    message = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (!isRecord(message) || message.type !== 'match' || !isRecord(message.data)) return undefined;
  const { path, lines, line_number: lineNumber } = message.data;
  // Names that are not UTF-8 come as base64 `bytes`: such files are left out rather than guessed at.
  if (!isRecord(path) || typeof path.text !== 'string' || !isRecord(lines) || typeof lines.text !== 'string' || typeof lineNumber !== 'number') return undefined;
  return { path: resolve(root, path.text), line: lineNumber, text: clipHitText(lines.text) };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0] ?? '';
}
