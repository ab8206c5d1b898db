import { request } from './request';
import type { CreatedToken, Page, Token } from './types';

export interface NewToken {
  name: string;
  unlimitedQuota: boolean;
  remainQuota: number;
  /** Milliseconds since the epoch, or null for never. */
  expiresAt: number | null;
  /** null: every model the group may use. */
  allowedModels: string[] | null;
  /** null: any client address; else addresses and CIDR ranges. */
  allowedIps: string[] | null;
}

/** Own keys: admins would see everyone's without `userId`, so it is always sent. */
export const listTokens = (userId: number) =>
  request<Page<Token>>('GET', `/api/tokens?limit=500&userId=${userId}`);

/** Without `userId` the key is one's own; admins may name a plain user, root anyone. */
export const createToken = (input: NewToken & { userId?: number }) =>
  request<CreatedToken>('POST', '/api/tokens', input);

/** Only the fields given change; a later expiry or new quota brings a stopped key back. */
export const updateToken = (id: number, patch: Partial<NewToken>) =>
  request<Token>('PATCH', `/api/tokens/${id}`, patch);

export const setTokenStatus = (id: number, status: 'enabled' | 'disabled') =>
  request<Token>('PATCH', `/api/tokens/${id}`, { status });

export const deleteToken = (id: number) => request<void>('DELETE', `/api/tokens/${id}`);
