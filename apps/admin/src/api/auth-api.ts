import { request, setCsrfToken } from './request';
import type { SelfUser, SiteStatus, User } from './types';

export const getStatus = () => request<SiteStatus>('GET', '/api/status');

export const runSetup = (input: { setupToken: string; username: string; password: string }) =>
  request<{ ok: true }>('POST', '/api/setup', input);

export async function signIn(username: string, password: string): Promise<User> {
  const result = await request<{ user: User; csrfToken: string }>('POST', '/api/auth/login', {
    username,
    password,
  });
  setCsrfToken(result.csrfToken);
  return result.user;
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
 * error), keeping the CSRF token so a reloaded page can still write.
 */
export async function getSession(): Promise<User | null> {
  const session = await request<
    { signedIn: false } | { signedIn: true; user: User; csrfToken: string }
  >('GET', '/api/auth/session');
  if (!session.signedIn) return null;
  setCsrfToken(session.csrfToken);
  return session.user;
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
