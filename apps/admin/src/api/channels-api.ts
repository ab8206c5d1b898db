import { request } from './request';
import type { Channel, ChannelBalance, ChannelStatus, ChannelTestReport, Page } from './types';

/** The admin API's own shapes, generated from the gateway's OpenAPI document (admin-api.gen.ts). */
type Operations = import('./admin-api.gen').operations;

/** POST /api/channels: `key` is one key per line, write-only. */
export type NewChannel =
  Operations['postApiChannels']['requestBody']['content']['application/json'];
/** Only the fields sent change; without `key` the keys stay as they are. */
export type ChannelPatch = NonNullable<
  Operations['patchApiChannelsId']['requestBody']
>['content']['application/json'];
/** Headers and top-level body fields set or removed on every request to the channel. */
export type RequestOverrides = NonNullable<NewChannel['overrides']>;

/** A channel type the gateway can talk to (GET /api/providers), with its settings. */
export type ProviderSummary =
  Operations['getApiProviders']['responses'][200]['content']['application/json']['items'][number];
/** One setting of a provider, for the channel form. */
export type ConfigField = ProviderSummary['configFields'][number];

export const listProviders = () =>
  request<{ items: ProviderSummary[] }>('GET', '/api/providers').then(({ items }) => items);

export const listChannels = () => request<Page<Channel>>('GET', '/api/channels?limit=500');

export const createChannel = (input: NewChannel) =>
  request<Channel>('POST', '/api/channels', input);

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

export type BulkAction = 'enable' | 'disable' | 'delete';

/** One action on up to 500 channels; `affected` counts those that changed. */
export const bulkChangeChannels = (ids: readonly number[], action: BulkAction) =>
  request<{ affected: number }>('POST', '/api/channels/bulk', { ids, action });

/** Root only, with the password typed again: the channel's keys in full. */
export const revealChannelKeys = async (id: number, password: string) =>
  (await request<{ keys: string[] }>('POST', `/api/channels/${id}/key`, { password })).keys;

/** The upstream account's balance for the channel's first key (some types only; else 400). */
export const getChannelBalance = (id: number) =>
  request<ChannelBalance>('GET', `/api/channels/${id}/balance`);
