/**
 * What a code fence's info string says: the language (for highlighting and the label) and,
 * optionally, the file the block is meant for (the Apply target). Pure: tested on Node.
 *
 * Accepted forms: "ts", "ts src/a.ts", "ts:src/a.ts", "ts title=src/a.ts" (also file=, path=),
 * and a bare path "src/a.ts" whose extension gives the language.
 */
export interface FenceInfo {
  /** A canonical highlighter id ("typescript"), or "" when the language is unknown. */
  readonly language: string;
  /** What the label shows: the language's name, or the info's own word when it is unknown. */
  readonly label: string;
  readonly file?: string;
}

// Keys come from model output: a Map, so "constructor" or "__proto__" find nothing.
const LANGUAGES = new Map<string, { id: string; label: string }>();
function language(id: string, label: string, ...aliases: string[]): void {
  for (const alias of [id, ...aliases]) LANGUAGES.set(alias, { id, label });
}
language('typescript', 'TypeScript', 'ts', 'tsx', 'mts', 'cts');
language('javascript', 'JavaScript', 'js', 'jsx', 'mjs', 'cjs', 'node');
language('python', 'Python', 'py');
language('json', 'JSON', 'jsonc', 'json5');
language('bash', 'Bash', 'sh', 'zsh');
language('shell', 'Shell', 'console', 'shellsession');
language('css', 'CSS');
language('xml', 'HTML', 'html', 'htm', 'svg', 'xhtml');
language('markdown', 'Markdown', 'md');
language('yaml', 'YAML', 'yml');
language('rust', 'Rust', 'rs');
language('go', 'Go', 'golang');
language('java', 'Java');
language('c', 'C', 'h');
language('cpp', 'C++', 'c++', 'cc', 'hpp', 'cxx');
language('csharp', 'C#', 'cs', 'c#');
language('diff', 'Diff', 'patch');
language('sql', 'SQL');

const MAX_FILE_CHARS = 260;
const FILE_KEY = /^(?:title|file|path|filename)=(.*)$/i;

/** Parses a fence's info string; never throws. */
export function parseFenceInfo(info: string): FenceInfo {
  const words = info.trim().split(/\s+/).filter(Boolean);
  const first = words[0] ?? '';
  const colon = /^([\w#+-]+):(.+)$/.exec(first);
  if (colon?.[1] && colon[2]) return withFile(colon[1], colon[2]);
  if (looksLikePath(first) && !LANGUAGES.has(first.toLowerCase())) return withFile(extensionOf(first), first);
  const named = words.slice(1).map((word) => FILE_KEY.exec(word)?.[1] ?? word).find(looksLikePath);
  return withFile(first, named);
}

function withFile(word: string, file: string | undefined): FenceInfo {
  const known = LANGUAGES.get(word.toLowerCase());
  const clean = file === undefined ? undefined : cleanFile(file);
  return { language: known?.id ?? '', label: known?.label ?? word.slice(0, 24), ...(clean ? { file: clean } : {}) };
}

/** Quotes dropped; control characters, over-long names and anything with a space refused. */
function cleanFile(raw: string): string | undefined {
  const file = raw.replace(/^["'`]|["'`]$/g, '');
  if (file === '' || file.length > MAX_FILE_CHARS || /[\s\p{Cc}\p{Cf}]/u.test(file)) return undefined;
  return file;
}

function looksLikePath(word: string): boolean {
  const bare = word.replace(/^["'`]|["'`]$/g, '');
  return /[\\/]/.test(bare) || /^[\w.-]+\.[A-Za-z0-9]{1,8}$/.test(bare);
}

function extensionOf(path: string): string {
  return /\.([A-Za-z0-9+#]+)["'`]?$/.exec(path)?.[1] ?? '';
}
