import assert from 'node:assert/strict';
import picomatch from 'picomatch';
import { CONTROL_FILES } from '../../../../src/core/guard/controlFiles';
import { picomatchOptions } from '../../../../src/core/guard/globSet';
import { compileFileRules, judgeByRules } from '../../../../src/core/guard/ruleMatcher';

/** A file that makes a tool run code (or steer the guard) once written; each row names who runs it. */
interface Row {
  readonly family: string;
  readonly path: string;
}

const ROWS: readonly Row[] = [
  // Airlock's own policy.
  { family: 'Airlock policy', path: '.airlock' },
  { family: 'Airlock policy', path: '.airlock/policy/default.yaml' },
  // Editor and agent configurations: settings that name executables, tasks, launchers, MCP servers, hooks.
  { family: 'VS Code folder (rename onto it)', path: '.vscode' },
  { family: 'VS Code settings', path: '.vscode/settings.json' },
  { family: 'VS Code tasks', path: '.vscode/tasks.json' },
  { family: 'VS Code launch', path: '.vscode/launch.json' },
  { family: 'VS Code recommended extensions', path: '.vscode/extensions.json' },
  { family: 'VS Code MCP servers', path: '.vscode/mcp.json' },
  { family: 'VS Code: an extension\'s JSON config naming a compiler', path: '.vscode/c_cpp_properties.json' },
  { family: 'VS Code workspace file', path: 'x.code-workspace' },
  { family: 'Cursor folder (rename onto it)', path: '.cursor' },
  { family: 'Cursor MCP servers', path: '.cursor/mcp.json' },
  { family: 'Cursor hooks', path: '.cursor/hooks.json' },
  { family: 'Claude Code folder (rename onto it)', path: '.claude' },
  { family: 'Claude Code settings and hooks', path: '.claude/settings.json' },
  { family: 'Claude Code local settings', path: '.claude/settings.local.json' },
  { family: 'Claude Code project MCP servers', path: '.mcp.json' },
  { family: 'Gemini CLI folder (rename onto it)', path: '.gemini' },
  { family: 'Gemini CLI settings (MCP servers, tool discovery command)', path: '.gemini/settings.json' },
  { family: 'Windsurf folder (rename onto it)', path: '.windsurf' },
  { family: 'Windsurf workflows and rules', path: '.windsurf/workflows/deploy.md' },
  { family: 'Continue folder (rename onto it)', path: '.continue' },
  { family: 'Continue config that runs as code', path: '.continue/config.ts' },
  { family: 'Roo Code folder (rename onto it)', path: '.roo' },
  { family: 'Roo Code MCP servers', path: '.roo/mcp.json' },
  { family: 'Kiro folder (rename onto it)', path: '.kiro' },
  { family: 'Kiro MCP servers and hooks', path: '.kiro/settings/mcp.json' },
  { family: 'Amazon Q folder (rename onto it)', path: '.amazonq' },
  { family: 'Amazon Q MCP servers', path: '.amazonq/mcp.json' },
  { family: 'Zed folder (rename onto it)', path: '.zed' },
  { family: 'Zed tasks', path: '.zed/tasks.json' },
  { family: 'Theia / Gitpod folder (rename onto it)', path: '.theia' },
  { family: 'Theia tasks', path: '.theia/tasks.json' },
  { family: 'JetBrains folder (rename onto it)', path: '.idea' },
  { family: 'JetBrains run configuration', path: '.idea/runConfigurations/Server.xml' },
  { family: 'JetBrains file watchers', path: '.idea/watcherTasks.xml' },
  { family: 'dev container folder (rename onto it)', path: '.devcontainer' },
  { family: 'dev container Dockerfile', path: '.devcontainer/Dockerfile' },
  { family: 'dev container definition', path: '.devcontainer/devcontainer.json' },
  { family: 'dev container definition at the root', path: '.devcontainer.json' },
  { family: 'Gitpod tasks', path: '.gitpod.yml' },
  { family: 'direnv', path: '.envrc' },
  // Git and its hook managers.
  { family: 'git folder or worktree file', path: '.git' },
  { family: 'git config', path: '.git/config' },
  { family: 'git hook', path: '.git/hooks/pre-commit' },
  { family: 'git submodules', path: '.gitmodules' },
  { family: 'git attributes (filter drivers)', path: '.gitattributes' },
  { family: 'Git LFS endpoint', path: '.lfsconfig' },
  { family: 'hooks folder for core.hooksPath (rename onto it)', path: '.githooks' },
  { family: 'hooks folder for core.hooksPath', path: '.githooks/pre-commit' },
  { family: 'husky folder (rename onto it)', path: '.husky' },
  { family: 'husky hook', path: '.husky/pre-commit' },
  { family: 'pre-commit', path: '.pre-commit-config.yaml' },
  { family: 'lefthook', path: 'lefthook.yml' },
  { family: 'lefthook, yaml spelling', path: 'lefthook.yaml' },
  { family: 'lefthook, hidden', path: '.lefthook.yml' },
  { family: 'lefthook, local override', path: 'lefthook-local.yml' },
  { family: 'lefthook, JSON', path: 'lefthook.json' },
  { family: 'lefthook, TOML', path: 'lefthook.toml' },
  { family: 'lefthook scripts folder (rename onto it)', path: '.lefthook' },
  { family: 'lefthook script', path: '.lefthook/pre-commit/lint.sh' },
  { family: 'lint-staged rc', path: '.lintstagedrc' },
  { family: 'lint-staged rc with an extension', path: '.lintstagedrc.json' },
  { family: 'lint-staged config module', path: 'lint-staged.config.mjs' },
  { family: 'simple-git-hooks', path: '.simple-git-hooks.json' },
  { family: 'simple-git-hooks module', path: 'simple-git-hooks.cjs' },
  { family: 'overcommit', path: '.overcommit.yml' },
  // CI.
  { family: 'GitHub folder (rename onto it)', path: '.github' },
  { family: 'GitHub workflows folder (rename onto it)', path: '.github/workflows' },
  { family: 'GitHub workflow', path: '.github/workflows/ci.yml' },
  { family: 'GitHub local action', path: '.github/actions/setup/action.yml' },
  { family: 'GitLab CI', path: '.gitlab-ci.yml' },
  { family: 'CircleCI folder (rename onto it)', path: '.circleci' },
  { family: 'CircleCI', path: '.circleci/config.yml' },
  // Package managers: registries, install hooks, the binary that runs.
  { family: 'npm config (script-shell, node-options, registry)', path: '.npmrc' },
  { family: 'yarn classic config', path: '.yarnrc' },
  { family: 'yarn berry config (yarnPath, plugins)', path: '.yarnrc.yml' },
  { family: 'yarn folder (rename onto it)', path: '.yarn' },
  { family: 'yarn release the config runs', path: '.yarn/releases/yarn-4.5.0.cjs' },
  { family: 'yarn plugin', path: '.yarn/plugins/@yarnpkg/plugin-x.cjs' },
  { family: 'pnpm hooks (CommonJS)', path: '.pnpmfile.cjs' },
  { family: 'pnpm hooks (ES module)', path: '.pnpmfile.mjs' },
  { family: 'pnpm workspace settings (which packages may run install scripts)', path: 'pnpm-workspace.yaml' },
  { family: 'Bun preload scripts', path: 'bunfig.toml' },
  { family: 'Cargo folder (rename onto it)', path: '.cargo' },
  { family: 'Cargo config (runner, linker, rustc wrapper)', path: '.cargo/config.toml' },
  { family: 'Cargo config, old name', path: '.cargo/config' },
  { family: 'Rust toolchain file', path: 'rust-toolchain.toml' },
  { family: 'Rust toolchain file, old name', path: 'rust-toolchain' },
  { family: 'pip config', path: 'pip.conf' },
  { family: 'pip config in a virtual environment', path: 'venv/pip.conf' },
  { family: 'pip config on Windows', path: 'pip.ini' },
  { family: 'uv config', path: 'uv.toml' },
  { family: 'conda config', path: '.condarc' },
  { family: 'Bundler config folder (rename onto it)', path: '.bundle' },
  { family: 'Bundler config', path: '.bundle/config' },
  { family: 'NuGet sources', path: 'NuGet.Config' },
  { family: 'NuGet sources, lower case', path: 'nuget.config' },
  { family: 'mise (hooks and tasks on entering the folder)', path: 'mise.toml' },
  { family: 'mise, hidden', path: '.mise.toml' },
  // Build tools the editor runs on its own when it opens the project.
  { family: 'MSBuild props, imported by every project', path: 'Directory.Build.props' },
  { family: 'MSBuild targets, imported by every project', path: 'Directory.Build.targets' },
  { family: 'Gradle folder (rename onto it)', path: 'gradle' },
  { family: 'Gradle wrapper folder (rename onto it)', path: 'gradle/wrapper' },
  { family: 'Gradle wrapper properties (the distribution that runs)', path: 'gradle/wrapper/gradle-wrapper.properties' },
  { family: 'Gradle wrapper script', path: 'gradlew' },
  { family: 'Gradle wrapper script for Windows', path: 'gradlew.bat' },
  { family: 'Maven folder (rename onto it)', path: '.mvn' },
  { family: 'Maven wrapper properties', path: '.mvn/wrapper/maven-wrapper.properties' },
  { family: 'Maven extensions', path: '.mvn/extensions.xml' },
  { family: 'Maven wrapper script', path: 'mvnw' },
  { family: 'Maven wrapper script for Windows', path: 'mvnw.cmd' },
];

