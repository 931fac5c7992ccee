import path from 'node:path';

/** Which path syntax the guard reads: the host's, or another one for tests and the CLI. */
export type PathPlatform = 'posix' | 'win32';

export function hostPathPlatform(): PathPlatform {
  return process.platform === 'win32' ? 'win32' : 'posix';
}

export function pathApiFor(platform: PathPlatform): path.PlatformPath {
  return platform === 'win32' ? path.win32 : path.posix;
}
