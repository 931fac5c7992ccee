import { processContext } from './cliContext';
import { checkNodeSupport } from './nodeSupport';

/**
 * The bundled entry (dist/cli.js). The Node check comes first and the program is imported
 * lazily: on an older Node the bundled dependencies throw while loading, and the user should
 * read which Node to install instead of a stack trace.
 */
function start(): void {
  const node = checkNodeSupport(process.version);
  if (!node.supported) {
    process.stderr.write(`airlock: Node ${node.version} is not supported; install Node ${node.required}.\n`);
    process.exitCode = 1;
    return;
  }
  // exitCode rather than process.exit() lets piped output drain.
  void import('./program').then(async ({ main }) => {
    process.exitCode = await main(process.argv.slice(2), processContext());
  });
}

start();
