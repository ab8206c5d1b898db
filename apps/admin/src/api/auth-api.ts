import { request, setCsrfToken } from './request';
import type { SelfUser, User } from './types';

export const getStatus = () => request<{ setupRequired: boolean }>('GET', '/api/status');

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

/** The signed-in user, keeping the CSRF token so a reloaded page can still write. */
export async function getSelf(): Promise<SelfUser> {
  const self = await request<SelfUser>('GET', '/api/user/self');
  if (self.csrfToken) setCsrfToken(self.csrfToken);
  return self;
}

export async function signOut(): Promise<void> {
  await request('POST', '/api/auth/logout');
  setCsrfToken(null);
}
