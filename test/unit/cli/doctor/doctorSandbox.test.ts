import assert from 'node:assert/strict';
import type { DoctorReport } from '../../../../src/cli/doctor/doctorReport';
import { startFixtureModelServer, type FixtureModelServer } from '../../../fixtures/modelServer/fixtureModelServer';
import { runCli } from '../cliHarness';

describe('airlock doctor: the sandbox and where the model server listens', () => {
  let server: FixtureModelServer;

  before(async () => {
    server = await startFixtureModelServer();
  });
  after(async () => {
    await server.close();
  });

  it('reads the real listening sockets: the fixture server listens on loopback only', async () => {
    const run = await runCli(['doctor', '--base-url', server.baseUrl, '--model', 'fixture-model']);
    const port = new URL(server.baseUrl).port;
    assert.match(run.stdout, new RegExp(`Listens on\\s+127\\.0\\.0\\.1 port ${port}: this machine only`));
    assert.equal(run.code, 0, run.stdout);
  });

  it('reports the sandbox backend (bubblewrap is installed here by scripts/bootstrap.sh)', async () => {
    const run = await runCli(['doctor', '--json', '--base-url', server.baseUrl, '--model', 'fixture-model']);
    const report = JSON.parse(run.stdout) as DoctorReport;
    assert.equal(report.sandbox.available, true, report.sandbox.detail);
    assert.match(report.sandbox.detail, /^bubblewrap \d+\.\d+/);
    assert.equal(report.modelServer?.kind, 'loopback-only');
  });
});
