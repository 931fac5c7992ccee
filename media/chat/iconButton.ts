/** A codicon glyph, hidden from screen readers: the control around it carries the label. */
export function codicon(name: string): HTMLElement {
  const element = document.createElement('span');
  element.className = `codicon codicon-${name}`;
  element.setAttribute('aria-hidden', 'true');
  return element;
}

/** A button with a codicon and a short caption, titled and labelled for screen readers by `label`. */
export function iconButton(className: string, icon: string, text: string, label: string): HTMLButtonElement {
  const button = document.createElement('button');
  button.className = className;
  button.title = label;
  button.setAttribute('aria-label', label);
  const caption = document.createElement('span');
  caption.textContent = text;
  button.append(codicon(icon), caption);
  return button;
}
