import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { AgentTool, ToolResult } from '../../../../../src/core/agent/agentTool';
import { fsListTool } from '../../../../../src/core/agent/tools/fsListTool';
import { fsReadTool, MAX_READ_CHARS } from '../../../../../src/core/agent/tools/fsReadTool';
import { fsSearchTool } from '../../../../../src/core/agent/tools/fsSearchTool';
import { createFileGuard } from '../../../../../src/core/guard/fileGuard';
import type { FileRules } from '../../../../../src/core/guard/fileRules';
import { nodeTextSearch } from '../../../../../src/core/search/nodeTextSearch';
import { createTempWorkspace, type TempWorkspace } from '../../guard/tempWorkspace';

const RULES: FileRules = { allow: ['**'], deny: ['**/.env', 'secrets/**', '.git/**'], readonly: [], extensions: [], maxFileSizeMb: 1 };

async function call<Args>(tool: AgentTool<Args>, raw: unknown): Promise<ToolResult> {
  const args = tool.parameters.parse(raw);
  await tool.plan(args);
  return tool.run(args, new AbortController().signal);
}

function text(result: ToolResult): string {
  assert.ok(result.ok, result.ok ? '' : result.error);
  return result.content;
}

function failure(result: ToolResult): string {
  assert.equal(result.ok, false, 'the call should have failed');
  return result.ok ? '' : result.error;
}

