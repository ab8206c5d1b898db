import { buildChatCompletion } from '../../core/build-chat-completion';
import { AdapterError } from '../../spec/adapter-error';
import type { ChatRequest } from '../../spec/openai-chat-request';
import type { ChatCompletion, ChatToolCall } from '../../spec/openai-chat-response';
import { type BedrockConverseResponse, bedrockConverseResponseSchema } from './bedrock-api';
import { fromBedrockUsage } from './bedrock-usage';
import { mapBedrockStopReason } from './map-bedrock-stop-reason';

/** Turns a Converse response body into an OpenAI `chat.completion`. */
export function fromBedrockResponse(body: unknown, request: ChatRequest): ChatCompletion {
  const parsed = bedrockConverseResponseSchema.safeParse(body);
  if (!parsed.success) {
    throw new AdapterError(
      'upstream_bad_response',
      'The Bedrock Converse response has an unexpected shape',
      {
        cause: parsed.error,
      },
    );
  }
  const response = parsed.data;
  const blocks = response.output.message.content;
  const texts = blocks.flatMap((block) => (block.text === undefined ? [] : [block.text]));
  const reasoning = blocks
    .map((block) => block.reasoningContent?.reasoningText?.text ?? '')
    .join('');
  return buildChatCompletion({
    model: request.model,
    // No text block at all (a pure tool call) is `null`, as OpenAI sends it.
    text: texts.length > 0 ? texts.join('') : null,
    ...(reasoning && { reasoning }),
    toolCalls: readToolCalls(response),
    finishReason: mapBedrockStopReason(response.stopReason),
    ...(response.usage && { usage: fromBedrockUsage(response.usage) }),
  });
}

function readToolCalls(response: BedrockConverseResponse): ChatToolCall[] {
  return response.output.message.content.flatMap((block) =>
    block.toolUse
      ? [
          {
            id: block.toolUse.toolUseId,
            type: 'function' as const,
            // Bedrock gives the input as an object; a missing one is a call without arguments.
            function: {
              name: block.toolUse.name,
              arguments: JSON.stringify(block.toolUse.input ?? {}),
            },
          },
        ]
      : [],
  );
}