/** Ordinary files near the control ones: the agent must still be able to write these. */
const ORDINARY = [
  'src/settings.json', '.vscode/notes.md', 'git/config', 'github/workflows.md', 'my.npmrc.md', 'src/cursor.ts', 'docs/claude.md',
  'docs/lefthook.md', 'src/gradle.ts', 'gradle/libs.versions.toml', 'build.gradle.kts', '.github/ISSUE_TEMPLATE/bug.md', 'package.json',
  'src/mcp.json.ts', 'cargo/config.toml', 'src/pip.config.ts', 'Directory.Packages.props', 'README.md',
];

describe('core/guard/controlFiles', () => {
  const allowEverything = compileFileRules({ allow: ['**'], deny: [], readonly: [], extensions: [], maxFileSizeMb: 1 }, { nocase: false });

  for (const row of ROWS) {
    for (const where of ['', 'nested/project/']) {
      it(`${row.family}: an agent write to ${where}${row.path} is refused even when the rules allow everything`, () => {
        const decision = judgeByRules(allowEverything, where + row.path, 'write');
        assert.equal(decision.reason, 'control-file', decision.detail);
        assert.ok(decision.rule !== undefined && CONTROL_FILES.some((file) => file.glob === decision.rule));
      });
    }
    it(`${row.family}: ${row.path} stays readable (reads are left to the policy)`, () => {
      assert.equal(judgeByRules(allowEverything, row.path, 'read').reason, 'allowed');
    });
  }

  it('every entry of the list is exercised by a row above', () => {
    const unexercised = CONTROL_FILES.filter((file) => !ROWS.some((row) => picomatch.isMatch(row.path, file.glob, picomatchOptions({ nocase: false }))));
    assert.deepEqual(unexercised.map((file) => file.glob), []);
  });

  it('says why for every entry, in words a user can follow, and lists each glob once', () => {
    for (const file of CONTROL_FILES) assert.ok(file.why.length > 20, file.glob);
    assert.equal(new Set(CONTROL_FILES.map((file) => file.glob)).size, CONTROL_FILES.length);
  });

  for (const file of ORDINARY) {
    it(`leaves an ordinary file alone: ${file}`, () => {
      assert.equal(judgeByRules(allowEverything, file, 'write').reason, 'allowed', file);
    });
  }
});
