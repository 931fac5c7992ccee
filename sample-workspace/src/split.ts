import { splitEvenly, type Cents } from './money.js';

export interface Expense {
  payer: string;
  amount: Cents;
  /** Empty means everyone in the group. */
  participants: string[];
}

export interface Transfer {
  from: string;
  to: string;
  amount: Cents;
}

/** Positive balance: the person is owed money. Negative: the person owes. */
export function balances(expenses: Expense[]): Map<string, Cents> {
  const everyone = [...new Set(expenses.flatMap((e) => [e.payer, ...e.participants]))];
  const result = new Map<string, Cents>(everyone.map((name) => [name, 0]));
  for (const expense of expenses) {
    const sharers = expense.participants.length > 0 ? expense.participants : everyone;
    const shares = splitEvenly(expense.amount, sharers.length);
    result.set(expense.payer, (result.get(expense.payer) ?? 0) + expense.amount);
    sharers.forEach((name, i) => result.set(name, (result.get(name) ?? 0) - (shares[i] ?? 0)));
  }
  return result;
}

/** Greedy settle-up: the biggest debtor pays the biggest creditor until all are even. */
export function settle(balance: Map<string, Cents>): Transfer[] {
  const debtors = [...balance].filter(([, v]) => v < 0).map(([name, v]) => ({ name, left: -v }));
  const creditors = [...balance].filter(([, v]) => v > 0).map(([name, v]) => ({ name, left: v }));
  debtors.sort((a, b) => b.left - a.left);
  creditors.sort((a, b) => b.left - a.left);
  const transfers: Transfer[] = [];
  let d = 0;
  let c = 0;
  while (d < debtors.length && c < creditors.length) {
    const debtor = debtors[d]!;
    const creditor = creditors[c]!;
    const amount = Math.min(debtor.left, creditor.left);
    transfers.push({ from: debtor.name, to: creditor.name, amount });
    debtor.left -= amount;
    creditor.left -= amount;
    if (debtor.left === 0) d++;
    if (creditor.left === 0) c++;
  }
  return transfers;
}
