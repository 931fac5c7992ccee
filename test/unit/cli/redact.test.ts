import assert from 'node:assert/strict';
import { runCli } from './cliHarness';

const TOKEN = 'ghp_16C7e42F292c6912E7710c838347Ae178B4a';

describe('airlock redact', () => {
  it('copies stdin to stdout with secrets replaced, and says what it removed on stderr', async () => {
    const run = await runCli(['redact'], { stdin: `export GITHUB_TOKEN=${TOKEN}\nDB_PASSWORD=hunter2\nplain line\n` });
    assert.equal(run.code, 0);
    assert.equal(run.stdout, 'export GITHUB_TOKEN=[REDACTED:github-token]\nDB_PASSWORD=[REDACTED:env-secret]\nplain line\n');
    assert.equal(run.stderr, 'airlock: redacted 2 secrets: github-token ×1, env-secret ×1\n');
  });

  it('passes text without secrets through unchanged and quietly', async () => {
    const run = await runCli(['redact'], { stdin: 'commit 4b825dc642cb6eb9a060e54bf8d69288fbee4904\n' });
    assert.deepEqual([run.code, run.stdout, run.stderr], [0, 'commit 4b825dc642cb6eb9a060e54bf8d69288fbee4904\n', '']);
  });

  it('reads empty input as empty output', async () => {
    const run = await runCli(['redact'], { stdin: '' });
    assert.deepEqual([run.code, run.stdout], [0, '']);
  });

  it('--jsonl: one result line per input line, with kinds and offsets', async () => {
    const run = await runCli(['redact', '--jsonl'], { stdin: `${JSON.stringify({ text: `token ${TOKEN}` })}\n${JSON.stringify({ text: 'nothing here' })}\n` });
    assert.equal(run.code, 0, run.stderr);
    const lines = run.stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as unknown);
    assert.deepEqual(lines, [
      { text: 'token [REDACTED:github-token]', redactions: [{ kind: 'github-token', start: 6, end: 6 + TOKEN.length }] },
      { text: 'nothing here', redactions: [] },
    ]);
  });

  it('--jsonl: a malformed line gets an error line that never echoes it, and the rest go on (exit 1)', async () => {
    const stdin = [`not json ${TOKEN}`, '[1,2]', '{"text": 5}', '', JSON.stringify({ text: 'ok' })].join('\n');
    const run = await runCli(['redact', '--jsonl'], { stdin });
    assert.equal(run.code, 1);
    assert.ok(!run.stdout.includes('ghp_'), run.stdout);
    const lines = run.stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as { error?: string; text?: string });
    assert.equal(lines.length, 5);
    assert.match(lines[0]?.error ?? '', /^line 1: not JSON/);
    assert.match(lines[1]?.error ?? '', /^line 2: not a JSON object/);
    assert.match(lines[2]?.error ?? '', /^line 3: "text" is missing or not a string/);
    assert.match(lines[3]?.error ?? '', /^line 4: not JSON/);
    assert.equal(lines[4]?.text, 'ok');
  });

  it('takes bytes as well as text, across chunk boundaries', async () => {
    const { main } = await import('../../../src/cli/program');
    let stdout = '';
    const bytes = Buffer.from(`é ${TOKEN}\n`, 'utf8');
    const code = await main(['redact'], { stdout: { write: (text) => { stdout += text; } }, stderr: { write: () => undefined }, env: {}, nodeVersion: process.version, stdin: [bytes.subarray(0, 1), bytes.subarray(1, 10), bytes.subarray(10)] });
    assert.equal(code, 0);
    assert.equal(stdout, 'é [REDACTED:github-token]\n');
  });
});
