import { lock } from 'proper-lockfile';

export type FileLockErrorCode = 'LOCK_TIMEOUT' | 'LOCK_COMPROMISED';

/** The lock on a policy or trust file could not be held; nothing was written. */
export class FileLockError extends Error {
  override readonly name = 'FileLockError';
  constructor(readonly code: FileLockErrorCode, readonly path: string, message: string) {
    super(message);
  }
}

/**
 * Runs `action` holding an inter-process lock on `path` (a `<path>.lock` directory, which works
 * on every local file system and across the CLI and the extension host). Waiters retry with
 * jitter for about 20 seconds; a lock whose holder died is taken over after 10 seconds.
 */
export async function withFileLock<T>(path: string, action: () => Promise<T>): Promise<T> {
  let compromised: Error | undefined;
  let release: () => Promise<void>;
  try {
    release = await lock(path, {
      realpath: false,
      stale: 10_000,
      retries: { retries: 200, factor: 1.2, minTimeout: 10, maxTimeout: 100, randomize: true },
      // The default throws from a timer, which would crash the extension host; report it instead.
      onCompromised: (error) => { compromised = error; },
    });
  } catch (error) {
    throw new FileLockError('LOCK_TIMEOUT', path, `${path} is locked by another Airlock process (${error instanceof Error ? error.message : String(error)}); try again`);
  }
  try {
    const result = await action();
    if (compromised) throw new FileLockError('LOCK_COMPROMISED', path, `the lock on ${path} was lost while writing (${compromised.message}); check the file and try again`);
    return result;
  } finally {
    await release().catch(() => undefined);
  }
}
