import { LedgerError } from '../ledger-error';
import type { RateLimitDecision, RuleState } from './counter-store';

/** OpenAI's duration format for reset headers: `1s`, `6m0s`, `0.25s`. */
export function formatResetDuration(ms: number): string {
  const seconds = Math.max(ms, 0) / 1000;
  if (seconds < 60) return `${Number(seconds.toFixed(3))}s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes}m${Number((seconds - minutes * 60).toFixed(3))}s`;
}

// The headers describe the tightest rule of each unit, as a client would budget against it.
function tightest(states: readonly RuleState[], unit: 'requests' | 'tokens') {
  return states
    .filter((state) => state.rule.unit === unit)
    .reduce<RuleState | undefined>(
      (best, state) => (!best || state.remaining < best.remaining ? state : best),
      undefined,
    );
}

/**
 * `x-ratelimit-{limit,remaining,reset}-{requests,tokens}` as OpenAI sends them, plus
 * `retry-after` (whole seconds, rounded up) when the request was refused.
 */
export function rateLimitHeaders(decision: RateLimitDecision): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const unit of ['requests', 'tokens'] as const) {
    const state = tightest(decision.states, unit);
    if (!state) continue;
    headers[`x-ratelimit-limit-${unit}`] = String(state.rule.limit);
    headers[`x-ratelimit-remaining-${unit}`] = String(state.remaining);
    headers[`x-ratelimit-reset-${unit}`] = formatResetDuration(state.resetMs);
  }
  if (!decision.allowed) headers['retry-after'] = String(retryAfterSeconds(decision));
  return headers;
}

const retryAfterSeconds = (decision: RateLimitDecision) =>
  Math.max(Math.ceil(decision.retryAfterMs / 1000), 1);

/** The 429 for a refused decision, in OpenAI's shape through `toOpenAIError()`. */
export function toRateLimitError(decision: RateLimitDecision): LedgerError {
  const rule = decision.blockedBy;
  const what = rule
    ? `${rule.limit} ${rule.unit} per ${rule.windowMs / 1000}s on ${rule.key}`
    : 'a limit';
  return new LedgerError(
    'rate_limited',
    `Rate limit reached (${what}). Please try again in ${formatResetDuration(decision.retryAfterMs)}.`,
    { retryAfterSeconds: retryAfterSeconds(decision) },
  );
}
