import type { Client, ClientOptions } from '@modelcontextprotocol/sdk/client/index.js';
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import type { AuditEvent, AuditSink } from '../audit/auditSink';
import type { EgressApprovals } from '../egress';
import { ownValue } from '../policy/keyedRecord';
import type { McpServerPolicy, PolicyPack } from '../policy/policySchema';
import type { ControlSweep } from '../sandbox/sandboxRunner';
import { openMcpConnection, type McpConnection } from './mcpConnection';
import { McpProcessError } from './mcpProcessError';

export type McpServerState = 'stopped' | 'starting' | 'running' | 'failed';

/** A server's state as the manager sees it; `reason` says why it stopped or failed (stderr redacted). */
export interface McpServerStatus {
  readonly state: McpServerState;
  readonly reason?: string;
  /** Failures since it last ran cleanly or was stopped by hand; at `maxFailures` it is not restarted. */
  readonly failures: number;
}

export interface McpServerEvent extends McpServerStatus {
  readonly server: string;
}

export interface McpServerManagerOptions {
  /** Read at every start: the servers, the file rules the sandbox hides and protects, the egress rules. */
  readonly policy: () => PolicyPack;
  /** The workspace folder stdio servers see (read-only unless the server has `write`). */
  readonly workspace: string;
  /** Where the sandbox's few variables come from (default process.env). */
  readonly parentEnv?: Readonly<Record<string, string | undefined>>;
  /** Values for the names a server lists in `stdio.env` (SecretStorage, the environment); missing names are left unset. */
  readonly env?: (server: string, names: readonly string[]) => Promise<Readonly<Record<string, string>>>;
  readonly audit?: AuditSink;
  /** Asked when an egress rule requires approval; without it such a connection is refused. */
  readonly approvals?: EgressApprovals;
  readonly actor?: AuditEvent['actor'];
  /** Capabilities the client declares to a server (sampling, elicitation, roots), per server. */
  readonly clientOptions?: (server: string, settings: McpServerPolicy) => ClientOptions;
  /** Installs the handlers for requests a server makes (sampling, elicitation, roots) before it connects. */
  readonly configureClient?: (client: Client, server: string, settings: McpServerPolicy) => void;
  /** Told when control files a writable server created were removed (once it has answered every request, and when it stops), or could not be. */
  readonly onControlSweep?: (server: string, sweep: ControlSweep) => void;
  /** A server with nothing to do for this long is stopped (default 10 minutes). */
  readonly idleMs?: number;
  /** A server that has not answered `initialize` after this long is stopped (default 30 s). */
  readonly initializeTimeoutMs?: number;
  /** Largest message a server may send (default 16 MiB); a larger one ends its connection. */
  readonly maxMessageBytes?: number;
  /** Wait before restarting after the first failure, doubled for each further one (default 500 ms). */
  readonly backoffMs?: number;
  /** Longest wait before a restart (default 8 s). */
  readonly maxBackoffMs?: number;
  /** Failures in a row after which a server is not restarted until stop() (default 5). */
  readonly maxFailures?: number;
}

interface Slot {
  state: McpServerState;
  reason?: string;
  failures: number;
  failedAt: number;
  /** The settings it was started with, as JSON: a policy change restarts it. */
  started?: string;
  connection?: McpConnection;
  opening?: Promise<McpConnection>;
  inUse: number;
  idleTimer?: NodeJS.Timeout;
}

const DEFAULTS = { idleMs: 10 * 60_000, initializeTimeoutMs: 30_000, maxMessageBytes: 16 * 1024 * 1024, backoffMs: 500, maxBackoffMs: 8_000, maxFailures: 5 };

/**
 * Runs the MCP servers the policy names, one connection each: started on first use, stopped when
 * idle (no request waiting and nothing in use for `idleMs`), on stop() and on dispose(). A crash,
 * a malformed message or a message too large ends the connection with an McpProcessError that
 * says why (stderr redacted); the next use restarts it after a backoff, up to `maxFailures` in a
 * row. A server the policy no longer names, or disables, is stopped and refused; a server whose
 * settings changed is restarted with the new ones.
 *
 * API for the call pipeline and the extension:
 * - `client(name)`: the connected SDK Client (starts the server if needed);
 * - `use(name, fn)`: runs fn with the client, keeping the server from idling out meanwhile, and
 *   turns the SDK's "Connection closed" into the McpProcessError saying why it closed (a bare
 *   client's waiting requests get that reason as their error message);
 * - control files a writable server created are removed whenever it has answered every request
 *   (before the caller reads the answer) and when it stops; onControlSweep reports them;
 * - `status(name)`, `onState(listener)`: state changes, for the card and the output channel;
 * - `stop(name)` (also clears its failures), `dispose()`.
 */
