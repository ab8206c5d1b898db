export {
  createGeminiStreamMeter,
  type GeminiStreamMeter,
  readGeminiResponseUsage,
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
export { toCanonicalRequestFromGemini } from './to-canonical-request-from-gemini';
export {
  type GeminiGenerateContentResponse,
  toGeminiResponse,
  toGeminiUsageMetadata,
} from './to-gemini-response';
