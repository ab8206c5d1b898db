import type { AdapterError } from '../spec/adapter-error';
import type { ThinkingBlock } from '../spec/openai-chat-request';
import type {
  ChatCompletion,
  ChatCompletionChoice,
  ChatToolCall,
} from '../spec/openai-chat-response';
import type { StreamEvent } from '../spec/stream-event';
import { toOpenAIUsage, type Usage } from '../spec/usage';
import { createCompletionId } from './build-chat-completion';

interface ChoiceState {
  text: string;
  reasoning: string;
  /** Signed thinking blocks; `blockText` is the reasoning since the last one closed. */
  thinkingBlocks: ThinkingBlock[];
  blockText: string;
  refusal: string;
  toolCalls: ChatToolCall[];
  finish: ChatCompletionChoice['finish_reason'];
}

export interface CollectedStream {
  readonly completion: ChatCompletion;
  readonly usage: Usage | undefined;
  readonly error: AdapterError | undefined;
}

/** Folds a stream's events into the `chat.completion` a non-stream call would have returned. */
export async function collectStream(
  events: AsyncIterable<StreamEvent> | Iterable<StreamEvent>,
  model: string,
): Promise<CollectedStream> {
  const choices = new Map<number, ChoiceState>();
  let id = createCompletionId();
  let created = Math.floor(Date.now() / 1000);
  let usage: Usage | undefined;
  let error: AdapterError | undefined;
  const choice = (index: number) => {
    let state = choices.get(index);
    if (!state) {
      state = {
        text: '',
        reasoning: '',
        thinkingBlocks: [],
        blockText: '',
        refusal: '',
        toolCalls: [],
        finish: null,
      };
      choices.set(index, state);
    }
    return state;
  };
  for await (const event of events) {
    switch (event.type) {
      case 'start':
        if (event.id) id = event.id;
        if (event.created) created = event.created;
        break;
      case 'text-delta':
        choice(event.choice).text += event.text;
        break;
      case 'reasoning-delta': {
        const state = choice(event.choice);
        state.reasoning += event.text;
        state.blockText += event.text;
        break;
      }
      case 'reasoning-signature': {
        // A signature closes the thinking block it signs.
        const state = choice(event.choice);
        state.thinkingBlocks.push({
          type: 'thinking',
          thinking: state.blockText,
          signature: event.signature,
        });
        state.blockText = '';
        break;
      }
      case 'reasoning-redacted':
        choice(event.choice).thinkingBlocks.push({ type: 'redacted_thinking', data: event.data });
        break;
      case 'refusal-delta':
        choice(event.choice).refusal += event.text;
        break;
      case 'tool-call-start':
        choice(event.choice).toolCalls[event.index] = {
          id: event.id,
          type: 'function',
          function: { name: event.name, arguments: '' },
        };
        break;
      case 'tool-call-delta': {
        const call = choice(event.choice).toolCalls[event.index];
        if (call) call.function.arguments += event.argumentsDelta;
        break;
      }
      case 'finish':
        choice(event.choice).finish = event.reason;
        break;
      case 'usage':
        usage = event.usage;
        break;
      case 'error':
        error = event.error;
        break;
    }
  }
  const completion: ChatCompletion = {
    id,
    object: 'chat.completion',
    created,
    model,
    choices: [...choices.entries()]
      .sort(([a], [b]) => a - b)
      .map(([index, state]) => ({
        index,
        message: {
          role: 'assistant',
          content: state.text === '' && state.toolCalls.length > 0 ? null : state.text,
          ...(state.refusal && { refusal: state.refusal }),
          ...(state.reasoning && { reasoning_content: state.reasoning }),
          ...(state.thinkingBlocks.length > 0 && { thinking_blocks: state.thinkingBlocks }),
          ...(state.toolCalls.length > 0 && { tool_calls: state.toolCalls.filter(Boolean) }),
        },
        finish_reason: state.finish,
      })),
    ...(usage && { usage: toOpenAIUsage(usage) }),
  };
  return { completion, usage, error };
}
