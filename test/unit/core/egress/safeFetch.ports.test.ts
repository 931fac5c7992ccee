import assert from 'node:assert/strict';
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { createSafeFetch, type SafeFetch } from '../../../../src/core/egress/safeFetch';
import type { PolicyPack } from '../../../../src/core/policy/policySchema';
import { blocked, memoryAudit, startServer, testPolicy, type LoopbackServer } from './egressTestKit';

/** A TCP listener on loopback that only counts who connects: any connection is a failure of the guard. */
interface Victim {
  readonly port: number;
  readonly connections: () => number;
  close(): Promise<void>;
}

async function startVictim(): Promise<Victim> {
  let connections = 0;
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    connections++;
    sockets.add(socket);
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    connections: () => connections,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

// Each row is an attack through the real SafeFetch (its real connector) against real loopback
// servers: a victim that counts connections must see none.
describe('core/egress/safeFetch: ports a rule does not name, and methods that are refused', () => {
  let redirector: LoopbackServer;
  let victim: Victim;
  const fetches: SafeFetch[] = [];

  before(async () => {
    victim = await startVictim();
    redirector = await startServer((request, response) => {
      const to = new URL(request.url ?? '/', 'http://x').searchParams.get('to');
      if (to === null) response.end('ok');
      else response.writeHead(307, { location: to }).end();
    });
  });
  after(async () => {
    await Promise.all(fetches.map((f) => f.close()));
    await Promise.all([redirector.close(), victim.close()]);
  });

  function guarded(policy: PolicyPack, tool = 'web.fetch'): SafeFetch {
    const safeFetch = createSafeFetch({ tool, policy: () => policy, env: {}, audit: memoryAudit() });
    fetches.push(safeFetch);
    return safeFetch;
  }

  const portRows: { attack: string; url: () => string; reason: string }[] = [
    { attack: 'a redirect to another port of a host allowed without a port (https)', url: () => `${redirector.origin}/r?to=${encodeURIComponent(`https://127.0.0.1:${victim.port}/`)}`, reason: 'loopback-address' },
    { attack: 'a redirect to another port of a host allowed without a port (plain http)', url: () => `${redirector.origin}/r?to=${encodeURIComponent(`http://127.0.0.1:${victim.port}/`)}`, reason: 'loopback-address' },
    { attack: 'a direct request to another port of a host allowed without a port', url: () => `https://127.0.0.1:${victim.port}/`, reason: 'loopback-address' },
  ];
  for (const row of portRows) {
    it(`refuses ${row.attack}, and nothing reaches that port`, async () => {
      const safeFetch = guarded(testPolicy({ allow: [`127.0.0.1:${redirector.port}`, '127.0.0.1'] }));
      const error = await blocked(safeFetch(row.url()));
      assert.equal(error.reason, row.reason, error.message);
      assert.equal(victim.connections(), 0);
    });
  }

  it('still follows a redirect to a port the rules name (control row)', async () => {
    const safeFetch = guarded(testPolicy({ allow: [`127.0.0.1:${redirector.port}`] }));
    const response = await safeFetch(`${redirector.origin}/r?to=${encodeURIComponent(`${redirector.origin}/`)}`);
    assert.equal(await response.text(), 'ok');
  });

  for (const method of ['TRACE', 'TRACK', 'CONNECT', 'trace']) {
    it(`refuses the method ${method} before connecting, even to an allowed host`, async () => {
      const before = redirector.hits.length;
      const sockets = redirector.sockets.size;
      const safeFetch = guarded(testPolicy({ allow: [`127.0.0.1:${redirector.port}`] }));
      const error = await blocked(safeFetch(`${redirector.origin}/`, { method }));
      assert.equal(error.reason, 'method-not-allowed', error.message);
      assert.equal(redirector.hits.length, before);
      assert.equal(redirector.sockets.size, sockets);
    });
  }
});
