// A remote model API for a UI test, on this machine but not on loopback: a network namespace made
// by the test, joined to the test's namespace by a veth pair, with the scripted fixture model
// behind TLS (namespacedModelServer.ts) on an address of its own.
//
// Why a public address: the product refuses, by design, a model.remote API at any address that
// is not public (private, CGNAT, reserved, documentation...): SafeFetch's decideAddress() lets no
// rule name one for the model tool. So the namespace's service address is taken from 1.2.3.0/24,
// APNIC's research block that no one serves from, and routed to the namespace with a /32 route;
// an `unreachable` route for the same /32 (higher metric) stays under it, so if the veth went away
// a packet to it would fail here rather than leave the machine. The route is checked to go into
// the veth before anything is started. The link itself is in 10.231.0.0/16.
//
// NETWORK SAFETY: every connection this file (and the test) opens goes to the namespace.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { RecordedRequest, ScriptedReply } from '../../fixtures/modelServer/fixtureModelServer';
import { issueServerCertificate, type TestCa } from './testCa';

const SERVER_ENTRY = path.join(import.meta.dirname, 'namespacedModelServer.ts');
const READY_TIMEOUT_MS = 30_000;
const FALLBACK_METRIC = 4000;

export interface NamespacedModel {
  /** e.g. `https://1.2.3.77/v1` */
  readonly baseUrl: string;
  readonly namespace: string;
  enqueue(reply: ScriptedReply): Promise<void>;
  requests(): Promise<RecordedRequest[]>;
  /** Stops the server and removes the namespace, the veth pair and the routes; safe to call twice. */
  close(): Promise<void>;
}

function ip(args: readonly string[]): string {
  try {
    return execFileSync('ip', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    throw new Error(`ip ${args.join(' ')} failed: ${stderr || (error instanceof Error ? error.message : String(error))}`, { cause: error });
  }
}

/**
 * Makes the namespace and starts the model in it. Fails, never skips, when the namespace cannot
 * be made: this test needs root (or CAP_NET_ADMIN) and iproute2 (scripts/bootstrap.sh).
 */
export async function startNamespacedModel(ca: TestCa): Promise<NamespacedModel> {
  const id = randomBytes(3).toString('hex');
  const namespace = `airlock-e2e-${process.pid}-${id}`;
  const hostSide = `alk${id}h`;
  const nsSide = `alk${id}n`;
  const third = randomBytes(1)[0] ?? 0;
  const fourth = ((randomBytes(1)[0] ?? 0) & 0xfc) % 252;
  const link = { host: `10.231.${third}.${fourth + 1}`, ns: `10.231.${third}.${fourth + 2}` };
  const service = `1.2.3.${1 + ((randomBytes(1)[0] ?? 0) % 254)}`;
  const dir = mkdtempSync(path.join(tmpdir(), 'airlock-e2e-netns-'));
  const undo: (() => void)[] = [() => rmSync(dir, { recursive: true, force: true })];
  let child: ChildProcess | undefined;
  const close = async (): Promise<void> => {
    const running = child;
    child = undefined;
    if (running !== undefined && running.exitCode === null) {
      await new Promise((resolve) => {
        running.once('exit', resolve);
        running.kill('SIGTERM');
      });
    }
    for (const step of undo.splice(0).reverse()) {
      try {
        step();
      } catch (error) {
        process.stderr.write(`netns teardown: ${error instanceof Error ? error.message : String(error)}\n`);
      }
    }
  };
  try {
    try {
      ip(['netns', 'add', namespace]);
    } catch (error) {
      throw new Error(`cannot create the network namespace ${namespace} this test needs (it runs as root, or with CAP_NET_ADMIN, with iproute2 installed: scripts/bootstrap.sh): ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
    undo.push(() => ip(['netns', 'del', namespace]));
    ip(['route', 'add', 'unreachable', `${service}/32`, 'metric', String(FALLBACK_METRIC)]);
    undo.push(() => ip(['route', 'del', 'unreachable', `${service}/32`, 'metric', String(FALLBACK_METRIC)]));
    // The pair is made with its far end in the namespace; deleting the namespace deletes both ends.
    ip(['link', 'add', hostSide, 'type', 'veth', 'peer', 'name', nsSide, 'netns', namespace]);
    ip(['addr', 'add', `${link.host}/30`, 'dev', hostSide]);
    ip(['link', 'set', hostSide, 'up']);
    ip(['-n', namespace, 'link', 'set', 'lo', 'up']);
    ip(['-n', namespace, 'addr', 'add', `${link.ns}/30`, 'dev', nsSide]);
    ip(['-n', namespace, 'addr', 'add', `${service}/32`, 'dev', nsSide]);
    ip(['-n', namespace, 'link', 'set', nsSide, 'up']);
    ip(['route', 'add', `${service}/32`, 'via', link.ns, 'dev', hostSide]);
    const route = JSON.parse(ip(['-j', 'route', 'get', service])) as { dev?: string; gateway?: string }[];
    if (route[0]?.dev !== hostSide || route[0].gateway !== link.ns) throw new Error(`${service} is not routed into the namespace (ip route get: ${JSON.stringify(route)}); refusing to start`);

    const certificate = issueServerCertificate(ca, dir, service);
    const started = spawn('ip', ['netns', 'exec', namespace, process.execPath, '--import', 'tsx', SERVER_ENTRY, '--address', service, '--cert', certificate.certFile, '--key', certificate.keyFile], { stdio: ['ignore', 'pipe', 'pipe'] });
    child = started;
    await ready(started);
  } catch (error) {
    await close();
    throw error;
  }
  const baseUrl = `https://${service}/v1`;
  const control = (method: 'GET' | 'POST', route: string, body?: unknown): Promise<unknown> => fixtureControl(ca, service, method, route, body);
  return {
    baseUrl,
    namespace,
    enqueue: async (reply) => {
      await control('POST', '/__fixture/enqueue', reply);
    },
    requests: async () => (await control('GET', '/__fixture/requests')) as RecordedRequest[],
    close,
  };
}

function ready(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let stderr = '';
    let stdout = '';
    const timer = setTimeout(() => reject(new Error(`the namespaced model server did not start within ${READY_TIMEOUT_MS / 1000} s: ${stderr}`)), READY_TIMEOUT_MS);
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      if (stdout.includes('READY\n')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the namespaced model server exited (${code}): ${stderr}`));
    });
  });
}

/** The fixture's control routes, over the same TLS as the product (trusting only the test CA). */
function fixtureControl(ca: TestCa, address: string, method: 'GET' | 'POST', route: string, body?: unknown): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const sent = request({ host: address, port: 443, method, path: route, ca: readFileSync(ca.certFile, 'utf8'), headers: payload === undefined ? {} : { 'content-type': 'application/json' }, timeout: 10_000 }, (response) => {
      let text = '';
      response.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
      response.once('end', () => {
        if ((response.statusCode ?? 0) >= 300) reject(new Error(`fixture ${method} ${route}: ${response.statusCode}: ${text}`));
        else resolve(JSON.parse(text) as unknown);
      });
    });
    sent.once('timeout', () => sent.destroy(new Error(`fixture ${method} ${route}: no answer`)));
    sent.once('error', reject);
    sent.end(payload);
  });
}
