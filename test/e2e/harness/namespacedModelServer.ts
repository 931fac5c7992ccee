// TEST FIXTURE — not product code. Run inside the network namespace a test made (see
// modelNamespace.ts): the scripted fixture model server on the namespace's own loopback, behind
// TLS on the namespace's public test address, as a remote model API would be.
//   ip netns exec NS node --import tsx namespacedModelServer.ts --address A --cert C --key K
// Prints `READY` once both listen; stops on SIGTERM or SIGINT.
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { createServer } from 'node:tls';
import { parseArgs } from 'node:util';
import { startFixtureModelServer } from '../../fixtures/modelServer/fixtureModelServer';

async function main(argv: readonly string[]): Promise<void> {
  const { values } = parseArgs({ args: [...argv], options: { address: { type: 'string' }, cert: { type: 'string' }, key: { type: 'string' } } });
  if (values.address === undefined || values.cert === undefined || values.key === undefined) throw new Error('--address, --cert and --key are required');
  const fixture = await startFixtureModelServer({ host: '127.0.0.1' });
  const tls = createServer({ cert: readFileSync(values.cert), key: readFileSync(values.key) }, (client) => {
    const upstream = connect({ host: '127.0.0.1', port: fixture.port });
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve, reject) => {
    tls.once('error', reject);
    tls.listen(443, values.address, resolve);
  });
  process.stdout.write('READY\n');
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      tls.close();
      void fixture.close().then(() => process.exit(0));
    });
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`namespaced model server: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
