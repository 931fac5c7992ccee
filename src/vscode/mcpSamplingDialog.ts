import * as vscode from 'vscode';
import { samplingQuestion, type SamplingRequest } from '../core/mcp/mcpSampling';

const ALLOW_ONCE = 'Allow Once';

/**
 * Puts one sampling request of an MCP server to the user, as the server's words: "Allow Once"
 * runs that request on the model; Deny, Escape or closing the dialog refuses it. Nothing is
 * remembered, so the next request asks again.
 */
export async function confirmSampling(request: SamplingRequest): Promise<boolean> {
  const { title, detail } = samplingQuestion(request);
  const choice = await vscode.window.showWarningMessage(title, { modal: true, detail }, ALLOW_ONCE, 'Deny');
  return choice === ALLOW_ONCE;
}
