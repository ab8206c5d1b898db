import { t } from '../i18n/t';
import { ApiError, toApiError } from './api-error';

// Cookie sessions must echo this on every write; it comes from sign-in or GET /api/user/self.
let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Calls the gateway's admin API with the session cookie; throws ApiError on any failure. */
export async function request<T>(method: HttpMethod, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
  } catch {
    throw new ApiError(t('common.unreachable'), 0, null, null);
  }
  const parsed = await readJson(response);
  if (!response.ok) throw toApiError(response.status, parsed);
  return parsed as T;
}

/** A body as JSON when it is JSON, else its text (a proxy's HTML page), else undefined. */
export async function readJson(response: Response): Promise<unknown> {
  if (response.status === 204) return undefined;
  const text = await response.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
