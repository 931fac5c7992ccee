import assert from 'node:assert/strict';
import { createSafeFetch } from '../../../../src/core/egress/safeFetch';
import { ModelClient } from '../../../../src/core/model/modelClient';
import { resolveModelEndpoint } from '../../../../src/core/model/modelEndpoint';
import { startFixtureModelServer, type FixtureModelServer } from '../../../fixtures/modelServer/fixtureModelServer';
import { blocked, memoryAudit, recordingOpener, tableResolver, testPolicy } from './egressTestKit';

// The model client under the policy's `model` section: loopback endpoints from model.endpoints,
// remote APIs only when model.remote names them.
describe('core/egress: the model tool under policy.model', () => {
  const remote = { provider: 'Example AI', url: 'https://api.example.ai/v1', purpose: 'review', maxMonthlyCostUsd: 10 };

  describe('resolveModelEndpoint with a policy', () => {
    it('accepts a remote API the policy names, refuses one it does not, without any lookup', () => {
      const policy = testPolicy({ model: { endpoints: ['127.0.0.1'], remote: [remote] } });
      const named = resolveModelEndpoint({ baseUrl: 'https://api.example.ai/v1', policy });
      assert.ok(named.ok, JSON.stringify(named));
      const other = resolveModelEndpoint({ baseUrl: 'https://api.openai.com/v1', policy });
      assert.ok(!other.ok);
      assert.equal(other.problems[0]?.kind, 'refused');
      assert.match(other.problems[0]?.message ?? '', /airlock\.model\.baseUrl.*not a loopback address.*model\.remote/);
    });

    it('refuses a loopback endpoint the policy does not list, and one a block rule names', () => {
      const policy = testPolicy({ model: { endpoints: ['127.0.0.1:11434'] }, block: ['127.0.0.1:8080'] });
      assert.ok(resolveModelEndpoint({ baseUrl: 'http://127.0.0.1:11434/v1', policy }).ok);
      const unlisted = resolveModelEndpoint({ baseUrl: 'http://localhost:11434/v1', policy });
      assert.ok(!unlisted.ok && unlisted.problems[0]?.kind === 'refused');
      const blockedPort = resolveModelEndpoint({ baseUrl: 'http://127.0.0.1:8080/v1', policy });
      assert.ok(!blockedPort.ok && blockedPort.problems[0]?.kind === 'refused');
    });
  });

  describe('ModelClient with the policy getter (against the fixture model server)', () => {
    let fixture: FixtureModelServer;
    beforeEach(async () => {
      fixture = await startFixtureModelServer();
    });
    afterEach(() => fixture.close());

    it('reaches a listed loopback endpoint and audits the request', async () => {
      const audit = memoryAudit();
      const policy = testPolicy({ model: { endpoints: ['127.0.0.1'] } });
      const client = new ModelClient({ baseUrl: fixture.baseUrl, model: 'fixture-model', apiKey: undefined }, { policy: () => policy, audit, requestTimeoutMs: 2_000 });
      const probe = await client.probe();
      assert.ok(probe.reachable, JSON.stringify(probe));
      assert.equal(audit.events[0]?.action, 'egress.allow');
      assert.equal(audit.events[0]?.reason, 'model-endpoint');
      assert.equal(audit.events[0]?.detail?.tool, 'model');
    });

    it('follows a policy change at once: the endpoint removed, the next request is refused and audited', async () => {
      const audit = memoryAudit();
      let policy = testPolicy({ model: { endpoints: ['127.0.0.1'] } });
      const client = new ModelClient({ baseUrl: fixture.baseUrl, model: 'fixture-model', apiKey: undefined }, { policy: () => policy, audit, requestTimeoutMs: 2_000 });
      assert.ok((await client.probe()).reachable);
      policy = testPolicy({ model: { endpoints: ['[::1]'] } });
      const probe = await client.probe();
      assert.ok(!probe.reachable);
      assert.equal(probe.failure.kind, 'refused');
      assert.equal(audit.events.at(-1)?.reason, 'model-endpoint-not-listed');
      assert.equal(fixture.requests.length, 1, 'the refused request never reached the server');
    });
  });

  it('a named remote API is allowed and pinned to its public address (the test opener refuses it: nothing is sent)', async () => {
    const opener = recordingOpener('refuse-all');
    const policy = testPolicy({ model: { endpoints: [], remote: [remote] } });
    const modelFetch = createSafeFetch({ tool: 'model', policy: () => policy, env: {}, openSocket: opener.openSocket, resolve: tableResolver({ 'api.example.ai': ['93.184.215.14'] }).resolve });
    try {
      await assert.rejects(modelFetch('https://api.example.ai/v1/models'), (error: Error & { code?: string }) => error.code === 'TEST_REFUSED');
      assert.deepEqual(opener.attempts, ['93.184.215.14']);
      const rebound = createSafeFetch({ tool: 'model', policy: () => policy, env: {}, openSocket: opener.openSocket, resolve: tableResolver({ 'api.example.ai': ['10.0.0.4'] }).resolve });
      assert.equal((await blocked(rebound('https://api.example.ai/v1/models'))).reason, 'private-address');
      await rebound.close();
      assert.equal((await blocked(modelFetch('https://api.example.ai/v2/models'))).reason, 'model-endpoint-not-listed');
    } finally {
      await modelFetch.close();
    }
  });
});
