import type { SpanFinding } from './urls';

const MAX_LINE = 4096;
/**
 * A cheap test (literals only) that a line may hold a command worth a closer look. Each literal
 * slows the native search over every text, so a reverse shell is hinted by the fewest (a FIFO's
 * netcat is already one).
 */
const COMMAND_HINT = /curl|wget|\brm\s|chmod|git\s|npm\s|npx\s|\bnc\s|ncat|netcat|scp\s|rsync|iwr\s|invoke-webrequest|http|dev\/tcp|dev\/udp|socat|dup2|tcpclient/i;
const COMMAND_HINTS = new RegExp(COMMAND_HINT.source, 'gi');
/** Files whose contents leaving the machine is a leak. */
const SENSITIVE_PATHS = ['.env', '.ssh', 'id_rsa', 'id_ed25519', 'id_ecdsa', '.aws', 'credentials', '.npmrc', '.pypirc', '.netrc', '.git-credentials', '.bash_history', '.zsh_history', '/etc/passwd', '/etc/shadow', 'kubeconfig', '.kube/config', '.docker/config.json', '.pgpass', 'secrets', 'private.key', '.pem'];
const NETWORK_TOOLS = ['curl ', 'curl\t', 'wget ', 'nc ', 'ncat ', 'netcat ', 'scp ', 'rsync ', 'invoke-webrequest', 'iwr ', 'http post', 'http put', 'httpie'];
const UPLOAD_FLAGS = [' -d @', ' -d@', '--data @', '--data=@', '--data-binary @', '--data-binary=@', '--data-urlencode @', ' -f ', ' -t ', '--upload-file', '--post-file', '--body-file', '-infile', '$(cat ', '`cat ', '$(base64', '$(env', '$(printenv', '`env`', '`printenv`', '$(cat<'];

/**
 * A shell's own streams tied to bash's /dev/tcp socket (`sh -i >& /dev/tcp/…`, `0>&1`, `exec
 * 5<>/dev/tcp/…`); a health check that only opens one (`echo > /dev/tcp/db/5432`) is not.
 */
