import { countTextTokens } from '../core/count-tokens';
import { asRecord } from '../core/parse-json';
import { geminiErrorBodySchema, geminiUsageMetadataSchema } from '../providers/gemini/gemini-api';
import { toGeminiAdapterError } from '../providers/gemini/parse-gemini-error';
import { toGeminiUsage } from '../providers/gemini/to-gemini-usage';
import type { AdapterError } from '../spec/adapter-error';
import type { Usage } from '../spec/usage';

/*
 * Usage of Gemini answers passed through as they are (a Gemini client to a Gemini channel):
 * read from `usageMetadata` the way the Gemini adapter reads it, so a passed-through answer
 * bills the same as a translated one.
 */

/**
 * The failure a streamed chunk reports (`{"error": {code, message, status}}`), as the provider
 * reads a non-2xx answer; undefined for a chunk that is not an error.
 */
export function readGeminiStreamError(data: string): AdapterError | undefined {
  const parsed = geminiErrorBodySchema.safeParse(safeParse(data));
  if (!parsed.success) return undefined;
  return toGeminiAdapterError(parsed.data, parsed.data.error.code ?? 500);
}

/** The usage of a buffered GenerateContentResponse; undefined when it reports none. */
export function readGeminiResponseUsage(answer: unknown): Usage | undefined {
  const parsed = geminiUsageMetadataSchema.safeParse(asRecord(answer).usageMetadata);
  return parsed.success ? toGeminiUsage(parsed.data) : undefined;
}

/** Counts a Gemini SSE stream passed through as it is, chunk by chunk. */
export interface GeminiStreamMeter {
  /** One SSE event's data; returns true: every chunk goes to the client. */
  observe(event: string | undefined, data: string): boolean;
  /**
   * The answer's usage as `readGeminiResponseUsage` reads a buffered one (so both bill the
   * same). A stream cut before its finishReason is billed at least what it delivered, counted
   * by the tokenizer (in slices) and flagged; one with no usage at all, estimated.
   */
  usage(): Promise<Usage>;
  /** The upstream's message when it ended the stream with an error object. */
  readonly failure: string | undefined;
}

/**
 * Every chunk repeats the usage so far (cumulative): the last one wins. Text, thoughts and
 * function-call arguments are kept as they went by, for a stream cut before the end.
 */
export function createGeminiStreamMeter(countPrompt: () => Promise<number>): GeminiStreamMeter {
  let reported: Usage | undefined;
  let finished = false;
  let failure: string | undefined;
  const delivered: string[] = [];
  return {
    observe(_event, data) {
      const chunk = asRecord(safeParse(data));
      const error = asRecord(chunk.error);
      if (chunk.error !== undefined) {
        failure = typeof error.message === 'string' ? error.message : 'The upstream stream failed';
        return true;
      }
      reported = readGeminiResponseUsage(chunk) ?? reported;
      const candidates = Array.isArray(chunk.candidates) ? chunk.candidates : [];
      for (const candidate of candidates) {
        const { content, finishReason } = asRecord(candidate);
        if (finishReason !== undefined) finished = true;
        const parts = asRecord(content).parts;
        for (const part of Array.isArray(parts) ? parts : []) delivered.push(deliveredText(part));
      }
      return true;
    },
    async usage() {
      const deliveredTokens = finished ? 0 : await countTextTokens(delivered.join(''));
      if (reported) {
        if (finished || reported.completionTokens >= deliveredTokens) return reported;
        return { ...reported, completionTokens: deliveredTokens, estimated: true };
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
  };
}

function deliveredText(part: unknown): string {
  const { text, functionCall } = asRecord(part);
  if (typeof text === 'string') return text;
  return functionCall === undefined ? '' : JSON.stringify(asRecord(functionCall).args ?? {});
}

function safeParse(data: string): unknown {
  try {
    return JSON.parse(data);
  } catch {
    return undefined;
  }
}
