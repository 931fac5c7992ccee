/**
 * Files that steer the editor, the version control system, CI or the shell. Writing one lets an
 * agent turn a text edit into command execution, a loosened guard or a leaked secret, so agent
 * writes to them are always denied, whatever the policy says; only the approval-gated firewall
 * paths (not agent tools) write `.airlock/`. Reads and listings are left to the policy: the
 * agent may read its own policy to explain a denial, and the packs deny `.git/**` reads.
 *
 * The globs match at any depth: a subfolder can be opened as its own workspace or be its own
 * repository, and in a multi-root workspace a nested folder's control files are real ones. A
 * folder of control files is listed by its own name too, so a prepared folder cannot be renamed
 * onto it. Families: Airlock; editor and agent configurations; git and its hook managers; CI;
 * package managers (registries, install hooks, the binary that runs); build tools the editor
 * runs by itself when it opens the project. Build scripts and tool configs written as code
 * (eslint.config.js, build.rs, package.json scripts) are source the agent edits, with approval.
 */
export interface ControlFile {
  readonly glob: string;
  /** Why an agent must not write it: shown in the denial, so the user learns what was at stake. */
  readonly why: string;
}

const AIRLOCK = 'it holds Airlock\'s own policy; the agent must not edit its guard';
const RENAME = (what: string): string => `renaming a prepared folder onto it would plant ${what}`;
const AGENT = 'another agent\'s configuration: MCP servers, hooks and commands it runs, instructions it follows';
const LEFTHOOK = 'lefthook runs the commands it lists on every commit';
const LINT_STAGED = 'lint-staged runs the commands it lists on every commit';
const SIMPLE_HOOKS = 'simple-git-hooks installs the commands it lists as git hooks';
const CI = 'CI pipelines run with the repository\'s secrets';
const YARN = 'yarn config can change the registry and the yarn binary that runs';
const PIP = 'pip config chooses the package index every install downloads from';
const GRADLE_WRAPPER = 'the Gradle wrapper downloads and runs the Gradle named here when the editor imports the project';
const MAVEN_WRAPPER = 'the Maven wrapper downloads and runs the Maven named here when the editor imports the project';

