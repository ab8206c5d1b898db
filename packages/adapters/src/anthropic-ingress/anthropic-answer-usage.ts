import { countTextTokens } from '../core/count-tokens';
import { asRecord } from '../core/parse-json';
import { fromAnthropicUsage } from '../providers/anthropic/anthropic-usage';
import { parseAnthropicErrorObject } from '../providers/anthropic/parse-anthropic-error';
import type { AdapterError } from '../spec/adapter-error';
import type { Usage } from '../spec/usage';

/**
 * The failure an `error` event reports (`{"type":"error","error":{"type","message"}}`), as the
 * adapters classify it: before anything was relayed, a retryable one may fail over.
 */
export function readAnthropicStreamError(data: string): AdapterError {
  return parseAnthropicErrorObject(safeParse(data), 500);
}

/** The usage of a buffered Messages answer; undefined when it reports none. */
export function readAnthropicMessageUsage(answer: unknown): Usage | undefined {
  const usage = asRecord(answer).usage;
  return usage === undefined ? undefined : fromAnthropicUsage(usage);
}

/** Counts a Messages stream passed through as it is, event by event. */
export interface AnthropicStreamMeter {
  /** One SSE event (`event:` name, `data` text); returns true: every event goes to the client. */
  observe(event: string | undefined, data: string): boolean;
  /**
   * The answer's usage as `readAnthropicMessageUsage` reads a buffered answer (so both bill
   * the same); a stream cut before `message_delta` is billed at least what it delivered,
   * counted by the tokenizer (in slices) and flagged; one with no usage at all, estimated.
   */
  usage(): Promise<Usage>;
  /** The upstream's message when it ended the stream with an `error` event. */
  readonly failure: string | undefined;
  /**
   * Why a stream that closed cleanly is still not a whole answer: no `message_stop` (nor an
   * `error`) came, so the upstream or something between cut it. Undefined when whole.
   */
  unfinished(): string | undefined;
}

/**
 * `message_start` carries the input side of usage, `message_delta` the cumulative output and
 * may restate the input with a different value: fields are merged, the later value wins.
 */
export function createAnthropicStreamMeter(
  countPrompt: () => Promise<number>,
): AnthropicStreamMeter {
  let reported: Record<string, unknown> | undefined;
  let finalUsageSeen = false;
  // Kept unparsed: their text matters only when the stream is cut before message_delta.
  const deltas: string[] = [];
  let failure: string | undefined;
  let stopped = false;
  const merge = (usage: unknown) => {
    if (typeof usage !== 'object' || usage === null) return;
    reported = { ...reported, ...(usage as Record<string, unknown>) };
  };
  return {
    observe(event, data) {
      // Anthropic names every event as its payload's type; without the name, the payload says.
      const type = event ?? asRecord(safeParse(data)).type;
      if (type === 'content_block_delta') deltas.push(data);
      else if (type === 'message_start') {
        merge(asRecord(asRecord(safeParse(data)).message).usage);
      } else if (type === 'message_delta') {
        merge(asRecord(safeParse(data)).usage);
        finalUsageSeen = true;
      } else if (type === 'message_stop') {
        stopped = true;
      } else if (type === 'error') {
        const error = asRecord(asRecord(safeParse(data)).error);
        failure = typeof error.message === 'string' ? error.message : 'The upstream stream failed';
      }
      return true;
    },
    async usage() {
      const deliveredTokens = finalUsageSeen ? 0 : await countTextTokens(deliveredText(deltas));
      if (reported) {
        const usage = fromAnthropicUsage(reported);
        if (finalUsageSeen || usage.completionTokens >= deliveredTokens) return usage;
        return { ...usage, completionTokens: deliveredTokens, estimated: true };
      }
      return {
        promptTokens: await countPrompt(),
        completionTokens: deliveredTokens,
        estimated: true,
      };
    },
    get failure() {
      return failure;
    },
    unfinished: () =>
      stopped || failure !== undefined
        ? undefined
        : 'The upstream closed the stream before message_stop',
  };
}

/** The text, thinking and tool input the deltas carried. */
function deliveredText(deltas: readonly string[]): string {
  let text = '';
  for (const data of deltas) {
    const delta = asRecord(asRecord(safeParse(data)).delta);
    for (const field of ['text', 'thinking', 'partial_json'])
      if (typeof delta[field] === 'string') text += delta[field];
  }
  return text;
}

function safeParse(data: string): unknown {
  try {
    return JSON.parse(data);
  } catch {
    return undefined;
  }
}
