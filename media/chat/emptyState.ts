/** Example prompts shown in an empty chat: clicking one puts it in the message box. */
export const EXAMPLE_PROMPTS = [
  'Summarize what this workspace does and how it is organised',
  'Find where errors are handled in src/ and suggest improvements',
  'Write unit tests for the file I have open',
] as const;

const CAPABILITIES = [
  ['search', 'Reads and searches the files your policy allows; secrets such as .env stay out of reach.'],
  ['edit', 'Proposes edits; nothing is written until you allow it, with a diff.'],
  ['globe', 'Fetches web pages only from hosts your firewall allows.'],
  ['shield', 'Logs every decision to a tamper-evident audit log.'],
] as const;

/**
 * What Airlock can do and a few prompts to start with, shown while the chat is empty. It hides
 * itself as soon as `messages` has content (however it got there: a turn, a restored chat).
 */
export function showEmptyState(messages: HTMLElement, onExample: (text: string) => void): HTMLElement {
  const section = document.createElement('section');
  section.id = 'empty-state';
  section.setAttribute('aria-label', 'Getting started');
  const title = document.createElement('h2');
  title.textContent = 'A coding agent behind a guard';
  const list = document.createElement('ul');
  list.className = 'capabilities';
  for (const [icon, text] of CAPABILITIES) {
    const item = document.createElement('li');
    const glyph = document.createElement('span');
    glyph.className = `codicon codicon-${icon}`;
    glyph.setAttribute('aria-hidden', 'true');
    item.append(glyph, document.createTextNode(text));
    list.append(item);
  }
  const heading = document.createElement('h3');
  heading.textContent = 'Try';
  const examples = document.createElement('div');
  examples.className = 'examples';
  for (const text of EXAMPLE_PROMPTS) {
    const example = document.createElement('button');
    example.className = 'example-prompt';
    example.textContent = text;
    example.addEventListener('click', () => onExample(text));
    examples.append(example);
  }
  section.append(title, list, heading, examples);
  messages.before(section);
  const update = (): void => {
    section.hidden = messages.childElementCount > 0;
  };
  new MutationObserver(update).observe(messages, { childList: true });
  update();
  return section;
}
