import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createProxy } from 'proxy';
import { createSafeFetch, type SafeFetch } from '../../../../src/core/egress/safeFetch';
import type { PolicyPack } from '../../../../src/core/policy/policySchema';
import { blocked, startServer, tableResolver, testPolicy, type LoopbackServer } from './egressTestKit';

interface Listening {
  readonly server: Server;
  readonly port: number;
  close(): Promise<void>;
}

async function listen(server: Server): Promise<Listening> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    server,
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    }),
  };
}

/** A self-signed certificate for airlock.test and 127.0.0.1, made for this run (openssl). */
function selfSignedCert(): { key: string; cert: string } | undefined {
  const dir = mkdtempSync(join(tmpdir(), 'airlock-tls-'));
  try {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '2', '-subj', '/CN=airlock.test', '-addext', 'subjectAltName=DNS:airlock.test,IP:127.0.0.1'], { stdio: 'ignore', timeout: 10_000 });
    return { key: readFileSync(join(dir, 'key.pem'), 'utf8'), cert: readFileSync(join(dir, 'cert.pem'), 'utf8') };
  } catch {
    return undefined;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('core/egress/safeFetch over TLS and through proxies (loopback only)', () => {
  let tls: { key: string; cert: string } | undefined;
  let secure: Listening | undefined;
  let plain: LoopbackServer;
  let proxy: Listening;
  const proxied: string[] = [];
  let recorder: Listening;
  const recorded: string[] = [];
  const fetches: SafeFetch[] = [];

  before(async function () {
    this.timeout(20_000);
    plain = await startServer((request, response) => response.end(`plain ${request.url ?? ''}`));
    tls = selfSignedCert();
    if (tls !== undefined) secure = await listen(createHttpsServer({ key: tls.key, cert: tls.cert }, (request, response) => response.end(`secure ${request.url ?? ''}`)));
    const proxyServer = createProxy(createHttpServer());
    proxyServer.on('request', (request: IncomingMessage) => proxied.push(`${request.method ?? ''} ${request.url ?? ''}`));
    proxyServer.on('connect', (request: IncomingMessage) => proxied.push(`CONNECT ${request.url ?? ''}`));
    proxy = await listen(proxyServer);
    // A proxy that records and answers 502 itself: it never resolves or connects anywhere.
    recorder = await listen(createHttpServer((request, response) => {
      recorded.push(`${request.method ?? ''} ${request.url ?? ''}`);
      response.writeHead(502).end('recorder proxy');
    }).on('connect', (request: IncomingMessage, socket: Socket) => {
      recorded.push(`CONNECT ${request.url ?? ''}`);
      socket.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
    }));
  });
  after(async () => {
    await Promise.all(fetches.map((f) => f.close()));
    await Promise.all([plain.close(), secure?.close(), proxy.close(), recorder.close()]);
  });
  beforeEach(() => {
    proxied.length = 0;
    recorded.length = 0;
  });

  function guarded(policy: PolicyPack, extra: Partial<Parameters<typeof createSafeFetch>[0]> = {}): SafeFetch {
    const safeFetch = createSafeFetch({ tool: 'web.fetch', policy: () => policy, env: {}, ...extra });
    fetches.push(safeFetch);
    return safeFetch;
  }

  describe('TLS', () => {
    beforeEach(function () {
      if (secure === undefined) this.skip();
    });

    it('connects to the pinned address and verifies the certificate against the name (SNI)', async () => {
      const port = secure?.port ?? 0;
      const safeFetch = guarded(testPolicy({ allow: [`airlock.test:${port}`, `127.0.0.1:${port}`] }), { resolve: tableResolver({ 'airlock.test': ['127.0.0.1'] }).resolve, ca: tls?.cert ?? '' });
      assert.equal(await (await safeFetch(`https://airlock.test:${port}/page`)).text(), 'secure /page');
    });

    it('still verifies certificates: an unknown CA fails, and so does a name the certificate does not cover', async () => {
      const port = secure?.port ?? 0;
      const resolve = tableResolver({ 'airlock.test': ['127.0.0.1'], 'other.test': ['127.0.0.1'] }).resolve;
      const policy = testPolicy({ allow: [`airlock.test:${port}`, `other.test:${port}`, `127.0.0.1:${port}`] });
      await assert.rejects(guarded(policy, { resolve })(`https://airlock.test:${port}/`), (error: Error & { code?: string }) => /certificate/i.test(`${error.message} ${error.code ?? ''}`));
      await assert.rejects(guarded(policy, { resolve, ca: tls?.cert ?? '' })(`https://other.test:${port}/`), (error: Error & { code?: string }) => error.code === 'ERR_TLS_CERT_ALTNAME_INVALID');
    });
  });

  describe('HTTP_PROXY / HTTPS_PROXY / NO_PROXY', () => {
    const env = (): Record<string, string> => ({ HTTP_PROXY: `http://127.0.0.1:${proxy.port}`, HTTPS_PROXY: `http://127.0.0.1:${proxy.port}` });

    it('sends an allowed http request through the proxy', async () => {
      const safeFetch = guarded(testPolicy({ allow: [`127.0.0.1:${plain.port}`] }), { env: env() });
      assert.equal(await (await safeFetch(`${plain.origin}/via-proxy`)).text(), 'plain /via-proxy');
      assert.deepEqual(proxied, [`GET ${plain.origin}/via-proxy`]);
    });

    it('tunnels an allowed https request through the proxy with CONNECT, certificate still verified', async function () {
      if (secure === undefined) this.skip();
      const port = secure?.port ?? 0;
      const safeFetch = guarded(testPolicy({ allow: [`127.0.0.1:${port}`] }), { env: env(), ca: tls?.cert ?? '' });
      assert.equal(await (await safeFetch(`https://127.0.0.1:${port}/tunnel`)).text(), 'secure /tunnel');
      assert.deepEqual(proxied, [`CONNECT 127.0.0.1:${port}`]);
    });

    it('applies the host rules before the proxy: a refused host never reaches it', async () => {
      const safeFetch = guarded(testPolicy({ allow: [`127.0.0.1:${plain.port}`] }), { env: env() });
      assert.equal((await blocked(safeFetch('https://evil.example/'))).reason, 'no-rule-matched');
      assert.equal((await blocked(safeFetch('http://10.0.0.1:80/'))).reason, 'private-address');
      assert.equal((await blocked(safeFetch(`http://127.0.0.1:${plain.port + 1}/`))).reason, 'loopback-address');
      assert.deepEqual(proxied, []);
    });

    it('resolves the name locally too, and refuses when a local answer is forbidden', async () => {
      const safeFetch = guarded(testPolicy({ allow: ['intranet.example:80'] }), { env: env(), resolve: tableResolver({ 'intranet.example': ['10.1.2.3'] }).resolve });
      const error = await blocked(safeFetch('http://intranet.example:80/'));
      assert.equal(error.reason, 'private-address');
      assert.deepEqual(proxied, []);
    });

    it('leaves a name that does not resolve locally to the proxy (it resolves names itself)', async () => {
      const safeFetch = guarded(testPolicy({ allow: ['only-the-proxy-knows.example:80'] }), { env: { HTTP_PROXY: `http://127.0.0.1:${recorder.port}` }, resolve: tableResolver({}).resolve });
      const response = await safeFetch('http://only-the-proxy-knows.example:80/x');
      assert.equal(response.status, 502);
      assert.deepEqual(recorded, ['GET http://only-the-proxy-knows.example/x']);
    });

    it('goes direct for NO_PROXY hosts (and pins the address as usual)', async () => {
      const safeFetch = guarded(testPolicy({ allow: [`127.0.0.1:${plain.port}`] }), { env: { ...env(), NO_PROXY: 'localhost,127.0.0.1' } });
      assert.equal(await (await safeFetch(`${plain.origin}/direct`)).text(), 'plain /direct');
      assert.deepEqual(proxied, []);
    });
  });
});
