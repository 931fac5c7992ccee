import type { AuditRow, AuditViewHostMessage, AuditViewMessage } from '../../src/core/protocol/auditViewProtocol';

interface VsCodeApi {
  postMessage(message: AuditViewMessage): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const byId = <T extends HTMLElement>(id: string): T => {
  const element = document.getElementById(id);
  if (!element) throw new Error(`audit page is missing #${id}`);
  return element as T;
};
const decisionFilter = byId<HTMLSelectElement>('filter-decision');
const toolFilter = byId<HTMLInputElement>('filter-text');
const sinceFilter = byId<HTMLSelectElement>('filter-since');
const tableBody = byId<HTMLTableSectionElement>('rows');
const summary = byId('summary');
const integrity = byId('integrity');
let rows: AuditRow[] = [];

const SINCE_MS: Record<string, number> = { all: Infinity, hour: 3_600_000, day: 86_400_000, week: 604_800_000 };

function visible(row: AuditRow, now: number): boolean {
  const decision = decisionFilter.value;
  const text = toolFilter.value.trim().toLowerCase();
  const since = SINCE_MS[sinceFilter.value] ?? Infinity;
  if (decision !== 'all' && row.decision !== decision) return false;
  if (text && ![row.tool, row.action, row.target, row.reason, row.actor].some((field) => field.toLowerCase().includes(text))) return false;
  return since === Infinity || now - Date.parse(row.time) <= since;
}

function cell(text: string, className = ''): HTMLTableCellElement {
  const td = document.createElement('td');
  td.textContent = text;
  if (className) td.className = className;
  return td;
}

function render(): void {
  const now = Date.now();
  // Newest first: what just happened is what people open the log to see.
  const shown = rows.filter((row) => visible(row, now)).sort((a, b) => b.seq - a.seq);
  tableBody.replaceChildren(...shown.map((row) => {
    const tr = document.createElement('tr');
    tr.dataset.decision = row.decision;
    tr.append(cell(String(row.seq)), cell(new Date(row.time).toLocaleString()), cell(row.actor), cell(row.tool || '—'), cell(row.action), cell(row.target, 'target'), cell(row.decision || '—', `decision ${row.decision}`), cell([row.reason, row.rule].filter(Boolean).join(' · '), 'reason'));
    return tr;
  }));
  summary.textContent = `${shown.length} of ${rows.length} entries`;
}

window.addEventListener('message', (event: MessageEvent<AuditViewHostMessage>) => {
  const message = event.data;
  if (message.type === 'error') {
    integrity.textContent = message.message;
    integrity.dataset.ok = 'false';
    return;
  }
  rows = message.rows;
  integrity.textContent = `${message.integrity.message}${message.truncated ? ' · showing the most recent entries' : ''} · ${message.file}`;
  integrity.dataset.ok = String(message.integrity.ok);
  render();
});
for (const control of [decisionFilter, sinceFilter]) control.addEventListener('change', render);
toolFilter.addEventListener('input', render);
byId('refresh').addEventListener('click', () => vscode.postMessage({ type: 'refresh' }));
vscode.postMessage({ type: 'ready' });
