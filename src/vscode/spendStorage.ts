import type * as vscode from 'vscode';
import type { MonthlySpend, SpendStore } from '../core/cost/spendStore';

/**
 * The month's spending per remote API in the extension's global state: it follows the user
 * across workspaces (the bill does too) and never lands in a repository.
 */
export function globalStateSpendStore(state: vscode.Memento): SpendStore {
  return {
    get: (key) => {
      const value = state.get<unknown>(key);
      return isSpend(value) ? value : undefined;
    },
    set: (key, spend) => Promise.resolve(state.update(key, spend)),
  };
}

function isSpend(value: unknown): value is MonthlySpend {
  if (typeof value !== 'object' || value === null) return false;
  const spend = value as Record<string, unknown>;
  return typeof spend.usd === 'number' && Number.isFinite(spend.usd) && spend.usd >= 0 && typeof spend.estimated === 'boolean' && typeof spend.warned === 'boolean';
}
