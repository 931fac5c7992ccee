#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { formatAmount, parseAmount } from './money.js';
import { balances, settle, type Expense } from './split.js';

export function parseExpenses(csv: string): Expense[] {
  return csv
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0 && !line.startsWith('#'))
    .map((line) => {
      const [payer = '', amount = '', participants = ''] = line.split(',');
      return {
        payer: payer.trim(),
        amount: parseAmount(amount),
        participants: participants.split(';').map((p) => p.trim()).filter((p) => p.length > 0),
      };
    });
}

function main(file: string | undefined): void {
  if (!file) {
    console.error('usage: split-the-bill <expenses.csv>');
    process.exitCode = 2;
    return;
  }
  const transfers = settle(balances(parseExpenses(readFileSync(file, 'utf8'))));
  if (transfers.length === 0) console.log('Everyone is even.');
  for (const t of transfers) console.log(`${t.from} pays ${t.to} ${formatAmount(t.amount)}`);
}

main(process.argv[2]);
