/**
 * Inside the sandbox the network namespace has only its own loopback, and the egress proxy is a
 * Unix socket bound in. Programs speak HTTP(S)_PROXY over TCP, so a small relay runs inside the
 * sandbox beside the command: it listens on the sandbox's 127.0.0.1 and passes each connection
 * to the socket, where the proxy decides it. It decides nothing itself and can reach nothing
 * else (the namespace has no other way out).
 */

/**
 * Bytes one proxied connection of a sandboxed command may carry: a package manager keeps one
 * tunnel for a whole install, which the per-response web.fetch bound (limits.maxResponseBytes)
 * would cut. Such a tunnel is bounded in time by the command's wall time instead.
 */
export const COMMAND_TUNNEL_BYTES = 2 * 1024 * 1024 * 1024;

/** The relay's port on the sandbox's own loopback (not the host's). */
export const BRIDGE_PORT = 3128;

/** Created by the relay once it listens; the launcher waits for it before starting the command. */
export const BRIDGE_READY_FILE = '/tmp/.airlock-egress-ready';

/** Where the Node binary that runs the relay is bound inside the sandbox. */
export const BRIDGE_NODE_INSIDE = '/tmp/.airlock-node';

/** The relay, run by `node -e`: the socket's path comes from AIRLOCK_EGRESS_SOCKET. */
export const BRIDGE_SCRIPT = [
  "const net = require('node:net'), fs = require('node:fs');",
  'const server = net.createServer((client) => {',
  '  const upstream = net.connect(process.env.AIRLOCK_EGRESS_SOCKET);',
  '  client.pipe(upstream); upstream.pipe(client);',
  "  client.on('error', () => upstream.destroy()); upstream.on('error', () => client.destroy());",
  '});',
  `server.listen(${BRIDGE_PORT}, '127.0.0.1', () => fs.writeFileSync(${JSON.stringify(BRIDGE_READY_FILE)}, ''));`,
].join('\n');

/** What programs in the sandbox read to find the proxy; NO_PROXY empty, so nothing bypasses it. */
export function proxyEnvironment(): Record<string, string> {
  const url = `http://127.0.0.1:${BRIDGE_PORT}`;
  return { HTTP_PROXY: url, HTTPS_PROXY: url, http_proxy: url, https_proxy: url, NO_PROXY: '', no_proxy: '' };
}

/**
 * The shell script bwrap runs: start the relay, wait (bounded, 5 s) until it listens, then
 * replace itself with the command, given as "$1". Without the relay the command still runs, with
 * no network, and is told why.
 */
export const BRIDGE_LAUNCHER = [
  `${BRIDGE_NODE_INSIDE} -e "$AIRLOCK_BRIDGE" </dev/null >/dev/null 2>&1 &`,
  'i=0',
  `while [ ! -e ${BRIDGE_READY_FILE} ] && [ $i -lt 500 ]; do sleep 0.01; i=$((i+1)); done`,
  `[ -e ${BRIDGE_READY_FILE} ] || echo "airlock: the egress proxy relay did not start; this command has no network" >&2`,
  'exec /bin/sh -c "$1"',
].join('\n');
