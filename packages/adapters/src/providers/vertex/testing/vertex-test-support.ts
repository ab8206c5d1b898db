import { generateKeyPairSync } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/* Test support for the Vertex tests: a fake service account and a local token server. */

export function createFakeServiceAccount(overrides: Record<string, unknown> = {}) {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  const json = JSON.stringify({
    type: 'service_account',
    project_id: 'sa-project',
    private_key_id: 'key-id-1',
    private_key: privateKey,
    client_email: 'gateway@sa-project.iam.gserviceaccount.com',
    // Must be ignored: the key file may not choose where assertions go.
    token_uri: 'https://token.invalid/token',
    ...overrides,
  });
  return { json, publicKey };
}

export interface TokenServer {
  readonly url: string;
  /** Form bodies received, in order. */
  readonly requests: Array<{ contentType: string | undefined; form: URLSearchParams }>;
  /** Replaces the answer for the following requests. */
  respondWith(status: number, body: unknown): void;
  close(): Promise<void>;
}

/** An OAuth token endpoint on 127.0.0.1 that hands out `token-1`, `token-2`, ... */
export async function startTokenServer(): Promise<TokenServer> {
  const requests: TokenServer['requests'] = [];
  let override: { status: number; body: unknown } | undefined;
  const server = createServer(async (request: IncomingMessage, response: ServerResponse) => {
    let text = '';
    for await (const piece of request) text += piece;
    requests.push({
      contentType: request.headers['content-type'],
      form: new URLSearchParams(text),
    });
    const answer = override ?? {
      status: 200,
      body: { access_token: `token-${requests.length}`, expires_in: 3600, token_type: 'Bearer' },
    };
    response.writeHead(answer.status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(answer.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/token`,
    requests,
    respondWith: (status, body) => {
      override = { status, body };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
