// Debian's rsyslogd as a test collector, for the tests of audit shipping (core and CLI).
// NETWORK SAFETY: it listens on 127.0.0.1 only.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const RSYSLOGD = '/usr/sbin/rsyslogd';

/** rsyslogd in the foreground, listening on 127.0.0.1 (TCP, octet counting), writing what it gets to a file. */
export class Rsyslog {
  readonly dir = mkdtempSync(join(tmpdir(), 'airlock-rsyslog-'));
  readonly out = join(this.dir, 'out.log');
  private child: ChildProcess | undefined;

  async start(port = 0): Promise<number> {
    const portFile = join(this.dir, 'port');
    writeFileSync(join(this.dir, 'rsyslog.conf'), [
      `global(workDirectory="${this.dir}" maxMessageSize="64k")`,
      'module(load="imtcp")',
      `input(type="imtcp" address="127.0.0.1" port="${port}" listenPortFileName="${portFile}" ruleset="airlock")`,
      'template(name="airlock" type="string" string="%pri% %app-name% %procid% %msgid% %msg%\\n")',
      `ruleset(name="airlock") { action(type="omfile" file="${this.out}" template="airlock") }`,
      '',
    ].join('\n'));
    this.child = spawn(RSYSLOGD, ['-n', '-f', join(this.dir, 'rsyslog.conf'), '-i', join(this.dir, 'rsyslogd.pid')], { stdio: 'ignore' });
    if (port !== 0) {
      // rsyslogd writes the port file only for a port it chose.
      await pollAsync(() => accepts(port), 'rsyslogd to listen');
      return port;
    }
    const text = await poll(() => (existsSync(portFile) ? readFileSync(portFile, 'utf8').trim() : ''), (value) => value !== '', 'rsyslogd to listen');
    return Number(text);
  }

  lines(): string[] {
    return existsSync(this.out) ? readFileSync(this.out, 'utf8').split('\n').filter((line) => line !== '') : [];
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (child !== undefined && child.exitCode === null) {
      await new Promise((resolve) => {
        child.once('exit', resolve);
        child.kill('SIGTERM');
      });
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export async function poll<T>(read: () => T, done: (value: T) => boolean, what: string): Promise<T> {
  for (let attempt = 0; attempt < 500; attempt++) {
    const value = read();
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`gave up waiting for ${what}`);
}

async function pollAsync(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let attempt = 0; attempt < 500; attempt++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`gave up waiting for ${what}`);
}

/** Whether something accepts connections on the loopback port (an empty session; rsyslogd logs nothing for it). */
function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.end();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** A loopback port nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}
