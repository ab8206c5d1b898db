import { z } from 'zod';

/*
 * The slice of Cohere v2 (/v2/chat, /v2/embed) this adapter writes and reads.
 * Types for what we send; zod schemas for what we read, loose so new fields pass.
 */

export type CohereContentPart =
  | { type: 'text'; text: string }
  | { type: 'image_url'; image_url: { url: string; detail?: 'auto' | 'low' | 'high' } };

export interface CohereToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

export type CohereMessage =
  | { role: 'system'; content: string }
  | { role: 'user'; content: string | CohereContentPart[] }
  | { role: 'assistant'; content?: string; tool_calls?: CohereToolCall[] }
  | { role: 'tool'; tool_call_id: string; content: string };

export interface CohereTool {
  type: 'function';
  function: { name: string; description?: string; parameters?: Record<string, unknown> };
}

export const cohereUsageSchema = z.looseObject({
  billed_units: z
    .looseObject({ input_tokens: z.number().optional(), output_tokens: z.number().optional() })
    .nullish(),
  tokens: z
    .looseObject({ input_tokens: z.number().optional(), output_tokens: z.number().optional() })
    .nullish(),
  cached_tokens: z.number().nullish(),
});

export type CohereUsage = z.infer<typeof cohereUsageSchema>;

const toolCallSchema = z.looseObject({
  id: z.string(),
  function: z.looseObject({ name: z.string(), arguments: z.string().nullish() }),
});

export const cohereChatResponseSchema = z.looseObject({
  id: z.string(),
  finish_reason: z.string(),
  message: z.looseObject({
    content: z
      .array(
        z.looseObject({
          type: z.string(),
          text: z.string().optional(),
          thinking: z.string().optional(),
        }),
      )
      .nullish(),
    tool_plan: z.string().nullish(),
    tool_calls: z.array(toolCallSchema).nullish(),
  }),
  usage: cohereUsageSchema.nullish(),
});

export type CohereChatResponse = z.infer<typeof cohereChatResponseSchema>;

const contentDelta = z.looseObject({
  text: z.string().optional(),
  thinking: z.string().optional(),
});

/** The stream events the decoder acts on; content-end, tool-call-end and citation-* are skipped. */
export const cohereStreamEventSchema = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('message-start'), id: z.string().optional() }),
  z.looseObject({
    type: z.enum(['content-start', 'content-delta']),
    delta: z.looseObject({ message: z.looseObject({ content: contentDelta }) }),
  }),
  z.looseObject({
    type: z.literal('tool-plan-delta'),
    delta: z.looseObject({ message: z.looseObject({ tool_plan: z.string() }) }),
  }),
  z.looseObject({
    type: z.literal('tool-call-start'),
    index: z.number(),
    delta: z.looseObject({
      message: z.looseObject({
        tool_calls: z.looseObject({
          id: z.string(),
          function: z.looseObject({ name: z.string(), arguments: z.string().optional() }),
        }),
      }),
    }),
  }),
  z.looseObject({
    type: z.literal('tool-call-delta'),
    index: z.number(),
    delta: z.looseObject({
      message: z.looseObject({
        tool_calls: z.looseObject({ function: z.looseObject({ arguments: z.string() }) }),
      }),
    }),
  }),
  z.looseObject({
    type: z.literal('message-end'),
    delta: z.looseObject({
      finish_reason: z.string().nullish(),
      usage: cohereUsageSchema.nullish(),
      error: z.string().nullish(),
    }),
  }),
]);

export type CohereStreamEvent = z.infer<typeof cohereStreamEventSchema>;

export const COHERE_HANDLED_EVENTS: ReadonlySet<string> = new Set([
  'message-start',
  'content-start',
  'content-delta',
  'tool-plan-delta',
  'tool-call-start',
  'tool-call-delta',
  'message-end',
]);

export const cohereEmbedResponseSchema = z.looseObject({
  embeddings: z.looseObject({ float: z.array(z.array(z.number())) }),
  meta: z
    .looseObject({ billed_units: z.looseObject({ input_tokens: z.number().optional() }).nullish() })
    .nullish(),
});
