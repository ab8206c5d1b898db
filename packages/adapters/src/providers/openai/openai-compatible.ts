import { defineProvider } from '../../core/define-provider';
import type { ChatRequest } from '../../spec/openai-chat-request';
import type {
  BalanceSupport,
  ConfigField,
  EmbeddingsSupport,
  OpenAIEndpoint,
  ProviderAdapter,
  ProviderCapabilities,
  UpstreamTarget,
} from '../../spec/provider-adapter';
import type { CompatibleBalanceEndpoint } from './compatible-balances';
import { fromOpenAIResponse } from './from-openai-response';
import type { OpenAICompatibleQuirks } from './openai-compatible-quirks';
import { createOpenAIEmbeddings } from './openai-embeddings';
import { createOpenAIPassthroughSupport } from './openai-passthrough-support';
import { createOpenAIStreamDecoder } from './openai-stream-decoder';
import { parseOpenAIError } from './parse-openai-error';
import { authHeaders, toOpenAIRequest } from './to-openai-request';

export interface OpenAICompatiblePreset {
  readonly id: string;
  readonly name: string;
  /** Includes the version path, e.g. `https://api.mistral.ai/v1`. Undefined: the channel must set one. */
  readonly defaultBaseUrl: string | undefined;
  readonly quirks?: OpenAICompatibleQuirks;
  readonly capabilities?: Partial<ProviderCapabilities>;
  /** Whether the vendor serves `/embeddings` in OpenAI's shape. */
  readonly embeddings?: boolean;
  /** Other OpenAI endpoints the vendor serves as OpenAI does (passed through byte for byte). */
  readonly endpoints?: readonly OpenAIEndpoint[];
  readonly configFields?: readonly ConfigField[];
  /** The vendor's balance endpoint, when it has one (see `compatible-balances.ts`). */
  readonly balance?: CompatibleBalanceEndpoint;
  /** Builds the URL for an endpoint path (`/chat/completions`, `/embeddings`); Azure's differs. */
  readonly buildUrl?: (target: UpstreamTarget, path: string, request: { model: string }) => string;
}

/** An adapter for a vendor that speaks OpenAI Chat Completions, described by its preset. */
export function openAICompatible(preset: OpenAICompatiblePreset): ProviderAdapter {
  const quirks = preset.quirks ?? {};
  const buildUrl =
    preset.buildUrl ?? ((target: UpstreamTarget, path: string) => `${target.baseUrl}${path}`);
  const embeddings: EmbeddingsSupport | undefined = preset.embeddings
    ? createOpenAIEmbeddings(quirks, buildUrl)
    : undefined;
  const endpoints = [
    ...(preset.embeddings ? (['/embeddings'] as const) : []),
    ...(preset.endpoints ?? []),
  ];
  return defineProvider({
    id: preset.id,
    name: preset.name,
    kind: 'openai-compatible',
    defaultBaseUrl: preset.defaultBaseUrl,
    streamFraming: 'sse',
    ...(preset.configFields && { configFields: preset.configFields }),
    capabilities: {
      vision: true,
      images: endpoints.includes('/images/generations'),
      audio: endpoints.some((endpoint) => endpoint.startsWith('/audio/')),
      ...preset.capabilities,
    },
    passthrough: createOpenAIPassthroughSupport(endpoints, quirks, buildUrl),
    ...(embeddings && { embeddings }),
    ...(preset.balance && { balance: createBalanceSupport(preset.balance, quirks) }),
    buildChatRequest: async (request: ChatRequest, target: UpstreamTarget) =>
      toOpenAIRequest(
        request,
        target,
        quirks,
        buildUrl(target, quirks.chatPath ?? '/chat/completions', request),
      ),
    parseChatResponse: (body) => fromOpenAIResponse(body, quirks),
    createStreamDecoder: () => createOpenAIStreamDecoder(quirks),
    parseError: parseOpenAIError,
  });
}

/** A GET to the vendor's balance endpoint, authenticated as its chat requests are. */
function createBalanceSupport(
  endpoint: CompatibleBalanceEndpoint,
  quirks: OpenAICompatibleQuirks,
): BalanceSupport {
  return {
    buildRequest: (target) => ({
      url: endpoint.url(target.baseUrl),
      method: 'GET',
      headers: { ...authHeaders(target.apiKey, quirks.auth ?? 'bearer'), ...quirks.extraHeaders },
    }),
    parse: endpoint.parse,
  };
}