export class McpServerManager {
  private readonly slots = new Map<string, Slot>();
  private readonly listeners = new Set<(event: McpServerEvent) => void>();
  private readonly settings: typeof DEFAULTS;
  private disposed = false;

  constructor(private readonly options: McpServerManagerOptions) {
    this.settings = {
      idleMs: options.idleMs ?? DEFAULTS.idleMs,
      initializeTimeoutMs: options.initializeTimeoutMs ?? DEFAULTS.initializeTimeoutMs,
      maxMessageBytes: options.maxMessageBytes ?? DEFAULTS.maxMessageBytes,
      backoffMs: options.backoffMs ?? DEFAULTS.backoffMs,
      maxBackoffMs: options.maxBackoffMs ?? DEFAULTS.maxBackoffMs,
      maxFailures: options.maxFailures ?? DEFAULTS.maxFailures,
    };
  }

  /** The connected client of a server the policy names and enables, started if it is not running. */
  async client(server: string): Promise<Client> {
    return (await this.connection(server)).client;
  }

  /**
   * Runs `fn` with the server's client. While it runs the server is not stopped for idleness; if
   * the connection ends under it, the error is the McpProcessError that says why.
   */
  async use<T>(server: string, fn: (client: Client) => Promise<T>): Promise<T> {
    const slot = this.slot(server);
    slot.inUse++;
    let connection: McpConnection | undefined;
    try {
      connection = await this.connection(server);
      return await fn(connection.client);
    } catch (error) {
      const failure = connection?.failure();
      if (failure !== undefined && error instanceof McpError && error.code === (ErrorCode.ConnectionClosed as number)) throw failure;
      throw error;
    } finally {
      slot.inUse--;
      this.armIdle(server, slot);
    }
  }

  status(server: string): McpServerStatus {
    const slot = this.slots.get(server);
    if (slot === undefined) return { state: 'stopped', failures: 0 };
    return { state: slot.state, ...(slot.reason === undefined ? {} : { reason: slot.reason }), failures: slot.failures };
  }

  /** Failures in a row after which a server is not restarted until stop(): with status().failures, whether it gave up. */
  get maxFailures(): number {
    return this.settings.maxFailures;
  }