export const CONTROL_FILES: readonly ControlFile[] = [
  // Airlock
  { glob: '**/.airlock', why: AIRLOCK },
  { glob: '**/.airlock/**', why: AIRLOCK },
  // Editor and agent configurations
  { glob: '**/.vscode', why: RENAME('settings, tasks and launch files') },
  { glob: '**/.vscode/settings.json', why: 'workspace settings can change Airlock\'s model endpoint and the executables other extensions run' },
  { glob: '**/.vscode/tasks.json', why: 'tasks run shell commands, some automatically when the folder opens' },
  { glob: '**/.vscode/launch.json', why: 'launch configurations run programs and pre-launch tasks' },
  { glob: '**/.vscode/extensions.json', why: 'recommended extensions prompt the user to install code' },
  { glob: '**/.vscode/mcp.json', why: 'MCP server entries are commands the editor starts' },
  { glob: '**/.vscode/*.json', why: 'extensions read their configuration here, and many name executables they run (compilers, linters, servers)' },
  { glob: '**/*.code-workspace', why: 'a workspace file carries settings, tasks and launch configurations' },
  { glob: '**/.cursor', why: RENAME('Cursor\'s MCP servers and hooks') },
  { glob: '**/.cursor/**', why: `Cursor reads it: ${AGENT}` },
  { glob: '**/.claude', why: RENAME('Claude Code\'s settings and hooks') },
  { glob: '**/.claude/**', why: `Claude Code reads it: ${AGENT}` },
  { glob: '**/.mcp.json', why: 'Claude Code starts the MCP servers it lists' },
  { glob: '**/.gemini', why: RENAME('Gemini CLI\'s settings') },
  { glob: '**/.gemini/**', why: `Gemini CLI reads it: ${AGENT}` },
  { glob: '**/.windsurf', why: RENAME('Windsurf\'s workflows and rules') },
  { glob: '**/.windsurf/**', why: `Windsurf reads it: ${AGENT}` },
  { glob: '**/.continue', why: RENAME('Continue\'s configuration') },
  { glob: '**/.continue/**', why: `Continue reads it (config.ts runs as code): ${AGENT}` },
  { glob: '**/.roo', why: RENAME('Roo Code\'s MCP servers') },
  { glob: '**/.roo/**', why: `Roo Code reads it: ${AGENT}` },
  { glob: '**/.kiro', why: RENAME('Kiro\'s MCP servers and hooks') },
  { glob: '**/.kiro/**', why: `Kiro reads it: ${AGENT}` },
  { glob: '**/.amazonq', why: RENAME('Amazon Q\'s MCP servers') },
  { glob: '**/.amazonq/**', why: `Amazon Q reads it: ${AGENT}` },
  { glob: '**/.zed', why: RENAME('Zed\'s settings and tasks') },
  { glob: '**/.zed/**', why: 'Zed settings and tasks run language servers and shell commands' },
  { glob: '**/.theia', why: RENAME('Theia\'s settings, tasks and launch files') },
  { glob: '**/.theia/**', why: 'Theia and Gitpod read settings, tasks and launch configurations here' },
  { glob: '**/.idea', why: RENAME('JetBrains run configurations') },
  { glob: '**/.idea/**', why: 'JetBrains IDEs read run configurations, file watchers and external tools here, which run programs' },
  { glob: '**/.devcontainer', why: RENAME('a dev container definition') },
  { glob: '**/.devcontainer/**', why: 'dev container definitions run commands and mount host folders' },
  { glob: '**/.devcontainer.json', why: 'a dev container definition runs commands and mounts host folders' },
  { glob: '**/.gitpod.yml', why: 'Gitpod runs its tasks when the workspace starts' },
  { glob: '**/.envrc', why: 'direnv runs it in the user\'s shell on entering the folder' },
  // Git and its hook managers
  { glob: '**/.git', why: 'a .git folder or worktree/submodule .git file decides which repository and hooks git uses' },
  { glob: '**/.git/**', why: 'git hooks and config (core.fsmonitor, core.sshCommand) run commands' },
  { glob: '**/.gitmodules', why: 'submodule entries make git fetch and check out other repositories' },
  { glob: '**/.gitattributes', why: 'attributes select filter and diff drivers, which run commands' },
  { glob: '**/.lfsconfig', why: 'it names the Git LFS server that git sends credentials and content to' },
  { glob: '**/.githooks', why: RENAME('git hooks') },
  { glob: '**/.githooks/**', why: 'git runs the hooks here when core.hooksPath points at it' },
  { glob: '**/.husky', why: RENAME('git hooks') },
  { glob: '**/.husky/**', why: 'husky hooks run on every commit' },
  { glob: '**/.pre-commit-config.yaml', why: 'pre-commit hooks run on every commit' },
  { glob: '**/{.,}lefthook{,-local}.{yml,yaml,json,toml}', why: LEFTHOOK },
  { glob: '**/.lefthook', why: RENAME('lefthook scripts') },
  { glob: '**/.lefthook/**', why: LEFTHOOK },
  { glob: '**/.lintstagedrc', why: LINT_STAGED },
  { glob: '**/.lintstagedrc.*', why: LINT_STAGED },
  { glob: '**/lint-staged.config.*', why: LINT_STAGED },
  { glob: '**/{.,}simple-git-hooks.{json,js,cjs,mjs}', why: SIMPLE_HOOKS },
  { glob: '**/.overcommit.yml', why: 'overcommit runs the hooks it lists on every commit' },
  // CI
  { glob: '**/.github', why: RENAME('CI workflows') },
  { glob: '**/.github/workflows', why: RENAME('CI workflows') },
  { glob: '**/.github/workflows/**', why: CI },
  { glob: '**/.github/actions/**', why: `local actions run in workflows; ${CI}` },
  { glob: '**/.gitlab-ci.yml', why: CI },
  { glob: '**/.circleci', why: RENAME('CI pipelines') },
  { glob: '**/.circleci/**', why: CI },
  // Package managers
  { glob: '**/.npmrc', why: 'npm config can set the registry, script-shell and node-options for every install' },
  { glob: '**/.yarnrc', why: YARN },
  { glob: '**/.yarnrc.yml', why: YARN },
  { glob: '**/.yarn', why: RENAME('the yarn release and plugins yarn runs') },
  { glob: '**/.yarn/releases/**', why: 'yarnPath runs the yarn release kept here' },
  { glob: '**/.yarn/plugins/**', why: 'yarn loads the plugins kept here into every command' },
  { glob: '**/.pnpmfile.{cjs,mjs}', why: 'pnpm runs its hooks on every install' },
  { glob: '**/pnpm-workspace.yaml', why: 'pnpm settings decide which dependencies may run install scripts, and where pnpm loads hooks from' },
  { glob: '**/bunfig.toml', why: 'Bun runs its preload scripts before every script and test' },
  { glob: '**/.cargo', why: RENAME('Cargo configuration') },
  { glob: '**/.cargo/config{,.toml}', why: 'Cargo config sets runners, linkers and a rustc wrapper that run on every build, which the editor starts by itself' },
  { glob: '**/rust-toolchain{,.toml}', why: 'rustup runs the toolchain it names (a path to any binaries) for every cargo command' },
  { glob: '**/pip.{conf,ini}', why: PIP },
  { glob: '**/uv.toml', why: 'uv config chooses the package index and the Python that runs' },
  { glob: '**/.condarc', why: 'conda config chooses the channels every install downloads from' },
  { glob: '**/.bundle', why: RENAME('Bundler configuration') },
  { glob: '**/.bundle/**', why: 'Bundler config chooses gem sources and paths for every install' },
  { glob: '**/{NuGet,nuget}.{Config,config}', why: 'NuGet config chooses the package sources every restore downloads from' },
  { glob: '**/{.,}mise.toml', why: 'mise runs its hooks and tasks, and sets the environment, on entering the folder' },
  // Build tools the editor runs by itself when it opens the project
  { glob: '**/Directory.Build.{props,targets}', why: 'MSBuild imports it into every project, and the C# extension builds on open' },
  { glob: '**/gradle', why: RENAME('a Gradle wrapper') },
  { glob: '**/gradle/wrapper', why: RENAME('a Gradle wrapper') },
  { glob: '**/gradle/wrapper/**', why: GRADLE_WRAPPER },
  { glob: '**/gradlew{,.bat}', why: GRADLE_WRAPPER },
  { glob: '**/.mvn', why: RENAME('a Maven wrapper and extensions') },
  { glob: '**/.mvn/**', why: `${MAVEN_WRAPPER}; extensions.xml loads build extensions` },
  { glob: '**/mvnw{,.cmd}', why: MAVEN_WRAPPER },
];
