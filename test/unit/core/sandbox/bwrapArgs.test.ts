import assert from 'node:assert/strict';
import { bwrapArgs, CAPPED_HOME, commandArgs, EGRESS_SOCKET_INSIDE, type SandboxLayout } from '../../../../src/core/sandbox/bwrapArgs';

const LAYOUT: SandboxLayout = {
  workspace: '/home/u/project',
  readOnly: ['/home/u/project/.vscode'],
  hiddenFolders: ['/home', '/root', '/run'],
  hiddenInWorkspace: [],
  toolFolders: ['/home/u/.local/bin'],
  env: { PATH: '/usr/bin', HOME: '/home/u' },
};

/** Index of a mount `flag src dest` in args, or -1. */
function mountAt(args: readonly string[], flag: string, path: string): number {
  return args.findIndex((arg, index) => arg === flag && args[index + 1] === path);
}

describe('core/sandbox/bwrapArgs: what bubblewrap is asked for', () => {
  const args = bwrapArgs(LAYOUT);

  it('new namespaces for everything, a new session, dies with its parent, and a clean environment', () => {
    for (const flag of ['--unshare-all', '--new-session', '--die-with-parent', '--clearenv']) assert.ok(args.includes(flag), flag);
    assert.ok(args.join(' ').includes('--cap-drop ALL'), 'no capabilities, even when started by root');
    assert.ok(!args.includes('--share-net'));
    assert.equal(args.at(-1), '--');
  });

  it('the root read-only first, then home folders hidden, then the workspace, then its read-only paths over it', () => {
    const root = mountAt(args, '--ro-bind', '/');
    const home = mountAt(args, '--tmpfs', '/home');
    const workspace = mountAt(args, '--bind', '/home/u/project');
    const control = mountAt(args, '--ro-bind', '/home/u/project/.vscode');
    assert.ok(root >= 0 && root < home && home < workspace && workspace < control, args.join(' '));
    assert.ok(mountAt(args, '--tmpfs', '/tmp') > root);
  });

  it('the environment is only what the layout gives', () => {
    const set = args.flatMap((arg, index) => (arg === '--setenv' ? [args[index + 1]] : []));
    assert.deepEqual(set, ['PATH', 'HOME']);
  });

  it('the egress socket, when given, is bound in and named in the environment', () => {
    const withProxy = bwrapArgs({ ...LAYOUT, egressSocket: '/run/user/1/airlock.sock' });
    assert.ok(mountAt(withProxy, '--bind', '/run/user/1/airlock.sock') >= 0);
    assert.ok(withProxy.join(' ').includes(`--setenv AIRLOCK_EGRESS_SOCKET ${EGRESS_SOCKET_INSIDE}`));
  });

  it('starts in the folder asked for, else the workspace', () => {
    assert.ok(args.join(' ').includes('--chdir /home/u/project --clearenv'));
    assert.ok(bwrapArgs({ ...LAYOUT, cwd: '/home/u/project/src' }).join(' ').includes('--chdir /home/u/project/src --clearenv'));
  });

  it('with the proxy relay: Node bound in, HTTP(S)_PROXY at the relay, NO_PROXY empty, and the launcher runs the command as "$1"', () => {
    const relayed = { ...LAYOUT, egressSocket: '/run/user/1/airlock.sock', bridgeNode: '/opt/node/bin/node' };
    const withRelay = bwrapArgs(relayed);
    assert.ok(mountAt(withRelay, '--ro-bind', '/opt/node/bin/node') >= 0);
    const set = new Map(withRelay.flatMap((arg, index) => (arg === '--setenv' ? [[withRelay[index + 1], withRelay[index + 2]] as const] : [])));
    assert.equal(set.get('HTTPS_PROXY'), 'http://127.0.0.1:3128');
    assert.equal(set.get('NO_PROXY'), '');
    assert.deepEqual(commandArgs(relayed, 'npm install').slice(-2), ['airlock-sandbox', 'npm install']);
    assert.deepEqual(commandArgs(LAYOUT, 'npm install'), ['/bin/sh', '-c', 'npm install'], 'no relay without the socket');
    assert.ok(!bwrapArgs({ ...LAYOUT, bridgeNode: '/opt/node/bin/node' }).includes('HTTP_PROXY'), 'no proxy variables without the socket');
  });

  it('a credential file in the workspace is covered by /dev/null, a folder by an empty tmpfs', () => {
    const hidden = bwrapArgs({ ...LAYOUT, hiddenInWorkspace: [{ path: '/home/u/project/.npmrc', folder: false }, { path: '/home/u/project/.ssh', folder: true }] });
    assert.ok(hidden.join(' ').includes('--ro-bind /dev/null /home/u/project/.npmrc'));
    assert.ok(mountAt(hidden, '--tmpfs', '/home/u/project/.ssh') > mountAt(hidden, '--bind', '/home/u/project'));
  });

  it('an MCP server\'s layout: the workspace read-only as a whole, only when asked', () => {
    assert.ok(mountAt(bwrapArgs({ ...LAYOUT, workspaceReadOnly: true }), '--ro-bind', '/home/u/project') >= 0);
    assert.equal(mountAt(bwrapArgs({ ...LAYOUT, workspaceReadOnly: true }), '--bind', '/home/u/project'), -1);
    assert.ok(mountAt(args, '--bind', '/home/u/project') >= 0);
  });

  it('limit: with a storage cap, /tmp is a tmpfs of that size holding HOME, and every other tmpfs and /dev are remounted read-only', () => {
    const capped = bwrapArgs({ ...LAYOUT, storageBytes: 1048576, hiddenInWorkspace: [{ path: '/home/u/project/secrets', folder: true }] });
    const line = capped.join(' ');
    assert.ok(line.includes(`--size 1048576 --tmpfs /tmp --dir ${CAPPED_HOME}`), line);
    for (const folder of ['/dev', '/home', '/root', '/run', '/home/u/project/secrets']) assert.ok(mountAt(capped, '--remount-ro', folder) > mountAt(capped, '--bind', '/home/u/project'), folder);
    assert.equal(mountAt(capped, '--remount-ro', '/home/u/project'), -1, 'the workspace keeps its own mode');
    const homes = capped.flatMap((arg, index) => (arg === '--setenv' && capped[index + 1] === 'HOME' ? [capped[index + 2]] : []));
    assert.equal(homes.at(-1), CAPPED_HOME, 'the last HOME set wins');
    assert.ok(!args.includes('--remount-ro') && !args.includes('--size'), 'a command\'s sandbox is as before');
  });
});
