import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import type { ChatRequest } from '../spec/openai-chat-request';

// Special-token markers in user text are just text; counting them must never throw.
const AS_PLAIN_TEXT = { disallowedSpecial: new Set<string>() };

/** Tokens of a text with o200k_base (GPT-4o's encoding), bundled: nothing is downloaded. */
export function countTextTokens(text: string): number {
  return text === '' ? 0 : countTokens(text, AS_PLAIN_TEXT);
}

/*
 * OpenAI's published accounting for chat prompts: 3 tokens of framing per message and 3 to
 * prime the reply. Images are counted at the "low detail" flat 85 tokens unless the caller
 * asked for high detail (then 765, a 512px-tile estimate). Other providers tokenize
 * differently; this is an estimate for quota reservation and for streams that report no usage.
 */
const TOKENS_PER_MESSAGE = 3;
const REPLY_PRIMING = 3;
const LOW_DETAIL_IMAGE = 85;
const HIGH_DETAIL_IMAGE = 765;

export function estimatePromptTokens(request: ChatRequest): number {
  let total = REPLY_PRIMING;
  for (const message of request.messages) {
    total += TOKENS_PER_MESSAGE;
    const content = (message as { content?: unknown }).content;
    if (typeof content === 'string') total += countTextTokens(content);
    else if (Array.isArray(content)) {
      for (const part of content as Array<{
        type?: string;
        text?: string;
        image_url?: { detail?: string };
      }>) {
        if (part.type === 'text' && typeof part.text === 'string')
          total += countTextTokens(part.text);
        if (part.type === 'image_url')
          total += part.image_url?.detail === 'high' ? HIGH_DETAIL_IMAGE : LOW_DETAIL_IMAGE;
      }
    }
    if (message.role === 'assistant' && message.tool_calls) {
      for (const call of message.tool_calls)
        total += countTextTokens(call.function.name + call.function.arguments);
    }
  }
  if (request.tools) total += countTextTokens(JSON.stringify(request.tools));
  return total;
}
