import type * as Undici from 'undici';
import apiModule from 'undici/lib/api/index.js';
import connectModule from 'undici/lib/core/connect.js';
import utilModule from 'undici/lib/core/util.js';
import agentModule from 'undici/lib/dispatcher/agent.js';

// undici's index loads all of undici: fetch, WebSocket, EventSource, caches, mocks (measured
// alone: 3.1 MiB more V8 heap, 9 MiB more RSS and 65 ms more to load than these three files).
// The upstream fetch needs only its Agent, `request` and the connector, so they are imported
// from their own files; undici has no `exports` map, and a moved file fails at start, loudly.

type RequestOptions = NonNullable<Parameters<typeof Undici.request>[1]>;
type DispatcherRequest = (
  this: Undici.Dispatcher,
  options: Undici.Dispatcher.RequestOptions<unknown>,
) => Promise<Undici.Dispatcher.ResponseData>;
const dispatcherRequest = (apiModule as { request: DispatcherRequest }).request;
const parseURL = (utilModule as { parseURL: (url: string) => URL }).parseURL;

/** undici's Agent: the connection pool per origin the upstream fetch sends through. */
export const Agent = agentModule as typeof Undici.Agent;

/**
 * undici's `request(url, options)`: a call on `options.dispatcher` without WHATWG fetch's
 * Request and checks. As undici's index builds it (makeDispatcher), for a URL string.
 */
export function request(
  url: string,
  options: RequestOptions & { readonly dispatcher: Undici.Dispatcher },
): Promise<Undici.Dispatcher.ResponseData> {
  const parsed = parseURL(url);
  return dispatcherRequest.call(options.dispatcher, {
    ...options,
    origin: parsed.origin,
    path: parsed.search ? `${parsed.pathname}${parsed.search}` : parsed.pathname,
    method: options.method || (options.body ? 'PUT' : 'GET'),
  });
}

/** undici's connector factory, which the private-address guard wraps. */
export const buildConnector = connectModule as typeof Undici.buildConnector;
