import { countTextTokens } from '../core/count-tokens';
import { asRecord } from '../core/parse-json';
import type { Usage } from '../spec/usage';

/*
 * Usage of Responses API answers passed through as they are (a Responses client to an
 * OpenAI or Azure channel): `input_tokens` counts every input token, cached ones included;
 * `output_tokens` counts reasoning tokens too.
 */

const count = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : undefined;

/** The usage of a Response object (or its `usage` field's owner); undefined when none. */
export function readResponsesUsage(answer: unknown): Usage | undefined {
  const usage = asRecord(asRecord(answer).usage);
  const promptTokens = count(usage.input_tokens);
  if (promptTokens === undefined) return undefined;
  const input = asRecord(usage.input_tokens_details);
  const cachedTokens = count(input.cached_tokens);
  const cacheWriteTokens = count(input.cache_write_tokens);
  const reasoningTokens = count(asRecord(usage.output_tokens_details).reasoning_tokens);
  return {
    promptTokens,
    completionTokens: count(usage.output_tokens) ?? 0,
    ...(cachedTokens !== undefined && { cachedTokens }),
    ...(cacheWriteTokens ? { cacheWriteTokens } : {}),
    ...(reasoningTokens !== undefined && { reasoningTokens }),
  };
}

/** Counts a Responses API event stream passed through as it is, event by event. */
export interface ResponsesStreamMeter {
  /** One SSE event; returns true: every event goes to the client. */
  observe(event: string | undefined, data: string): boolean;
  /**
   * The usage of the terminal event (`response.completed`, `.incomplete` or `.failed`), as
   * `readResponsesUsage` reads a buffered answer, so both bill the same. A stream cut before
   * it is billed the prompt and what it delivered (text, reasoning summaries, function-call
   * arguments), counted by the tokenizer in slices and flagged as estimated.
   */
  usage(): Promise<Usage>;
  /** The upstream's message when it ended the stream with `response.failed` or `error`. */
  readonly failure: string | undefined;
}

const DELIVERING = new Set([
  'response.output_text.delta',
  'response.refusal.delta',
  'response.reasoning_summary_text.delta',
  'response.reasoning_text.delta',
  'response.function_call_arguments.delta',
  'response.custom_tool_call_input.delta',
]);

const TERMINAL = new Set(['response.completed', 'response.incomplete', 'response.failed']);

export function createResponsesStreamMeter(
  countPrompt: () => Promise<number>,
): ResponsesStreamMeter {
  let reported: Usage | undefined;
  let failure: string | undefined;
  const delivered: string[] = [];
  return {
    observe(event, data) {
      const payload = asRecord(safeParse(data));
      const type = event ?? payload.type;
      if (typeof type !== 'string') return true;
      if (DELIVERING.has(type) && typeof payload.delta === 'string') delivered.push(payload.delta);
      else if (TERMINAL.has(type)) {
        const response = asRecord(payload.response);
        reported = readResponsesUsage(response) ?? reported;
        if (type === 'response.failed')
          failure = String(asRecord(response.error).message ?? 'The response failed upstream');
      } else if (type === 'error') failure = String(payload.message ?? 'The upstream failed');
      return true;
    },
    async usage() {
      if (reported) return reported;
      return {
        promptTokens: await countPrompt(),
        completionTokens: await countTextTokens(delivered.join('')),
        estimated: true,
      };
    },
    get failure() {
      return failure;
    },
  };
}

function safeParse(data: string): unknown {
  try {
    return JSON.parse(data);
  } catch {
    return undefined;
  }
}
