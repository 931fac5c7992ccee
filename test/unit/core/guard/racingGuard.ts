import { mkdirSync, mkdtempSync, renameSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FileMode } from '../../../../src/core/guard/fileDecision';
import type { FileRules } from '../../../../src/core/guard/fileRules';
import { createFileGuard, type FileGuard } from '../../../../src/core/guard/fileGuard';

// The guard decides on a path; the tool then uses it. A racing guard swaps the file system between
// the two, as a hostile process racing the agent would.

export interface Layout {
  root: string;
  ws: string;
  outside: string;
}

export function makeLayout(): Layout {
  const root = mkdtempSync(path.join(tmpdir(), 'airlock-guarded-open-'));
  const ws = path.join(root, 'ws');
  const outside = path.join(root, 'outside');
  mkdirSync(path.join(ws, 'src'), { recursive: true });
  mkdirSync(outside, { recursive: true });
  writeFileSync(path.join(ws, 'src', 'a.ts'), 'inside\n');
  writeFileSync(path.join(outside, 'a.ts'), 'SECRET FROM OUTSIDE\n');
  return { root, ws, outside };
}

export const OPEN_RULES: FileRules = { allow: ['**'], deny: ['**/.env'], readonly: [], extensions: [], maxFileSizeMb: 1 };

/** A guard whose decision is real, after which `swap` changes the disk before the tool uses it. */
export function racingGuard(layout: Layout, swap: (layout: Layout) => void, rules: FileRules = OPEN_RULES): FileGuard {
  const guard = createFileGuard({ workspaceFolders: [layout.ws], rules });
  const racing: FileGuard = {
    async decide(target: string, mode: FileMode) {
      const decision = await guard.decide(target, mode);
      swap(layout);
      return decision;
    },
    checkWriteSize: (bytes) => guard.checkWriteSize(bytes),
    judgeOpened: (stats, mode, judged) => guard.judgeOpened(stats, mode, judged),
    async judgeEntry(folder, name, kind) {
      const decision = await guard.judgeEntry(folder, name, kind);
      swap(layout);
      return decision;
    },
    forCall: () => racing,
  };
  return racing;
}

/** Replaces ws/src/a.ts by `make(path)`: a symbolic link, a FIFO, a hard link… */
export function replaceFile(make: (file: string, layout: Layout) => void): (layout: Layout) => void {
  return (layout) => {
    const file = path.join(layout.ws, 'src', 'a.ts');
    unlinkSync(file);
    make(file, layout);
  };
}

export function swapFolderForLink(layout: Layout): void {
  renameSync(path.join(layout.ws, 'src'), path.join(layout.root, 'src-moved'));
  symlinkSync(layout.outside, path.join(layout.ws, 'src'));
}

