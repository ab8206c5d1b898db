import {
  AdapterError,
  createProviderClient,
  type JsonEncoder,
  type ProviderAdapter,
} from '@oneapi/adapters';
import type { AttemptCall, UpstreamExecutor } from './ports';

/** The slice of `@oneapi/adapters` the router needs: its `getProvider` satisfies it. */
export interface AdapterRegistry {
  getProvider(type: string): ProviderAdapter;
}

export interface AdapterExecutorOptions {
  readonly adapters: AdapterRegistry;
  /** Any fetch, e.g. one with an undici dispatcher for connect timeouts and pooling. */
  readonly fetch?: typeof fetch;
  /** Resolves the hosts of URLs requests hand upstreams to fetch; default the system's. */
  readonly resolveHost?: (host: string) => Promise<string[]>;
  /** Encodes request bodies as JSON (e.g. a large one off the event loop); default JSON.stringify. */
  readonly encodeJson?: JsonEncoder;
}

/** The default executor: each attempt through `createProviderClient` for the channel's type. */
export function createAdapterExecutor(options: AdapterExecutorOptions): UpstreamExecutor {
  function clientFor(call: AttemptCall) {
    return createProviderClient({
      adapter: adapterFor(options.adapters, call.channel.type),
      target: {
        apiKey: call.apiKey,
        // An upstream may quote any key of the account: errors are scrubbed of them all.
        channelKeys: call.channel.keys,
        ...(call.channel.baseUrl !== undefined && { baseUrl: call.channel.baseUrl }),
        config: { ...call.channel.config },
      },
      ...(options.fetch && { fetch: options.fetch }),
      ...(options.resolveHost && { resolveHost: options.resolveHost }),
      ...(options.encodeJson && { encodeJson: options.encodeJson }),
    });
  }
  return {
    chat: async (call) => clientFor(call).chat(call.request, { signal: call.signal }),
    stream: async (call) => clientFor(call).stream(call.request, { signal: call.signal }),
  };
}

/**
 * A channel whose type has no adapter is misconfigured, not a bad request: the registry's
 * `unsupported` (a client error) becomes a retryable failure so the dispatch moves on.
 */
function adapterFor(adapters: AdapterRegistry, type: string): ProviderAdapter {
  try {
    return adapters.getProvider(type);
  } catch (cause) {
    throw new AdapterError('upstream_bad_response', `No adapter for channel type ${type}`, {
      cause,
    });
  }
}
