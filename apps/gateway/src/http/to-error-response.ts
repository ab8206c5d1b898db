import { isAdapterError } from '@oneapi/adapters';
import { isLedgerError } from '@oneapi/ledger';
import { isRouterError } from '@oneapi/router';
import { isStorageError } from '@oneapi/storage';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Logger } from '../log/create-logger';
import { isAnthropicIngress, toAnthropicErrorBody } from '../routes/relay/anthropic-error-response';
import { isGeminiIngress, toGeminiErrorResponse } from '../routes/relay/gemini-error-response';
import { GatewayError } from './gateway-error';

/**
 * The one place any thrown value becomes an HTTP answer: in Anthropic's error shape on
 * /v1/messages and Gemini's on /v1beta (authentication and limits included: their SDKs
 * parse nothing else), in OpenAI's everywhere else. Unknown failures are logged with their stack and answered with
 * a generic message: no stack trace, driver message or upstream key ever reaches the caller.
 */
export function createErrorHandler(logger: Logger) {
  return (error: unknown, c: Context): Response => toErrorResponse(error, c, logger);
}

/** `error` (a GatewayError or another package's error) in the shape the path's clients read. */
export function renderError(
  c: Context,
  error: GatewayError | { status: number; toOpenAIError(): object },
): Response {
  const anthropic = isAnthropicIngress(c.req.path) ? toAnthropicErrorBody(error) : undefined;
  if (anthropic) return c.json(anthropic.body, anthropic.status as ContentfulStatusCode);
  const gemini = isGeminiIngress(c) ? toGeminiErrorResponse(error) : undefined;
  if (gemini) return c.json(gemini.body, gemini.status as ContentfulStatusCode);
  return c.json(error.toOpenAIError(), error.status as ContentfulStatusCode);
}

function toErrorResponse(error: unknown, c: Context, logger: Logger): Response {
  if (
    error instanceof GatewayError ||
    isAdapterError(error) ||
    isLedgerError(error) ||
    isRouterError(error)
  ) {
    return renderError(c, error);
  }
  if (error instanceof HTTPException) {
    const gatewayError = new GatewayError(
      error.status === 413 ? 'payload_too_large' : 'invalid_request',
      error.message || 'The request could not be read',
    );
    return renderError(c, gatewayError);
  }
  if ((error as { code?: unknown } | null)?.code === 'ECONNRESET') {
    // The client went away mid-body, or node:http cut it off at REQUEST_TIMEOUT (after
    // answering 408): the client's doing, not an internal error to log.
    const incomplete = new GatewayError(
      'invalid_request',
      'The request body was not received in full',
    );
    return renderError(c, incomplete);
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
  const internal = new GatewayError(
    'internal_error',
    `Internal error${requestId ? ` (request ${requestId})` : ''}`,
  );
  return renderError(c, internal);
}
