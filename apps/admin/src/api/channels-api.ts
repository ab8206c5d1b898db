import { request } from './request';
import type { Channel, ChannelStatus, ChannelTestReport, Page } from './types';

export interface NewChannel {
  type: string;
  name: string;
  /** One key per line; write-only. */
  key: string;
  baseUrl: string | null;
  models: string[];
  groups: string[];
  priority: number;
  weight: number;
  allowPrivateNetwork: boolean;
}

export const listChannels = () => request<Page<Channel>>('GET', '/api/channels?limit=500');

export const createChannel = (input: NewChannel) =>
  request<Channel>('POST', '/api/channels', input);

/** Only the fields sent change; without `key` the keys stay as they are. */
export type ChannelPatch = Partial<NewChannel>;

export const updateChannel = (id: number, patch: ChannelPatch) =>
  request<Channel>('PATCH', `/api/channels/${id}`, patch);

export const setChannelStatus = (id: number, status: Exclude<ChannelStatus, 'auto_disabled'>) =>
  request<Channel>('PATCH', `/api/channels/${id}`, { status });

export const deleteChannel = (id: number) => request<void>('DELETE', `/api/channels/${id}`);

/** One small chat through this channel only; the report says whether it passed. */
export const testChannel = (id: number) =>
  request<ChannelTestReport>('POST', `/api/channels/${id}/test`);

/** The models the upstream lists (OpenAI-compatible types only). */
export const listUpstreamModels = async (id: number) =>
  (await request<{ models: string[] }>('GET', `/api/channels/${id}/upstream-models`)).models;
