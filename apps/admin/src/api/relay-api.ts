import { t } from '../i18n/t';
import { ApiError, toApiError } from './api-error';
import { readJson } from './request';

/**
 * The OpenAI-compatible relay under /v1, called the way any client calls it: with an API
 * key, never the session cookie (the Playground's own key; see playground-key.ts).
 */
async function relayFetch(
  key: string,
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: string; signal?: AbortSignal },
): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(path, {
      ...init,
      credentials: 'omit',
      headers: { ...init.headers, authorization: `Bearer ${key}` },
    });
  } catch (error) {
    if (init.signal?.aborted) throw error;
    throw new ApiError(t('common.unreachable'), 0, null, null);
  }
  // Relay errors have the admin API's OpenAI shape: the same reader works.
  if (!response.ok) throw toApiError(response.status, await readJson(response));
  return response;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** GET /v1/models: the models this key and its owner's group may use, sorted. */
export async function listRelayModels(key: string): Promise<string[]> {
  const response = await relayFetch(key, '/v1/models', { headers: { accept: 'application/json' } });
  const body = await readJson(response);
  const data = isRecord(body) && Array.isArray(body.data) ? body.data : [];
  return data
    .flatMap((model) => (isRecord(model) && typeof model.id === 'string' ? [model.id] : []))
    .sort();
}

export interface ChatMessage {
  readonly role: 'user' | 'assistant';
  readonly content: string;
}

/**
 * POST /v1/chat/completions with `stream: true` (and the usage chunk at the end): the
 * response body, to read with readChatStream. A refusal before the stream starts (no
 * quota, unknown model) is thrown as an ApiError.
 */
export async function streamChat(
  key: string,
  model: string,
  messages: readonly ChatMessage[],
  signal: AbortSignal,
): Promise<ReadableStream<Uint8Array>> {
  const response = await relayFetch(key, '/v1/chat/completions', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
    body: JSON.stringify({
      model,
      messages,
      stream: true,
      stream_options: { include_usage: true },
    }),
    signal,
  });
  if (!response.body) throw new ApiError(t('common.noStream'), response.status, null, null);
  return response.body;
}
