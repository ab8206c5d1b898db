/** A failed admin API call, read from the gateway's OpenAI-shaped error body. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  /** HTTP status; 0 when the request never got an answer. */
  readonly status: number;
  /** The request field the server blamed (`baseUrl`, `username`…), or null. */
  readonly param: string | null;
  /** The gateway's error code (`conflict`, `csrf_failed`…), or null. */
  readonly code: string | null;

  constructor(message: string, status: number, param: string | null, code: string | null) {
    super(message);
    this.status = status;
    this.param = param;
    this.code = code;
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const textOrNull = (value: unknown): string | null =>
  typeof value === 'string' && value !== '' ? value : null;

/**
 * Turns a response body into an ApiError. The body is untrusted: a proxy in front of the
 * gateway may answer with HTML or nothing, so every field is checked and a fallback kept.
 */
export function toApiError(status: number, body: unknown): ApiError {
  const error = isRecord(body) && isRecord(body.error) ? body.error : null;
  const message = textOrNull(error?.message) ?? `The server answered ${status}`;
  return new ApiError(message, status, textOrNull(error?.param), textOrNull(error?.code));
}

/** The server prefixes field errors with `param: `; a message shown beside the field drops it. */
export function fieldMessage(error: ApiError): string {
  const prefix = `${error.param}: `;
  return error.param && error.message.startsWith(prefix)
    ? error.message.slice(prefix.length)
    : error.message;
}
