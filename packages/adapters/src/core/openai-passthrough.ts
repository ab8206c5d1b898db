import { createParser } from 'eventsource-parser';
import { fromOpenAIUsage } from '../providers/openai/openai-usage';
import type { Usage } from '../spec/usage';

export interface OpenAIPassthroughOptions {
  /** The caller asked for stream usage; otherwise the usage-only chunk is held back. */
  readonly includeUsage: boolean;
}

export interface OpenAIPassthrough {
  /** Bytes in, bytes out: each upstream event is forwarded with its data unchanged. */
  readonly stream: TransformStream<Uint8Array, Uint8Array>;
  /** The usage the upstream reported, once the stream has ended. */
  readonly usage: () => Usage | undefined;
  /** True once `[DONE]` went through. */
  readonly completed: () => boolean;
}

const encoder = new TextEncoder();

/**
 * Relays an OpenAI-format stream to an OpenAI client without re-serialising it. Only
 * chunks that mention usage are parsed (to bill), and the usage-only chunk the gateway
 * asked for on the caller's behalf is dropped when the caller did not ask for it.
 * Events are re-framed as `data: <same text>\n\n`, so comments and odd spacing from the
 * upstream never reach the client.
 */
export function createOpenAIPassthrough(options: OpenAIPassthroughOptions): OpenAIPassthrough {
  let usage: Usage | undefined;
  let done = false;
  const decoder = new TextDecoder();
  // Frames parsed from one network piece are sent as one piece: a stream write per frame
  // costs more than the parsing itself.
  let pending = '';
  const parser = createParser({
    onEvent(event) {
      if (event.data === '[DONE]') done = true;
      else if (event.data.includes('"usage"')) {
        const chunk = JSON.parse(event.data) as { usage?: unknown; choices?: unknown[] };
        usage = fromOpenAIUsage(chunk.usage) ?? usage;
        const usageOnly = Array.isArray(chunk.choices) && chunk.choices.length === 0 && chunk.usage;
        if (usageOnly && !options.includeUsage) return;
      }
      pending += `data: ${event.data}\n\n`;
    },
  });
  const flushTo = (controller: TransformStreamDefaultController<Uint8Array>) => {
    if (pending === '') return;
    controller.enqueue(encoder.encode(pending));
    pending = '';
  };
  const stream = new TransformStream<Uint8Array, Uint8Array>({
    transform(bytes, controller) {
      parser.feed(decoder.decode(bytes, { stream: true }));
      flushTo(controller);
    },
    flush(controller) {
      parser.feed(`${decoder.decode()}\n\n`);
      flushTo(controller);
    },
  });
  return { stream, usage: () => usage, completed: () => done };
}
