import { afterEach, describe, expect, it } from 'vitest';
import {
  startWebhookReceiver,
  type WebhookReceiver,
} from '../testing/alerts/start-webhook-receiver';
import { sendWebhook } from './send-webhook';
import { signWebhook, verifyWebhookSignature } from './sign-webhook';

const SECRET = 'whsec-test-secret-5f1a9c';
const FAST = { attempts: 4, baseDelayMs: 5 };

describe('signed webhooks', () => {
  let receiver: WebhookReceiver | undefined;
  afterEach(async () => {
    await receiver?.close();
    receiver = undefined;
  });

  it('POSTs the JSON with a signature over the timestamp and the raw body', async () => {
    receiver = await startWebhookReceiver(SECRET);
    const result = await sendWebhook(
      { url: receiver.url, secret: SECRET },
      { type: 'test', occurredAt: '2026-01-01T00:00:00.000Z' },
      FAST,
    );
    expect(result).toEqual({ delivered: true, status: 200, attempts: 1 });
    const [delivery] = receiver.received;
    expect(delivery!.signatureValid).toBe(true);
    expect(delivery!.body).toEqual({ type: 'test', occurredAt: '2026-01-01T00:00:00.000Z' });
    expect(delivery!.headers['x-oneapi-signature']).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(JSON.stringify(delivery!.headers)).not.toContain(SECRET);
  });

  it('retries a 5xx with backoff and stops at the first success', async () => {
    receiver = await startWebhookReceiver(SECRET, [500, 503]);
    const result = await sendWebhook({ url: receiver.url, secret: SECRET }, { type: 'test' }, FAST);
    expect(result).toEqual({ delivered: true, status: 200, attempts: 3 });
    expect(receiver.received.map((delivery) => delivery.answered)).toEqual([500, 503, 200]);
    // The same delivery id on every try, each freshly signed.
    const ids = new Set(receiver.received.map((delivery) => delivery.headers['x-oneapi-delivery']));
    expect(ids.size).toBe(1);
    expect(receiver.received.every((delivery) => delivery.signatureValid)).toBe(true);
  });

  it('gives up after the last attempt, and takes a 4xx as final', async () => {
    receiver = await startWebhookReceiver(SECRET, [500, 500, 500, 500, 500]);
    const failed = await sendWebhook({ url: receiver.url, secret: SECRET }, { type: 'a' }, FAST);
    expect(failed).toEqual({
      delivered: false,
      error: 'the receiver answered HTTP 500',
      attempts: 4,
    });
    expect(receiver.received).toHaveLength(4);

    await receiver.close();
    receiver = await startWebhookReceiver(SECRET, [410]);
    const refused = await sendWebhook({ url: receiver.url, secret: SECRET }, { type: 'b' }, FAST);
    expect(refused).toMatchObject({ delivered: false, attempts: 1 });
    expect(receiver.received).toHaveLength(1);
  });

  it('verifies only the exact body and timestamp with the right secret', () => {
    const signature = signWebhook(SECRET, '1700000000', '{"type":"test"}');
    expect(verifyWebhookSignature(SECRET, '1700000000', '{"type":"test"}', signature)).toBe(true);
    expect(verifyWebhookSignature(SECRET, '1700000001', '{"type":"test"}', signature)).toBe(false);
    expect(verifyWebhookSignature(SECRET, '1700000000', '{"type":"tesT"}', signature)).toBe(false);
    expect(verifyWebhookSignature('other', '1700000000', '{"type":"test"}', signature)).toBe(false);
  });
});
