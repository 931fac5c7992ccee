import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { linkSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createFileGuard, type FileGuard } from '../../../../src/core/guard/fileGuard';
import { makeLayout, OPEN_RULES, racingGuard, replaceFile, swapFolderForLink, type Layout } from './racingGuard';
import { judgeListedEntry, openGuardedFile, readGuardedDirectory, readGuardedSubfolder, type GuardedListing } from '../../../../src/core/guard/guardedOpen';

// The guard decides on a path; the tool then uses it. These rows swap the file system between
// the two, as a hostile process racing the agent would, and the tool must refuse what it opened.

/** A file the guard judged must be opened with `inside` in it, or refused for `reason`. */
async function assertOpened(opened: Awaited<ReturnType<typeof openGuardedFile>>, expected: { opens: boolean; reason: string }): Promise<void> {
  if (expected.opens) {
    assert.ok(opened.ok, opened.ok ? '' : opened.decision.detail);
    assert.equal(await opened.value.handle.readFile('utf8'), 'inside\n');
    await opened.value.handle.close();
    return;
  }
  assert.equal(opened.ok, false);
  if (!opened.ok) assert.equal(opened.decision.reason, expected.reason, opened.decision.detail);
}

const FILE_ROWS: { attack: string; swap: (layout: Layout) => void; opens: boolean; reason?: string }[] = [
  { attack: 'nothing changes (control row)', swap: () => undefined, opens: true },
  { attack: 'parent folder swapped for a link to outside', swap: swapFolderForLink, opens: false },
  { attack: 'the file itself swapped for a link to outside', swap: replaceFile((file, layout) => symlinkSync(path.join(layout.outside, 'a.ts'), file)), opens: false },
  { attack: 'the file swapped for a FIFO that would hang a read', swap: replaceFile((file) => execFileSync('mkfifo', [file])), opens: false },
  {
    attack: 'the file deleted',
    swap: (layout) => unlinkSync(path.join(layout.ws, 'src', 'a.ts')),
    opens: false,
  },
  {
    attack: 'the file swapped for a hard link to a file outside (same name, so only the descriptor\'s link count tells)',
    swap: replaceFile((file, layout) => linkSync(path.join(layout.outside, 'a.ts'), file)),
    opens: false,
    reason: 'hard-link',
  },
];

/** Files given a second name before the guard decides; a tool must not read them through either name. */
const HARD_LINK_ROWS: { attack: string; link: (layout: Layout) => string; readHardLinks?: boolean; opens: boolean }[] = [
  {
    attack: '.env hard-linked as notes.txt, read as notes.txt',
    link: (layout) => {
      writeFileSync(path.join(layout.ws, '.env'), 'TOKEN=hunter2\n');
      linkSync(path.join(layout.ws, '.env'), path.join(layout.ws, 'notes.txt'));
      return 'notes.txt';
    },
    opens: false,
  },
  {
    attack: 'a file outside the workspace hard-linked in',
    link: (layout) => {
      linkSync(path.join(layout.outside, 'a.ts'), path.join(layout.ws, 'src', 'copy.ts'));
      return 'src/copy.ts';
    },
    opens: false,
  },
  {
    attack: 'a workspace file that also has a name outside, read by its workspace name',
    link: (layout) => {
      linkSync(path.join(layout.ws, 'src', 'a.ts'), path.join(layout.outside, 'alias.ts'));
      return 'src/a.ts';
    },
    opens: false,
  },
  {
    attack: 'a hard-linked file where the policy allows reading hard links (files.readHardLinks)',
    link: (layout) => {
      linkSync(path.join(layout.ws, 'src', 'a.ts'), path.join(layout.ws, 'src', 'b.ts'));
      return 'src/b.ts';
    },
    readHardLinks: true,
    opens: true,
  },
];

