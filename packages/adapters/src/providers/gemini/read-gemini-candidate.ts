import { createToolCallId } from '../../core/tool-call-ids';
import type { ChatToolCall, FinishReason } from '../../spec/openai-chat-response';
import type { GeminiCandidate } from './gemini-api';
import { encodeToolCallId } from './gemini-thought-signature';
import { mapGeminiStopReason } from './map-gemini-stop-reason';

export interface CandidateMessage {
  /** OpenAI choice index. */
  readonly index: number;
  /** Null when the candidate is only tool calls, as OpenAI does. */
  readonly text: string | null;
  readonly reasoning: string;
  readonly toolCalls: ChatToolCall[];
  readonly finishReason: FinishReason | null;
}

/** One complete (non-stream) candidate as the parts of an OpenAI choice. */
export function readGeminiCandidate(
  candidate: GeminiCandidate,
  position: number,
): CandidateMessage {
  let text = '';
  let reasoning = '';
  const toolCalls: ChatToolCall[] = [];
  for (const part of candidate.content?.parts ?? []) {
    if (part.functionCall?.name) {
      toolCalls.push({
        // Gemini rarely gives an id; OpenAI clients need one to send the result back.
        id: encodeToolCallId(part.functionCall.id ?? createToolCallId(), part.thoughtSignature),
        type: 'function',
        function: {
          name: part.functionCall.name,
          arguments: JSON.stringify(part.functionCall.args ?? {}),
        },
      });
    } else if (part.text !== undefined) {
      if (part.thought) reasoning += part.text;
      else text += part.text;
    }
  }
  return {
    index: candidate.index ?? position,
    text: text === '' && toolCalls.length > 0 ? null : text,
    reasoning,
    toolCalls,
    finishReason: candidate.finishReason
      ? mapGeminiStopReason(candidate.finishReason, toolCalls.length > 0)
      : null,
  };
}
