// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Network primitives. Only the egress module may use them: one way out to the network,
// so that every outbound byte passes SafeFetch. Do not relax these rules.
const NETWORK_MODULES = [
  'undici', 'http', 'https', 'http2', 'net', 'tls', 'dgram', 'dns', 'dns/promises',
  'node:http', 'node:https', 'node:http2', 'node:net', 'node:tls', 'node:dgram', 'node:dns', 'node:dns/promises',
];
const networkImports = NETWORK_MODULES.map((name) => ({
  name,
  message: 'Only src/core/egress/ may open network connections (one way out). Do not relax this rule.',
}));
// The openai SDK would fall back to the global fetch; only the model client, which always
// hands it SafeFetch, may import it.
const openaiImport = { name: 'openai', message: 'Only src/core/model/modelClient.ts may import openai (it passes SafeFetch).' };
// Starting processes (ripgrep, sandboxed commands, MCP stdio servers) happens in one place,
// src/core/process/, which decides how each runs. Do not relax this rule.
const processImports = ['child_process', 'node:child_process'].map((name) => ({
  name,
  message: 'Only src/core/process/ may start processes. Do not relax this rule.',
}));
// The SDK's own client transports: stdio would start a process outside the sandbox, the HTTP ones
// would use the global fetch. MCP servers are reached only through src/core/mcp's transports
// (core/process in the sandbox; SafeFetch in safeHttpTransport.ts). Do not relax this rule.
const mcpTransportImports = ['stdio', 'sse', 'streamableHttp', 'websocket'].map((name) => ({
  name: `@modelcontextprotocol/sdk/client/${name}.js`,
  message: 'MCP servers are reached only through src/core/mcp (stdio in the sandbox, HTTP through SafeFetch in safeHttpTransport.ts). Do not relax this rule.',
}));
const vscodeImport = { name: 'vscode', message: 'src/core and src/cli never import vscode: the core talks to the editor through ports.' };
const networkGlobals = ['fetch', 'WebSocket', 'XMLHttpRequest', 'EventSource'].map((name) => ({
  name,
  message: 'Only src/core/egress/ may reach the network. Do not relax this rule.',
}));

const namedArrowExport = { selector: 'ExportNamedDeclaration > VariableDeclaration > VariableDeclarator > ArrowFunctionExpression', message: 'Use `export function` for named stack traces.' };
// Policy maps are keyed by names from outside (tool ids, hosts, packs, servers, model URLs); a
// plain `record[key]` finds `constructor` or `__proto__` on Object.prototype. Read and write them
// through keyedRecord.ts (Object.hasOwn, null prototypes) or use a Map. Do not relax this rule.
const computedLookup = {
  selector: 'MemberExpression[computed=true]:not([property.type="Literal"])',
  message: 'Look keys up with ownValue()/setOwn() from src/core/policy/keyedRecord.ts, or use a Map: a plain record[key] finds Object.prototype members.',
};

export default tseslint.config(
  { ignores: ['.scratch*', 'dist/**', 'node_modules/**', '.build/**', 'test-results/**', 'bench-results/**', '.vscode-test/**', 'sample-workspace/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: { allowDefaultProject: ['*.mjs', 'scripts/*.mjs'] }, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', namedArrowExport],
    },
  },
  {
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [...networkImports, openaiImport, ...processImports, ...mcpTransportImports] }],
      'no-restricted-globals': ['error', ...networkGlobals],
    },
  },
  {
    files: ['src/core/**/*.ts', 'src/cli/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [...networkImports, openaiImport, vscodeImport, ...processImports, ...mcpTransportImports] }] },
  },
  {
    files: ['src/core/process/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [...networkImports, openaiImport, vscodeImport, ...mcpTransportImports] }] },
  },
  {
    files: ['src/core/model/modelClient.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [...networkImports, vscodeImport, ...processImports, ...mcpTransportImports] }] },
  },
  {
    files: ['src/core/mcp/safeHttpTransport.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [...networkImports, openaiImport, vscodeImport, ...processImports, ...mcpTransportImports.filter((entry) => !entry.name.endsWith('/streamableHttp.js'))] }] },
  },
  {
    files: ['src/core/egress/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [vscodeImport, openaiImport, ...processImports, ...mcpTransportImports] }], 'no-restricted-globals': 'off' },
  },
  {
    files: ['media/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [vscodeImport, openaiImport, ...networkImports, ...processImports, ...mcpTransportImports] }], 'no-restricted-globals': ['error', ...networkGlobals] },
  },
  {
    files: ['src/core/policy/**/*.ts'],
    rules: { 'no-restricted-syntax': ['error', namedArrowExport, computedLookup] },
  },
  { files: ['**/*.mjs'], ...tseslint.configs.disableTypeChecked },
);
