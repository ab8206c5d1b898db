import { describe, expect, it } from 'vitest';
import { CircuitBreaker, DEFAULT_BREAKER } from './circuit-breaker';

const always = () => true;

describe('CircuitBreaker', () => {
  it('opens after 5 consecutive failures, then half-opens for one probe after 30 s', () => {
    const breaker = new CircuitBreaker(DEFAULT_BREAKER);
    for (let i = 0; i < 4; i++) expect(breaker.onFailure(i, always)).toBeUndefined();
    expect(breaker.onFailure(4, always)).toEqual({
      to: 'open',
      reason: 'consecutive_failures',
      until: 30_004,
    });
    expect(breaker.canPass(30_003)).toBe(false);
    expect(breaker.canPass(30_004)).toBe(true);
    expect(breaker.onSend(30_004)).toEqual({ to: 'half_open' });
    // One probe at a time.
    expect(breaker.canPass(30_005)).toBe(false);
    expect(breaker.onSuccess(30_100)).toEqual({ to: 'closed' });
    expect(breaker.canPass(30_100)).toBe(true);
  });

  it('re-opens for twice as long when the probe fails, capped at maxOpenMs', () => {
    const breaker = new CircuitBreaker({ ...DEFAULT_BREAKER, consecutiveFailures: 1 });
    breaker.onFailure(0, always);
    let now = breaker.openUntil;
    const periods: number[] = [];
    for (let i = 0; i < 6; i++) {
      breaker.onSend(now);
      const transition = breaker.onFailure(now, always);
      expect(transition).toMatchObject({ to: 'open', reason: 'probe_failed' });
      periods.push(breaker.openUntil - now);
      now = breaker.openUntil;
    }
    expect(periods).toEqual([60_000, 120_000, 240_000, 300_000, 300_000, 300_000]);
  });

  it('opens on failure rate once the window holds the minimum', () => {
    const breaker = new CircuitBreaker(DEFAULT_BREAKER);
    // Alternate success and failure: never 5 in a row, but 50% of 20.
    let transition: unknown;
    for (let i = 0; i < 20; i++) {
      transition = i % 2 === 0 ? breaker.onSuccess(i) : breaker.onFailure(i, always);
    }
    expect(transition).toMatchObject({ to: 'open', reason: 'failure_rate' });
  });

  it('forgets outcomes older than the window', () => {
    const breaker = new CircuitBreaker({ ...DEFAULT_BREAKER, consecutiveFailures: 1000 });
    for (let i = 0; i < 19; i++) breaker.onFailure(i, always);
    // 61 s later the old failures have left the window: one more is 1 of 1, below minimum.
    expect(breaker.onFailure(61_000, always)).toBeUndefined();
    expect(breaker.window.count(61_000)).toEqual({ total: 1, failures: 1 });
  });

  it('stays closed when the ejection limit says no, and a neutral outcome frees the probe', () => {
    const breaker = new CircuitBreaker({ ...DEFAULT_BREAKER, consecutiveFailures: 1 });
    expect(breaker.onFailure(0, () => false)).toBeUndefined();
    expect(breaker.state).toBe('closed');
    breaker.onFailure(1, always);
    breaker.onSend(breaker.openUntil);
    expect(breaker.canPass(breaker.openUntil)).toBe(false);
    breaker.onNeutral();
    expect(breaker.canPass(breaker.openUntil)).toBe(true);
    expect(breaker.state).toBe('half_open');
  });
});
