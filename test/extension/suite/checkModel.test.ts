import assert from 'node:assert/strict';
import dns from 'node:dns';
import * as vscode from 'vscode';
import { startFixtureModelServer, type FixtureModelServer } from '../../fixtures/modelServer/fixtureModelServer';
import { updateGlobalSetting } from './airlockExtension';
import { recordNetworkAttempts } from './networkAttempts';

interface ProbeLike {
  reachable?: unknown;
  modelListed?: unknown;
  models?: unknown;
  failure?: { kind?: unknown; message?: unknown };
}

async function checkModel(): Promise<ProbeLike> {
  const result = await vscode.commands.executeCommand<ProbeLike | undefined>('airlock.checkModel');
  assert.ok(result && typeof result === 'object', `airlock.checkModel returned ${JSON.stringify(result)}`);
  return result;
}

suite('airlock.checkModel', () => {
  let fixture: FixtureModelServer;

  suiteSetup(async () => {
    fixture = await startFixtureModelServer();
  });

  suiteTeardown(async () => {
    await updateGlobalSetting('airlock.model.baseUrl', undefined);
    await updateGlobalSetting('airlock.model.name', undefined);
    await fixture.close();
  });

  test('reaches the fixture model server and finds the model', async () => {
    await updateGlobalSetting('airlock.model.baseUrl', fixture.baseUrl);
    await updateGlobalSetting('airlock.model.name', 'fixture-model');
    const result = await checkModel();
    assert.equal(result.reachable, true, JSON.stringify(result));
    assert.equal(result.modelListed, true, JSON.stringify(result));
    assert.ok(Array.isArray(result.models) && result.models.includes('fixture-model'), JSON.stringify(result));
    assert.ok(fixture.requests.some((r) => r.path.endsWith('/models')), 'the fixture saw no GET /v1/models');
  });

  test('the network recorder sees lookups (so the next test can trust it)', async () => {
    const recorder = recordNetworkAttempts();
    try {
      await dns.promises.lookup('localhost');
    } finally {
      recorder.restore();
    }
    assert.deepEqual(recorder.hosts, ['localhost']);
  });

  test('refuses a non-loopback endpoint without contacting it', async () => {
    const recorder = recordNetworkAttempts();
    try {
      await updateGlobalSetting('airlock.model.baseUrl', 'https://api.openai.com/v1');
      const result = await checkModel();
      assert.equal(result.reachable, false, JSON.stringify(result));
      assert.equal(result.failure?.kind, 'refused', JSON.stringify(result));
    } finally {
      recorder.restore();
    }
    assert.deepEqual(recorder.hosts.filter((host) => host.includes('openai')), [], 'api.openai.com was looked up or contacted');
  });
});
