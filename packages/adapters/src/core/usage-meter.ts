import type { ChatRequest } from '../spec/openai-chat-request';
import type { StreamEvent } from '../spec/stream-event';
import type { Usage } from '../spec/usage';
import { countPromptTokens, countTextTokens } from './count-tokens';

export interface UsageMeter {
  /** Feed every event the caller was sent. */
  observe(event: StreamEvent): void;
  /**
   * The provider's usage when it reported any; otherwise an estimate from the request and
   * the text delivered so far, flagged `estimated`. A cut stream is billed for what it delivered.
   * Async because that estimate runs the tokenizer in slices, so a long stream never holds
   * the event loop while it is counted.
   */
  usage(): Promise<Usage>;
}

/** Keeps the usage of one stream, falling back to the local tokenizer when the provider says nothing. */
export function createUsageMeter(request: ChatRequest): UsageMeter {
  let reported: Usage | undefined;
  let delivered = '';
  return {
    observe(event) {
      if (event.type === 'usage') reported = event.usage;
      else if (
        event.type === 'text-delta' ||
        event.type === 'reasoning-delta' ||
        event.type === 'refusal-delta'
      ) {
        delivered += event.text;
      } else if (event.type === 'tool-call-start') delivered += event.name;
      else if (event.type === 'tool-call-delta') delivered += event.argumentsDelta;
    },
    async usage() {
      if (reported) return reported;
      return {
        promptTokens: await countPromptTokens(request),
        completionTokens: await countTextTokens(delivered),
        estimated: true,
      };
    },
  };
}
