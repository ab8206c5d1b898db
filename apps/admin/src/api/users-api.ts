import { request } from './request';
import type { Page, User, UserRole } from './types';

export interface NewUser {
  username: string;
  password: string;
  displayName?: string;
  role: UserRole;
}

export const listUsers = () => request<Page<User>>('GET', '/api/users?limit=500');

export const createUser = (input: NewUser) => request<User>('POST', '/api/users', input);

/**
 * Adds (or with a negative amount takes back) quota. The idempotency key makes a retried
 * request count once, so it is generated per submitted form, not per HTTP attempt.
 */
export const topUpQuota = (
  userId: number,
  input: { amount: number; reason: string; idempotencyKey: string },
) => request<{ applied: boolean; quota: number }>('POST', `/api/users/${userId}/quota`, input);
