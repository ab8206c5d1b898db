import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyWebhookSignature } from '../../alerts/sign-webhook';

export interface ReceivedWebhook {
  readonly headers: IncomingHttpHeaders;
  readonly body: Record<string, unknown>;
  /** Whether the signature checked out against the receiver's secret. */
  readonly signatureValid: boolean;
  /** The status the receiver answered. */
  readonly answered: number;
}

export interface WebhookReceiver {
  readonly url: string;
  readonly received: ReceivedWebhook[];
  waitFor(count: number): Promise<ReceivedWebhook[]>;
  close(): Promise<void>;
}

/**
 * A real HTTP receiver on 127.0.0.1 that checks each delivery's signature with `secret`, as
 * an operator's endpoint would, and answers the statuses of `answers` in turn (then 200).
 */
export async function startWebhookReceiver(
  secret: string,
  answers: number[] = [],
): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const waiters: Array<() => void> = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const answered = answers.shift() ?? 200;
      received.push({
        headers: request.headers,
        body: JSON.parse(raw) as Record<string, unknown>,
        signatureValid: verifyWebhookSignature(
          secret,
          String(request.headers['x-oneapi-timestamp']),
          raw,
          String(request.headers['x-oneapi-signature']),
        ),
        answered,
      });
      for (const wake of waiters.splice(0)) wake();
      response.writeHead(answered).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/oneapi`,
    received,
    async waitFor(count) {
      while (received.length < count) await new Promise<void>((resolve) => waiters.push(resolve));
      return received;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
