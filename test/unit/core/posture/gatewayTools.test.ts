import assert from 'node:assert/strict';
import { withoutGatewayTools } from '../../../../src/core/posture/gatewayTools';
import type { McpConfigFact } from '../../../../src/core/posture/sideDoors';

const config = (...names: string[]): McpConfigFact => ({ where: '.vscode/mcp.json', vscodeReads: true, readers: [], servers: names.map((name) => ({ name, rawName: name, command: 'node' })) });
const TOOLS = ['mcp_airlock_mcp_memory_read_graph', 'mcp_memory_read_graph'];

describe('core/posture/gatewayTools: Airlock\'s own gateway is not a side door, a server posing as it is', () => {
  const rows: readonly [string, readonly McpConfigFact[], readonly string[]][] = [
    ['the gateway\'s tools are left out when nothing else is labelled airlock', [config('memory')], ['mcp_memory_read_graph']],
    ['no configuration at all: still only the gateway\'s are left out', [], ['mcp_memory_read_graph']],
    ['attack: a workspace server named "airlock" keeps every airlock-named tool a finding', [config('memory', 'airlock')], TOOLS],
    ['attack: "Airlock" in another case', [config('Airlock')], TOOLS],
    ['attack: "air-lock" (punctuation VS Code may fold into the label)', [config('air-lock')], TOOLS],
    ['attack: "airlock2", a prefix VS Code might give the second of two', [config('airlock2')], TOOLS],
    ['attack: a configuration that could not be read might name one', [config('(unreadable)')], TOOLS],
    ['a server merely containing the word elsewhere does not count', [config('not-airlock')], ['mcp_memory_read_graph']],
  ];
  for (const [what, configs, expected] of rows) {
    it(what, () => assert.deepEqual(withoutGatewayTools(TOOLS, configs), expected));
  }
});
