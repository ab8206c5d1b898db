import type { ChatRequest } from '../spec/openai-chat-request';

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

/** The text of a prompt that is tokenized, and the tokens it costs besides (framing, images). */
export interface PromptTexts {
  readonly texts: readonly string[];
  /** Tokenized as their JSON text (`toolsText`), after `texts`. */
  readonly tools: ChatRequest['tools'];
  readonly fixedTokens: number;
}

/**
 * What a chat prompt costs, split into the texts to tokenize and the constant tokens around
 * them. One walk over the request, linear in its size: the exact count and the upper bound
 * both read it, so they cover the same text.
 */
export function collectPromptTexts(request: ChatRequest): PromptTexts {
  const texts: string[] = [];
  let fixedTokens = REPLY_PRIMING;
  for (const message of request.messages) {
    fixedTokens += TOKENS_PER_MESSAGE;
    const content = (message as { content?: unknown }).content;
    if (typeof content === 'string') texts.push(content);
    else if (Array.isArray(content)) {
      for (const part of content as Array<{
        type?: string;
        text?: string;
        image_url?: { detail?: string };
      }>) {
        if (part.type === 'text' && typeof part.text === 'string') texts.push(part.text);
        if (part.type === 'image_url')
          fixedTokens += part.image_url?.detail === 'high' ? HIGH_DETAIL_IMAGE : LOW_DETAIL_IMAGE;
      }
    }
    if (message.role === 'assistant' && message.tool_calls) {
      // A custom tool's call (OpenAI's wire shape, relayed as written) has `custom.input`.
      for (const call of message.tool_calls as Array<{
        function?: { name?: string; arguments?: string };
        custom?: { name?: string; input?: string };
      }>)
        texts.push(
          (call.function?.name ?? call.custom?.name ?? '') +
            (call.function?.arguments ?? call.custom?.input ?? ''),
        );
    }
  }
  return { texts, tools: request.tools, fixedTokens };
}

/**
 * The tools as the tokenizer reads them, their JSON. Only the exact count builds it (linear;
 * the body's depth is capped before it is parsed); the hold's bound measures it with
 * `jsonByteBound`, which costs no copy of a schema of megabytes.
 */
export function toolsText(tools: NonNullable<ChatRequest['tools']>): string {
  return JSON.stringify(tools);
}
