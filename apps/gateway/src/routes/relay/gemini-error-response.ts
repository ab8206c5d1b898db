import { type GeminiErrorBody, isAdapterError, toGeminiErrorBody } from '@oneapi/adapters';
import { isLedgerError } from '@oneapi/ledger';
import { isRouterError } from '@oneapi/router';
import type { Context } from 'hono';
import { GatewayError } from '../../http/gateway-error';

/**
 * Whether the caller is one of Google's SDKs: they send `x-goog-api-client` (and the key as
 * `x-goog-api-key`). Since @google/genai 2 they use /v1, where /v1/models is OpenAI's too.
 */
export function isGoogleClient(c: Context): boolean {
  return (
    c.req.header('x-goog-api-client') !== undefined || c.req.header('x-goog-api-key') !== undefined
  );
}

/**
 * The requests whose clients (Google's SDKs, Gemini CLI) parse Gemini's error shape: all of
 * /v1beta, the generate methods under /v1, and Google's clients on /v1/models.
 */
export function isGeminiIngress(c: Context): boolean {
  const path = c.req.path;
  return (
    path.startsWith('/v1beta/') ||
    /^\/v1\/models\/.+:(generateContent|streamGenerateContent|countTokens)$/.test(path) ||
    ((path === '/v1/models' || path.startsWith('/v1/models/')) && isGoogleClient(c))
  );
}

/**
 * Any error of a known kind as Gemini's clients expect it, with the same status the OpenAI
 * shape would have. Unknown errors return undefined and go to the generic handler.
 */
export function toGeminiErrorResponse(
  error: unknown,
): { body: GeminiErrorBody; status: number } | undefined {
  if (
    !isAdapterError(error) &&
    !(error instanceof GatewayError) &&
    !isRouterError(error) &&
    !isLedgerError(error)
  )
    return undefined;
  return { body: toGeminiErrorBody(error.status, error.message), status: error.status };
}
