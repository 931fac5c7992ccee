import { ReadBuffer, serializeMessage } from '@modelcontextprotocol/sdk/shared/stdio.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import type { PipedExit, PipedProcess } from '../process/pipedProcess';
import { redact, redactionMarker } from '../redaction';
import { McpProcessError } from './mcpProcessError';

export interface StdioProcessTransportOptions {
  /** The server's name, in every error. */
  readonly server: string;
  /** Starts the process (in the sandbox); a reason when it cannot. */
  readonly start: () => Promise<{ readonly ok: true; readonly process: PipedProcess } | { readonly ok: false; readonly reason: string }>;
  /** Largest message the server may send, in bytes; a larger one ends the connection. */
  readonly maxMessageBytes: number;
  /** Values blanked out of stderr besides what redact() finds: the environment values handed to the server. */
  readonly secrets?: readonly string[];
}

/** Bytes of stderr kept for error messages: the end, where a crash says why. */
const STDERR_TAIL_BYTES = 4096;
/** Characters of a parse error quoted in a message. */
const QUOTED_CHARS = 300;

/**
 * The MCP stdio transport over a process started elsewhere (core/process, inside the sandbox),
 * framed by the SDK's own ReadBuffer and serializeMessage. Whatever the server does ends in an
 * error and a close, never a crash or a hang: a line that is not JSON-RPC, a message past
 * `maxMessageBytes`, or the process ending, each kills the process and calls onerror with an
 * McpProcessError whose message carries the redacted end of stderr, then onclose, which fails
 * every request still waiting.
 */
export class StdioProcessTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: <T extends JSONRPCMessage>(message: T) => void;

  private process: PipedProcess | undefined;
  private readonly buffer: ReadBuffer;
  private stderr = Buffer.alloc(0);
  private closing = false;
  private closeReported = false;

  constructor(private readonly options: StdioProcessTransportOptions) {
    this.buffer = new ReadBuffer({ maxBufferSize: options.maxMessageBytes });
  }

  async start(): Promise<void> {
    if (this.process !== undefined || this.closing) throw new Error(`the transport for ${this.options.server} was already started`);
    const started = await this.options.start();
    if (!started.ok) throw new McpProcessError('not-started', this.options.server, `${this.options.server} did not start: ${started.reason}`);
    const child = started.process;
    this.process = child;
    child.stdout.on('data', (chunk: Buffer) => this.receive(chunk));
    child.stderr.on('data', (chunk: Buffer) => {
      this.stderr = Buffer.concat([this.stderr, chunk]);
      if (this.stderr.length > STDERR_TAIL_BYTES) this.stderr = this.stderr.subarray(this.stderr.length - STDERR_TAIL_BYTES);
    });
    void child.exited.then((exit) => this.ended(exit));
  }

  send(message: JSONRPCMessage): Promise<void> {
    const child = this.process;
    if (child === undefined || this.closing) return Promise.reject(new Error(`${this.options.server} is not connected`));
    return new Promise((resolve) => {
      if (child.stdin.write(serializeMessage(message))) resolve();
      else child.stdin.once('drain', resolve);
    });
  }

  async close(): Promise<void> {
    this.closing = true;
    const child = this.process;
    if (child !== undefined) {
      child.kill();
      await child.exited;
    }
    this.buffer.clear();
    this.reportClose();
  }

  /** The end of what the server wrote to stderr, secrets redacted. */
  stderrTail(): string {
    let text = this.stderr.toString('utf8');
    for (const secret of this.options.secrets ?? []) if (secret.length >= 4) text = text.replaceAll(secret, redactionMarker('env-secret'));
    return redact(text).text.trim();
  }

  private receive(chunk: Buffer): void {
    if (this.closing) return;
    try {
      this.buffer.append(chunk);
    } catch {
      this.fail(new McpProcessError('message-too-large', this.options.server, `${this.options.server} sent a message larger than ${this.options.maxMessageBytes} bytes; the connection was closed${this.tail()}`));
      return;
    }
    while (!this.closing) {
      let message: JSONRPCMessage | null;
      try {
        message = this.buffer.readMessage();
      } catch (error) {
        const detail = redact((error instanceof Error ? error.message : String(error)).slice(0, QUOTED_CHARS)).text;
        this.fail(new McpProcessError('invalid-message', this.options.server, `${this.options.server} wrote a line that is not a JSON-RPC message (${detail}); the connection was closed${this.tail()}`));
        return;
      }
      if (message === null) return;
      this.onmessage?.(message);
    }
  }

  private fail(error: McpProcessError): void {
    this.onerror?.(error);
    void this.close();
  }

  private ended(exit: PipedExit): void {
    if (!this.closing) {
      this.closing = true;
      const how = exit.endedBy === 'spawn-error' ? `could not start: ${exit.message}` : exit.signal !== null ? `was killed by ${exit.signal}` : `exited with code ${exit.exitCode}`;
      this.onerror?.(new McpProcessError('exited', this.options.server, `${this.options.server} ${how}${this.tail()}`));
    }
    this.reportClose();
  }

  private reportClose(): void {
    if (this.closeReported) return;
    this.closeReported = true;
    this.onclose?.();
  }

  private tail(): string {
    const tail = this.stderrTail();
    return tail === '' ? '' : `; its stderr ends with: ${tail}`;
  }
}
