import assert from 'node:assert/strict';
import { version } from '../../../package.json';
import { runCli } from './cliHarness';

interface ProgramCase {
  readonly argv: readonly string[];
  readonly code: number;
  readonly stdout?: RegExp;
  readonly stderr?: RegExp;
  /** True when the stream must stay empty (help on stdout must not also leak to stderr, …). */
  readonly quietStderr?: boolean;
  readonly quietStdout?: boolean;
}

const cases: readonly ProgramCase[] = [
  { argv: ['--help'], code: 0, stdout: /Usage: airlock[\s\S]*doctor/, quietStderr: true },
  { argv: ['-h'], code: 0, stdout: /Usage: airlock/, quietStderr: true },
  { argv: ['help', 'doctor'], code: 0, stdout: /Usage: airlock doctor[\s\S]*--base-url/, quietStderr: true },
  { argv: ['doctor', '--help'], code: 0, stdout: /--json/, quietStderr: true },
  { argv: ['--version'], code: 0, stdout: new RegExp(`^${version.replaceAll('.', '\\.')}\\n$`), quietStderr: true },
  { argv: ['-V'], code: 0, stdout: new RegExp(`^${version.replaceAll('.', '\\.')}\\n$`), quietStderr: true },
  { argv: ['frobnicate'], code: 2, stderr: /unknown command 'frobnicate'[\s\S]*Usage: airlock/, quietStdout: true },
  { argv: [], code: 2, stderr: /Usage: airlock/, quietStdout: true },
  { argv: ['--frobnicate'], code: 2, stderr: /unknown option '--frobnicate'[\s\S]*Usage: airlock/, quietStdout: true },
  { argv: ['doctor', '--frobnicate'], code: 2, stderr: /unknown option '--frobnicate'[\s\S]*Usage: airlock doctor/, quietStdout: true },
  { argv: ['doctor', '--model'], code: 2, stderr: /argument missing[\s\S]*Usage: airlock doctor/, quietStdout: true },
  { argv: ['doctor', 'extra'], code: 2, stderr: /too many arguments[\s\S]*Usage: airlock doctor/, quietStdout: true },
];

describe('airlock command line', () => {
  for (const c of cases) {
    it(`airlock ${c.argv.join(' ') || '(no arguments)'} exits ${c.code}`, async () => {
      const run = await runCli(c.argv);
      assert.equal(run.code, c.code, `stdout: ${run.stdout}\nstderr: ${run.stderr}`);
      if (c.stdout) assert.match(run.stdout, c.stdout);
      if (c.stderr) assert.match(run.stderr, c.stderr);
      if (c.quietStderr) assert.equal(run.stderr, '');
      if (c.quietStdout) assert.equal(run.stdout, '');
    });
  }
});
