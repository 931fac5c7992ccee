import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { Client, type ClientOptions } from '@modelcontextprotocol/sdk/client/index.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import type { AuditEvent, AuditSink } from '../audit/auditSink';
import { createSafeFetch, makeSocketFolder, startEgressProxy, type EgressApprovals, type EgressProxy, type SafeFetch } from '../egress';
import type { McpServerPolicy, PolicyPack } from '../policy/policySchema';
import { snapshotControlFiles, sweepNewControlFiles } from '../sandbox/controlFileSweep';
import type { ControlSweep } from '../sandbox/sandboxRunner';
import { startSandboxedServer } from '../sandbox/serverSandbox';
import { serverEgressPolicy, serverTool } from './mcpConnectionEgress';
import { McpProcessError } from './mcpProcessError';
import { ObservedTransport } from './observedTransport';
import { safeHttpTransport } from './safeHttpTransport';
import { StdioProcessTransport } from './stdioProcessTransport';

/** Everything one connection to one server is made from. */
export interface McpConnectionSpec {
  readonly server: string;
  readonly settings: McpServerPolicy;
  readonly policy: () => PolicyPack;
  /** The workspace folder a stdio server's sandbox is built around (real path). */
  readonly workspace: string;
  readonly parentEnv: Readonly<Record<string, string | undefined>>;
  /** Values for the names in `stdio.env`, fetched by the caller; names without a value are not set. */
  readonly env: Readonly<Record<string, string>>;
  readonly audit?: AuditSink;
  readonly approvals?: EgressApprovals;
  readonly actor?: AuditEvent['actor'];
  readonly clientOptions?: ClientOptions;
  /** Installs handlers for requests the server makes (sampling, elicitation, roots) before connecting. */
  readonly configureClient?: (client: Client) => void;
  readonly initializeTimeoutMs: number;
  readonly maxMessageBytes: number;
  /** Told about traffic (for the idle timer) and about the end of the connection, with its failure if any. */
  readonly onActivity: () => void;
  readonly onClosed: (failure: McpProcessError | undefined) => void;
  /** Every request sent has been answered (the moment to sweep control files). */
  readonly onSettled: () => void;
}

/** A connected, initialized client and what it needs to be taken down. */
export interface McpConnection {
  readonly client: Client;
  /** Requests sent to the server and not answered yet. */
  pending(): number;
  /** Why the connection failed, once it has (a crash, a malformed message); undefined while it works or after a clean close. */
  failure(): McpProcessError | undefined;
  /**
   * Removes the control files (`.vscode/settings.json`, `.airlock/…`) a writable stdio server has
   * created since it started, as shell.run does after each command: bwrap can cover only files
   * that exist. Undefined when there is nothing to sweep (a read-only or http server).
   */
  sweep(): ControlSweep | undefined;
  /** Stops the server (kills its process, ends its HTTP session) and everything started for it. */
  close(): Promise<void>;
}

const CLIENT_INFO = { name: 'airlock', version: '0.1.0' };

/**
 * Starts (stdio, in the sandbox, with its own egress proxy deciding as `mcp.<server>`) or
 * reaches (http, through SafeFetch as `mcp.<server>`) one server and completes `initialize`.
 * Throws an McpProcessError that says why when the server cannot start, fails, or does not
 * answer `initialize` within `initializeTimeoutMs`; nothing it started is left running.
 */
export async function openMcpConnection(spec: McpConnectionSpec): Promise<McpConnection> {
  const cleanups: (() => Promise<void>)[] = [];
  let failure: McpProcessError | undefined;
  let closing = false;
  try {
    const inner = spec.settings.stdio === undefined ? httpTransport(spec, cleanups) : await stdioTransport(spec, cleanups);
    const observed = new ObservedTransport(inner, {
      activity: spec.onActivity,
      error: (error) => {
        if (error instanceof McpProcessError) failure ??= error;
      },
      closed: () => spec.onClosed(closing ? undefined : (failure ?? new McpProcessError('exited', spec.server, `the connection to ${spec.server} closed`))),
      settled: () => spec.onSettled(),
    });
    const sweep = controlSweeper(spec);
    const client = new Client(CLIENT_INFO, spec.clientOptions);
    spec.configureClient?.(client);
    try {
      await client.connect(observed, { timeout: spec.initializeTimeoutMs });
    } catch (error) {
      closing = true;
      await client.close().catch(() => undefined);
      throw failure ?? startFailure(spec, error);
    }
    return {
      client,
      pending: () => observed.pending,
      failure: () => failure,
      sweep,
      close: async () => {
        closing = true;
        await client.close().catch(() => undefined);
        await runAll(cleanups);
      },
    };
  } catch (error) {
    await runAll(cleanups);
    throw error;
  }
}

