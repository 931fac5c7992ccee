import assert from 'node:assert/strict';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';

// The layering and one-way-out rules are security properties; prove the project's lint config
// enforces them. The files are virtual, so type-aware rules (which need them on disk) are off.
const eslint = new ESLint({ cwd: process.cwd(), overrideConfig: [{ files: ['**/*.ts'], ...tseslint.configs.disableTypeChecked }] });

async function ruleIdsFor(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((message) => message.ruleId ?? message.message);
}

describe('lint: layers and the one way out', function () {
  // ESLint's first run loads the TypeScript parser: seconds on a busy machine, not a speed limit.
  this.timeout(60_000);
  const cases: { name: string; file: string; code: string; rule: string | null }[] = [
    { name: 'core importing vscode (layer breach)', file: 'src/core/model/leak.ts', code: "import * as vscode from 'vscode';\nexport const x = vscode;\n", rule: 'no-restricted-imports' },
    { name: 'cli importing vscode (layer breach)', file: 'src/cli/leak.ts', code: "import * as vscode from 'vscode';\nexport const x = vscode;\n", rule: 'no-restricted-imports' },
    { name: 'core opening a socket outside egress (second way out)', file: 'src/core/chat/leak.ts', code: "import * as net from 'node:net';\nexport const x = net;\n", rule: 'no-restricted-imports' },
    { name: 'adapter importing undici (second way out)', file: 'src/vscode/leak.ts', code: "import { request } from 'undici';\nexport const x = request;\n", rule: 'no-restricted-imports' },
    { name: 'adapter using global fetch (second way out)', file: 'src/vscode/leak.ts', code: "export function f(): Promise<Response> { return fetch('http://127.0.0.1/'); }\n", rule: 'no-restricted-globals' },
    { name: 'core resolving DNS outside egress (exfiltration by lookup)', file: 'src/core/chat/leak.ts', code: "import { lookup } from 'node:dns/promises';\nexport const x = lookup;\n", rule: 'no-restricted-imports' },
    { name: 'webview script using fetch (exfiltration from the page)', file: 'media/chat/leak.ts', code: "export function f(): Promise<Response> { return fetch('http://127.0.0.1/'); }\n", rule: 'no-restricted-globals' },
    { name: 'openai SDK outside the model client (falls back to global fetch)', file: 'src/core/chat/leak.ts', code: "import OpenAI from 'openai';\nexport const x = OpenAI;\n", rule: 'no-restricted-imports' },
    { name: 'core starting a process outside core/process (unguarded command)', file: 'src/core/agent/leak.ts', code: "import { spawn } from 'node:child_process';\nexport const x = spawn;\n", rule: 'no-restricted-imports' },
    { name: 'adapter starting a process (unguarded command)', file: 'src/vscode/leak.ts', code: "import { execFile } from 'child_process';\nexport const x = execFile;\n", rule: 'no-restricted-imports' },
    { name: 'egress module starting a process (unguarded command)', file: 'src/core/egress/leak.ts', code: "import { spawn } from 'node:child_process';\nexport const x = spawn;\n", rule: 'no-restricted-imports' },
    { name: 'process module may start processes', file: 'src/core/process/leak.ts', code: "import { spawn } from 'node:child_process';\nexport const x = spawn;\n", rule: null },
    { name: 'process module still may not open sockets (second way out)', file: 'src/core/process/leak.ts', code: "import * as net from 'node:net';\nexport const x = net;\n", rule: 'no-restricted-imports' },
    { name: 'egress module may use undici', file: 'src/core/egress/leak.ts', code: "import { request } from 'undici';\nexport const x = request;\n", rule: null },
    { name: 'policy code indexing a record by an outside name (finds Object.prototype.constructor)', file: 'src/core/policy/leak.ts', code: "export function f(tools: Record<string, number>, tool: string): number | undefined { return tools[tool]; }\n", rule: 'no-restricted-syntax' },
    { name: 'policy code may read a literal field', file: 'src/core/policy/leak.ts', code: "export function f(tools: Record<string, number>): number | undefined { return tools['web.fetch']; }\n", rule: null },
    { name: 'adapter may import vscode', file: 'src/vscode/leak.ts', code: "import * as vscode from 'vscode';\nexport const x = vscode;\n", rule: null },
  ];

  for (const { name, file, code, rule } of cases) {
    it(`${rule ? 'rejects' : 'allows'}: ${name}`, async () => {
      const rules = await ruleIdsFor(file, code);
      if (rule) assert.ok(rules.includes(rule), `expected ${rule}, got ${JSON.stringify(rules)}`);
      else assert.deepEqual(rules.filter((id) => id.startsWith('no-restricted')), []);
    });
  }
});
