import { randomUUID } from 'node:crypto';
import { SIGNATURE_HEADER, signWebhook, TIMESTAMP_HEADER } from './sign-webhook';

export interface WebhookTarget {
  readonly url: string;
  readonly secret: string;
}

export interface WebhookRetry {
  /** Tries in all, the first included. */
  readonly attempts: number;
  /** Wait before the second try; each later wait doubles. */
  readonly baseDelayMs: number;
}

/** Four tries over about seven seconds: rides out a receiver's restart, then gives up. */
export const DEFAULT_WEBHOOK_RETRY: WebhookRetry = { attempts: 4, baseDelayMs: 1_000 };

/** Time one try may take: a hung receiver must not hold the alert queue. */
const ATTEMPT_TIMEOUT_MS = 10_000;

export type WebhookResult =
  | { readonly delivered: true; readonly status: number; readonly attempts: number }
  | { readonly delivered: false; readonly error: string; readonly attempts: number };

/**
 * POSTs `payload` as JSON, signed (sign-webhook.ts), retrying with exponential backoff on a
 * network error, a timeout, 429 or 5xx; a 4xx or a redirect is the receiver's final word.
 * Never throws: the result says how it went. The secret is never part of an error.
 */
export async function sendWebhook(
  target: WebhookTarget,
  payload: Record<string, unknown>,
  retry: WebhookRetry = DEFAULT_WEBHOOK_RETRY,
  fetchImpl: typeof fetch = fetch,
): Promise<WebhookResult> {
  const body = JSON.stringify(payload);
  // One id for every try: a receiver that saw an earlier try can drop the repeat.
  const deliveryId = randomUUID();
  let error = '';
  let tried = 0;
  for (let attempt = 1; attempt <= retry.attempts; attempt++) {
    tried = attempt;
    if (attempt > 1) await sleep(retry.baseDelayMs * 2 ** (attempt - 2));
    // A fresh timestamp and signature per try: the receiver's replay window starts anew.
    const timestamp = String(Math.floor(Date.now() / 1000));
    try {
      const response = await fetchImpl(target.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'oneapi-alerts',
          'x-oneapi-delivery': deliveryId,
          [TIMESTAMP_HEADER]: timestamp,
          [SIGNATURE_HEADER]: signWebhook(target.secret, timestamp, body),
        },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(ATTEMPT_TIMEOUT_MS),
      });
      await response.body?.cancel();
      if (response.ok) return { delivered: true, status: response.status, attempts: attempt };
      error = `the receiver answered HTTP ${response.status}`;
      if (response.status !== 429 && response.status < 500) break;
    } catch (cause) {
      error = `the receiver could not be reached: ${describe(cause)}`;
    }
  }
  return { delivered: false, error: error.replaceAll(target.secret, '***'), attempts: tried };
}

function describe(cause: unknown): string {
  if (cause instanceof Error) {
    const inner = (cause as { cause?: unknown }).cause;
    return inner instanceof Error ? `${cause.message} (${inner.message})` : cause.message;
  }
  return String(cause);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
