// The egress proxy in a process of its own for bench/egressProxy.bench.ts, so its work does not
// share the measuring client's event loop: `node --import tsx bench/lib/egressProxyProcess.ts PORT`
// allows 127.0.0.1:PORT, prints the proxy's loopback port, and stops when its parent goes away.
import { startEgressProxy } from '../../src/core/egress/egressProxy';
import { testPolicy } from '../../test/unit/core/egress/egressTestKit';

const serverPort = Number(process.argv[2]);
const policy = testPolicy({ allow: [`127.0.0.1:${serverPort}`], limits: { requestsPerMinute: { default: 10_000, tools: { shell: 10_000 } }, maxConcurrentRequests: 64 } });
// The bulk download is larger than the default per-connection byte bound.
void startEgressProxy({ policy: () => policy, loopbackPort: true, bounds: { maxBytesPerConnection: 1 << 30 } }).then((proxy) => {
  process.stdout.write(`${proxy.port}\n`);
  process.on('disconnect', () => void proxy.close().then(() => process.exit(0)));
});
