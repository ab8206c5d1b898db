import { request, setCsrfToken } from './request';
import { type SecondFactorMethod, signedInAs } from './two-factor-api';
import type { SelfUser, SiteStatus, User } from './types';

export const getStatus = () => request<SiteStatus>('GET', '/api/status');

export const runSetup = (input: { setupToken: string; username: string; password: string }) =>
  request<{ ok: true }>('POST', '/api/setup', input);

/** Where a sign-in stands: done, or waiting for a second factor (which the user has). */
export type SignInStep =
  | { kind: 'signed-in'; user: User }
  | { kind: 'second-factor'; methods: SecondFactorMethod[] };

type SecondFactorAsked = { secondFactor: { methods: SecondFactorMethod[] } };

export async function signIn(username: string, password: string): Promise<SignInStep> {
  const result = await request<{ user: User; csrfToken: string } | SecondFactorAsked>(
    'POST',
    '/api/auth/login',
    { username, password },
  );
  if ('secondFactor' in result) return { kind: 'second-factor', ...result.secondFactor };
  return { kind: 'signed-in', user: await signedInAs(result) };
}

export interface Registration {
  username: string;
  password: string;
  /** A verification link is mailed to it when the gateway can send mail; left out: none. */
  email?: string;
  /** Another user's invite code; left out when there is none. */
  inviteCode?: string;
}

/** Self-service sign-up; it creates the account but does not sign in. */
export const register = (input: Registration) => request<User>('POST', '/api/auth/register', input);

/**
 * Who the session cookie signs in, if anyone (200 either way, so a signed-out visit logs no
 * error), keeping the CSRF token so a reloaded page can still write; or the second factor a
 * sign-in begun here (with a password or an identity provider) still waits for.
 */
export async function getSession(): Promise<SignInStep | null> {
  const session = await request<
    | ({ signedIn: false } & Partial<SecondFactorAsked>)
    | { signedIn: true; user: User; csrfToken: string }
  >('GET', '/api/auth/session');
  if (session.signedIn) return { kind: 'signed-in', user: await signedInAs(session) };
  return session.secondFactor ? { kind: 'second-factor', ...session.secondFactor } : null;
}

/** The signed-in user, keeping the CSRF token so a reloaded page can still write. */
export async function getSelf(): Promise<SelfUser> {
  const self = await request<SelfUser>('GET', '/api/user/self');
  if (self.csrfToken) setCsrfToken(self.csrfToken);
  return self;
}

/** One's invite code (made on the first call) and what a sign-up with it brings. */
export const getInvite = () =>
  request<{ inviteCode: string; inviterQuota: number; inviteeQuota: number }>(
    'GET',
    '/api/user/self/invite',
  );

export async function signOut(): Promise<void> {
  await request('POST', '/api/auth/logout');
  setCsrfToken(null);
}
