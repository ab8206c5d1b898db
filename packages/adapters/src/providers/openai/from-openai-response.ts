import { asRecord } from '../../core/parse-json';
import { AdapterError } from '../../spec/adapter-error';
import type { ChatCompletion, ChatCompletionChoice } from '../../spec/openai-chat-response';
import { readReasoningField, splitOpenAIContent } from './openai-content';
import { type OpenAIUsageQuirks, toOpenAIUsageMeaning } from './openai-usage';

/**
 * Normalizes a compatible vendor's `chat.completion`: content arrays (Magistral) become
 * text plus `reasoning_content`, and `reasoning` is renamed `reasoning_content`.
 * A body that is already plain OpenAI comes back unchanged in meaning; so does its usage
 * (xAI's reasoning tokens are added to `completion_tokens`, as OpenAI counts them).
 */
export function fromOpenAIResponse(body: unknown, quirks: OpenAIUsageQuirks = {}): ChatCompletion {
  const completion = asRecord(body);
  if (!Array.isArray(completion.choices)) {
    throw new AdapterError('upstream_bad_response', 'The upstream response has no choices');
  }
  return {
    ...(completion as unknown as ChatCompletion),
    object: 'chat.completion',
    choices: completion.choices.map((raw) => normalizeChoice(asRecord(raw))),
    ...(completion.usage !== undefined && {
      usage: toOpenAIUsageMeaning(completion.usage, quirks) as ChatCompletion['usage'],
    }),
  };
}

function normalizeChoice(choice: Record<string, unknown>): ChatCompletionChoice {
  const message = asRecord(choice.message);
  const { reasoning: _reasoning, ...rest } = message;
  const content = splitOpenAIContent(message.content);
  const reasoning = readReasoningField(message) + content.reasoning;
  return {
    ...(choice as unknown as ChatCompletionChoice),
    message: {
      ...(rest as unknown as ChatCompletionChoice['message']),
      role: 'assistant',
      content: message.content === null || message.content === undefined ? null : content.text,
      ...(reasoning ? { reasoning_content: reasoning } : {}),
    },
  };
}
