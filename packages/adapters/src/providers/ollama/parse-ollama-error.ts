import { createUpstreamError } from '../../core/upstream-error';
import { AdapterError, type AdapterErrorCode } from '../../spec/adapter-error';
import type { UpstreamErrorResponse } from '../../spec/provider-adapter';

/** Ollama errors are `{"error": "..."}`; a missing model is 404 `model "x" not found`. */
export function parseOllamaError(response: UpstreamErrorResponse): AdapterError {
  const message = readErrorMessage(response.body) ?? (response.body.trim() || 'no error message');
  return createUpstreamError({
    status: response.status,
    headers: response.headers,
    message,
    code: ollamaErrorCode(message),
  });
}

/** The `{"error": "..."}` line Ollama writes when a stream fails after HTTP 200 was sent. */
export function createOllamaStreamError(message: string): AdapterError {
  return new AdapterError(
    ollamaErrorCode(message) ?? 'upstream_server_error',
    `Upstream stream error: ${message}`,
  );
}

/** Only what the message names more precisely than the status does. */
function ollamaErrorCode(message: string): AdapterErrorCode | undefined {
  if (/model .* not found/i.test(message)) return 'model_not_found';
  return undefined;
}

function readErrorMessage(body: string): string | undefined {
  try {
    const error = (JSON.parse(body) as { error?: unknown } | null)?.error;
    return typeof error === 'string' ? error : undefined;
  } catch {
    return undefined;
  }
}