/** For a stdio server that may write the workspace: notes its control files now, and sweeps new ones on each call. */
function controlSweeper(spec: McpConnectionSpec): () => ControlSweep | undefined {
  if (spec.settings.stdio === undefined || !spec.settings.write) return () => undefined;
  const policy = spec.policy();
  const unwritable = [...policy.files.readonly, ...policy.files.deny];
  const before = snapshotControlFiles(spec.workspace, unwritable);
  // Without a snapshot no server that may write starts: its new control files could not be told apart.
  if (!before.ok) throw new McpProcessError('not-started', spec.server, `${spec.server} was not started: ${before.reason}`);
  return () => {
    const swept = sweepNewControlFiles(spec.workspace, unwritable, before.snapshot);
    return swept.removed.length > 0 || swept.failed.length > 0 ? swept : undefined;
  };
}

function startFailure(spec: McpConnectionSpec, error: unknown): McpProcessError {
  if (error instanceof McpProcessError) return error;
  if (error instanceof McpError && error.code === (ErrorCode.RequestTimeout as number)) {
    return new McpProcessError('initialize-timeout', spec.server, `${spec.server} did not answer initialize within ${spec.initializeTimeoutMs / 1000} s; it was stopped`);
  }
  return new McpProcessError('not-started', spec.server, `${spec.server} could not be connected: ${error instanceof Error ? error.message : String(error)}`);
}

async function stdioTransport(spec: McpConnectionSpec, cleanups: (() => Promise<void>)[]): Promise<Transport> {
  const stdio = spec.settings.stdio;
  if (stdio === undefined) throw new McpProcessError('not-started', spec.server, `${spec.server} has no stdio command`);
  const proxy = await serverProxy(spec);
  cleanups.push(proxy.close);
  const policy = spec.policy();
  const env = new Map(stdio.env.flatMap((name) => (Object.hasOwn(spec.env, name) ? [[name, spec.env[name] ?? '']] : [])));
  return new StdioProcessTransport({
    server: spec.server,
    maxMessageBytes: spec.maxMessageBytes,
    secrets: [...env.values()],
    start: () =>
      startSandboxedServer({
        argv: [stdio.command, ...stdio.args],
        workspace: spec.workspace,
        writable: spec.settings.write,
        readonlyGlobs: policy.files.readonly,
        deniedGlobs: policy.files.deny,
        storageMb: spec.settings.storageMb,
        memoryMb: policy.commands.limits.memoryMb,
        parentEnv: spec.parentEnv,
        serverEnv: Object.fromEntries(env),
        ...(proxy.socketPath === undefined ? {} : { egressSocket: proxy.socketPath }),
        bridgeNode: process.execPath,
      }),
  });
}

function httpTransport(spec: McpConnectionSpec, cleanups: (() => Promise<void>)[]): Transport {
  const http = spec.settings.http;
  if (http === undefined) throw new McpProcessError('not-started', spec.server, `${spec.server} has neither a stdio command nor a URL`);
  const callMs = spec.settings.limits.callTimeoutSeconds * 1000;
  const safeFetch: SafeFetch = createSafeFetch({
    tool: serverTool(spec.server),
    policy: () => serverEgressPolicy(spec.policy(), spec.server),
    ...sinks(spec),
    // A call's answer may stream for as long as the call may take, and be as large as a message may be.
    bounds: { totalTimeoutMs: callMs, bodyIdleTimeoutMs: callMs, maxResponseBytes: spec.maxMessageBytes },
  });
  cleanups.push(() => safeFetch.close());
  return safeHttpTransport(http.url, safeFetch);
}

/** The server's own egress proxy on a Unix socket only this user can open, deciding as `mcp.<server>`. */
async function serverProxy(spec: McpConnectionSpec): Promise<{ readonly socketPath: string | undefined; readonly close: () => Promise<void> }> {
  const folder = makeSocketFolder('airlock-mcp-egress-');
  let proxy: EgressProxy;
  try {
    proxy = await startEgressProxy({ policy: () => serverEgressPolicy(spec.policy(), spec.server), tool: serverTool(spec.server), ...sinks(spec), socketPath: join(folder, 'proxy.sock'), bounds: { totalTimeoutMs: spec.settings.limits.callTimeoutSeconds * 1000 } });
  } catch (error) {
    rmSync(folder, { recursive: true, force: true });
    throw error;
  }
  return {
    socketPath: proxy.socketPath,
    close: async () => {
      await proxy.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

function sinks(spec: McpConnectionSpec): { audit?: AuditSink; approvals?: EgressApprovals; actor?: AuditEvent['actor'] } {
  return { ...(spec.audit ? { audit: spec.audit } : {}), ...(spec.approvals ? { approvals: spec.approvals } : {}), ...(spec.actor ? { actor: spec.actor } : {}) };
}

async function runAll(cleanups: (() => Promise<void>)[]): Promise<void> {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
}
