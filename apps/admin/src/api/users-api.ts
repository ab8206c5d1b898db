import { request } from './request';
import type { Page, User, UserRole } from './types';

export interface NewUser {
  username: string;
  password: string;
  displayName?: string;
  role: UserRole;
}

/** PATCH /api/users/:id: only the fields given change; a password resets it (and signs out). */
export interface UserPatch {
  displayName?: string;
  email?: string | null;
  groupName?: string;
  role?: UserRole;
  status?: 'enabled' | 'disabled';
  password?: string;
}

export const updateUser = (id: number, patch: UserPatch) =>
  request<User>('PATCH', `/api/users/${id}`, patch);

export const deleteUser = (id: number) => request<void>('DELETE', `/api/users/${id}`);

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
