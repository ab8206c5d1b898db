export {
  createGeminiStreamMeter,
  type GeminiStreamMeter,
  readGeminiResponseUsage,
  readGeminiStreamError,
} from './gemini-answer-usage';
export {
  createGeminiChunkEncoder,
  type GeminiChunkEncoder,
  type GeminiChunkEncoderOptions,
  type GeminiStreamFraming,
} from './gemini-chunk-encoder';
export { type GeminiErrorBody, toGeminiError, toGeminiErrorBody } from './gemini-error';
export {
  type GeminiCountTokensInput,
  type GeminiGenerateContentInput,
  geminiCountTokensRequestSchema,
  geminiGenerateContentRequestSchema,
} from './gemini-generate-content-schema';
export {
  countGeminiPromptTokens,
  type GeminiPassthroughRequest,
  readGeminiPassthrough,
  withMaxOutputTokens,
} from './read-gemini-passthrough';
export { toCanonicalRequestFromGemini } from './to-canonical-request-from-gemini';
export {
  type GeminiGenerateContentResponse,
  toGeminiResponse,
  toGeminiUsageMetadata,
} from './to-gemini-response';
