import type { TestGateway } from './create-test-gateway';

/**
 * What a browser does in a sign-in through a provider, for tests without one: asks the
 * gateway to start, walks the provider's redirects with the provider's cookies, presses the
 * one button of its login page (a form or a link), and brings the callback back to the
 * gateway with the flow cookie. Each step can be tampered with.
 */
export async function signInThroughProvider(
  gateway: TestGateway,
  provider: 'oidc' | 'github',
  options: {
    /** The public base of the gateway (PUBLIC_URL): where the walk stops. */
    readonly publicUrl: string;
    /** Changes the provider's authorize URL before it is visited (e.g. its nonce). */
    readonly tamperAuthorize?: (url: URL) => void;
    /** Changes the callback URL before the gateway gets it (e.g. its state). */
    readonly tamperCallback?: (url: URL) => void;
    /** Leaves out the flow cookie, as another browser would. */
    readonly withoutFlowCookie?: boolean;
  },
): Promise<{
  status: number;
  location: string;
  sessionCookie: string | undefined;
  /** Set instead of a session when the user has a second factor to give. */
  pendingSignInCookie: string | undefined;
}> {
  const start = await gateway.app.request(`/api/auth/sso/${provider}/start`);
  if (start.status !== 302) throw new Error(`start answered ${start.status}`);
  const flowCookie = cookiePairs(start.headers.getSetCookie()).join('; ');
  let url = new URL(start.headers.get('location')!);
  options.tamperAuthorize?.(url);
  const jar = new Map<string, string>();
  let method = 'GET';
  for (let step = 0; !url.href.startsWith(options.publicUrl); step++) {
    if (step > 20) throw new Error('too many redirects at the provider');
    const response = await fetch(url, {
      method,
      redirect: 'manual',
      headers: { cookie: [...jar].map(([name, value]) => `${name}=${value}`).join('; ') },
    });
    for (const pair of cookiePairs(response.headers.getSetCookie())) {
      const [name, value] = pair.split(/=(.*)/s) as [string, string];
      jar.set(name, value);
    }
    const location = response.headers.get('location');
    if (location) {
      url = new URL(location, url);
      method = 'GET';
      continue;
    }
    const page = await response.text();
    // The provider's login page: one form to post, or one link to follow.
    const action = /action="([^"]+)"/.exec(page)?.[1];
    const link = /href="([^"]+)"/.exec(page)?.[1];
    if (!action && !link) throw new Error(`the provider answered ${response.status}: ${page}`);
    url = new URL((action ?? link)!.replaceAll('&amp;', '&'), url);
    method = action ? 'POST' : 'GET';
  }
  options.tamperCallback?.(url);
  const callback = await gateway.app.request(`${url.pathname}${url.search}`, {
    headers: options.withoutFlowCookie ? {} : { cookie: flowCookie },
  });
  const cookieNamed = (name: string) =>
    cookiePairs(callback.headers.getSetCookie()).find(
      (pair) => pair.startsWith(`${name}=`) && pair !== `${name}=`,
    );
  return {
    status: callback.status,
    location: callback.headers.get('location') ?? '',
    sessionCookie: cookieNamed('oneapi_session'),
    pendingSignInCookie: cookieNamed('oneapi_pending_sign_in'),
  };
}

/** `name=value` of each Set-Cookie, without attributes. */
function cookiePairs(setCookies: string[]): string[] {
  return setCookies.map((line) => line.split(';')[0]!.trim());
}
