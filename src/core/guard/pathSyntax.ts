import type { PathPlatform } from './pathPlatform';

/**
 * Spellings that a file system, a shell or a decoder could read differently from the guard.
 * Rather than guessing what the caller meant, the guard refuses them: a legitimate tool call has
 * no reason to send a percent-encoded, device-prefixed or look-alike path.
 */

const MAX_PATH_LENGTH = 4096;

const CONTROL_CHARACTER = /\p{Cc}/u;
// Format characters (zero-width, bidi overrides, BOM, soft hyphen) make a path look like another.
const INVISIBLE_CHARACTER = /\p{Cf}/u;
// A lone surrogate cannot be encoded as a file name; the OS would see replacement bytes.
const LONE_SURROGATE = /\p{Cs}/u;
const REPLACEMENT_CHARACTER = '\ufffd';
// %2e%2e%2f, double encoding (%252e) and overlong UTF-8 (%c0%ae) all start with %XX; %u002e is IIS's form.
const PERCENT_ENCODED = /%(?:[0-9a-f]{2}|u[0-9a-f]{4})/i;
// Characters whose compatibility form (NFKC) is a separator, a dot or another character paths treat specially.
const SPECIAL_AFTER_NFKC = /[./\\:%~*?"<>|]/;
const NON_ASCII = /[\u0080-\u{10ffff}]/u;
// \\?\ and \\.\ (and the NT form \??\) skip Win32 normalisation and reach devices and raw volumes.
const DEVICE_OR_VERBATIM = /^(?:[\\/]{2}[?.](?:[\\/]|$)|\\\?\?\\)/;
const DRIVE_ROOT = /^[a-z]:[\\/]/i;
const DRIVE_RELATIVE = /^[a-z]:(?![\\/])/i;
const RESERVED_DEVICE_NAME = /^(?:con|prn|aux|nul|com[0-9\u00b9\u00b2\u00b3]|lpt[0-9\u00b9\u00b2\u00b3]|conin\$|conout\$)(?:\..*)?$/i;
// Windows resolves an 8.3 alias such as SETTIN~1.JSO to the long name it abbreviates.
const SHORT_NAME = /^[^.~]{1,6}~[0-9]+(?:\.[^.]{0,3})?$/i;

/** Why the path string is refused before it is resolved, or undefined for a plain path. */
export function findPathProblem(raw: string, platform: PathPlatform): string | undefined {
  return characterProblem(raw) ?? prefixProblem(raw, platform) ?? segmentsProblem(raw, platform);
}

function characterProblem(raw: string): string | undefined {
  if (raw.length === 0) return 'the path is empty';
  if (raw.length > MAX_PATH_LENGTH) return `the path is longer than ${MAX_PATH_LENGTH} characters`;
  if (raw.includes('\0')) return 'the path contains a NUL byte, which native calls treat as its end';
  if (CONTROL_CHARACTER.test(raw)) return 'the path contains a control character';
  if (LONE_SURROGATE.test(raw)) return 'the path contains a lone UTF-16 surrogate, which no file name can hold';
  if (raw.includes(REPLACEMENT_CHARACTER)) return 'the path contains U+FFFD, a sign it was decoded from invalid (for example overlong) UTF-8';
  if (INVISIBLE_CHARACTER.test(raw)) return 'the path contains an invisible formatting character (zero-width or bidi)';
  if (PERCENT_ENCODED.test(raw)) return 'the path looks percent-encoded; pass the decoded file system path';
  return lookAlikeProblem(raw);
}

function lookAlikeProblem(raw: string): string | undefined {
  if (!NON_ASCII.test(raw)) return undefined;
  for (const character of raw) {
    if (!NON_ASCII.test(character)) continue;
    const folded = character.normalize('NFKC');
    if (SPECIAL_AFTER_NFKC.test(folded)) {
      return `the path contains ${codePoint(character)}, a look-alike of "${folded}" once Unicode-normalised`;
    }
  }
  return undefined;
}

function prefixProblem(raw: string, platform: PathPlatform): string | undefined {
  if (DEVICE_OR_VERBATIM.test(raw)) return 'Windows device and verbatim paths (\\\\?\\, \\\\.\\) are refused: they skip path normalisation';
  if (/^[a-z][a-z0-9+.-]+:\/\//i.test(raw)) return 'the path is a URI; pass a file system path';
  if (platform === 'posix') {
    if (raw.includes('\\')) return 'the path contains a backslash: a separator on Windows but a name character here';
    if (/^\/\/[^/]/.test(raw)) return 'the path starts with //, a network (UNC-like) form';
    if (raw.includes(':')) return 'the path contains ":" (a drive letter, alternate data stream or URI on Windows)';
    return undefined;
  }
  if (/^[\\/](?![\\/])/.test(raw)) return 'the path is rooted but names no drive; give the drive letter';
  if (DRIVE_RELATIVE.test(raw)) return 'the path is relative to a drive\'s current folder (like C:foo); give a full path';
  const rest = DRIVE_ROOT.test(raw) ? raw.slice(2) : raw;
  if (rest.includes(':')) return 'the path names an alternate data stream (":" after the drive letter)';
  if (/[*?"<>|]/.test(rest)) return 'the path contains a character Windows does not allow in names';
  return undefined;
}

function segmentsProblem(raw: string, platform: PathPlatform): string | undefined {
  const segments = raw.split(platform === 'win32' ? /[\\/]/ : '/');
  if (segments[0] === '~') return 'the path starts with ~, which a shell would expand to the home folder';
  for (const segment of segments) {
    const problem = segmentProblem(segment);
    if (problem !== undefined) return problem;
  }
  return undefined;
}

function segmentProblem(segment: string): string | undefined {
  if (segment === '' || segment === '.' || segment === '..') return undefined;
  if (/[. ]$/.test(segment)) return `"${segment}" ends with a dot or space, which Windows strips (so it names another file)`;
  if (RESERVED_DEVICE_NAME.test(segment)) return `"${segment}" is a reserved Windows device name`;
  if (SHORT_NAME.test(segment)) return `"${segment}" looks like a Windows 8.3 short name, an alias for another file`;
  return undefined;
}

/**
 * The checks of findPathProblem for one name read from a folder that was itself judged: what
 * findPathProblem would find in `folder/name` that the folder did not already pass. Checking the
 * name alone, not the whole path again, keeps a listing of thousands of names cheap.
 */
export function findNameProblem(name: string, platform: PathPlatform): string | undefined {
  if (name === '' || name === '.' || name === '..' || name.includes('/') || (platform === 'win32' && name.includes('\\'))) return `"${name}" is not a plain name in a folder`;
  const characters = characterProblem(name);
  if (characters !== undefined) return characters;
  if (platform === 'posix' && name.includes('\\')) return 'the name contains a backslash: a separator on Windows but a name character here';
  if (name.includes(':')) return 'the name contains ":" (an alternate data stream on Windows)';
  if (platform === 'win32' && /[*?"<>|]/.test(name)) return 'the name contains a character Windows does not allow in names';
  return segmentProblem(name);
}

function codePoint(character: string): string {
  return `U+${(character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}
