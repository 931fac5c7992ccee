import assert from 'node:assert/strict';
import type { FileMode, FileReason } from '../../../../src/core/guard/fileDecision';
import { createFileGuard } from '../../../../src/core/guard/fileGuard';
import type { FileRules } from '../../../../src/core/guard/fileRules';
import { memoryWindowsFs } from './memoryFs';

// Windows path forms judged with Windows path rules on any host, against an in-memory volume.
const RULES: FileRules = { allow: ['**'], deny: ['**/.env', 'secrets/**'], readonly: [], extensions: [], maxFileSizeMb: 1 };

const fs = memoryWindowsFs({
  'C:\\Work\\Proj\\src\\a.ts': 10,
  'C:\\Work\\Proj\\.vscode\\settings.json': 2,
  'C:\\Work\\Proj\\secrets\\key.pem': 5,
  'C:\\Work\\Other\\x.ts': 1,
  'C:\\Windows\\System32\\config\\SAM': 100,
  '\\\\server\\share\\team\\lib\\util.ts': 3,
});

// Not told the volume ignores case: the guard probes it, as it would on a real Windows disk.
const guard = createFileGuard({ workspaceFolders: ['C:\\Work\\Proj', '\\\\server\\share\\team'], rules: RULES, fs, platform: 'win32' });

const ROWS: { attack: string; path: string; mode: FileMode; reason: FileReason; resolved?: string }[] = [
  { attack: 'a drive-letter path inside', path: 'C:\\Work\\Proj\\src\\a.ts', mode: 'read', reason: 'allowed', resolved: 'C:\\Work\\Proj\\src\\a.ts' },
  { attack: 'forward slashes', path: 'C:/Work/Proj/src/a.ts', mode: 'read', reason: 'allowed' },
  { attack: 'a relative path with backslashes', path: 'src\\a.ts', mode: 'read', reason: 'allowed' },
  { attack: 'other case of drive and folders (the volume ignores case)', path: 'c:\\WORK\\proj\\SRC\\A.TS', mode: 'read', reason: 'allowed', resolved: 'C:\\Work\\Proj\\src\\a.ts' },
  { attack: 'a new file in other case', path: 'c:\\work\\PROJ\\src\\New.ts', mode: 'write', reason: 'allowed' },
  { attack: 'traversal with backslashes', path: 'src\\..\\..\\Other\\x.ts', mode: 'read', reason: 'outside-workspace' },
  { attack: 'traversal to the system folder', path: 'C:\\Work\\Proj\\..\\..\\Windows\\System32\\config\\SAM', mode: 'read', reason: 'outside-workspace' },
  { attack: 'sibling folder sharing the name prefix', path: 'C:\\Work\\Project2\\x.ts', mode: 'write', reason: 'outside-workspace' },
  { attack: 'another drive', path: 'D:\\Work\\Proj\\src\\a.ts', mode: 'read', reason: 'outside-workspace' },
  { attack: 'a UNC share that is no workspace folder', path: '\\\\evil\\share\\x.ts', mode: 'read', reason: 'outside-workspace' },
  { attack: 'a UNC workspace folder', path: '\\\\server\\share\\team\\lib\\util.ts', mode: 'read', reason: 'allowed' },
  { attack: 'a UNC workspace folder in other case', path: '\\\\SERVER\\Share\\TEAM\\lib\\util.ts', mode: 'read', reason: 'allowed' },
  { attack: 'climbing out of a UNC workspace folder', path: '\\\\server\\share\\team\\..\\private\\x', mode: 'read', reason: 'outside-workspace' },
  { attack: 'verbatim \\\\?\\ form of an inside path', path: '\\\\?\\C:\\Work\\Proj\\src\\a.ts', mode: 'read', reason: 'invalid-path' },
  { attack: 'verbatim UNC form', path: '\\\\?\\UNC\\server\\share\\team\\lib\\util.ts', mode: 'read', reason: 'invalid-path' },
  { attack: 'device \\\\.\\ form', path: '\\\\.\\C:\\Work\\Proj\\src\\a.ts', mode: 'read', reason: 'invalid-path' },
  { attack: 'NT object path', path: '\\??\\C:\\Work\\Proj\\src\\a.ts', mode: 'read', reason: 'invalid-path' },
  { attack: 'rooted without a drive', path: '\\Work\\Proj\\src\\a.ts', mode: 'read', reason: 'invalid-path' },
  { attack: 'drive-relative C:foo', path: 'C:src\\a.ts', mode: 'read', reason: 'invalid-path' },
  { attack: '::$DATA stream', path: 'src\\a.ts::$DATA', mode: 'read', reason: 'invalid-path' },
  { attack: 'named stream', path: 'src\\a.ts:payload', mode: 'write', reason: 'invalid-path' },
  { attack: 'trailing dot (Windows strips it)', path: '.vscode\\settings.json.', mode: 'write', reason: 'invalid-path' },
  { attack: 'trailing space (Windows strips it)', path: '.vscode\\settings.json ', mode: 'write', reason: 'invalid-path' },
  { attack: 'trailing dots on a folder', path: '.vscode...\\settings.json', mode: 'write', reason: 'invalid-path' },
  { attack: 'reserved name CON', path: 'src\\CON', mode: 'write', reason: 'invalid-path' },
  { attack: 'reserved name with an extension', path: 'src\\aux.ts', mode: 'write', reason: 'invalid-path' },
  { attack: 'reserved name COM1', path: 'C:\\Work\\Proj\\com1', mode: 'write', reason: 'invalid-path' },
  { attack: '8.3 short name for settings.json', path: '.vscode\\SETTIN~1.JSO', mode: 'write', reason: 'invalid-path' },
  { attack: '8.3 short name for a folder', path: 'C:\\Work\\PROJ~1\\src\\a.ts', mode: 'read', reason: 'invalid-path' },
  { attack: 'a wildcard character', path: 'src\\a*.ts', mode: 'read', reason: 'invalid-path' },
  { attack: 'control file in other case', path: '.VSCODE\\Settings.JSON', mode: 'write', reason: 'control-file' },
  { attack: 'control file by absolute path with forward slashes', path: 'c:/work/proj/.vscode/settings.json', mode: 'write', reason: 'control-file' },
  { attack: 'git hook in other case', path: '.Git\\Hooks\\pre-commit', mode: 'write', reason: 'control-file' },
  { attack: 'control file in the UNC folder', path: '\\\\server\\share\\team\\.airlock\\policy\\default.yaml', mode: 'write', reason: 'control-file' },
  { attack: 'denied folder in other case', path: 'SECRETS\\key.pem', mode: 'read', reason: 'denied-by-rule' },
  { attack: 'denied name in other case', path: 'src\\.ENV', mode: 'read', reason: 'denied-by-rule' },
];

describe('core/guard/fileGuard on Windows paths (in-memory volume)', () => {
  for (const row of ROWS) {
    it(`${row.reason === 'allowed' ? 'allows' : 'denies'} ${row.attack}: ${row.path}`, async () => {
      const decision = await guard.decide(row.path, row.mode);
      assert.equal(decision.reason, row.reason, decision.detail);
      if (row.resolved !== undefined) assert.equal(decision.path, row.resolved);
    });
  }
});
