import { isAdapterError, toAnthropicError } from '@oneapi/adapters';
import { isLedgerError } from '@oneapi/ledger';
import { isRouterError, ROUTER_ERROR_TRAITS } from '@oneapi/router';
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

/** Anthropic's error body: `{type:'error', error:{type, message}}`. */
export interface AnthropicErrorBody {
  readonly type: 'error';
  readonly error: { readonly type: string; readonly message: string };
}

/**
 * /v1/messages and everything under it: the paths whose clients (the Anthropic SDKs, Claude
 * Code) parse Anthropic's error shape, authentication and unknown routes included.
 */
export function isAnthropicIngress(path: string): boolean {
  return path === '/v1/messages' || path.startsWith('/v1/messages/');
}

/**
 * Any error of a known kind as Anthropic's clients expect it, with the same status the
 * OpenAI shape would have. Unknown errors return undefined and go to the generic handler
 * (no details leak).
 */
export function toAnthropicErrorBody(
  error: unknown,
): { body: AnthropicErrorBody; status: number } | undefined {
  if (isAdapterError(error)) return { body: toAnthropicError(error), status: error.status };
  // An upstream's refusal relayed by the router: in the words the adapters give it for
  // Anthropic's clients (a context-length refusal as Anthropic's, which Claude Code acts on).
  if (
    isRouterError(error) &&
    error.lastError &&
    ROUTER_ERROR_TRAITS[error.code].status === 'upstream'
  )
    return { body: toAnthropicError(error.lastError), status: error.status };
  if (!(error instanceof GatewayError) && !isRouterError(error) && !isLedgerError(error))
    return undefined;
  const status = error.status;
  const type = TYPE_BY_STATUS[status] ?? (status < 500 ? 'invalid_request_error' : 'api_error');
  return { body: { type: 'error', error: { type, message: error.message } }, status };
}
