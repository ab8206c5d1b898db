import { defineProvider } from '../../core/define-provider';
import type { ProviderAdapter } from '../../spec/provider-adapter';
import { createCloudflareStreamDecoder } from './cloudflare-stream-decoder';
import { fromCloudflareResponse } from './from-cloudflare-response';
import { parseCloudflareError } from './parse-cloudflare-error';
import { toCloudflareRequest } from './to-cloudflare-request';

/** Cloudflare Workers AI through its REST `ai/run` endpoint; text chat and tools. */
export const cloudflareAdapter: ProviderAdapter = defineProvider({
  id: 'cloudflare',
  name: 'Cloudflare Workers AI',
  kind: 'native',
  defaultBaseUrl: 'https://api.cloudflare.com/client/v4',
  streamFraming: 'sse',
  configFields: [
    {
      name: 'accountId',
      label: 'Account ID',
      required: true,
      description: 'The Cloudflare account that runs the models (dashboard > Workers AI).',
    },
  ],
  buildChatRequest: async (request, target) => toCloudflareRequest(request, target),
  parseChatResponse: fromCloudflareResponse,
  createStreamDecoder: createCloudflareStreamDecoder,
  parseError: parseCloudflareError,
});