  /** Calls `listener` on every state change; returns a disposable. */
  onState(listener: (event: McpServerEvent) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** Stops a server and forgets its failures: the next use starts it afresh. */
  async stop(server: string, reason = 'stopped'): Promise<void> {
    const slot = this.slots.get(server);
    if (slot === undefined) return;
    slot.failures = 0;
    await this.shutDown(server, slot, 'stopped', reason);
  }

  /** Stops every server; the manager starts nothing afterwards. */
  async dispose(): Promise<void> {
    this.disposed = true;
    await Promise.all([...this.slots.keys()].map((server) => this.stop(server, 'Airlock shut down')));
  }

  private async connection(server: string): Promise<McpConnection> {
    if (this.disposed) throw new McpProcessError('not-started', server, `${server} was not started: the MCP servers are shut down`);
    const settings = ownValue(this.options.policy().mcp.servers, server);
    const slot = this.slot(server);
    if (settings === undefined || !settings.enabled) {
      await this.shutDown(server, slot, 'stopped', settings === undefined ? 'the policy does not name it' : 'the policy disables it');
      throw new McpProcessError('not-started', server, `${server} was not started: ${settings === undefined ? 'no MCP server of that name is in the policy (mcp.servers)' : 'the policy disables it (enabled: false)'}`);
    }
    const wanted = JSON.stringify(settings);
    if (slot.started !== undefined && slot.started !== wanted) await this.shutDown(server, slot, 'stopped', 'its settings changed');
    if (slot.connection !== undefined) return slot.connection;
    slot.opening ??= this.open(server, slot, settings, wanted).finally(() => {
      slot.opening = undefined;
    });
    return slot.opening;
  }

  private async open(server: string, slot: Slot, settings: McpServerPolicy, wanted: string): Promise<McpConnection> {
    if (slot.failures >= this.settings.maxFailures) {
      throw new McpProcessError('gave-up', server, `${server} failed ${slot.failures} times in a row and is not restarted until it is stopped by hand; last: ${slot.reason ?? 'unknown'}`);
    }
    if (slot.failures > 0) {
      const wait = Math.min(this.settings.backoffMs * 2 ** (slot.failures - 1), this.settings.maxBackoffMs) - (Date.now() - slot.failedAt);
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    }
    this.set(server, slot, 'starting', slot.failures > 0 ? `restarting after: ${slot.reason ?? 'a failure'}` : undefined);
    const env = settings.stdio === undefined || settings.stdio.env.length === 0 ? {} : ((await this.options.env?.(server, settings.stdio.env)) ?? {});
    let connection: McpConnection | undefined;
    try {
      connection = await openMcpConnection({
        server,
        settings,
        policy: this.options.policy,
        workspace: this.options.workspace,
        parentEnv: this.options.parentEnv ?? process.env,
        env,
        ...(this.options.audit ? { audit: this.options.audit } : {}),
        ...(this.options.approvals ? { approvals: this.options.approvals } : {}),
        ...(this.options.actor ? { actor: this.options.actor } : {}),
        ...(this.options.clientOptions ? { clientOptions: this.options.clientOptions(server, settings) } : {}),
        configureClient: (client) => this.options.configureClient?.(client, server, settings),
        initializeTimeoutMs: this.settings.initializeTimeoutMs,
        maxMessageBytes: this.settings.maxMessageBytes,
        onActivity: () => this.armIdle(server, slot),
        onSettled: () => {
          if (connection !== undefined) this.sweep(server, connection);
        },
        onClosed: (failure) => {
          if (failure !== undefined && connection !== undefined && slot.connection === connection) this.failed(server, slot, failure);
        },
      });
    } catch (error) {
      this.failed(server, slot, error instanceof McpProcessError ? error : new McpProcessError('not-started', server, `${server} could not start: ${String(error)}`));
      throw error;
    }
    if (this.disposed) {
      await connection.close();
      throw new McpProcessError('not-started', server, `${server} was stopped: the MCP servers are shut down`);
    }
    slot.connection = connection;
    slot.started = wanted;
    this.set(server, slot, 'running', undefined);
    this.armIdle(server, slot);
    return connection;
  }

  private failed(server: string, slot: Slot, failure: McpProcessError): void {
    const connection = slot.connection;
    slot.connection = undefined;
    slot.started = undefined;
    clearTimeout(slot.idleTimer);
    slot.failures++;
    slot.failedAt = Date.now();
    this.set(server, slot, 'failed', failure.message);
    if (connection !== undefined) void connection.close().then(() => this.sweep(server, connection));
  }

  private async shutDown(server: string, slot: Slot, state: McpServerState, reason: string): Promise<void> {
    clearTimeout(slot.idleTimer);
    const connection = slot.connection ?? (await slot.opening?.catch(() => undefined));
    slot.connection = undefined;
    slot.started = undefined;
    if (connection === undefined && slot.state === state) return;
    this.set(server, slot, state, reason);
    if (connection === undefined) return;
    await connection.close();
    this.sweep(server, connection);
  }

  private sweep(server: string, connection: McpConnection): void {
    const swept = connection.sweep();
    if (swept !== undefined) this.options.onControlSweep?.(server, swept);
  }

  private armIdle(server: string, slot: Slot): void {
    clearTimeout(slot.idleTimer);
    if (slot.connection === undefined) return;
    slot.idleTimer = setTimeout(() => {
      if (slot.inUse > 0 || (slot.connection?.pending() ?? 0) > 0) this.armIdle(server, slot);
      else void this.shutDown(server, slot, 'stopped', `idle for ${Math.round(this.settings.idleMs / 1000)} s`);
    }, this.settings.idleMs);
    slot.idleTimer.unref();
  }

  private slot(server: string): Slot {
    let slot = this.slots.get(server);
    if (slot === undefined) {
      slot = { state: 'stopped', failures: 0, failedAt: 0, inUse: 0 };
      this.slots.set(server, slot);
    }
    return slot;
  }

  private set(server: string, slot: Slot, state: McpServerState, reason: string | undefined): void {
    slot.state = state;
    slot.reason = reason;
    const event: McpServerEvent = { server, state, ...(reason === undefined ? {} : { reason }), failures: slot.failures };
    for (const listener of this.listeners) listener(event);
  }
}
