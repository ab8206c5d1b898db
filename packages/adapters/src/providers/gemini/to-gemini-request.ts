import type { ChatRequest } from '../../spec/openai-chat-request';
import type { GeminiRequest } from './gemini-api';
import { toGeminiContents } from './to-gemini-contents';
import { toGeminiGenerationConfig } from './to-gemini-generation-config';
import { toGeminiTools } from './to-gemini-tools';
import type { ImageFetchOptions } from './to-gemini-user-parts';

/** The OpenAI chat request as a Gemini generateContent body (the model goes in the URL). */
export async function toGeminiRequest(
  request: ChatRequest,
  options: ImageFetchOptions,
): Promise<GeminiRequest> {
  const generationConfig = toGeminiGenerationConfig(request);
  return {
    ...(await toGeminiContents(request.messages, options, request.model)),
    ...toGeminiTools(request),
    ...(generationConfig ? { generationConfig } : {}),
  };
}
