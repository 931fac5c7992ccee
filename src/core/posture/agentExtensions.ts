/**
 * Extensions that run an agent of their own (file edits, terminal commands, MCP), outside
 * Airlock's guard. Ids are lowercase: VS Code compares extension ids without case.
 * VS Code's bundled chat extension is not listed: it is a side door of its own, closed by a setting.
 */
export const KNOWN_AGENT_EXTENSIONS: ReadonlyMap<string, string> = new Map([
  ['saoudrizwan.claude-dev', 'Cline'],
  ['rooveterinaryinc.roo-cline', 'Roo Code'],
  ['kilocode.kilo-code', 'Kilo Code'],
  ['continue.continue', 'Continue'],
  ['github.copilot', 'GitHub Copilot'],
  ['anthropic.claude-code', 'Claude Code'],
  ['openai.chatgpt', 'Codex'],
  ['google.geminicodeassist', 'Gemini Code Assist'],
  ['amazonwebservices.amazon-q-vscode', 'Amazon Q'],
  ['sourcegraph.cody-ai', 'Cody'],
  ['codeium.codeium', 'Windsurf (Codeium)'],
]);

/**
 * The chat extension VS Code 1.139 bundles (product.json `defaultChatAgent.chatExtensionId`,
 * shipped in `extensions/copilot`). Its agent tools read, edit and create files once it is enabled.
 */
export const BUNDLED_CHAT_EXTENSION = 'github.copilot-chat';
