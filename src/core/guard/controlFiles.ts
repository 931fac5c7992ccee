/**
 * Files that steer the editor, the version control system, CI or the shell. Writing one lets an
 * agent turn a text edit into command execution, a loosened guard or a leaked secret, so agent
 * writes to them are always denied, whatever the policy says; only the approval-gated firewall
 * paths (not agent tools) write `.airlock/`. Reads and listings are left to the policy: the
 * agent may read its own policy to explain a denial, and the packs deny `.git/**` reads.
 *
 * The globs match at any depth: a subfolder can be opened as its own workspace or be its own
 * repository, and in a multi-root workspace a nested folder's control files are real ones.
 */
export interface ControlFile {
  readonly glob: string;
  /** Why an agent must not write it: shown in the denial, so the user learns what was at stake. */
  readonly why: string;
}

export const CONTROL_FILES: readonly ControlFile[] = [
  { glob: '**/.airlock', why: 'it holds Airlock\'s own policy; the agent must not edit its guard' },
  { glob: '**/.airlock/**', why: 'it holds Airlock\'s own policy; the agent must not edit its guard' },
  { glob: '**/.vscode', why: 'renaming a prepared folder onto .vscode would plant settings, tasks and launch files' },
  { glob: '**/.vscode/settings.json', why: 'workspace settings can change Airlock\'s model endpoint and the executables other extensions run' },
  { glob: '**/.vscode/tasks.json', why: 'tasks run shell commands, some automatically when the folder opens' },
  { glob: '**/.vscode/launch.json', why: 'launch configurations run programs and pre-launch tasks' },
  { glob: '**/.vscode/extensions.json', why: 'recommended extensions prompt the user to install code' },
  { glob: '**/.vscode/mcp.json', why: 'MCP server entries are commands the editor starts' },
  { glob: '**/*.code-workspace', why: 'a workspace file carries settings, tasks and launch configurations' },
  { glob: '**/.git', why: 'a .git folder or worktree/submodule .git file decides which repository and hooks git uses' },
  { glob: '**/.git/**', why: 'git hooks and config (core.fsmonitor, core.sshCommand) run commands' },
  { glob: '**/.gitmodules', why: 'submodule entries make git fetch and check out other repositories' },
  { glob: '**/.gitattributes', why: 'attributes select filter and diff drivers, which run commands' },
  { glob: '**/.husky/**', why: 'husky hooks run on every commit' },
  { glob: '**/.pre-commit-config.yaml', why: 'pre-commit hooks run on every commit' },
  { glob: '**/.github', why: 'renaming a prepared folder onto .github would plant CI workflows' },
  { glob: '**/.github/workflows', why: 'renaming a prepared folder onto it would plant CI workflows' },
  { glob: '**/.github/workflows/**', why: 'CI workflows run with the repository\'s secrets' },
  { glob: '**/.gitlab-ci.yml', why: 'CI pipelines run with the repository\'s secrets' },
  { glob: '**/.circleci/**', why: 'CI pipelines run with the repository\'s secrets' },
  { glob: '**/.devcontainer/**', why: 'dev container definitions run commands and mount host folders' },
  { glob: '**/.devcontainer.json', why: 'a dev container definition runs commands and mounts host folders' },
  { glob: '**/.npmrc', why: 'npm config can set the registry, script-shell and node-options for every install' },
  { glob: '**/.yarnrc', why: 'yarn config can change the registry and the yarn binary that runs' },
  { glob: '**/.yarnrc.yml', why: 'yarn config can change the registry and the yarn binary that runs' },
  { glob: '**/.envrc', why: 'direnv runs it in the user\'s shell on entering the folder' },
];
