// Money is kept in integer cents so that splitting never accumulates float error.
export type Cents = number;

export function parseAmount(text: string): Cents {
  const match = /^(\d+)(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!match) throw new Error(`not an amount: "${text}"`);
  const whole = Number(match[1]);
  const fraction = Number((match[2] ?? '0').padEnd(2, '0'));
  return whole * 100 + fraction;
}

export function formatAmount(cents: Cents): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Splits an amount into `parts` shares that add up exactly; leftovers go to the first shares. */
export function splitEvenly(cents: Cents, parts: number): Cents[] {
  if (parts <= 0) throw new Error('cannot split between nobody');
  const base = Math.floor(cents / parts);
  const leftover = cents - base * parts;
  return Array.from({ length: parts }, (_, i) => base + (i < leftover ? 1 : 0));
}
