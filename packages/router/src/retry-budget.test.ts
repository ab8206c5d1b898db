import { describe, expect, it } from 'vitest';
import { RetryBudget } from './retry-budget';

describe('RetryBudget', () => {
  it('allows the minimum when few dispatches are live', () => {
    const budget = new RetryBudget({ percent: 20, minRetries: 3 });
    budget.dispatchStarted();
    expect([1, 2, 3, 4].map(() => budget.tryAcquireRetry())).toEqual([true, true, true, false]);
    budget.releaseRetry();
    expect(budget.tryAcquireRetry()).toBe(true);
  });

  it('scales with live dispatches: 20% of 100 is 20 concurrent retries', () => {
    const budget = new RetryBudget({ percent: 20, minRetries: 3 });
    for (let i = 0; i < 100; i++) budget.dispatchStarted();
    let granted = 0;
    while (budget.tryAcquireRetry()) granted++;
    expect(granted).toBe(20);
    for (let i = 0; i < 50; i++) budget.dispatchFinished();
    budget.releaseRetry();
    expect(budget.tryAcquireRetry()).toBe(false);
    expect(budget.snapshot()).toEqual({ live: 50, retrying: 19 });
  });
});
