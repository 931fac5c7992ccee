/** How full the model's context window was for the last request: a bar and a line of text. */
export function showContextUse(meter: HTMLElement, used: number, limit: number, trimmed: number): void {
  const percent = limit > 0 ? Math.min(100, Math.round((used / limit) * 100)) : 0;
  meter.hidden = false;
  meter.setAttribute('aria-valuenow', String(percent));
  meter.dataset.level = percent >= 90 ? 'full' : percent >= 70 ? 'high' : 'ok';
  const bar = meter.querySelector<HTMLElement>('.context-bar-fill');
  if (bar) bar.style.width = `${percent}%`;
  const text = `Context ${percent}% of ${limit.toLocaleString()} tokens${trimmed > 0 ? ` · ${trimmed} older message${trimmed === 1 ? '' : 's'} trimmed` : ''}`;
  const label = meter.querySelector('.context-text');
  if (label) label.textContent = text;
  meter.setAttribute('aria-valuetext', text);
}

export function clearContextUse(meter: HTMLElement): void {
  meter.hidden = true;
}
