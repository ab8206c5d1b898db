import { randomBytes } from 'node:crypto';

/** An OpenAI-style tool call id for providers that do not give one (Gemini, Ollama). */
export function createToolCallId(): string {
  return `call_${randomBytes(12).toString('base64url')}`;
}
