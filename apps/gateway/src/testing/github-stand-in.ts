import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A GitHub account as the stand-in answers for it. */
export interface StandInGithubUser {
  readonly id: number;
  readonly login: string;
  readonly name: string | null;
  readonly emails: ReadonlyArray<{ email: string; primary: boolean; verified: boolean }>;
}

export interface GithubStandIn {
  /** `http://127.0.0.1:<port>`: both GITHUB_OAUTH_BASE_URL and GITHUB_API_BASE_URL. */
  readonly baseUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** Who the authorize page signs in as. */
  user: StandInGithubUser;
  /** The token requests received, for checking what the gateway sent. */
  readonly tokenRequests: Array<Record<string, unknown>>;
  close(): Promise<void>;
}

/**
 * GitHub's OAuth and REST endpoints as documented, on 127.0.0.1: `GET /login/oauth/authorize`
 * (a page with one "Authorize" button that redirects back with a code and the state),
 * `POST /login/oauth/access_token` (JSON with `Accept: application/json`), `GET /user`,
 * `GET /user/emails`.
 */
export async function startGithubStandIn(): Promise<GithubStandIn> {
  const codes = new Map<string, { redirectUri: string; user: StandInGithubUser }>();
  const tokens = new Map<string, StandInGithubUser>();
  const standIn: GithubStandIn = {
    baseUrl: '',
    clientId: 'github-test-client',
    clientSecret: 'github-test-client-secret-0123',
    user: { id: 1, login: 'octocat', name: null, emails: [] },
    tokenRequests: [],
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const json = (response: ServerResponse, status: number, body: unknown) => {
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body));
  };
  const bearerUser = (request: IncomingMessage) =>
    tokens.get(/^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1] ?? '');

  const server: Server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://stand-in');
    let body = '';
    for await (const chunk of request) body += chunk;
    if (request.method === 'GET' && url.pathname === '/login/oauth/authorize') {
      if (url.searchParams.get('client_id') !== standIn.clientId) return json(response, 404, {});
      const code = randomBytes(10).toString('hex');
      const redirectUri = url.searchParams.get('redirect_uri') ?? '';
      codes.set(code, { redirectUri, user: standIn.user });
      const back = new URL(redirectUri);
      back.searchParams.set('code', code);
      back.searchParams.set('state', url.searchParams.get('state') ?? '');
      response.setHeader('content-type', 'text/html; charset=utf-8');
      response.end(
        `<!doctype html><title>GitHub stand-in</title><a href="${back.toString().replace(/&/g, '&amp;')}">Authorize ${standIn.user.login}</a>`,
      );
      return;
    }
    if (request.method === 'POST' && url.pathname === '/login/oauth/access_token') {
      const form = (
        request.headers['content-type']?.includes('json')
          ? JSON.parse(body)
          : Object.fromEntries(new URLSearchParams(body))
      ) as Record<string, string>;
      standIn.tokenRequests.push(form);
      const grant = codes.get(form.code ?? '');
      codes.delete(form.code ?? '');
      if (
        request.headers.accept !== 'application/json' ||
        form.client_id !== standIn.clientId ||
        form.client_secret !== standIn.clientSecret ||
        !grant ||
        grant.redirectUri !== form.redirect_uri
      )
        return json(response, 200, {
          error: 'bad_verification_code',
          error_description: 'The code passed is incorrect or expired.',
        });
      const accessToken = `gho_${randomBytes(16).toString('hex')}`;
      tokens.set(accessToken, grant.user);
      return json(response, 200, {
        access_token: accessToken,
        token_type: 'bearer',
        scope: 'read:user,user:email',
      });
    }
    const user = bearerUser(request);
    if (request.method === 'GET' && url.pathname === '/user') {
      if (!user) return json(response, 401, { message: 'Requires authentication' });
      return json(response, 200, {
        id: user.id,
        login: user.login,
        name: user.name,
        email: user.emails.find((entry) => entry.primary)?.email ?? null,
      });
    }
    if (request.method === 'GET' && url.pathname === '/user/emails') {
      if (!user) return json(response, 401, { message: 'Requires authentication' });
      return json(
        response,
        200,
        user.emails.map((entry) => ({ ...entry, visibility: entry.primary ? 'public' : null })),
      );
    }
    json(response, 404, { message: 'Not Found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  (standIn as { baseUrl: string }).baseUrl =
    `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return standIn;
}
