import { type AdapterError, isAdapterError } from '@oneapi/adapters';
import { isLedgerError, type LedgerError } from '@oneapi/ledger';
import { isRouterError, type RouterError } from '@oneapi/router';
import { isStorageError } from '@oneapi/storage';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Logger } from '../log/create-logger';
import { toAnthropicErrorResponse } from '../routes/relay/anthropic-error-response';
import { GatewayError } from './gateway-error';

/** Paths whose clients speak Anthropic's format, and so parse its error shape. */
const ANTHROPIC_INGRESS = /^\/v1\/messages(\/|$)/;

type KnownError = GatewayError | AdapterError | LedgerError | RouterError;

/**
 * The one place any thrown value becomes an HTTP answer: in Anthropic's error shape on the
 * Anthropic ingress (/v1/messages), in OpenAI's everywhere else. Unknown failures are
 * logged with their stack and answered with a generic message: no stack trace, driver
 * message or upstream key ever reaches the caller.
 */
export function createErrorHandler(logger: Logger) {
  return (error: unknown, c: Context): Response => {
    const known = toKnownError(error, c, logger);
    if (ANTHROPIC_INGRESS.test(c.req.path)) return toAnthropicErrorResponse(known)!;
    return c.json(known.toOpenAIError(), known.status as ContentfulStatusCode);
  };
}

function toKnownError(error: unknown, c: Context, logger: Logger): KnownError {
  if (
    error instanceof GatewayError ||
    isAdapterError(error) ||
    isLedgerError(error) ||
    isRouterError(error)
  ) {
    return error;
  }
  if (error instanceof HTTPException) {
    return new GatewayError(
      error.status === 413 ? 'payload_too_large' : 'invalid_request',
      error.message || 'The request could not be read',
    );
  }
  if ((error as { code?: unknown } | null)?.code === 'ECONNRESET') {
    // The client went away mid-body, or node:http cut it off at REQUEST_TIMEOUT (after
    // answering 408): the client's doing, not an internal error to log.
    return new GatewayError('invalid_request', 'The request body was not received in full');
  }
  const requestId = c.get('requestId' as never) as string | undefined;
  logger.error(
    {
      requestId,
      err: isStorageError(error)
        ? `${error.code}: ${error.message}`
        : String((error as Error)?.stack ?? error),
    },
    'unhandled error',
  );
  return new GatewayError(
    'internal_error',
    `Internal error${requestId ? ` (request ${requestId})` : ''}`,
  );
}
