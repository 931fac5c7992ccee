// `npm run test:desktop`: the same extension-host suite in desktop VS Code via @vscode/test-electron,
// for contributors with internet (it downloads VS Code once into .vscode-test/). `npm test` does
// not call it: the machines that gate changes have no internet; they use runInCodeServer.ts.
//
// As under code-server, the installed .build/airlock.vsix is what is tested; the empty harness
// is only the development extension VS Code needs before it runs extensionTestsPath.
import { downloadAndUnzipVSCode, resolveCliArgsFromVSCodeExecutablePath, runTests } from '@vscode/test-electron';
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { HARNESS_DIR, REPO_ROOT, VSIX_PATH, buildExtensionHostSuite } from './buildSuite';
import { formatSuiteResult, readSuiteResult } from './report';
import { createSandbox, suiteEnv } from './sandbox';

// The VS Code that code-server 4.139.1 embeds, so both runners test the same editor version.
const VSCODE_VERSION = '1.139.1';

function installVsixInto(vscodeExecutablePath: string, profileArgs: string[]): void {
  const [cli, ...cliArgs] = resolveCliArgsFromVSCodeExecutablePath(vscodeExecutablePath, { reuseMachineInstall: true });
  if (!cli) throw new Error('could not resolve the VS Code CLI');
  const install = spawnSync(cli, [...cliArgs, ...profileArgs, '--install-extension', VSIX_PATH, '--force'], {
    encoding: 'utf8',
    stdio: 'inherit',
    timeout: 180_000,
  });
  if (install.status !== 0) throw new Error(`installing ${VSIX_PATH} failed (exit ${install.status})`);
}

async function main(): Promise<void> {
  if (!existsSync(VSIX_PATH)) {
    console.error(`${path.relative(REPO_ROOT, VSIX_PATH)} is missing: run \`npm run build && npm run package\` first.`);
    process.exitCode = 1;
    return;
  }
  const suiteIndex = await buildExtensionHostSuite();
  const sandbox = createSandbox();
  try {
    const vscodeExecutablePath = await downloadAndUnzipVSCode(VSCODE_VERSION);
    const profileArgs = [`--extensions-dir=${sandbox.extensionsDir}`, `--user-data-dir=${sandbox.userDataDir}`];
    installVsixInto(vscodeExecutablePath, profileArgs);
    // runTests rejects when VS Code exits non-zero; the result file still says which tests failed.
    const exitCode = await runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath: HARNESS_DIR,
      extensionTestsPath: suiteIndex,
      launchArgs: [sandbox.workspace, ...profileArgs, '--disable-workspace-trust'],
      extensionTestsEnv: suiteEnv(sandbox),
    }).catch((error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      return 1;
    });
    const result = readSuiteResult(sandbox.resultPath);
    if (result) process.stdout.write(formatSuiteResult(result, `extension host (VS Code ${VSCODE_VERSION} desktop)`));
    if (exitCode !== 0 || !result || result.failed > 0) process.exitCode = 1;
  } finally {
    rmSync(sandbox.root, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
});
