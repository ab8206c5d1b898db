import { fromOpenAIUsage } from '../providers/openai/openai-usage';
import type { ChatCompletion } from '../spec/openai-chat-response';
import {
  newItemId,
  toFunctionCallItem,
  toMessageItem,
  toReasoningItem,
  toResponseId,
  toResponseObject,
  toResponsesEnd,
  toResponsesUsage,
} from './responses-output';
import type { ResponsesToolNames } from './responses-tool-names';

/**
 * A canonical completion as the Response object a Responses client expects: reasoning (as a
 * summary, and Anthropic's signed thinking as its encrypted content), the message, then one function_call item per tool call. Only choice 0: the
 * Responses API has no `n`.
 */
export function toResponsesResponse(
  completion: ChatCompletion,
  model: string,
  names: ResponsesToolNames,
) {
  const message = completion.choices[0]?.message;
  const output: unknown[] = [];
  if (message?.reasoning_content || message?.thinking_blocks)
    output.push(
      toReasoningItem(newItemId('rs'), message.reasoning_content ?? '', message.thinking_blocks),
    );
  if (message?.content || message?.refusal)
    output.push(
      toMessageItem(newItemId('msg'), message.content ?? '', message.refusal ?? '', 'completed'),
    );
  for (const call of message?.tool_calls ?? [])
    output.push(
      toFunctionCallItem(
        newItemId('fc'),
        call.id,
        names.fromChatName(call.function.name),
        call.function.arguments,
        'completed',
      ),
    );
  return toResponseObject(
    { id: toResponseId(completion.id), model, createdAt: completion.created },
    {
      ...toResponsesEnd(completion.choices[0]?.finish_reason ?? null),
      output,
      usage: toResponsesUsage(fromOpenAIUsage(completion.usage)),
    },
  );
}
