import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A folder only this user can open (mkdtemp makes it 0700) for an egress proxy's Unix socket,
 * named `<prefix><pid>-XXXXXX`. The proxy's close() removes it, but a process that is killed (an
 * editor window closed hard, a test harness ending code-server) never gets there: so each new
 * folder first removes the ones of this user whose process is gone. (A process in another PID
 * namespace that shares /tmp looks gone: its proxy then refuses connections, it does not open.)
 */
export function makeSocketFolder(prefix: string, parent = tmpdir()): string {
  removeOrphans(prefix, parent);
  return mkdtempSync(join(parent, `${prefix}${process.pid}-`));
}

/** Removes `<prefix><pid>-*` folders in `parent` owned by this user whose process no longer runs. Best effort: errors are ignored. */
export function removeOrphans(prefix: string, parent = tmpdir()): void {
  let names: string[];
  try {
    names = readdirSync(parent);
  } catch {
    return;
  }
  const uid = process.getuid?.();
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number(/^(\d+)-/.exec(name.slice(prefix.length))?.[1]);
    if (!Number.isSafeInteger(pid) || pid <= 0 || pid === process.pid || running(pid)) continue;
    const folder = join(parent, name);
    try {
      const stats = statSync(folder);
      if (!stats.isDirectory() || (uid !== undefined && stats.uid !== uid)) continue;
      rmSync(folder, { recursive: true, force: true });
    } catch {
      // Another process removed it first, or it is not ours to remove.
    }
  }
}

/** Whether a process with this id exists (signal 0 checks without sending anything; EPERM means it exists as another user's). */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
