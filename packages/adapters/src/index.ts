// Contract: the canonical formats, the stream-event union and the adapter interface.

// The Anthropic Messages ingress, and fetch-style handlers for both formats.
export * from './anthropic-ingress';
export { applyRequestOverrides, readRequestOverrides } from './core/apply-request-overrides';
// Building blocks: a client, stream framing and encoding, validation, tokens.
export { buildChatCompletion, createCompletionId } from './core/build-chat-completion';
export {
  CHANNEL_SETTINGS,
  type ConfigCheck,
  checkProviderConfig,
} from './core/check-provider-config';
export { type CollectedStream, collectStream } from './core/collect-stream';
export {
  countPromptTokens,
  countTextsTokens,
  countTextTokens,
  type TokenCounter,
  useTokenCounter,
} from './core/count-tokens';
export { countTokensInThisThread, preloadTokenizer } from './core/count-tokens-in-thread';
export {
  type CallOptions,
  createProviderClient,
  type ProviderClient,
  type ProviderClientOptions,
} from './core/create-provider-client';
export { defineProvider } from './core/define-provider';
export { SLICE_MS, yieldToEventLoop } from './core/event-loop-slices';
export { type FetchImageOptions, fetchImage } from './core/fetch-image';
export { findNativeSupport } from './core/find-native-support';
export {
  assertForwardableUrls,
  type ForwardedUrlOptions,
  findForwardedUrls,
} from './core/forwarded-urls';
export { jsonByteBound } from './core/json-byte-bound';
export {
  createOpenAIChunkEncoder,
  type OpenAIChunkEncoder,
  type OpenAIChunkEncoderOptions,
} from './core/openai-chunk-encoder';
export {
  createOpenAIPassthrough,
  type OpenAIPassthrough,
  type OpenAIPassthroughOptions,
} from './core/openai-passthrough';
export { parseChatRequest } from './core/parse-chat-request';
export { asRecord } from './core/parse-json';
export {
  type ParsedOpenAIChatRequest,
  parseOpenAIChatRequest,
} from './core/parse-openai-chat-request';
export { isPrivateAddress } from './core/private-address';
export {
  boundPromptTokens,
  boundTextsTokens,
  boundTextTokens,
  utf8ByteLength,
} from './core/prompt-token-bound';
export { estimatePromptTokens } from './core/prompt-token-estimate';
export { readStreamMessages, registerFraming } from './core/read-stream-messages';
export { scrubUpstreamError } from './core/scrub-upstream-error';
export { createSecretScrubber, type SecretScrubber, secretForms } from './core/secret-scrubber';
export { createUsageMeter, type UsageMeter } from './core/usage-meter';
export { withJsonMember, withJsonModel } from './core/with-json-model';
// The Gemini generateContent ingress.
export * from './gemini-ingress';
export { createAnthropicMessagesHandler } from './http/create-anthropic-messages-handler';
export {
  type ChatHandlerOptions,
  createOpenAIChatHandler,
} from './http/create-openai-chat-handler';
// Providers.
export { findProvider, getProvider, PROVIDERS } from './providers';
export { anthropicAdapter } from './providers/anthropic/anthropic-adapter';
export { azureAdapter } from './providers/azure/azure-adapter';
export { bedrockAdapter } from './providers/bedrock/bedrock-adapter';
export { cloudflareAdapter } from './providers/cloudflare/cloudflare-adapter';
export { cohereAdapter } from './providers/cohere/cohere-adapter';
export { dashscopeAdapter } from './providers/dashscope/dashscope-adapter';
export { geminiAdapter } from './providers/gemini/gemini-adapter';
export { ollamaAdapter } from './providers/ollama/ollama-adapter';
export type { CompatibleBalanceEndpoint } from './providers/openai/compatible-balances';
export { openaiAdapter } from './providers/openai/openai-adapter';
export {
  type OpenAICompatiblePreset,
  openAICompatible,
} from './providers/openai/openai-compatible';
export type { OpenAICompatibleQuirks } from './providers/openai/openai-compatible-quirks';
export { createOpenAIStreamDecoder } from './providers/openai/openai-stream-decoder';
export { fromOpenAIUsage } from './providers/openai/openai-usage';
export { createVertexAdapter, vertexAdapter } from './providers/vertex/vertex-adapter';
// The Responses API ingress (to canonical, and the event encoder back).
export * from './responses-ingress';
export {
  ADAPTER_ERROR_TRAITS,
  AdapterError,
  type AdapterErrorCode,
  type AdapterErrorKind,
  isAdapterError,
  type OpenAIErrorBody,
} from './spec/adapter-error';
export {
  type ChatMessage,
  type ChatRequest,
  type ChatTool,
  type ChatToolChoice,
  type ContentPart,
  chatRequestSchema,
  messageText,
  requestedMaxTokens,
  type ThinkingBlock,
} from './spec/openai-chat-request';
export type {
  ChatCompletion,
  ChatCompletionChunk,
  ChatToolCall,
  FinishReason,
  OpenAIUsage,
} from './spec/openai-chat-response';
export {
  ADAPTER_SPEC_VERSION,
  type BalanceSupport,
  type ConfigField,
  type EmbeddingsRequest,
  type EmbeddingsResponse,
  type EmbeddingsSupport,
  type JsonEncoder,
  type NativeFormat,
  type NativeRequestInit,
  type NativeSupport,
  type OpenAIEndpoint,
  type PassthroughInit,
  type PassthroughSupport,
  type ProviderAdapter,
  type ProviderCapabilities,
  type RawStreamMessage,
  type StreamDecoder,
  type StreamFraming,
  type UpstreamBalance,
  type UpstreamErrorResponse,
  type UpstreamRequest,
  type UpstreamTarget,
} from './spec/provider-adapter';
export {
  DENIED_OVERRIDE_HEADERS,
  DENIED_OVERRIDE_PARAMS,
  type RequestOverrides,
  requestOverridesSchema,
} from './spec/request-overrides';
export type { StreamEvent, StreamEventType } from './spec/stream-event';
export { toOpenAIUsage, type Usage } from './spec/usage';