describe('fs.read, fs.list and fs.search through the file guard', () => {
  let w: TempWorkspace;
  let context: { guard: () => ReturnType<typeof createFileGuard>; roots: () => string[]; rules: () => FileRules; engine: () => ReturnType<typeof nodeTextSearch> };

  before(async () => {
    w = await createTempWorkspace();
    await writeFile(path.join(w.ws, 'src/lines.ts'), Array.from({ length: 10 }, (_, i) => `line ${i + 1}`).join('\n') + '\n');
    await writeFile(path.join(w.ws, 'src/image.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]));
    await writeFile(path.join(w.ws, 'src/latin1.txt'), Buffer.from([0x63, 0x61, 0x66, 0xe9]));
    await writeFile(path.join(w.ws, 'src/long.txt'), `${'y'.repeat(100)}\n`.repeat(Math.ceil(MAX_READ_CHARS / 100) + 50));
    await mkdir(path.join(w.ws, 'node_modules/dep'), { recursive: true });
    await writeFile(path.join(w.ws, 'node_modules/dep/index.js'), 'const TOKEN_NEEDLE = 1;\n');
    await writeFile(path.join(w.ws, '.env'), 'TOKEN_NEEDLE=sk-live-123\n');
    await writeFile(path.join(w.ws, 'src/uses.ts'), 'export const TOKEN_NEEDLE = process.env.X;\n');
    const guard = createFileGuard({ workspaceFolders: [w.ws], rules: RULES });
    context = { guard: () => guard, roots: () => [w.ws], rules: () => RULES, engine: () => nodeTextSearch() };
  });
  after(() => w.dispose());

  describe('fs.read', () => {
    const rows: { attack: string; args: object; error: RegExp }[] = [
      { attack: 'a secret the policy denies (.env)', args: { path: '.env' }, error: /\.env cannot be read: .*deny|denied/i },
      { attack: 'a file reached through a link to outside', args: { path: 'out-file-link.ts' }, error: /outside the workspace/ },
      { attack: 'traversal out of the workspace', args: { path: '../outside/secret.ts' }, error: /outside the workspace/ },
      { attack: 'a binary file', args: { path: 'src/image.png' }, error: /binary file/ },
      { attack: 'bytes that are not UTF-8', args: { path: 'src/latin1.txt' }, error: /binary file/ },
      { attack: 'a file over the size limit', args: { path: 'src/big.ts' }, error: /MB limit/ },
      { attack: 'a folder', args: { path: 'src' }, error: /folder/ },
      { attack: 'a file with a second name (hard link), which may be a denied file', args: { path: 'hard.ts' }, error: /names \(hard links\)/ },
    ];
    for (const row of rows) {
      it(`refuses ${row.attack}`, async () => {
        assert.match(failure(await call(fsReadTool(context), row.args)), row.error);
      });
    }

    it('reads a range of lines and says which', async () => {
      assert.equal(text(await call(fsReadTool(context), { path: 'src/lines.ts', startLine: 3, endLine: 4 })), 'src/lines.ts, lines 3–4 of 10:\nline 3\nline 4');
    });

    it('cuts a long file at a line boundary and says where to go on', async () => {
      const content = text(await call(fsReadTool(context), { path: 'src/long.txt' }));
      assert.ok(content.length <= MAX_READ_CHARS + 200);
      assert.match(content.split('\n')[0] ?? '', /cut at 60000 characters: read from line \d+ next/);
    });

    it('refuses an end line before the start line before reading anything', async () => {
      await assert.rejects(fsReadTool(context).plan({ path: 'src/lines.ts', startLine: 5, endLine: 2 }), /before startLine/);
    });
  });

  describe('fs.list', () => {
    it('leaves out and counts what the guard denies, and does not descend node_modules', async () => {
      const listing = text(await call(fsListTool(context), { path: '.', depth: 3 }));
      assert.doesNotMatch(listing, /\.env\b|key\.pem|secrets\//);
      assert.doesNotMatch(listing, /out-link|index\.js/);
      assert.match(listing, /^ {2}a\.ts$/m);
      assert.match(listing, /node_modules\//);
      assert.match(listing, /\(\d+ entries hidden by the security policy; 1 generated folder\(s\) not descended\)/);
    });

    it('names a too-large file (naming reads nothing); fs.read of it says it is too large', async () => {
      assert.match(text(await call(fsListTool(context), { path: 'src', depth: 1 })), /^big\.ts$/m);
      assert.match(failure(await call(fsReadTool(context), { path: 'src/big.ts' })), /more than the \d+ MB limit/);
    });

    it('stops at maxEntries and says so', async () => {
      assert.match(text(await call(fsListTool(context), { path: '.', depth: 3, maxEntries: 2 })), /cut at 2 entries/);
    });

    it('refuses a folder outside the workspace', async () => {
      assert.match(failure(await call(fsListTool(context), { path: '..' })), /outside the workspace/);
    });
  });

  describe('fs.search', () => {
    it('drops hits in files the guard denies, and counts them', async () => {
      const found = text(await call(fsSearchTool(context), { query: 'TOKEN_NEEDLE' }));
      assert.match(found, /^src\/uses\.ts:1: export const TOKEN_NEEDLE/m);
      assert.doesNotMatch(found, /sk-live|^\.env:|node_modules/m);
      assert.match(found, /1 file\(s\) with matches hidden by the security policy/);
    });

    it('narrows by glob', async () => {
      assert.equal(text(await call(fsSearchTool(context), { query: 'line 1', globs: ['**/*.md'] })), 'No matches.');
    });

    // The engine reads by path before any decision, so what it read never reaches the model: each
    // hit's line comes from the file read again through the guarded open.
    const ENGINE_ROWS: { attack: string; hit: (ws: string) => { path: string; line: number; text: string }; shows: RegExp; hides: RegExp; hidden: boolean }[] = [
      {
        attack: 'the engine read a folder swapped for a link (its line holds a secret from outside)',
        hit: (ws) => ({ path: path.join(ws, 'src/uses.ts'), line: 1, text: 'SECRET FROM OUTSIDE' }),
        shows: /^src\/uses\.ts:1: export const TOKEN_NEEDLE/m,
        hides: /SECRET FROM OUTSIDE/,
        hidden: false,
      },
      {
        attack: 'the engine reports a hit in a denied file it was not told to skip',
        hit: (ws) => ({ path: path.join(ws, '.env'), line: 1, text: 'TOKEN_NEEDLE=sk-live-123' }),
        shows: /^No matches\./,
        hides: /sk-live/,
        hidden: true,
      },
      {
        attack: 'the engine names a line past the end of the file as it is now',
        hit: (ws) => ({ path: path.join(ws, 'src/uses.ts'), line: 99, text: 'a line that is not there' }),
        shows: /^No matches\./,
        hides: /not there/,
        hidden: false,
      },
    ];
    for (const row of ENGINE_ROWS) {
      it(`shows only what the guarded open read: ${row.attack}`, async () => {
        const engine = { search: () => Promise.resolve({ hits: [row.hit(w.ws)], truncated: false, engine: 'scripted' }) };
        const found = text(await call(fsSearchTool({ ...context, engine: () => engine }), { query: 'TOKEN_NEEDLE' }));
        assert.match(found, row.shows);
        assert.doesNotMatch(found, row.hides);
        assert.equal(/hidden by the security policy/.test(found), row.hidden, found);
      });
    }

    it('refuses a search rooted outside the workspace', async () => {
      assert.match(failure(await call(fsSearchTool(context), { query: 'x', path: '../outside' })), /outside the workspace/);
    });
  });
});
