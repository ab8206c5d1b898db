import { type GeminiErrorBody, isAdapterError, toGeminiErrorBody } from '@oneapi/adapters';
import { isLedgerError } from '@oneapi/ledger';
import { isRouterError } from '@oneapi/router';
import { GatewayError } from '../../http/gateway-error';

/**
 * The paths whose clients (Google's SDKs, Gemini CLI) parse Gemini's error shape: all of
 * /v1beta, and the generate methods under /v1 (the SDK's `apiVersion: 'v1'`).
 */
export function isGeminiIngress(path: string): boolean {
  return (
    path.startsWith('/v1beta/') ||
    /^\/v1\/models\/.+:(generateContent|streamGenerateContent|countTokens)$/.test(path)
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
