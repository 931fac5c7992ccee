import type { ToolFix } from '../../src/core/protocol/chatProtocol';

/**
 * The fix a blocked tool card offers in place: "Allow example.com for web.fetch…" asks the
 * extension, which confirms in the same modal dialog as the firewall palette command.
 */
export function toolFixButton(fix: ToolFix, onClick: (fix: ToolFix) => void): HTMLButtonElement {
  const button = document.createElement('button');
  button.className = 'text-button tool-fix';
  button.dataset.fixHost = fix.host;
  button.dataset.fixTool = fix.tool;
  button.textContent = `Allow ${fix.host} for ${fix.tool}…`;
  button.title = `Add ${fix.host} to the firewall's allow list for ${fix.tool} (asks first)`;
  button.addEventListener('click', () => onClick(fix));
  return button;
}

/** After the dialog: the card says what became of the fix. */
export function showFixResult(root: HTMLElement, fix: ToolFix, allowed: boolean): void {
  const selector = `.tool-fix[data-fix-tool="${CSS.escape(fix.tool)}"][data-fix-host="${CSS.escape(fix.host)}"]`;
  for (const button of root.querySelectorAll<HTMLButtonElement>(selector)) {
    if (!allowed) continue;
    button.disabled = true;
    button.textContent = `Allowed ${fix.host} for ${fix.tool} — send the request again`;
  }
}
