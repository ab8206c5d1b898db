import { createUpstreamError } from '../../core/upstream-error';
import { AdapterError, type AdapterErrorCode } from '../../spec/adapter-error';
import type { UpstreamErrorResponse } from '../../spec/provider-adapter';
import { type CloudflareErrorBody, cloudflareErrorSchema } from './cloudflare-api';

/** Cloudflare's internal codes that say more than the HTTP status (Workers AI error table). */
const CLOUDFLARE_ERROR_CODES: Readonly<Record<number, AdapterErrorCode>> = {
  10000: 'upstream_auth_failed', // Authentication error
  9109: 'upstream_auth_failed', // Invalid access token
  5007: 'model_not_found', // No such model
  3042: 'model_not_found', // Invalid model ID
  3036: 'upstream_quota_exhausted', // Daily free allocation used up
  3040: 'overloaded', // Out of capacity
};

/** `{"success": false, "errors": [{"code", "message"}]}`; the first error decides. */
export function parseCloudflareError(response: UpstreamErrorResponse): AdapterError {
  const body = cloudflareErrorSchema.safeParse(readJson(response.body)).data;
  const first = body?.errors[0];
  return createUpstreamError({
    status: response.status,
    headers: response.headers,
    message: describe(body) ?? (response.body.trim() || 'no error message'),
    code: first?.code !== undefined ? CLOUDFLARE_ERROR_CODES[first.code] : undefined,
  });
}

/** An error payload met inside a stream, after HTTP 200. */
export function createCloudflareStreamError(body: CloudflareErrorBody | undefined): AdapterError {
  const code = body?.errors[0]?.code;
  return new AdapterError(
    (code !== undefined && CLOUDFLARE_ERROR_CODES[code]) || 'upstream_server_error',
    `Upstream stream error: ${describe(body) ?? 'unknown error'}`,
  );
}

function describe(body: CloudflareErrorBody | undefined): string | undefined {
  if (!body || body.errors.length === 0) return undefined;
  return body.errors
    .map((error) => `${error.code ?? '?'} ${error.message ?? ''}`.trim())
    .join('; ');
}

function readJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
