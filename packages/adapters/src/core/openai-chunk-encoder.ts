import type { AdapterError } from '../spec/adapter-error';
import type {
  ChatCompletionChunk,
  ChatCompletionChunkDelta,
  FinishReason,
} from '../spec/openai-chat-response';
import type { StreamEvent } from '../spec/stream-event';
import { toOpenAIUsage, type Usage } from '../spec/usage';
import { createCompletionId } from './build-chat-completion';

export interface OpenAIChunkEncoderOptions {
  /** The model name the caller sees (the exposed name, before mapping). */
  readonly model: string;
  /** The caller asked for `stream_options.include_usage`. */
  readonly includeUsage: boolean;
}

/** SSE frames for an OpenAI client, and what the stream reported along the way. */
export interface OpenAIChunkEncoder {
  /** Frames (`data: ...\n\n`) for one event; empty when the event shows nothing yet. */
  encode(event: StreamEvent): string[];
  /** Closing frames: the usage chunk when asked, then `[DONE]`; nothing after an error. */
  end(): string[];
  /** The last usage the upstream reported, for billing, whether or not the caller sees it. */
  readonly usage: Usage | undefined;
  readonly error: AdapterError | undefined;
}

/**
 * The one writer of `chat.completion.chunk`: role in each choice's first delta, stable
 * tool-call indices, usage in its own chunk after the finish chunks (only when the caller
 * asked), `[DONE]` last. An error becomes an `error` frame and the stream ends without `[DONE]`.
 *
 * Signed thinking goes out as LiteLLM streams it, in `delta.thinking_blocks`, so that a client
 * can send it back on its next tool turn (Anthropic refuses that turn without it). Each block
 * is sent whole, in the delta of the signature that closes it (a `redacted_thinking` block as
 * it arrives): the text streams as `reasoning_content`, and an unsigned piece of a block, which
 * a client could not send back, is never written. The blocks, concatenated, are the
 * `thinking_blocks` of the buffered answer.
 */
export function createOpenAIChunkEncoder(options: OpenAIChunkEncoderOptions): OpenAIChunkEncoder {
  let id = createCompletionId();
  let created = Math.floor(Date.now() / 1000);
  let usage: Usage | undefined;
  let error: AdapterError | undefined;
  const announced = new Set<number>();
  /** Per choice, the reasoning since the last thinking block closed: the next block's text. */
  const blockTexts = new Map<number, string>();

  const frame = (chunk: ChatCompletionChunk) => `data: ${JSON.stringify(chunk)}\n\n`;

  function choiceFrame(
    choice: number,
    delta: ChatCompletionChunkDelta,
    finish: FinishReason | null,
  ) {
    if (!announced.has(choice)) {
      announced.add(choice);
      delta = { role: 'assistant', ...(finish !== null && { content: '' }), ...delta };
    }
    return frame({
      id,
      object: 'chat.completion.chunk',
      created,
      model: options.model,
      choices: [{ index: choice, delta, finish_reason: finish }],
    });
  }

  return {
    get usage() {
      return usage;
    },
    get error() {
      return error;
    },
    encode(event) {
      if (error) return [];
      switch (event.type) {
        case 'start':
          if (event.id) id = event.id;
          if (event.created) created = event.created;
          return [];
        case 'text-delta':
          return [choiceFrame(event.choice, { content: event.text }, null)];
        case 'reasoning-delta':
          blockTexts.set(event.choice, (blockTexts.get(event.choice) ?? '') + event.text);
          return [choiceFrame(event.choice, { reasoning_content: event.text }, null)];
        case 'reasoning-signature': {
          const thinking = blockTexts.get(event.choice) ?? '';
          blockTexts.delete(event.choice);
          const block = { type: 'thinking' as const, thinking, signature: event.signature };
          return [choiceFrame(event.choice, { thinking_blocks: [block] }, null)];
        }
        case 'reasoning-redacted':
          return [
            choiceFrame(
              event.choice,
              { thinking_blocks: [{ type: 'redacted_thinking', data: event.data }] },
              null,
            ),
          ];
        case 'refusal-delta':
          return [choiceFrame(event.choice, { refusal: event.text }, null)];
        case 'tool-call-start':
          return [
            choiceFrame(
              event.choice,
              {
                tool_calls: [
                  {
                    index: event.index,
                    id: event.id,
                    type: 'function',
                    function: { name: event.name, arguments: '' },
                  },
                ],
              },
              null,
            ),
          ];
        case 'tool-call-delta':
          return [
            choiceFrame(
              event.choice,
              {
                tool_calls: [{ index: event.index, function: { arguments: event.argumentsDelta } }],
              },
              null,
            ),
          ];
        case 'finish':
          return [choiceFrame(event.choice, {}, event.reason)];
        case 'usage':
          usage = event.usage;
          return [];
        case 'error':
          error = event.error;
          return [`data: ${JSON.stringify(event.error.toOpenAIError())}\n\n`];
      }
    },
    end() {
      if (error) return [];
      const frames: string[] = [];
      if (options.includeUsage && usage) {
        frames.push(
          frame({
            id,
            object: 'chat.completion.chunk',
            created,
            model: options.model,
            choices: [],
            usage: toOpenAIUsage(usage),
          }),
        );
      }
      frames.push('data: [DONE]\n\n');
      return frames;
    },
  };
}
