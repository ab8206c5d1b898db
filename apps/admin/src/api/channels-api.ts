import { request } from './request';
import type { Channel, ChannelStatus, Page } from './types';

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

export const setChannelStatus = (id: number, status: Exclude<ChannelStatus, 'auto_disabled'>) =>
  request<Channel>('PATCH', `/api/channels/${id}`, { status });

export const deleteChannel = (id: number) => request<void>('DELETE', `/api/channels/${id}`);