const SHELL_ON_SOCKET = /\b(?:ba|z|da|k)?sh\s+-i\b|\b0>&\s*\d|\b0<&\s*\d|\bexec\s+\d+<>\s*\/dev\/|>&\s*\/dev\/(?:tcp|udp)\//;
/** A shell named as a program to start: `"/bin/sh"`, `'bash'`, `cmd.exe`. */
const SHELL_NAMED = /["'](?:\/bin\/)?(?:ba|z|da|k)?sh["']|\bcmd\.exe\b|\bpowershell\b/;
const NETCAT = /\b(?:nc|ncat|netcat)\b/;
/** A word of a reverse shell, and what must stand on the same line for it to be one (a FIFO through a network tool, socat running a program, TcpClient fed to iex). */
const SHELL_PAIRS: readonly (readonly [string, RegExp])[] = [
  ['mkfifo', /\b(?:nc|ncat|netcat|telnet)\b|openssl\s+s_client/],
  ['socat', /\b(?:exec|system):/],
  ['tcpclient', /\b(?:iex|invoke-expression)\b/],
];
/** A word every reverse shell below holds at least one of. */
const REVERSE_SHELL_HINT = /dev\/tcp|dev\/udp|\bnc\b|ncat|netcat|mkfifo|socat|tcpclient|socket/;
/** Netcat told to run a shell or interpreter (`-e /bin/sh`, `-c bash`, `--exec cmd.exe`); a bare `-c` is BSD netcat's CRLF switch. */
const NETCAT_RUNS_SHELL = /\s(?:-[a-z]*[ec]|--(?:sh-)?exec)\s+["']?(?:\/[\w/.-]*)?\b(?:(?:ba|z|da|k)?sh|python3?|perl|ruby|php|cmd(?:\.exe)?|powershell(?:\.exe)?)\b/;

/**
 * Where a shell is handed to a remote host on the line, or -1: bash's /dev/tcp redirection,
 * netcat's -e/-c, a FIFO piped through a network tool, socat running a program, a script wiring a
 * socket to a shell, PowerShell's TcpClient fed to iex. No README or build step needs one. Each
 * test is one linear scan (no `.*` between two parts, which backtracks once per start on a long
 * line); a segment is the line between `|`, `;` and `&`.
 */
function reverseShellAt(line: string): number {
  // Most lines read here hold a URL and nothing of a shell: one search rules them out.
  if (!REVERSE_SHELL_HINT.test(line)) return -1;
  const devTcp = /\/dev\/(?:tcp|udp)\/[^\s/]+\/\d/.exec(line);
  if (devTcp !== null && SHELL_ON_SOCKET.test(line)) return devTcp.index;
  let segmentStart = 0;
  for (const segment of line.split(/[|;&]/)) {
    const netcat = NETCAT.exec(segment);
    if (netcat !== null && NETCAT_RUNS_SHELL.test(segment)) return segmentStart + netcat.index;
    segmentStart += segment.length + 1;
  }
  for (const [word, partner] of SHELL_PAIRS) {
    const at = line.indexOf(word);
    if (at >= 0 && partner.test(line)) return at;
  }
  const socket = line.indexOf('socket');
  const wired = socket >= 0 && line.includes('connect') && /\bdup2\b|pty\.spawn|subprocess/.test(line) && SHELL_NAMED.test(line);
  return wired ? socket : -1;
}

/**
 * Shell commands in untrusted text, line by line (each line read once, at most MAX_LINE chars):
 * uploads of secret files (`curl -d @~/.ssh/id_rsa`, `$(cat .env)`), and destructive or
 * remote-code commands that are ordinary in a README but not as an instruction to an agent
 * (small weights: they only tip the score with other findings); a reverse shell, which is not
 * ordinary anywhere outside security training, flags on its own.
 */
export function findCommandFindings(text: string): SpanFinding[] {
  const findings: SpanFinding[] = [];
  // The hint searched over the whole text (one native scan) finds the lines worth testing; each
  // is then tested as before, on its first MAX_LINE characters, so the lines inspected are the same.
  COMMAND_HINTS.lastIndex = 0;
  for (let hint = COMMAND_HINTS.exec(text); hint !== null; hint = COMMAND_HINTS.exec(text)) {
    const start = text.lastIndexOf('\n', hint.index) + 1;
    let end = text.indexOf('\n', hint.index);
    if (end < 0) end = text.length;
    const raw = text.slice(start, Math.min(end, start + MAX_LINE));
    if (raw.length >= 6 && COMMAND_HINT.test(raw)) inspectLine(raw.toLowerCase(), start, findings);
    COMMAND_HINTS.lastIndex = end + 1;
  }
  return findings;
}

function inspectLine(line: string, offset: number, out: SpanFinding[]): void {
  const at = (rule: string, category: SpanFinding['category'], weight: number, needle: string): void => {
    const index = Math.max(0, line.indexOf(needle));
    out.push({ rule, category, weight, start: offset + index, end: offset + line.length });
  };
  const tool = NETWORK_TOOLS.find((name) => line.includes(name));
  if (tool !== undefined) {
    const upload = UPLOAD_FLAGS.some((flag) => line.includes(flag));
    if (upload && SENSITIVE_PATHS.some((path) => line.includes(path))) at('exfil.command.upload-secret', 'exfiltration', 0.8, tool);
    else if (/\$\((?:env|printenv)\)|`(?:env|printenv)`/.test(line)) at('exfil.command.upload-environment', 'exfiltration', 0.8, tool);
    const pipe = /\|\s*(?:sudo\s+)?(?:-e\s+)?(?:ba|z|da|k)?sh\b|\|\s*(?:sudo\s+)?python3?\b|\|\s*iex\b/.test(line);
    if (pipe) at('tool.command.pipe-to-shell', 'tool-hijacking', 0.2, tool);
  }
  const shell = reverseShellAt(line);
  if (shell >= 0) out.push({ rule: 'tool.command.reverse-shell', category: 'tool-hijacking', weight: 0.4, start: offset + shell, end: offset + line.length });
  if (/\brm\s+-(?:rf|fr|r\s+-f|f\s+-r)\s+(?:~\/?(?:\s|$)|\/(?:\s|$)|\.\/?(?:\s|$)|\*|\$home|~\/\*)/.test(line)) at('tool.command.destructive', 'tool-hijacking', 0.3, 'rm ');
  if (/\bchmod\s+(?:-r\s+)?777\s+\/(?:\s|$)/.test(line)) at('tool.command.destructive', 'tool-hijacking', 0.3, 'chmod');
  if (line.includes('git push') && (/--force(?!-with-lease)\b/.test(line) || / -f(?:\s|$)/.test(line))) at('tool.command.force-push', 'tool-hijacking', 0.2, 'git push');
  if (/\bnpm\s+publish\b|\bnpx\s+[^\s]*@latest\b/.test(line)) at('tool.command.publish', 'tool-hijacking', 0.15, 'np');
}
