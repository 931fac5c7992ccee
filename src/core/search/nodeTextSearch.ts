import { open, readdir } from 'node:fs/promises';
import path from 'node:path';
import picomatch from 'picomatch';
import { NOT_SEARCHED } from '../files/generatedFolders';
import { decodeText } from '../files/textFile';
import { clipHitText, type TextSearchEngine, type TextSearchHit, type TextSearchQuery, type TextSearchResult } from './textSearch';

/** Most files one search opens: the walk is bounded even on a huge tree without ripgrep. */
const MAX_FILES = 50_000;
/** Longest line a regular expression is run on. */
const MAX_REGEX_LINE = 2_000;

/**
 * The fallback engine when no ripgrep binary is available: a bounded walk (symbolic links never
 * followed, dependency and VCS folders skipped) reading each file once. JavaScript regular expressions
 * backtrack, so a pattern that nests quantifiers (the shape of catastrophic backtracking) is
 * refused here rather than allowed to hang the extension host; ripgrep's engine has no such case.
 */
export function nodeTextSearch(): TextSearchEngine {
  return { search: (query, signal) => search(query, signal) };
}

async function search(query: TextSearchQuery, signal: AbortSignal): Promise<TextSearchResult> {
  const matches = lineMatcher(query);
  const globs = query.globs.length === 0 ? undefined : picomatch([...query.globs], { dot: true });
  const hits: TextSearchHit[] = [];
  let files = 0;
  const pending = [query.root];
  while (pending.length > 0 && hits.length < query.maxHits && files < MAX_FILES) {
    signal.throwIfAborted();
    const folder = pending.pop() ?? query.root;
    const entries = await readdir(folder, { withFileTypes: true }).catch(() => []);
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) {
        if (!NOT_SEARCHED.includes(entry.name)) pending.push(full);
        continue;
      }
      if (!entry.isFile()) continue;
      if (globs && !globs(path.relative(query.root, full).split(path.sep).join('/'))) continue;
      files++;
      await searchFile(full, query, matches, hits);
      if (hits.length >= query.maxHits) break;
    }
  }
  return { hits, truncated: hits.length >= query.maxHits || files >= MAX_FILES, engine: 'node' };
}

async function searchFile(file: string, query: TextSearchQuery, matches: (line: string) => boolean, hits: TextSearchHit[]): Promise<void> {
  const handle = await open(file, 'r').catch(() => undefined);
  if (!handle) return;
  try {
    const { size } = await handle.stat();
    if (size > query.maxFileBytes) return;
    const text = decodeText(await handle.readFile());
    if (text === undefined) return;
    const lines = text.split('\n');
    for (let index = 0; index < lines.length && hits.length < query.maxHits; index++) {
      const line = lines[index] ?? '';
      if (matches(line)) hits.push({ path: file, line: index + 1, text: clipHitText(line) });
    }
  } finally {
    await handle.close();
  }
}

function lineMatcher(query: TextSearchQuery): (line: string) => boolean {
  if (!query.regex) {
    const needle = query.caseSensitive ? query.pattern : query.pattern.toLowerCase();
    return (line) => (query.caseSensitive ? line : line.toLowerCase()).includes(needle);
  }
  if (nestsQuantifiers(query.pattern)) {
    throw new Error('this regular expression nests repetitions (like (a+)+), which can take forever without ripgrep; simplify it or search for literal text');
  }
  let expression: RegExp;
  try {
    expression = new RegExp(query.pattern, query.caseSensitive ? 'u' : 'iu');
  } catch (error) {
    throw new Error(`invalid regular expression: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  return (line) => expression.test(line.length > MAX_REGEX_LINE ? line.slice(0, MAX_REGEX_LINE) : line);
}

/** A repeated group that itself contains a repetition or an alternation: (a+)+, (a|aa)*, (\w*){2,}. */
export function nestsQuantifiers(pattern: string): boolean {
  return /\((?:[^()\\]|\\.)*(?:[+*}|])(?:[^()\\]|\\.)*\)(?:[+*]|\{\d*,)/.test(pattern);
}
