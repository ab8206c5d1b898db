/// <reference path="./oidc-provider.d.ts" />
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

/** An account of the local issuer: the claims its ID token and userinfo carry. */
export interface PeerAccount {
  readonly email?: string;
  readonly emailVerified?: boolean;
  readonly name?: string;
  readonly preferredUsername?: string;
}

export interface OidcProviderPeer {
  /** `http://127.0.0.1:<port>`: the issuer URL to configure. */
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** The accounts by subject; the login page signs in as `signInAs`. */
  readonly accounts: Map<string, PeerAccount>;
  /** The subject the next login page signs in as. */
  signInAs: string;
  close(): Promise<void>;
}

/**
 * A real OpenID provider (the `oidc-provider` package) on 127.0.0.1, with one confidential
 * client registered for `redirectUri`. Its login page is one button, "Continue as <sub>",
 * which signs in as `signInAs` and grants the scopes asked for; tests post it or click it.
 */
export async function startOidcProviderPeer(
  /** The client's one redirect URI; a function when it is known only later (a browser test). */
  redirectUri: string | (() => string),
): Promise<OidcProviderPeer> {
  const clientId = 'oneapi-test';
  const clientSecret = 'oidc-test-client-secret-0123456789';
  const accounts = new Map<string, PeerAccount>();
  let provider: Provider | undefined;
  const server: Server = createServer((request, response) => {
    // Made on the first request, when the redirect URI is known.
    provider ??= createProvider();
    const interaction = /^\/interaction\/([^/?]+)(\/login)?/.exec(request.url ?? '');
    if (!interaction) return provider.callback()(request, response);
    void handleInteraction(request.method === 'POST', request, response).catch((error) => {
      response.statusCode = 500;
      response.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const createProvider = () =>
    new Provider(issuer, {
      clients: [
        {
          client_id: clientId,
          client_secret: clientSecret,
          redirect_uris: [typeof redirectUri === 'string' ? redirectUri : redirectUri()],
          grant_types: ['authorization_code'],
          response_types: ['code'],
          token_endpoint_auth_method: 'client_secret_post',
        },
      ],
      claims: {
        openid: ['sub'],
        email: ['email', 'email_verified'],
        profile: ['name', 'preferred_username'],
      },
      async findAccount(_context: unknown, sub: string) {
        const account = accounts.get(sub);
        if (!account) return undefined;
        return {
          accountId: sub,
          async claims() {
            return {
              sub,
              ...(account.email !== undefined && { email: account.email }),
              ...(account.emailVerified !== undefined && { email_verified: account.emailVerified }),
              ...(account.name !== undefined && { name: account.name }),
              ...(account.preferredUsername !== undefined && {
                preferred_username: account.preferredUsername,
              }),
            };
          },
        };
      },
      cookies: { keys: ['oidc-peer-cookie-key'] },
      // Set, so the provider does not print a notice for each default it falls back to.
      ttl: { Interaction: 600, Grant: 600, Session: 600, AccessToken: 600, IdToken: 600 },
      features: { devInteractions: { enabled: false } },
    });

  const peer: OidcProviderPeer = {
    issuer,
    clientId,
    clientSecret,
    accounts,
    signInAs: '',
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };

  async function handleInteraction(
    isPost: boolean,
    request: Parameters<Provider['interactionDetails']>[0],
    response: Parameters<Provider['interactionDetails']>[1],
  ) {
    const details = await provider!.interactionDetails(request, response);
    if (!isPost) {
      response.setHeader('content-type', 'text/html; charset=utf-8');
      response.end(
        `<!doctype html><title>Local issuer</title><form method="post" action="/interaction/${details.uid}/login"><button type="submit">Continue as ${peer.signInAs}</button></form>`,
      );
      return;
    }
    // Drain the (empty) form body before answering.
    for await (const _chunk of request);
    const accountId = peer.signInAs;
    const grant = new provider!.Grant({ accountId, clientId });
    grant.addOIDCScope(String(details.params.scope ?? 'openid'));
    await provider!.interactionFinished(
      request,
      response,
      { login: { accountId }, consent: { grantId: await grant.save() } },
      { mergeWithLastSubmission: false },
    );
  }

  return peer;
}
