import { defineProvider } from '../../core/define-provider';
import type { ProviderAdapter } from '../../spec/provider-adapter';
import { createDashScopeStreamDecoder } from './dashscope-stream-decoder';
import { fromDashScopeResponse } from './from-dashscope-response';
import { parseDashScopeError } from './parse-dashscope-error';
import { toDashScopeRequest } from './to-dashscope-request';

/** Alibaba DashScope's native text generation (Qwen); text only, no embeddings here. */
export const dashscopeAdapter: ProviderAdapter = defineProvider({
  id: 'dashscope',
  name: 'Alibaba DashScope',
  kind: 'native',
  defaultBaseUrl: 'https://dashscope.aliyuncs.com',
  streamFraming: 'sse',
  buildChatRequest: async (request, target) => toDashScopeRequest(request, target),
  parseChatResponse: fromDashScopeResponse,
  createStreamDecoder: createDashScopeStreamDecoder,
  parseError: parseDashScopeError,
});
