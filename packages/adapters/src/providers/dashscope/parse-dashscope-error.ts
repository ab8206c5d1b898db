import { createUpstreamError } from '../../core/upstream-error';
import type { AdapterError } from '../../spec/adapter-error';
import type { UpstreamErrorResponse } from '../../spec/provider-adapter';
import { dashScopeErrorSchema } from './dashscope-api';
import { mapDashScopeErrorCode } from './map-dashscope-error-code';

/** `{"code","message","request_id"}`: the code is more precise than the status. */
export function parseDashScopeError(response: UpstreamErrorResponse): AdapterError {
  const body = dashScopeErrorSchema.safeParse(readJson(response.body)).data;
  const text = body?.message ?? (response.body.trim() || 'no error message');
  return createUpstreamError({
    status: response.status,
    headers: response.headers,
    message: body ? `${body.code}: ${text}` : text,
    code: body ? mapDashScopeErrorCode(body.code, text) : undefined,
  });
}

function readJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
