import { isAdapterError, toAnthropicError } from '@oneapi/adapters';
import { isLedgerError } from '@oneapi/ledger';
import { isRouterError } from '@oneapi/router';
import { GatewayError } from '../../http/gateway-error';

/** Anthropic's error types by HTTP status, for errors that are not the adapters' own. */
const TYPE_BY_STATUS: Readonly<Record<number, string>> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  402: 'billing_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  503: 'overloaded_error',
  529: 'overloaded_error',
};

/**
 * Any error of a known kind as Anthropic's clients expect it on /v1/messages:
 * `{type:'error', error:{type, message}}` with the same status the OpenAI shape would have.
 * Unknown errors return undefined and go to the generic handler (no details leak).
 */
export function toAnthropicErrorResponse(error: unknown): Response | undefined {
  if (isAdapterError(error))
    return Response.json(toAnthropicError(error), { status: error.status });
  if (!(error instanceof GatewayError) && !isRouterError(error) && !isLedgerError(error))
    return undefined;
  const status = error.status;
  const type = TYPE_BY_STATUS[status] ?? (status < 500 ? 'invalid_request_error' : 'api_error');
  return Response.json({ type: 'error', error: { type, message: error.message } }, { status });
}
