import { createHmac, timingSafeEqual } from 'node:crypto';

/** Headers of a signed webhook delivery. */
export const TIMESTAMP_HEADER = 'x-oneapi-timestamp';
export const SIGNATURE_HEADER = 'x-oneapi-signature';

/**
 * `sha256=<hex>` of HMAC-SHA256 over `<timestamp>.<raw body>` with the shared secret: the
 * timestamp is signed too, so a receiver that rejects old timestamps cannot be replayed to.
 * (The same scheme as Stripe's and GitHub's, so receivers know how to check it.)
 */
export function signWebhook(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** What a receiver does (docs/admin-api.md shows the same in a few lines). */
export function verifyWebhookSignature(
  secret: string,
  timestamp: string,
  body: string,
  signature: string,
): boolean {
  const expected = Buffer.from(signWebhook(secret, timestamp, body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
