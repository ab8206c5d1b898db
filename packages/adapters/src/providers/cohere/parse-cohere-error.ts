import { createUpstreamError } from '../../core/upstream-error';
import type { AdapterError, AdapterErrorCode } from '../../spec/adapter-error';
import type { UpstreamErrorResponse } from '../../spec/provider-adapter';

/** Cohere errors are `{"message": "..."}` (sometimes with an `id`); the status carries the class. */
export function parseCohereError(response: UpstreamErrorResponse): AdapterError {
  const message = readMessage(response.body) ?? (response.body.trim() || 'no error message');
  return createUpstreamError({
    status: response.status,
    headers: response.headers,
    message,
    code: cohereErrorCode(response.status, message),
  });
}

function cohereErrorCode(status: number, message: string): AdapterErrorCode | undefined {
  // 498 is Cohere's "invalid token" status.
  if (status === 498) return 'upstream_auth_failed';
  if (
    status === 400 &&
    /too many tokens|context length|exceeds? the (?:maximum|limit)/i.test(message)
  ) {
    return 'context_length_exceeded';
  }
  return undefined;
}

function readMessage(body: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(body);
    const message = (parsed as { message?: unknown } | null)?.message;
    return typeof message === 'string' ? message : undefined;
  } catch {
    return undefined;
  }
}