describe('guardedOpen: a tool uses what the guard judged, or nothing', () => {
  let layout: Layout;
  beforeEach(() => {
    layout = makeLayout();
  });
  afterEach(() => {
    rmSync(layout.root, { recursive: true, force: true });
  });

  for (const row of FILE_ROWS) {
    it(`openGuardedFile: ${row.attack}`, async () => {
      await assertOpened(await openGuardedFile(racingGuard(layout, row.swap), 'src/a.ts'), { opens: row.opens, reason: row.reason ?? 'changed-since-decision' });
    });
  }

  for (const row of HARD_LINK_ROWS) {
    it(`openGuardedFile: ${row.attack}`, async () => {
      const target = row.link(layout);
      const guard = createFileGuard({ workspaceFolders: [layout.ws], rules: { ...OPEN_RULES, readHardLinks: row.readHardLinks ?? false } });
      await assertOpened(await openGuardedFile(guard, target), { opens: row.opens, reason: 'hard-link' });
    });
  }

  it('openGuardedFile: a denied path is never opened', async () => {
    writeFileSync(path.join(layout.ws, '.env'), 'TOKEN=x\n');
    const guard = createFileGuard({ workspaceFolders: [layout.ws], rules: { allow: ['**'], deny: ['**/.env'], readonly: [], extensions: [], maxFileSizeMb: 1 } });
    const opened = await openGuardedFile(guard, '.env');
    assert.equal(opened.ok, false);
    if (!opened.ok) assert.equal(opened.decision.reason, 'denied-by-rule');
  });

  it('readGuardedDirectory: lists the judged folder (control row)', async () => {
    const listed = await readGuardedDirectory(racingGuard(layout, () => undefined), 'src');
    assert.ok(listed.ok);
    assert.deepEqual(listed.value.entries.map((entry) => entry.name), ['a.ts']);
  });

  /** The workspace folder's listing, read through the guard: what fs.list walks. */
  async function rootListing(guard: FileGuard): Promise<GuardedListing> {
    const listed = await readGuardedDirectory(guard, '.');
    assert.ok(listed.ok, listed.ok ? '' : listed.decision.detail);
    return listed.value;
  }

  const ENTRY_ROWS: { attack: string; make: (layout: Layout) => void; name: string; shown: boolean; reason?: string }[] = [
    { attack: 'a plain folder (control row)', make: () => undefined, name: 'src', shown: true },
    { attack: 'a plain file (control row)', make: (l) => writeFileSync(path.join(l.ws, 'notes.ts'), 'x'), name: 'notes.ts', shown: true },
    { attack: 'a denied file named in a listing', make: (l) => writeFileSync(path.join(l.ws, '.env'), 'TOKEN=x\n'), name: '.env', shown: false, reason: 'denied-by-rule' },
    { attack: 'a link to a file outside, judged in full rather than by its name', make: (l) => symlinkSync(path.join(l.outside, 'a.ts'), path.join(l.ws, 'out.ts')), name: 'out.ts', shown: false, reason: 'symlink-escape' },
    { attack: 'a name with a line break that would forge a line of the listing', make: (l) => writeFileSync(path.join(l.ws, 'a\n.env'), 'x'), name: 'a\n.env', shown: false, reason: 'invalid-path' },
    { attack: 'a name with a trailing dot (Windows drops it: another file\'s name)', make: (l) => writeFileSync(path.join(l.ws, '.env.'), 'x'), name: '.env.', shown: false, reason: 'invalid-path' },
  ];
  for (const row of ENTRY_ROWS) {
    it(`judgeListedEntry: ${row.attack}`, async () => {
      row.make(layout);
      const guard = createFileGuard({ workspaceFolders: [layout.ws], rules: OPEN_RULES });
      const listing = await rootListing(guard);
      const entry = listing.entries.find((candidate) => candidate.name === row.name);
      assert.ok(entry !== undefined, `the listing has ${JSON.stringify(row.name)}`);
      const decision = await judgeListedEntry(guard, listing, entry);
      assert.equal(decision.decision, row.shown ? 'allow' : 'deny', decision.detail);
      if (row.reason !== undefined) assert.equal(decision.reason, row.reason, decision.detail);
    });
  }

  it('judgeEntry: a folder the caller claims was verified but lies outside the workspace is refused', async () => {
    const guard = createFileGuard({ workspaceFolders: [layout.ws], rules: OPEN_RULES });
    const decision = await guard.judgeEntry(layout.outside, 'a.ts', 'file');
    assert.equal(decision.reason, 'outside-workspace');
  });

  it('readGuardedSubfolder: a subfolder swapped for a link to outside after the listing is not read', async () => {
    writeFileSync(path.join(layout.outside, 'id_rsa'), 'key\n');
    const guard = createFileGuard({ workspaceFolders: [layout.ws], rules: OPEN_RULES });
    const listing = await rootListing(guard);
    const src = listing.entries.find((entry) => entry.name === 'src');
    assert.ok(src !== undefined && src.isDirectory(), 'the listing saw src as a folder');
    swapFolderForLink(layout);
    const sub = await readGuardedSubfolder(guard, listing, src);
    assert.equal(sub.ok, false, 'the link is not followed');
    if (!sub.ok) assert.equal(sub.decision.reason, 'changed-since-decision');
  });

  it('readGuardedSubfolder: a subfolder listed as a folder is read (control row)', async () => {
    const guard = createFileGuard({ workspaceFolders: [layout.ws], rules: OPEN_RULES });
    const listing = await rootListing(guard);
    const src = listing.entries.find((entry) => entry.name === 'src');
    assert.ok(src !== undefined);
    const sub = await readGuardedSubfolder(guard, listing, src);
    assert.ok(sub.ok, sub.ok ? '' : sub.decision.detail);
    assert.deepEqual(sub.value.entries.map((entry) => entry.name), ['a.ts']);
    assert.equal(sub.value.decision.path, path.join(listing.decision.path ?? '', 'src'));
  });

  it('readGuardedDirectory: a folder swapped for a link to outside is not listed', async () => {
    writeFileSync(path.join(layout.outside, 'id_rsa'), 'key\n');
    const listed = await readGuardedDirectory(racingGuard(layout, swapFolderForLink), 'src');
    assert.equal(listed.ok, false);
    if (!listed.ok) assert.equal(listed.decision.reason, 'changed-since-decision');
  });
});
