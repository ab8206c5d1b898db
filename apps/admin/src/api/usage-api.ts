import { request } from './request';

/** One UTC hour of usage, for one model or channel when grouped (GET /api/usage). */
export interface UsageBucket {
  /** Start of the UTC hour, epoch milliseconds. */
  readonly hour: number;
  readonly model?: string;
  readonly userId?: number;
  /** 0: requests that reached no channel. */
  readonly channelId?: number;
  readonly requests: number;
  readonly errors: number;
  readonly promptTokens: number;
  readonly completionTokens: number;
  readonly cachedTokens: number;
  /** Quota spent; 500,000 quota is one US dollar. */
  readonly quota: number;
}

export interface UsageAnswer {
  readonly from: number;
  readonly to: number;
  /** Oldest first; hours without requests are absent. */
  readonly buckets: UsageBucket[];
}

export type UsageGrouping = 'model' | 'channel';

/** Whose usage: one user's (admins), or one API key's (within one's own usage). */
export interface UsageFilter {
  userId?: number;
  tokenId?: number;
}

export interface UsageQuery extends UsageFilter {
  /** Epoch milliseconds, inclusive. */
  from: number;
  /** Epoch milliseconds, exclusive. */
  to: number;
  groupBy: UsageGrouping;
}

const toQuery = ({ from, to, groupBy, userId, tokenId }: UsageQuery) =>
  new URLSearchParams({
    from: String(from),
    to: String(to),
    groupBy,
    ...(userId !== undefined && { userId: String(userId) }),
    ...(tokenId !== undefined && { tokenId: String(tokenId) }),
  }).toString();

/** Admins: everyone's usage. */
export const getUsage = (query: UsageQuery) =>
  request<UsageAnswer>('GET', `/api/usage?${toQuery(query)}`);

/** The signed-in user's own usage, or one of their keys'; it can only be split by model. */
export const getSelfUsage = (query: Omit<UsageQuery, 'groupBy' | 'userId'>) =>
  request<UsageAnswer>('GET', `/api/user/self/usage?${toQuery({ ...query, groupBy: 'model' })}`);
