// What the chat-loop tests share: the fixture model with a client of it, and a tool runner whose
// one tool the policy lets run without asking.
import { z } from 'zod';
import type { AgentTool } from '../../../../src/core/agent/agentTool';
import { ToolRunner } from '../../../../src/core/agent/toolRunner';
import { ApprovalGate } from '../../../../src/core/approval/approvalGate';
import { ModelClient } from '../../../../src/core/model/modelClient';
import { policyPackSchema } from '../../../../src/core/policy/policySchema';
import { startFixtureModelServer, type FixtureModelServer } from '../../../fixtures/modelServer/fixtureModelServer';

/** A new fixture model server and a client of it (close the fixture after the test). */
export async function startFixtureModel(): Promise<{ fixture: FixtureModelServer; client: ModelClient }> {
  const fixture = await startFixtureModelServer();
  return { fixture, client: new ModelClient({ baseUrl: fixture.baseUrl, model: 'fixture-model', apiKey: undefined }, { requestTimeoutMs: 2000 }) };
}

/** A ToolRunner offering `tool` at low risk: it runs without asking (the approver would deny). */
export function lowRiskRunner<Args>(tool: AgentTool<Args>): ToolRunner {
  const policy = policyPackSchema.parse({ version: 1, name: 't', tools: { [tool.id]: { risk: 'low' } } });
  const gate = new ApprovalGate({ ask: () => Promise.resolve({ verdict: 'deny' }) }, { record: () => undefined }, () => 1000);
  return new ToolRunner({ tools: [tool], policy: () => policy, gate, audit: { record: () => undefined }, workspaceTrusted: () => true });
}

/** `test.echo`: answers "echoed <text>". */
export function echoTool(): AgentTool<{ text: string }> {
  return {
    id: 'test.echo',
    description: 'echo',
    parameters: z.strictObject({ text: z.string() }),
    alwaysAsk: false,
    plan: (args) => Promise.resolve({ target: args.text, summary: `echo ${args.text}`, detail: '' }),
    run: (args) => Promise.resolve({ ok: true, content: `echoed ${args.text}`, summary: 'echoed' }),
  };
}
