import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect as tlsConnect } from 'node:tls';
import { startEgressProxy, type EgressProxy, type EgressProxyOptions } from '../../../../src/core/egress/egressProxy';
import type { SocketOpener } from '../../../../src/core/egress/pinnedConnector';
import { memoryAudit, startServer, tableResolver, testPolicy, type LoopbackServer, type PolicyShape } from './egressTestKit';
import { closed, echoServer, openTunnel, rawExchange, tcpServer, type TcpServer } from './proxyTestKit';

// NETWORK SAFETY: the proxy, the servers it may reach and the victims it must not reach all listen
// on 127.0.0.1; names resolve through a fixed table; the rebinding rows use a socket opener that
// refuses (and records) any address that is not loopback, so nothing leaves the machine.

/** A self-signed certificate for 127.0.0.1, made for this run (openssl). */
function selfSignedCert(): { key: string; cert: string } {
  const dir = mkdtempSync(join(tmpdir(), 'airlock-proxy-tls-'));
  try {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore', timeout: 10_000 });
    return { key: readFileSync(join(dir, 'key.pem'), 'utf8'), cert: readFileSync(join(dir, 'cert.pem'), 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const NAMES = { 'victim.test': ['127.0.0.1'], 'allowed.test': ['127.0.0.1'], 'blocked.test': ['127.0.0.1'] };

describe('core/egress/egressProxy (real servers on loopback)', () => {
  let target: LoopbackServer;
  let victim: TcpServer;
  let echo: TcpServer;
  let tlsServer: HttpsServer;
  let tlsPort: number;
  let cert: string;
  const proxies: EgressProxy[] = [];
  const tunnels: TcpServer[] = [];

  async function proxyWith(shape: PolicyShape, extra: Partial<EgressProxyOptions> = {}): Promise<{ proxy: EgressProxy; port: number; audit: ReturnType<typeof memoryAudit> }> {
    const audit = memoryAudit();
    const policy = testPolicy(shape);
    const proxy = await startEgressProxy({ policy: () => policy, audit, resolve: tableResolver(NAMES).resolve, loopbackPort: true, ...extra });
    proxies.push(proxy);
    return { proxy, port: proxy.port as number, audit };
  }

  before(async () => {
    target = await startServer((request, response) => {
      if (request.url === '/redirect') {
        response.writeHead(302, { location: `http://victim.test:${victim.port}/stolen` }).end();
      } else if (request.url === '/big') {
        response.end('x'.repeat(4096));
      } else if (request.url === '/hang') {
        // Never answers: only the proxy's idle bound ends the wait.
      } else if (request.url === '/stream') {
        // No Content-Length: the proxy can only count the bytes as they pass.
        for (let chunk = 0; chunk < 8; chunk++) response.write('y'.repeat(1024));
        response.end();
      } else {
        response.setHeader('content-type', 'application/json');
        response.end(JSON.stringify({ method: request.method, url: request.url, headers: request.headers }));
      }
    });
    victim = await tcpServer((socket) => socket.destroy());
    echo = await echoServer();
    const tls = selfSignedCert();
    cert = tls.cert;
    tlsServer = createHttpsServer({ key: tls.key, cert: tls.cert }, (_request, response) => response.end('secret over tls'));
    await new Promise<void>((resolve) => tlsServer.listen(0, '127.0.0.1', resolve));
    tlsPort = (tlsServer.address() as AddressInfo).port;
  });

  after(async () => {
    await Promise.all(proxies.map((proxy) => proxy.close()));
    await Promise.all([target.close(), victim.close(), echo.close(), ...tunnels.map((server) => server.close())]);
    tlsServer.closeAllConnections();
    await new Promise<void>((resolve) => tlsServer.close(() => resolve()));
  });

  const allowed = (): PolicyShape => ({ allow: [`127.0.0.1:${target.port}`, `127.0.0.1:${echo.port}`, `127.0.0.1:${tlsPort}`, 'allowed.test', 'ghost.test'], block: ['blocked.test'] });

  describe('allowed hosts are reached', () => {
    it('over plain http, with Host set to the judged authority and hop-by-hop headers dropped', async () => {
      const { port, audit } = await proxyWith(allowed());
      const answer = await rawExchange(port, `GET http://127.0.0.1:${target.port}/hello?q=1 HTTP/1.1\r\nHost: victim.test:${victim.port}\r\nProxy-Authorization: Basic c2VjcmV0\r\nX-Keep: yes\r\nConnection: close, x-drop\r\nX-Drop: 1\r\n\r\n`);
      assert.equal(answer.status, 200);
      const seen = JSON.parse(answer.body) as { url: string; headers: Record<string, string> };
      assert.equal(seen.url, '/hello?q=1');
      assert.equal(seen.headers.host, `127.0.0.1:${target.port}`);
      assert.equal(seen.headers['x-keep'], 'yes');
      assert.equal(seen.headers['proxy-authorization'], undefined);
      assert.equal(seen.headers['x-drop'], undefined);
      assert.equal(victim.accepted, 0);
      assert.deepEqual(audit.events.map((event) => [event.action, event.reason, event.target]), [['egress.allow', 'allowed-by-rule', `GET http://127.0.0.1:${target.port}/hello?[redacted]`]]);
    });

    it('an Upgrade request goes on as a plain request, never as a raw relay', async () => {
      const { port } = await proxyWith(allowed());
      const answer = await rawExchange(port, `GET http://127.0.0.1:${target.port}/ws HTTP/1.1\r\nUpgrade: websocket\r\nConnection: Upgrade, close\r\nSec-WebSocket-Version: 13\r\n\r\n`);
      assert.equal(answer.status, 200);
      const seen = JSON.parse(answer.body) as { headers: Record<string, string> };
      assert.equal(seen.headers.upgrade, undefined);
      assert.equal(seen.headers.connection, 'close');
    });

    it('with a chunked request body forwarded whole', async () => {
      const { port } = await proxyWith(allowed());
      const answer = await rawExchange(port, `POST http://127.0.0.1:${target.port}/upload HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n5\r\nhello\r\n0\r\n\r\n`);
      assert.equal(answer.status, 200);
      assert.equal(target.hits.at(-1)?.body, 'hello');
    });

    it('through a CONNECT tunnel to a TCP echo server', async () => {
      const { port, audit } = await proxyWith(allowed());
      const { socket, answer } = await openTunnel(port, `127.0.0.1:${echo.port}`);
      assert.equal(answer.status, 200);
      const back = new Promise<string>((resolve) => socket.once('data', (chunk: Buffer) => resolve(chunk.toString())));
      socket.write('ping through the tunnel');
      assert.equal(await back, 'ping through the tunnel');
      socket.destroy();
      assert.deepEqual(audit.events.map((event) => [event.action, event.reason, event.target]), [['egress.allow', 'allowed-by-rule', `CONNECT 127.0.0.1:${echo.port}`]]);
    });

    it('through a CONNECT tunnel carrying real TLS, the certificate checked end to end', async () => {
      const { port } = await proxyWith(allowed());
      const { socket, answer } = await openTunnel(port, `127.0.0.1:${tlsPort}`);
      assert.equal(answer.status, 200);
      const secure = tlsConnect({ socket, ca: cert, host: '127.0.0.1' });
      const text = await new Promise<string>((resolve, reject) => {
        let out = '';
        secure.on('data', (chunk: Buffer) => (out += chunk.toString()));
        secure.on('end', () => resolve(out));
        secure.on('error', reject);
        secure.write(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${tlsPort}\r\nConnection: close\r\n\r\n`);
      });
      assert.match(text, /^HTTP\/1\.1 200/);
      assert.match(text, /secret over tls$/);
    });

    it('on a Unix socket that only its owner may use', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'airlock-proxy-sock-'));
      try {
        const policy = testPolicy(allowed());
        const proxy = await startEgressProxy({ policy: () => policy, socketPath: join(dir, 'egress.sock') });
        proxies.push(proxy);
        assert.equal(proxy.port, undefined);
        assert.equal(statSync(join(dir, 'egress.sock')).mode & 0o777, 0o600);
        const status = await new Promise<number>((resolve, reject) => {
          const request = httpRequest({ socketPath: join(dir, 'egress.sock'), path: `http://127.0.0.1:${target.port}/unix`, headers: { host: `127.0.0.1:${target.port}` } }, (response) => {
            response.resume();
            resolve(response.statusCode ?? 0);
          });
          request.on('error', reject);
          request.end();
        });
        assert.equal(status, 200);
        assert.equal(target.hits.at(-1)?.url, '/unix');
        await proxy.close();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('listens on 127.0.0.1 and nowhere else', async () => {
      const { proxy } = await proxyWith(allowed());
      assert.equal(proxy.url, `http://127.0.0.1:${proxy.port}`);
    });
  });

  interface Attack {
    readonly attack: string;
    readonly request: () => string;
    readonly status: number;
    readonly reason: string;
    /** Text the answer's body must contain (the rule to add, the refused target). */
    readonly says?: () => string;
    /** No single allow rule would open it, so the answer suggests none. */
    readonly noFix?: true;
  }

  const post = (headers: string, body: string): string => `POST http://127.0.0.1:${target.port}/smuggle HTTP/1.1\r\nHost: 127.0.0.1:${target.port}\r\n${headers}\r\n${body}`;
  const ATTACKS: readonly Attack[] = [
    { attack: 'a host no rule allows (plain http)', request: () => `GET http://victim.test:${victim.port}/ HTTP/1.1\r\nHost: victim.test\r\n\r\n`, status: 403, reason: 'no-rule-matched', says: () => `allow: ["victim.test:${victim.port}"]` },
    { attack: 'a host no rule allows (CONNECT)', request: () => `CONNECT victim.test:${victim.port} HTTP/1.1\r\n\r\n`, status: 403, reason: 'no-rule-matched', says: () => `allow: ["victim.test:${victim.port}"]` },
    { attack: 'CONNECT to a port the rule does not cover (allowed.test means :443)', request: () => `CONNECT allowed.test:${victim.port} HTTP/1.1\r\n\r\n`, status: 403, reason: 'no-rule-matched' },
    { attack: 'plain http where the rule names no port', request: () => 'GET http://allowed.test/ HTTP/1.1\r\n\r\n', status: 403, reason: 'plain-http-not-allowed' },
    { attack: 'a loopback address (no rule is suggested: the policy loader refuses one for agent tools)', request: () => `GET http://127.0.0.1:${victim.port}/ HTTP/1.1\r\n\r\n`, status: 403, reason: 'loopback-address', says: () => 'may only reach public hosts', noFix: true },
    { attack: 'an allowed name that resolves to a loopback address (the address needs its own rule)', request: () => 'CONNECT allowed.test:443 HTTP/1.1\r\n\r\n', status: 403, reason: 'loopback-address', says: () => 'allowed.test resolved to 127.0.0.1', noFix: true },
    { attack: 'an allowed name that does not resolve', request: () => 'CONNECT ghost.test:443 HTTP/1.1\r\n\r\n', status: 502, reason: 'unresolvable-host' },
    { attack: 'the IPv6 loopback address', request: () => `CONNECT [::1]:${victim.port} HTTP/1.1\r\n\r\n`, status: 403, reason: 'loopback-address', says: () => 'may only reach public hosts', noFix: true },
    { attack: 'a host a block rule names', request: () => 'CONNECT blocked.test:443 HTTP/1.1\r\n\r\n', status: 403, reason: 'blocked-by-rule', says: () => 'The block rule "blocked.test" wins' },
    { attack: 'the cloud metadata address', request: () => 'GET http://169.254.169.254/latest/meta-data/ HTTP/1.1\r\n\r\n', status: 403, reason: 'metadata-address' },
    { attack: 'a decimal IPv4 address', request: () => `GET http://2130706433:${victim.port}/ HTTP/1.1\r\n\r\n`, status: 400, reason: 'invalid-url', says: () => 'unusual form' },
    { attack: 'an octal IPv4 address', request: () => `GET http://0177.0.0.1:${victim.port}/ HTTP/1.1\r\n\r\n`, status: 400, reason: 'invalid-url' },
    { attack: 'a hexadecimal IPv4 address', request: () => `GET http://0x7f000001:${victim.port}/ HTTP/1.1\r\n\r\n`, status: 400, reason: 'invalid-url' },
    { attack: 'a shortened IPv4 address', request: () => `GET http://127.1:${victim.port}/ HTTP/1.1\r\n\r\n`, status: 400, reason: 'invalid-url' },
    { attack: 'an IPv4 address with zero-padded parts', request: () => `CONNECT 127.000.000.001:${victim.port} HTTP/1.1\r\n\r\n`, status: 400, reason: 'invalid-url' },
    { attack: 'an IPv4-mapped IPv6 address (GET)', request: () => `GET http://[::ffff:127.0.0.1]:${victim.port}/ HTTP/1.1\r\n\r\n`, status: 400, reason: 'invalid-url', says: () => 'IPv4-mapped' },
    { attack: 'an IPv4-mapped IPv6 address in hex (CONNECT)', request: () => `CONNECT [::ffff:7f00:1]:${victim.port} HTTP/1.1\r\n\r\n`, status: 400, reason: 'invalid-url' },
    { attack: 'a percent-encoded host', request: () => `GET http://%31%32%37.0.0.1:${victim.port}/ HTTP/1.1\r\n\r\n`, status: 400, reason: 'invalid-url' },
    { attack: 'userinfo naming the allowed host before the real one', request: () => `GET http://127.0.0.1:${target.port}@127.0.0.1:${victim.port}/ HTTP/1.1\r\n\r\n`, status: 400, reason: 'invalid-url' },
    { attack: 'userinfo on an allowed host', request: () => `GET http://user:pass@127.0.0.1:${target.port}/ HTTP/1.1\r\n\r\n`, status: 400, reason: 'invalid-url' },
    { attack: 'a backslash in the authority', request: () => `GET http://127.0.0.1:${victim.port}\\@allowed.test/ HTTP/1.1\r\n\r\n`, status: 400, reason: 'malformed-request' },
    { attack: 'a CONNECT target without a port', request: () => 'CONNECT victim.test HTTP/1.1\r\n\r\n', status: 400, reason: 'invalid-url', says: () => 'CONNECT needs host:port' },
    { attack: 'a CONNECT target with a path', request: () => `CONNECT 127.0.0.1:${victim.port}/x HTTP/1.1\r\n\r\n`, status: 400, reason: 'invalid-url' },
    { attack: 'a CONNECT target with userinfo', request: () => `CONNECT a@127.0.0.1:${victim.port} HTTP/1.1\r\n\r\n`, status: 400, reason: 'invalid-url' },
    { attack: 'CONNECT to port 0', request: () => 'CONNECT 127.0.0.1:0 HTTP/1.1\r\n\r\n', status: 400, reason: 'invalid-url' },
    { attack: 'an origin-form request (the proxy used as a web server)', request: () => `GET / HTTP/1.1\r\nHost: 127.0.0.1:${victim.port}\r\n\r\n`, status: 400, reason: 'invalid-url' },
    { attack: 'absolute-form https (TLS the proxy would have to make)', request: () => `GET https://127.0.0.1:${tlsPort}/ HTTP/1.1\r\n\r\n`, status: 400, reason: 'invalid-url', says: () => 'CONNECT' },
    { attack: 'TRACE to an allowed host (echoes credentials back)', request: () => `TRACE http://127.0.0.1:${target.port}/ HTTP/1.1\r\nCookie: session=1\r\n\r\n`, status: 405, reason: 'method-not-allowed' },
    // llhttp knows no TRACK: it is refused as malformed before it reaches the method check.
    { attack: 'TRACK to an allowed host', request: () => `TRACK http://127.0.0.1:${target.port}/ HTTP/1.1\r\n\r\n`, status: 400, reason: 'malformed-request' },
    { attack: 'smuggling: Content-Length with Transfer-Encoding', request: () => post('Content-Length: 6\r\nTransfer-Encoding: chunked\r\n', '0\r\n\r\nG'), status: 400, reason: 'malformed-request' },
    { attack: 'smuggling: two different Content-Lengths', request: () => post('Content-Length: 5\r\nContent-Length: 6\r\n', 'hello!'), status: 400, reason: 'malformed-request' },
    { attack: 'smuggling: obs-fold header continuation', request: () => post('Content-Length: 0\r\nX-A: b\r\n Transfer-Encoding: chunked\r\n', ''), status: 400, reason: 'malformed-request' },
    { attack: 'smuggling: Transfer-Encoding not ending in chunked', request: () => post('Transfer-Encoding: chunked, identity\r\n', '0\r\n\r\n'), status: 400, reason: 'malformed-request' },
    { attack: 'smuggling: an unknown Transfer-Encoding', request: () => post('Transfer-Encoding: xchunked\r\n', '0\r\n\r\n'), status: 400, reason: 'malformed-request' },
    { attack: 'smuggling: whitespace before the colon', request: () => post('Content-Length : 0\r\n', ''), status: 400, reason: 'malformed-request' },
    { attack: 'header injection: a bare CR inside a header value', request: () => post('Content-Length: 0\r\nX-A: b\rTransfer-Encoding: chunked\r\n', ''), status: 400, reason: 'malformed-request' },
    { attack: 'header injection: bare LF line endings', request: () => `GET http://127.0.0.1:${target.port}/ HTTP/1.1\nHost: x\n\n`, status: 400, reason: 'malformed-request' },
  ];

  describe('attacks are refused with a status, the reason and no connection to the victim', () => {
    let port: number;
    let audit: ReturnType<typeof memoryAudit>;
    before(async () => {
      ({ port, audit } = await proxyWith(allowed()));
    });

    for (const row of ATTACKS) {
      it(row.attack, async () => {
        const hitsBefore = target.hits.length;
        const eventsBefore = audit.events.length;
        const answer = await rawExchange(port, row.request());
        assert.equal(answer.status, row.status, answer.text.slice(0, 300));
        assert.match(answer.body, new RegExp(`^Airlock refused this shell request: `));
        assert.ok(answer.body.includes(`Reason: ${row.reason} `), answer.body);
        if (row.says !== undefined) assert.ok(answer.body.includes(row.says()), answer.body);
        if (row.noFix === true) assert.ok(!answer.body.includes('To allow it'), answer.body);
        assert.match(answer.head, /\r\nConnection: close/i);
        assert.equal(victim.accepted, 0, 'the victim accepted a connection');
        assert.equal(target.hits.length, hitsBefore, 'the allowed server received the refused request');
        // An allowed name whose address is then refused has its egress.allow before the block.
        const blocks = audit.events.slice(eventsBefore).filter((event) => event.action !== 'egress.allow');
        assert.deepEqual(blocks.map((event) => [event.action, event.reason, (event.detail as { tool?: string } | undefined)?.tool]), [['egress.block', row.reason, 'shell']]);
      });
    }
  });

  it('a redirect to a refused host is passed back, not followed, and the next hop is refused', async () => {
    const { port } = await proxyWith(allowed());
    const first = await rawExchange(port, `GET http://127.0.0.1:${target.port}/redirect HTTP/1.1\r\nConnection: close\r\n\r\n`);
    assert.equal(first.status, 302);
    const location = /\r\nlocation: (\S+)/i.exec(first.head)?.[1] ?? '';
    assert.equal(location, `http://victim.test:${victim.port}/stolen`);
    const second = await rawExchange(port, `GET ${location} HTTP/1.1\r\nConnection: close\r\n\r\n`);
    assert.equal(second.status, 403);
    assert.ok(second.body.includes('Reason: no-rule-matched'));
    assert.equal(victim.accepted, 0);
  });

  describe('DNS rebinding: the connection goes to the address that was checked', () => {
    function rebinding(answers: readonly (readonly string[])[]): { calls: number; resolve: (host: string) => Promise<string[]> } {
      const state = { calls: 0, resolve: (_host: string) => Promise.resolve([...(answers[Math.min(state.calls++, answers.length - 1)] ?? [])]) };
      return state;
    }
    function recordingTcp(): { attempts: string[]; openSocket: (timeoutMs: number) => SocketOpener } {
      const attempts: string[] = [];
      return {
        attempts,
        // Records the address and opens nothing: these rows only need to see where the proxy dials.
        openSocket: () => (options, callback) => {
          attempts.push(options.hostname);
          callback(Object.assign(new Error(`test opener refused ${options.hostname}`), { code: 'TEST_REFUSED' }), null);
        },
      };
    }

    it('a name checked as public and answered as loopback later is dialled at the checked address only', async () => {
      const resolver = rebinding([['93.184.216.34'], ['127.0.0.1']]);
      const opener = recordingTcp();
      const { port } = await proxyWith({ allow: [`rebind.test:${victim.port}`] }, { resolve: resolver.resolve, openSocket: opener.openSocket });
      const answer = await rawExchange(port, `GET http://rebind.test:${victim.port}/ HTTP/1.1\r\n\r\n`);
      assert.equal(answer.status, 502);
      assert.deepEqual(opener.attempts, ['93.184.216.34']);
      assert.equal(resolver.calls, 1);
      assert.equal(victim.accepted, 0);
    });

    it('a name with one loopback answer among public ones is refused before any dial (CONNECT)', async () => {
      const resolver = rebinding([['93.184.216.34', '127.0.0.1']]);
      const opener = recordingTcp();
      const { port, audit } = await proxyWith({ allow: [`rebind.test:${victim.port}`] }, { resolve: resolver.resolve, openSocket: opener.openSocket });
      const answer = await rawExchange(port, `CONNECT rebind.test:${victim.port} HTTP/1.1\r\n\r\n`);
      assert.equal(answer.status, 403);
      assert.ok(answer.body.includes('Reason: loopback-address'), answer.body);
      assert.deepEqual(opener.attempts, []);
      assert.equal(audit.events.at(-1)?.reason, 'loopback-address');
    });
  });

  describe('approval: a requireApproval rule asks, and without an answer refuses', () => {
    for (const row of [
      { attack: 'no approver to ask', approvals: undefined, status: 403, asked: 0 },
      { attack: 'the user refuses', approvals: 'deny', status: 403, asked: 1 },
      { attack: 'the user allows once', approvals: 'allow', status: 200, asked: 1 },
    ] as const) {
      it(row.attack, async () => {
        const asked: string[] = [];
        const approvals = row.approvals === undefined ? {} : {
          approvals: {
            request: (request: { target: string }) => {
              asked.push(request.target);
              return Promise.resolve(row.approvals === 'allow' ? { allowed: true as const, how: 'allow-once' as const } : { allowed: false as const, reason: 'the user said no' });
            },
          },
        };
        const { port, audit } = await proxyWith({ requireApproval: [`127.0.0.1:${target.port}`] }, approvals);
        const answer = await rawExchange(port, `GET http://127.0.0.1:${target.port}/ask HTTP/1.1\r\nConnection: close\r\n\r\n`);
        assert.equal(answer.status, row.status, answer.text.slice(0, 300));
        assert.equal(asked.length, row.asked);
        if (row.asked > 0) assert.equal(asked[0], `shell http://127.0.0.1:${target.port}`);
        assert.equal(audit.events.at(-1)?.reason, row.status === 200 ? 'approval-required' : 'approval-denied');
      });
    }
  });

  describe('limits', () => {
    it('concurrency: one tunnel over limits.maxConcurrentRequests is refused, and the slot comes back when a tunnel closes', async () => {
      const { port } = await proxyWith({ ...allowed(), limits: { maxConcurrentRequests: 1 } });
      const first = await openTunnel(port, `127.0.0.1:${echo.port}`);
      assert.equal(first.answer.status, 200);
      const second = await rawExchange(port, `CONNECT 127.0.0.1:${echo.port} HTTP/1.1\r\n\r\n`);
      assert.equal(second.status, 429);
      assert.ok(second.body.includes('Reason: concurrency-limit'), second.body);
      first.socket.destroy();
      await closed(first.socket);
      let third = await openTunnel(port, `127.0.0.1:${echo.port}`);
      // The proxy sees the close a moment after the client does; retry once it has.
      for (let attempt = 0; third.answer.status === 429 && attempt < 50; attempt++) {
        third.socket.destroy();
        await new Promise((resolve) => setTimeout(resolve, 20));
        third = await openTunnel(port, `127.0.0.1:${echo.port}`);
      }
      assert.equal(third.answer.status, 200);
      third.socket.destroy();
    });

    it('rate: a request over requestsPerMinute for shell is refused with Retry-After', async () => {
      const { port } = await proxyWith({ ...allowed(), limits: { requestsPerMinute: { default: 10_000, tools: { shell: 2 } } } });
      const request = `GET http://127.0.0.1:${target.port}/rate HTTP/1.1\r\nConnection: close\r\n\r\n`;
      assert.equal((await rawExchange(port, request)).status, 200);
      assert.equal((await rawExchange(port, request)).status, 200);
      const third = await rawExchange(port, request);
      assert.equal(third.status, 429);
      assert.ok(third.body.includes('Reason: rate-limited'), third.body);
      assert.match(third.head, /\r\nretry-after: \d+/i);
    });

    it('bytes: a response announcing more than the connection may carry is refused before it is relayed', async () => {
      const { port, audit } = await proxyWith(allowed(), { bounds: { maxBytesPerConnection: 1024 } });
      const answer = await rawExchange(port, `GET http://127.0.0.1:${target.port}/big HTTP/1.1\r\nConnection: close\r\n\r\n`);
      assert.equal(answer.status, 502);
      assert.ok(answer.body.includes('Limit: max-response-bytes'), answer.body);
      assert.ok(!answer.body.includes('xxxx'));
      assert.equal(audit.events.at(-1)?.action, 'egress.limit');
    });

    it('silence: a server that never answers gets the client a 504 once the idle bound passes', async () => {
      const { port, audit } = await proxyWith(allowed(), { bounds: { idleTimeoutMs: 150 } });
      const answer = await rawExchange(port, `GET http://127.0.0.1:${target.port}/hang HTTP/1.1\r\nConnection: close\r\n\r\n`);
      assert.equal(answer.status, 504);
      assert.ok(answer.body.includes('Limit: body-timeout'), answer.body);
      assert.equal(audit.events.at(-1)?.reason, 'body-timeout');
    });

    it('bytes: a streamed response is cut once past the bound, and the stop audited', async () => {
      const { port, audit } = await proxyWith(allowed(), { bounds: { maxBytesPerConnection: 2048 } });
      const answer = await rawExchange(port, `GET http://127.0.0.1:${target.port}/stream HTTP/1.1\r\nConnection: close\r\n\r\n`);
      // Cut mid-answer: the head may or may not have left the proxy, the whole body never does.
      assert.ok(answer.body.length < 8 * 1024, `${answer.body.length} bytes came through`);
      assert.equal(audit.events.at(-1)?.action, 'egress.limit');
      assert.equal(audit.events.at(-1)?.reason, 'max-response-bytes');
    });

    for (const row of [
      { limit: 'max-response-bytes', bounds: { maxBytesPerConnection: 1024 }, traffic: 'flood' },
      { limit: 'body-timeout', bounds: { idleTimeoutMs: 150 }, traffic: 'silence' },
      { limit: 'deadline', bounds: { totalTimeoutMs: 300, idleTimeoutMs: 60_000 }, traffic: 'trickle' },
    ] as const) {
      it(`tunnel ${row.limit}: a tunnel past the bound is cut and audited (${row.traffic})`, async () => {
        const { port, audit } = await proxyWith(allowed(), { bounds: row.bounds });
        const { socket, answer } = await openTunnel(port, `127.0.0.1:${echo.port}`);
        assert.equal(answer.status, 200);
        socket.on('data', () => undefined);
        socket.on('error', () => undefined);
        let timer: NodeJS.Timeout | undefined;
        if (row.traffic === 'flood') socket.write(Buffer.alloc(4096, 1));
        if (row.traffic === 'trickle') timer = setInterval(() => socket.write('.'), 30);
        await closed(socket);
        clearInterval(timer);
        const stop = audit.events.find((event) => event.action === 'egress.limit');
        assert.equal(stop?.reason, row.limit);
        assert.equal(stop?.target, `CONNECT 127.0.0.1:${echo.port}`);
      });
    }
  });
});
