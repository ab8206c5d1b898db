import type { AdapterError } from '../spec/adapter-error';

/** google.rpc status names by HTTP status, as Google's APIs pair them. */
const STATUS_NAMES: Readonly<Record<number, string>> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  402: 'RESOURCE_EXHAUSTED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ABORTED',
  413: 'INVALID_ARGUMENT',
  429: 'RESOURCE_EXHAUSTED',
  499: 'CANCELLED',
  500: 'INTERNAL',
  501: 'UNIMPLEMENTED',
  502: 'UNAVAILABLE',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

/** Gemini's error body: `{error:{code, message, status}}`. */
export interface GeminiErrorBody {
  readonly error: { readonly code: number; readonly message: string; readonly status: string };
}

/** An error with HTTP status `status` in the shape Google's SDKs and Gemini CLI parse. */
export function toGeminiErrorBody(status: number, message: string): GeminiErrorBody {
  const name = STATUS_NAMES[status] ?? (status < 500 ? 'FAILED_PRECONDITION' : 'INTERNAL');
  return { error: { code: status, message, status: name } };
}

/** An AdapterError in Gemini's shape. */
export function toGeminiError(error: AdapterError): GeminiErrorBody {
  return toGeminiErrorBody(error.status, error.message);
}
